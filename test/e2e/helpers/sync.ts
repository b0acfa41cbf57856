// Steps of the sync end-to-end tests: enrolment codes from the real admin CLI against the e2e
// server's database, a phone connecting through the app's own screen, and the server read back
// through its HTTP API with a separately enrolled token. Never writes to the server's database.
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import type { ChangeOp, ChangesResponse, EnrollResponse, Role } from '../../../src/domain/sync/protocol.ts';
import { readStore } from './app.ts';

const run = promisify(execFile);

/** The e2e server's database, where playwright.config.ts puts it (one folder per port). */
export function e2eDbPath(): string {
  const base = test.info().project.use.baseURL;
  if (!base) throw new Error('no baseURL in the Playwright config');
  return join(tmpdir(), `xht-e2e-${new URL(base).port}`, 'e2e.sqlite');
}

/** Runs `npm run admin -- <args>` (the CLI, run directly) on the e2e server's database; its output. */
export async function admin(...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'server/admin.ts', ...args, '--db', e2eDbPath()], { cwd: process.cwd(), timeout: 60_000 });
  return stdout;
}

/** The one-time code the admin CLI printed. */
function codeIn(stdout: string): string {
  const m = /enrolment code: (\S+)/.exec(stdout);
  if (!m) throw new Error(`the admin CLI printed no code: ${stdout}`);
  return m[1]!;
}

/** Issues a one-time enrolment code with `npm run admin -- issue-code`. */
export async function issueCode(o: { commune: string; role: Role; name: string; villages?: string[] }): Promise<string> {
  return codeIn(await admin('issue-code', '--commune', o.commune, '--role', o.role, '--name', o.name, ...(o.villages ? ['--villages', o.villages.join(',')] : [])));
}

/** A province reviewer's code, reaching every commune of the province: `issue-code --province … --role reviewer`. */
export async function issueProvinceCode(province: string, name: string): Promise<string> {
  return codeIn(await admin('issue-code', '--province', province, '--role', 'reviewer', '--name', name));
}

/** Trades a code for a token over HTTP, as a second device would (for reading the server). */
export async function enrolOverApi(request: APIRequestContext, code: string, deviceId?: string): Promise<EnrollResponse> {
  // A token may only send ops of the device it was issued to: pass the id of the device it speaks for.
  const res = await request.post('/api/v1/enroll', { data: deviceId ? { code, deviceId } : { code } });
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()) as EnrollResponse;
}

/** Every op of the token's commune the server holds, paged through GET /api/v1/changes. */
export async function serverOps(request: APIRequestContext, token: string): Promise<ChangeOp[]> {
  const out: ChangeOp[] = [];
  let since = 0;
  for (;;) {
    const res = await request.get(`/api/v1/changes?since=${since}&limit=200`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status(), await res.text()).toBe(200);
    const page = (await res.json()) as ChangesResponse;
    out.push(...page.ops);
    if (!page.hasMore || page.ops.length === 0) return out;
    since = page.nextCursor;
  }
}

/** The sync bar at the bottom of every screen. */
export function syncBar(page: Page) {
  return page.getByTestId('sync-bar');
}

/** Presses the bar's "Gửi ngay". */
export async function sendNow(page: Page): Promise<void> {
  await syncBar(page).getByRole('button', { name: 'Gửi ngay', exact: true }).click();
}

/** A fresh phone: opens the app, taps "Kết nối" in the bar, types the code, connects. */
export async function enrolInApp(page: Page, code: string): Promise<void> {
  await page.goto('/');
  await expect(syncBar(page)).toContainText('Chưa kết nối máy chủ');
  await syncBar(page).getByRole('link', { name: 'Kết nối', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Kết nối máy chủ' })).toBeVisible();
  // The address is the server the app came from unless a person changes it.
  const origin = new URL(page.url()).origin;
  await expect(page.getByLabel('Địa chỉ máy chủ', { exact: true })).toHaveValue(origin);
  await page.getByLabel('Mã đăng ký', { exact: true }).fill(code);
  await page.getByRole('button', { name: 'Kết nối', exact: true }).click();
  await expect(page.getByText(`Đã kết nối với máy chủ ${origin}.`)).toBeVisible();
}

/** A new phone (its own browser context) connected with `code`; waits for its first pull. */
export async function newPhone(browser: Browser, code: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await enrolInApp(page, code);
  await expect(syncBar(page)).toContainText('Đồng bộ lần cuối:');
  return page;
}

/** One value of the app's `meta` table (raw IndexedDB). */
export async function readMeta(page: Page, key: string): Promise<unknown> {
  const rows = await readStore<{ key: string; value: unknown }>(page, 'meta');
  return rows.find((r) => r.key === key)?.value;
}

export type CountsRow = Record<string, unknown>;

/** The village's counts row of one year as this phone holds it (without its local updatedAt). */
export async function countsRow(page: Page, commune: string, year: number, village: string): Promise<CountsRow | undefined> {
  const rows = await readStore<CountsRow>(page, 'villageCounts');
  const row = rows.find((r) => r.commune === commune && r.year === year && r.village === village);
  if (!row) return undefined;
  const { updatedAt: _u, ...rest } = row;
  return rest;
}

/** The outbox as this phone holds it. */
export async function outbox(page: Page) {
  return readStore<{ seq: number; op: ChangeOp; state: 'pending' | 'quarantined'; error?: string }>(page, 'outbox');
}

/** Unresolved rows of the conflict list (raw IndexedDB). */
export async function openConflicts(page: Page) {
  const rows = await readStore<{ entity: string; key: string; field: string; localValue: unknown; remoteValue: unknown; resolved?: boolean }>(page, 'conflicts');
  return rows.filter((r) => !r.resolved);
}

/** A number as the app shows it (vi-VN). */
export function viNumber(n: number): string {
  return new Intl.NumberFormat('vi-VN').format(n);
}
