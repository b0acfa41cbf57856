// The phone of a commune with no signal, in Chromium at 360×740 against the real server: the
// commune is set up on the first-run screen offline (its typed code its id on the phone), figures
// are typed, and days later the phone enrols with a code for the commune the admin CLI created
// (a fresh id, the same code). Every edit reaches the server under the server's commune; none is
// set aside as another commune's.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { enterVillageCounts, setUpCommune, villageCodes, waitForServiceWorker } from './helpers/app.ts';
import { readKey } from '../../src/domain/keys.ts';
import { e2eDbPath, enrolInApp, enrolOverApi, issueCode, outbox, readMeta, serverOps, syncBar } from './helpers/sync.ts';

const run = promisify(execFile);
const CODE = '31090';

/** `create-commune` of the admin CLI against the e2e server's database; the fresh id it printed. */
async function createCommune(code: string, name: string): Promise<string> {
  const { stdout } = await run(process.execPath, [
    '--import', 'tsx', 'server/admin.ts', 'create-commune', '--code', code, '--name', name, '--province', 'Quảng Ngãi',
    '--village', 'T01=Thôn Một', '--db', e2eDbPath(),
  ], { cwd: process.cwd(), timeout: 60_000 });
  return /id: (\S+)/.exec(stdout)![1]!;
}

test('a commune set up offline, enrolled later with a code of the commune the admin CLI created: every edit reaches the server', async ({ page, context, request }) => {
  test.setTimeout(180_000);
  const serverId = await createCommune(CODE, 'Xã Ba Điền');
  expect(serverId).not.toBe(CODE);

  await page.goto('/');
  await waitForServiceWorker(page);
  await context.setOffline(true);
  await page.reload();
  await setUpCommune(page, { name: 'Xã Ba Điền', code: CODE, province: 'Quảng Ngãi', villages: ['Thôn Một', 'Thôn Hai Mới'] });
  await enterVillageCounts(page, 'T01', { households: 120 });
  await enterVillageCounts(page, 'T02', { households: 64 });
  await context.setOffline(false);

  const [code, readerCode] = await Promise.all([
    issueCode({ commune: serverId, role: 'officer', name: 'Điện thoại xã vùng cao' }),
    issueCode({ commune: serverId, role: 'officer', name: 'Kiểm tra máy chủ e2e' }),
  ]);
  await enrolInApp(page, code);
  await expect(syncBar(page)).toContainText('Đồng bộ lần cuối:');
  await expect.poll(async () => (await outbox(page)).length).toBe(0);
  expect(await readMeta(page, 'currentCommune')).toBe(serverId);

  const reader = await enrolOverApi(request, readerCode);
  const ops = await serverOps(request, reader.token);
  const codes = await villageCodes(page, serverId);
  const households = Object.fromEntries(ops.filter((o) => o.entity === 'villageCounts').map((o) => [codes.get(readKey('counts', o.key)!.village!), o.fields.households]));
  expect(households).toEqual({ T01: 120, T02: 64 });
  expect(ops.every((o) => o.key.startsWith(serverId))).toBe(true);
});

test('a code for a commune with another code is refused on the screen with the reason; nothing typed is touched', async ({ page }) => {
  const serverId = await createCommune('31093', 'Xã Ba Vinh');
  await page.goto('/');
  await setUpCommune(page, { name: 'Xã Ba Điền', code: '31092', province: 'Quảng Ngãi', villages: ['Thôn Một'] });
  await enterVillageCounts(page, 'T01', { households: 120 });
  const queued = await outbox(page);
  const code = await issueCode({ commune: serverId, role: 'officer', name: 'Điện thoại nhầm xã' });
  await syncBar(page).getByRole('link', { name: 'Kết nối', exact: true }).click();
  await page.getByLabel('Mã đăng ký', { exact: true }).fill(code);
  await page.getByRole('button', { name: 'Kết nối', exact: true }).click();
  await expect(page.getByText('Mã đăng ký này dành cho xã có mã 31093, còn máy này đang làm việc với xã có mã 31092. Không có gì thay đổi; hãy xin mã đăng ký của đúng xã.')).toBeVisible();
  expect(await readMeta(page, 'token')).toBeUndefined();
  expect(await readMeta(page, 'currentCommune')).toBe('31092');
  expect(await outbox(page)).toEqual(queued);
  await expect(syncBar(page)).toContainText('Chưa kết nối máy chủ');
});
