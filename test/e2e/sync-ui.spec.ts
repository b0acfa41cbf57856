// Two phones of one commune against the real sync server (its own process, a temp SQLite file):
// each connects on the enrolment screen, both edit the same field offline, come back online and
// press "Gửi ngay". They end up with identical data, the concurrent field is in the conflict list,
// and re-applying the other value there brings both phones to it.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { VILLAGE_COUNT_LABELS } from '../../src/domain/schemas/labels.ts';
import { fillSaved, readStore, waitForServiceWorker } from './helpers/app.ts';

const dist = resolve(process.env.E2E_DIST ?? 'dist');
const HOUSEHOLDS = VILLAGE_COUNT_LABELS.households.vi;

interface Server {
  proc: ChildProcess;
  url: string;
  code: string;
  dbPath: string;
  dir: string;
}

/** Starts `server/main.ts` on a free port over a fresh database; resolves with its URL and demo code. */
function startServer(): Promise<Server> {
  const dir = mkdtempSync(join(tmpdir(), 'xht-sync-e2e-'));
  const dbPath = join(dir, 'db.sqlite');
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DB_PATH: dbPath, STATIC_DIR: dist },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((ok, fail) => {
    let out = '';
    let code = '';
    const timer = setTimeout(() => fail(new Error(`server did not start:\n${out}`)), 30_000);
    proc.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      code ||= /\b([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})\b/.exec(out)?.[1] ?? '';
      const url = /"msg":"listening","url":"([^"]+)"/.exec(out)?.[1];
      if (url && code) {
        clearTimeout(timer);
        ok({ proc, url: url.replace(/\/$/, ''), code, dbPath, dir });
      }
    });
    proc.stderr!.on('data', (chunk: Buffer) => void (out += chunk.toString()));
    proc.on('exit', (c) => fail(new Error(`server exited (${c}):\n${out}`)));
  });
}

/** A second one-time code for the demo commune, from the admin CLI. */
function issueCode(dbPath: string): string {
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'server/admin.ts', 'issue-code', '--commune', '21085', '--role', 'officer', '--name', 'Máy B'], {
    env: { ...process.env, DB_PATH: dbPath },
    encoding: 'utf8',
  });
  return /\b([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})\b/.exec(out)![1]!;
}

/** A new phone: connect first (enrolment screen), receive the commune from the server. */
async function enrolPhone(context: BrowserContext, url: string, code: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${url}/`);
  await waitForServiceWorker(page);
  await page.getByRole('region', { name: 'Kết nối máy chủ' }).getByRole('link', { name: 'Kết nối' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Đồng bộ' })).toBeVisible();
  await expect(page.getByLabel('Địa chỉ máy chủ')).toHaveValue(url);
  await page.getByLabel('Mã đăng ký').fill(code);
  await page.getByRole('button', { name: 'Kết nối', exact: true }).click();
  await expect(page.getByText(`Đã kết nối với máy chủ ${url}.`)).toBeVisible();
  await expect(page.locator('header')).toContainText('Xã Ba Tô');
  await expect(page.getByTestId('sync-bar')).toContainText('Đồng bộ lần cuối');
  return page;
}

/** "Gửi ngay" until nothing waits and the last run succeeded. */
async function sendNow(page: Page): Promise<void> {
  await page.getByTestId('sync-bar').getByRole('button', { name: 'Gửi ngay' }).click();
  await expect(page.getByTestId('sync-pending')).toHaveText('Chờ đồng bộ: 0');
  await expect(page.getByTestId('sync-bar').getByRole('button', { name: 'Gửi ngay' })).toBeEnabled();
}

async function stored(page: Page, village: string): Promise<Record<string, unknown> | undefined> {
  const rows = await readStore<Record<string, unknown>>(page, 'villageCounts');
  return rows.find((r) => r.commune === '21085' && r.year === 2025 && r.village === village);
}

test('two phones edit the same field offline, sync, converge, and the conflict can be re-applied', async ({ browser }) => {
  test.setTimeout(180_000);
  const server = await startServer();
  const phoneA = await browser.newContext();
  const phoneB = await browser.newContext();
  try {
    const a = await enrolPhone(phoneA, server.url, server.code);
    const b = await enrolPhone(phoneB, server.url, issueCode(server.dbPath));
    for (const p of [a, b]) {
      await p.goto(`${server.url}/#/thon/T01`);
      await expect(p.getByLabel(HOUSEHOLDS, { exact: true })).toHaveValue('312');
    }

    // No signal on either phone; both change T01's households; B also fills another village.
    await phoneA.setOffline(true);
    await phoneB.setOffline(true);
    await fillSaved(a, HOUSEHOLDS, '400');
    await fillSaved(b, HOUSEHOLDS, '410');
    await b.goto(`${server.url}/#/thon/T02`);
    await fillSaved(b, HOUSEHOLDS, '199');
    await expect(a.getByTestId('sync-pending')).toHaveText('Chờ đồng bộ: 1');
    await expect(b.getByTestId('sync-pending')).toHaveText('Chờ đồng bộ: 2');

    await phoneA.setOffline(false);
    await sendNow(a);
    await expect(a.getByTestId('sync-receipt')).toContainText('Mã biên nhận: ');
    await phoneB.setOffline(false);
    await sendNow(b);
    await sendNow(a);

    // Converged: the same values on both phones.
    const t01a = (await stored(a, 'T01'))?.households;
    expect([400, 410]).toContain(t01a);
    expect((await stored(b, 'T01'))?.households).toBe(t01a);
    expect((await stored(a, 'T02'))?.households).toBe(199);

    // The concurrent field is listed for review on a phone whose value lost.
    const loserValue = t01a === 400 ? 410 : 400;
    const loser = t01a === 400 ? b : a;
    const winner = loser === a ? b : a;
    await loser.goto(`${server.url}/#/dong-bo`);
    const item = loser.getByRole('listitem').filter({ hasText: HOUSEHOLDS }).filter({ hasText: '21085/2025/T01' });
    await expect(item).toContainText(`Giá trị trên máy này: ${loserValue}`);
    await expect(item).toContainText(`Giá trị từ máy khác: ${t01a}`);

    // The person re-applies their own value; it wins everywhere after a sync.
    await item.getByRole('button', { name: 'Dùng giá trị trên máy này' }).click();
    await expect(loser.getByText('Không có xung đột nào.')).toBeVisible();
    await expect.poll(async () => (await stored(loser, 'T01'))?.households).toBe(loserValue);
    await sendNow(loser);
    await sendNow(winner);
    await expect.poll(async () => (await stored(winner, 'T01'))?.households).toBe(loserValue);
    await winner.goto(`${server.url}/#/thon/T01`);
    await expect(winner.getByLabel(HOUSEHOLDS, { exact: true })).toHaveValue(String(loserValue));
  } finally {
    await phoneA.close();
    await phoneB.close();
    server.proc.kill('SIGTERM');
    await new Promise((r) => (server.proc.exitCode !== null ? r(null) : server.proc.once('exit', r)));
    rmSync(server.dir, { recursive: true, force: true });
  }
});
