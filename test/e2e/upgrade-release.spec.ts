// Upgrade without loss, phone side (issue #11, item 5), on a real IndexedDB in Chromium: the
// CURRENT RELEASE's own build (commit 96506a9, committed in test/fixtures/release-96506a9/dist) is
// installed and used — demo data, enrolment and a first sync, then, with no signal, a province
// threshold, a village count and an answer's note typed on its screens. The same origin then
// serves this version; "Cập nhật" brings it in and Dexie's v3 runs on the release's database:
// every row and every queued op is kept, the threshold table and its op are dropped quietly, and
// once the signal is back the queued ops reach the server, none refused.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { readStore, waitForServiceWorker } from './helpers/app.ts';
import { enrolOverApi, issueCode, serverOps } from './helpers/sync.ts';
import { serve } from './helpers/site.ts';

const here = dirname(fileURLToPath(import.meta.url));
const RELEASE = join(here, '../fixtures/release-96506a9/dist');
const CURRENT = resolve(here, '../..', process.env.E2E_DIST ?? 'dist');
const COMMUNE = '21085';

/** The app's data tables (not meta, whose device bookkeeping a new version may add to). */
const DATA_TABLES = ['communes', 'villages', 'villageCounts', 'communeFigures', 'answers', 'decisions', 'dossiers', 'conflicts', 'acked'];

type OutboxRow = { seq: number; op: { opId: string; entity: string; key: string; fields: Record<string, unknown> }; state: string };
type StampRow = { entity: string; key: string };

async function snapshot(page: Page) {
  const out: Record<string, unknown[]> = {};
  for (const t of DATA_TABLES) out[t] = await readStore(page, t);
  return {
    tables: out,
    outbox: await readStore<OutboxRow>(page, 'outbox'),
    stamps: await readStore<StampRow>(page, 'stamps'),
    thresholds: await readStore(page, 'thresholds'),
  };
}

/** What the stable-id versions add to a release's rows: `id` = the code, a village's `inCommune`. */
function withStableIds(tables: Record<string, unknown[]>): Record<string, unknown[]> {
  type Row = Record<string, unknown>;
  return {
    ...tables,
    communes: (tables.communes as Row[]).map((c) => ({ ...c, id: c.code })),
    villages: (tables.villages as Row[]).map((v) => ({ ...v, id: v.code, inCommune: v.commune })),
  };
}

async function dbInfo(page: Page): Promise<{ version: number; stores: string[] }> {
  return page.evaluate(() => new Promise((ok, bad) => {
    const r = indexedDB.open('xa-hoc-tap');
    r.onerror = () => bad(r.error);
    r.onsuccess = () => {
      const db = r.result;
      const info = { version: db.version, stores: [...db.objectStoreNames] };
      db.close();
      ok(info);
    };
  }));
}

/** Types into a field of the release's screens and waits for its "Đã lưu". */
async function typeSaved(page: Page, label: string | RegExp, value: string, scope = page.locator('main')) {
  await scope.getByLabel(label, { exact: typeof label === 'string' }).fill(value);
  await expect(page.getByText('Đã lưu').first()).toBeVisible();
}

