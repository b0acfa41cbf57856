// What a cheap phone pays to open the province's list (#/tinh): on a fresh reviewer's phone,
// enrolled with the province's code through the app and its first pull done, the list reads and
// assesses the province once when it opens — not once for this year and again for last year, the
// year under review — and again only when a pull brings new data: a sync run that brings nothing
// leaves it alone; a commune's new answer, pulled, refreshes it once; open during the first pull,
// it is read at most once per commune the pull brings. Counted by the performance
// mark the list's read leaves (src/ui/review/data.ts, PROVINCE_READ_MARK), in Chromium at 360×740
// against the real server.
import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { formatHlc } from '../../src/domain/sync/hlc.ts';
import { readStore } from './helpers/app.ts';
import { admin, enrolInApp, enrolOverApi, issueCode, issueProvinceCode, readMeta, sendNow, syncBar } from './helpers/sync.ts';

const PROVINCE = 'Tỉnh Mở Một Lần';
const CODES = ['97101', '97102', '97103'];
/** The year under review: last year, until the reviewer chooses. */
const YEAR = new Date().getFullYear() - 1;

/** The years of every read of the province this page made (src/ui/review/data.ts marks each). */
const reads = (page: Page) => page.evaluate(() => performance.getEntriesByName('xht:province-read').map((e) => (e as PerformanceMark).detail?.year as number));

/** "Gửi ngay", then waits for that run to end (the time of the last sync moves). */
async function syncRun(page: Page): Promise<void> {
  const before = await readMeta(page, 'lastSyncAt');
  await expect(syncBar(page).getByRole('button', { name: 'Gửi ngay', exact: true })).toBeEnabled();
  await sendNow(page);
  await expect.poll(() => readMeta(page, 'lastSyncAt'), { timeout: 30_000 }).not.toBe(before);
  await expect(syncBar(page).getByRole('button', { name: 'Gửi ngay', exact: true })).toBeEnabled();
}

test('the province list is read once on first open, not again for a sync that brings nothing, once more for new data', async ({ page, request }) => {
  test.setTimeout(120_000);
  const ids: string[] = [];
  for (const [i, code] of CODES.entries()) {
    const made = await admin('create-commune', '--code', code, '--name', `Xã Mở ${i + 1}`, '--province', PROVINCE, '--village', 'T01=Thôn Một');
    ids.push(/id: (\S+)/.exec(made)![1]!);
  }
  // The first commune's officer has answered one indicator before the reviewer's phone exists.
  const deviceId = `off-${randomUUID().slice(0, 8)}`;
  const officer = await enrolOverApi(request, await issueCode({ commune: CODES[0]!, role: 'officer', name: 'Lê Văn Cán' }), deviceId);
  let counter = 0;
  const answer = async (indicator: string) => {
    const op = { opId: randomUUID(), entity: 'answer', key: `${ids[0]}/${YEAR}/${indicator}`, fields: { met: true }, hlc: formatHlc({ wall: Date.now(), counter: counter++, node: deviceId }) };
    const res = await request.post('/api/v1/sync', { data: { deviceId, batchId: randomUUID(), ops: [op] }, headers: { authorization: `Bearer ${officer.token}` } });
    expect(res.status(), await res.text()).toBe(200);
  };
  await answer('TC1.1');

  // A fresh reviewer's phone: enrolled through the sync screen, its first pull done.
  await enrolInApp(page, await issueProvinceCode(PROVINCE, 'Người Mở Danh Sách'));
  await expect.poll(async () => (await readStore<{ province?: string }>(page, 'communes')).filter((c) => c.province === PROVINCE).length, { timeout: 30_000 }).toBe(3);
  await expect.poll(() => readMeta(page, `pulledAt:${ids[0]}`), { timeout: 30_000 }).toBeTruthy();
  await expect(syncBar(page).getByRole('button', { name: 'Gửi ngay', exact: true })).toBeEnabled();
  expect(await reads(page)).toEqual([]);

  // First open: one read, of the year under review.
  await page.goto('/#/tinh');
  await expect(page.getByRole('heading', { level: 1, name: `Hồ sơ các xã năm ${YEAR}` })).toBeVisible();
  const rows = page.getByTestId('rv-row');
  await expect(rows).toHaveCount(3);
  const first = page.locator(`[data-testid="rv-row"][data-code="${ids[0]}"]`);
  await expect(first).toContainText('0/1');
  // A sync run that brings nothing new: the list is not read again.
  await syncRun(page);
  expect(await reads(page)).toEqual([YEAR]);

  // A repeat open (a reload): one read again.
  await page.reload();
  await expect(rows).toHaveCount(3);
  await syncRun(page);
  expect(await reads(page)).toEqual([YEAR]);

  // New data: the commune answers a second indicator; the pull that brings it refreshes the list, once.
  await answer('TC1.2');
  await syncRun(page);
  await expect(first).toContainText('0/2');
  expect(await reads(page)).toEqual([YEAR, YEAR]);
});

test('while a reviewer’s first pull runs, the open list is read at most once per commune it brings', async ({ page, request }) => {
  test.setTimeout(180_000);
  const province = 'Tỉnh Kéo Về';
  const n = 8;
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const code = String(97200 + i);
    const made = await admin('create-commune', '--code', code, '--name', `Xã Kéo ${i + 1}`, '--province', province, '--village', 'T01=Thôn Một', '--village', 'T02=Thôn Hai');
    const id = /id: (\S+)/.exec(made)![1]!;
    ids.push(id);
    // Each commune's officer has answered before the reviewer's phone exists: every feed moved.
    const deviceId = `off-${randomUUID().slice(0, 8)}`;
    const officer = await enrolOverApi(request, await issueCode({ commune: code, role: 'officer', name: `Cán bộ ${i + 1}` }), deviceId);
    const ops = ['TC1.1', 'TC1.2'].map((indicator, k) => ({ opId: randomUUID(), entity: 'answer', key: `${id}/${YEAR}/${indicator}`, fields: { met: true }, hlc: formatHlc({ wall: Date.now(), counter: k, node: deviceId }) }));
    const res = await request.post('/api/v1/sync', { data: { deviceId, batchId: randomUUID(), ops }, headers: { authorization: `Bearer ${officer.token}` } });
    expect(res.status(), await res.text()).toBe(200);
  }
  await enrolInApp(page, await issueProvinceCode(province, 'Người Kéo Về'));
  await page.goto('/#/tinh');
  await expect(page.getByTestId('rv-row')).toHaveCount(n, { timeout: 60_000 });
  for (const id of ids) await expect.poll(() => readMeta(page, `pulledAt:${id}`), { timeout: 30_000 }).toBeTruthy();
  await expect(page.locator(`[data-testid="rv-row"][data-code="${ids[n - 1]}"]`)).toContainText('0/2');
  // One read when it opened, one per commune that landed after: never two or three per commune.
  const count = (await reads(page)).length;
  expect(count).toBeGreaterThanOrEqual(1);
  expect(count).toBeLessThanOrEqual(n + 1);
});