test('a phone of release 96506a9 upgrades in place: every row and queued op kept, retired thresholds dropped, then sent', async ({ browser }, info) => {
  test.setTimeout(240_000);
  const api = info.project.use.baseURL!;
  const site = serve(api);
  site.setRoot(RELEASE);
  const base = await site.ready;
  const context = await browser.newContext({ baseURL: base });
  try {
    const page = await context.newPage();
    // 1. The release, installed under its service worker, with the demo commune.
    await page.goto('/');
    await waitForServiceWorker(page);
    await expect(page.locator('.app')).toHaveAttribute('data-build', 'release-96506a9');
    await page.getByRole('button', { name: 'Dữ liệu mẫu' }).click();
    await expect(page.getByRole('navigation', { name: 'Điều hướng chính' })).toBeVisible();

    // 2. Enrolled through the release's own screen; its first sync empties the outbox.
    await page.goto('/#/dong-bo');
    await page.getByLabel('Mã đăng ký', { exact: true }).fill(await issueCode({ commune: COMMUNE, role: 'officer', name: 'Cán bộ máy cũ' }));
    await page.getByRole('button', { name: 'Kết nối', exact: true }).click();
    await expect(page.getByText(`Đã kết nối với máy chủ ${base}.`)).toBeVisible();
    await page.getByTestId('sync-bar').getByRole('button', { name: 'Gửi ngay', exact: true }).click();
    await expect.poll(async () => (await readStore(page, 'outbox')).length, { timeout: 30_000 }).toBe(0);

    // 3. No signal: the release's screens queue a threshold, a village count and an answer's note.
    site.setApiDown(true);
    await page.goto('/#/nguong');
    await typeSaved(page, 'Mức độ 1 (Khá) — Ngưỡng của tỉnh (%)', '72,5', page.getByRole('region', { name: /^TC5\.1 / }));
    await page.goto('/#/thon/T03');
    await typeSaved(page, 'Tổng số hộ gia đình', '410');
    await page.goto('/#/tieu-chi');
    const tc32 = page.getByRole('article', { name: /^TC3\.2 / });
    await tc32.locator('summary').click();
    await typeSaved(page, 'Ghi chú', 'Đã nối mạng cho thư viện xã', tc32);

    const before = await snapshot(page);
    expect((await dbInfo(page)).version).toBe(20); // Dexie version 2, as the release left it
    expect(before.thresholds).toHaveLength(1);
    const queued = before.outbox.filter((r) => r.state === 'pending');
    expect(queued.map((r) => r.op.entity).sort()).toEqual(['answer', 'thresholds', 'villageCounts']);
    const kept = queued.filter((r) => r.op.entity !== 'thresholds');

    // 4. The deploy: the same origin now serves this version; "Cập nhật" brings it in.
    site.setRoot(CURRENT);
    await page.goto('/');
    await expect(page.getByText('Có phiên bản mới')).toBeVisible({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Cập nhật' }).click();
    await expect(page.locator('.app')).not.toHaveAttribute('data-build', 'release-96506a9', { timeout: 30_000 });
    await expect(page.getByTestId('dashboard')).toBeVisible();

    // 5. The release's database, upgraded: every data row as it was, the queued ops but the threshold one.
    const after = await snapshot(page);
    const db = await dbInfo(page);
    // Dexie version 7 (× 10): version 6 added the evidence tables (issue #15), version 7 the review's (issue #14), empty here.
    expect(db.version).toBe(70);
    expect(db.stores).not.toContain('thresholds');
    for (const t of ['submissions', 'stateChanges', 'reviews', 'councils', 'register', 'provinceSettings']) {
      expect(db.stores).toContain(t);
      expect(await readStore(page, t)).toEqual([]);
    }
    // Every row as it was; communes and villages (issue 13, stable ids) keep their code as their id,
    // and a village belongs to the commune of its key.
    expect(after.tables).toEqual(withStableIds(before.tables));
    expect(after.outbox).toEqual(before.outbox.filter((r) => r.op.entity !== 'thresholds'));
    expect(after.stamps).toEqual(before.stamps.filter((s) => s.entity !== 'thresholds'));
    expect(after.stamps.length).toBeGreaterThan(50);

    // The screens of this version read it: the typed values are there, the threshold screen is gone.
    await page.goto('/#/thon/T03');
    await expect(page.getByLabel('Tổng số hộ gia đình', { exact: true })).toHaveValue('410');
    await page.goto('/#/muc-do');
    await expect(page.getByTestId('level-reached')).toBeVisible();
    await expect(page.locator('main')).not.toContainText('Ngưỡng của tỉnh');

    // 6. Signal again: the ops queued by the release reach the server, none refused.
    site.setApiDown(false);
    await page.getByTestId('sync-bar').getByRole('button', { name: 'Gửi ngay', exact: true }).click();
    await expect.poll(async () => (await readStore(page, 'outbox')).length, { timeout: 30_000 }).toBe(0);
    const reader = await enrolOverApi(context.request, await issueCode({ commune: COMMUNE, role: 'chair', name: 'Người đọc' }));
    const onServer = new Map((await serverOps(context.request, reader.token)).map((o) => [o.opId, o]));
    for (const r of kept) expect(onServer.get(r.op.opId)?.fields, `${r.op.entity} ${r.op.key}`).toEqual(r.op.fields);
    expect([...onServer.values()].some((o) => (o.entity as string) === 'thresholds')).toBe(false);
  } finally {
    await context.close();
    site.server.close();
  }
});
