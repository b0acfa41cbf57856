// Bảng tính Excel end to end, in Chromium at 360×740 against the real server: a phone enrolled with
// the demo commune imports a sheet OFFLINE — the dry run shows new / changed / unchanged / refused
// with the sheet's row and column — confirms, sees the counts on the village list and the readiness
// move, syncs when the signal returns (the server holds every op once); then exports the villages'
// table and the Bảng tổng hợp and reads both back with the app's own import module.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import writeExcelFile from 'write-excel-file/universal';
import { demoCommune } from '../../src/domain/demo-commune.ts';
import { tt25_2023 } from '../../src/domain/catalog/index.ts';
import { PAPER_STATUS } from '../../src/dossier/figures.ts';
import { OTHER_LABELS } from '../../src/domain/schemas/labels.ts';
import { SHEET_FIELDS, readGrid, readVillageFile, upperKeysOf } from '../../src/import/index.ts';
import { currentYear, readStore, villageCodes, waitForServiceWorker } from './helpers/app.ts';
import { enrolInApp, enrolOverApi, issueCode, serverOps, syncBar, viNumber } from './helpers/sync.ts';
import { statusLabel } from '../../src/i18n/readiness.ts';

const COMMUNE = demoCommune.commune.code;
/** The "Nhập từ tệp Excel" button of the village list's spreadsheet card. */
const importButton = (page: Page) => page.getByRole('region', { name: 'Bảng tính Excel' }).getByRole('button', { name: 'Nhập từ tệp Excel' });
/** Screenshots for review go to the run's output, or to __screenshots__ when SHOTS=1 (tree stays clean). */
const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(process.env.SHOTS === '1' ? fileURLToPath(new URL('./__screenshots__/', import.meta.url)) : test.info().outputDir, name) });
type Counts = Record<string, number | boolean | null | undefined>;
const dir = mkdtempSync(join(tmpdir(), 'xht-e2e-excel-'));

/** Every status the readiness screen shows, by its test id. */
async function readinessSnapshot(page: Page): Promise<Record<string, string>> {
  await page.goto('/#/muc-do');
  await expect(page.getByTestId('level-reached')).toBeVisible();
  const snap: Record<string, string> = {};
  for (const el of await page.locator('[data-testid^="ind-"], [data-testid^="crit-"]').all()) {
    snap[(await el.getAttribute('data-testid'))!] = ((await el.getByTestId('status').first().textContent()) ?? '').trim();
  }
  return snap;
}

/** The phone's stored counts of `year`, by village code. */
async function phoneCounts(page: Page, year: number): Promise<Map<string, Counts>> {
  const rows = await readStore<Counts & { commune: string; year: number; village: string }>(page, 'villageCounts');
  const codes = await villageCodes(page, COMMUNE);
  // By the village's code (Mã thôn), as the sheets name villages.
  return new Map(rows.filter((r) => r.commune === COMMUNE && r.year === year).map((r) => [codes.get(r.village) ?? r.village, r]));
}

/** A village's counts with every count at its chain's base: all learning-model ratios at 100 %. */
function full(base: Counts): Counts {
  const out: Counts = {};
  for (const f of SHEET_FIELDS) {
    if (f.kind === 'yesNo') out[f.key] = true;
    else {
      const head = [...upperKeysOf(f.key)].find((u) => upperKeysOf(u).length === 0) ?? f.key;
      out[f.key] = typeof base[head] === 'number' ? (base[head] as number) : 150;
    }
  }
  return out;
}

async function download(page: Page, button: string): Promise<Uint8Array> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  const path = join(dir, file.suggestedFilename());
  await file.saveAs(path);
  expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
  return new Uint8Array(readFileSync(path));
}

test('import a sheet offline, confirm, sync later; export both tables and read them back', async ({ browser, request }) => {
  test.setTimeout(240_000);
  const [phoneCode, readerCode] = await Promise.all([
    issueCode({ commune: COMMUNE, role: 'officer', name: 'Điện thoại e2e Excel' }),
    issueCode({ commune: COMMUNE, role: 'officer', name: 'Kiểm tra máy chủ e2e Excel' }),
  ]);
  const reader = await enrolOverApi(request, readerCode);
  const context = await browser.newContext();
  const page = await context.newPage();
  await enrolInApp(page, phoneCode);
  await expect(syncBar(page)).toContainText('Đồng bộ lần cuối:');
  await waitForServiceWorker(page);
  const year = await currentYear(page);
  const villages = (await readStore<{ commune: string; code: string; name: string; archived?: boolean; order?: number }>(page, 'villages'))
    .filter((v) => v.commune === COMMUNE && !v.archived)
    .sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
  expect(villages.length).toBeGreaterThanOrEqual(4);
  const before = await phoneCounts(page, year);
  const snapBefore = await readinessSnapshot(page);

  // The sheet: every village at 100 % but one kept as it is (unchanged) and one with a count above
  // its base (refused), plus a village the commune does not have yet (new).
  const [kept, broken, ...rest] = villages;
  const rows: unknown[][] = [['STT', OTHER_LABELS.villageCode.vi, OTHER_LABELS.villageName.vi, ...SHEET_FIELDS.map((f) => f.label.vi)]];
  const cells = (c: Counts) => SHEET_FIELDS.map((f) => (f.kind === 'yesNo' ? (c[f.key] === true ? 'Có' : c[f.key] === false ? 'Không' : null) : c[f.key] ?? null));
  const expected = new Map<string, Counts>();
  let no = 1;
  rows.push([no++, kept!.code, kept!.name, ...cells(before.get(kept!.code) ?? {})]);
  const bad = { ...(before.get(broken!.code) ?? {}) };
  bad.familiesRegistered = ((bad.households as number) ?? 100) + 50;
  rows.push([no++, broken!.code, broken!.name, ...cells(bad)]);
  const brokenRow = rows.length;
  for (const v of rest) {
    expected.set(v.code, full(before.get(v.code) ?? {}));
    rows.push([no++, v.code, v.name, ...cells(expected.get(v.code)!)]);
  }
  const fresh = full({ households: 60, lineages: 4, citizens: 170 });
  rows.push([no++, null, 'Thôn Mới Lập', ...cells(fresh)]);
  const newRow = rows.length;
  const sheetFile = join(dir, 'so-lieu-thon.xlsx');
  const blob = await writeExcelFile(rows.map((r) => r.map((v) => (v === null ? null : { value: v }))) as never).toBlob();
  writeFileSync(sheetFile, new Uint8Array(await blob.arrayBuffer()));

  // No signal from here on: reading, checking and writing are all on the phone.
  await context.setOffline(true);
  await expect(syncBar(page)).toContainText('Không có mạng');
  await page.goto('/#/thon');
  await importButton(page).scrollIntoViewIfNeeded();
  await shot(page, 'excel-card-360x740.png');
  await importButton(page).click();
  const panel = page.getByTestId('import-panel');
  await expect(panel.getByRole('heading', { level: 2, name: `Nhập số liệu năm ${year} từ bảng tính` })).toBeVisible();
  await panel.locator('#xi-file').setInputFiles(sheetFile);
  const preview = page.getByTestId('import-preview');
  await expect(preview).toBeVisible();
  const changed = rest.length;
  await expect(page.getByTestId('import-tally')).toHaveText(
    `${villages.length + 1} thôn trong bảng: 1 thôn mới, ${changed} thôn thay đổi, 1 thôn không đổi, 1 thôn bị từ chối.`,
  );
  // Refused, with the sheet's own row and column (E: the households registered).
  const refused = page.getByTestId(`import-row-${brokenRow}`);
  await expect(refused).toHaveAttribute('data-status', 'refused');
  await expect(refused).toContainText(`Dòng ${brokenRow}, cột E: số hộ đăng ký "Gia đình học tập" (${bad.familiesRegistered as number}) không được lớn hơn`);
  // New, with the code it will get.
  await expect(page.getByTestId(`import-row-${newRow}`)).toHaveAttribute('data-status', 'new');
  await expect(page.getByTestId(`import-row-${newRow}`)).toContainText('Thôn Mới Lập');
  // Changed, with the old value beside the new.
  const first = rest[0]!;
  const oldRecognized = before.get(first.code)?.familiesRecognized;
  const changedCard = page.getByTestId('import-row-4');
  await expect(changedCard).toHaveAttribute('data-status', 'changed');
  if (typeof oldRecognized === 'number' && oldRecognized !== expected.get(first.code)!.familiesRecognized) {
    await expect(changedCard).toContainText(`(F): ${viNumber(oldRecognized)} → ${viNumber(expected.get(first.code)!.familiesRecognized as number)}`);
  }
  await shot(page, 'excel-import-preview-360x740.png');
  // The preview passes axe (WCAG 2.1 A/AA) without serious or critical violations.
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await preview.getByRole('button', { name: /^Nhập số liệu của/ }).scrollIntoViewIfNeeded();
  await shot(page, 'excel-import-confirm-360x740.png');
  // Nothing is written before the person confirms.
  expect(await readStore(page, 'outbox')).toEqual([]);

  await preview.getByRole('button', { name: `Nhập số liệu của ${changed + 1} thôn` }).click();
  await expect(page.getByTestId('import-done')).toContainText(`Đã nhập số liệu của ${changed + 1} thôn (1 thôn mới`);
  await shot(page, 'excel-import-done-360x740.png');
  const ops = await readStore<{ op: { opId: string; entity: string; key: string; fields: Record<string, unknown> } }>(page, 'outbox');
  expect(ops.map((o) => o.op.entity).sort()).toEqual([...Array(changed + 1).fill('villageCounts'), 'village'].sort());
  await expect(syncBar(page).getByTestId('sync-pending')).toHaveText(`Chờ đồng bộ: ${viNumber(ops.length)}`);

  // The village list shows the new village and the imported counts.
  await page.getByRole('button', { name: 'Xem danh sách thôn' }).click();
  await expect(page.getByRole('link', { name: /Thôn Mới Lập/ })).toBeVisible();
  const after = await phoneCounts(page, year);
  for (const [code, want] of expected) expect(after.get(code), code).toMatchObject(want);
  expect(after.get(kept!.code)).toEqual(before.get(kept!.code));
  expect(after.get(broken!.code)).toEqual(before.get(broken!.code));

  // The readiness moved: every indicator computed from the villages' counts is now met at level 1.
  const snapAfter = await readinessSnapshot(page);
  expect(snapAfter).not.toEqual(snapBefore);
  const villageRatios = tt25_2023.criteria.flatMap((c) => c.indicators).filter((i) => i.kind === 'ratio' || i.kind === 'training');
  expect(villageRatios.length).toBeGreaterThan(0);
  for (const i of villageRatios) expect(snapAfter[`ind-1-${i.id}`], i.id).toMatch(new RegExp(`(^|\\s)${statusLabel('met', 'vi')}$`));

  // Importing the same file again changes nothing.
  await page.goto('/#/thon');
  await importButton(page).click();
  await page.getByTestId('import-panel').locator('#xi-file').setInputFiles(sheetFile);
  await expect(page.getByTestId('import-tally')).toContainText(`0 thôn mới, 0 thôn thay đổi, ${changed + 2} thôn không đổi, 1 thôn bị từ chối.`);
  await expect(page.getByText('Không có gì để nhập')).toBeVisible();
  await page.getByRole('button', { name: 'Hủy, không nhập' }).click();

  // Signal returns: the import's ops reach the server once each.
  await context.setOffline(false);
  await expect(syncBar(page).getByTestId('sync-pending')).toHaveText('Chờ đồng bộ: 0');
  const held = (await serverOps(request, reader.token)).filter((op) => ops.some((o) => o.op.opId === op.opId));
  expect(held.map((h) => h.opId).sort()).toEqual(ops.map((o) => o.op.opId).sort());

  // Export both tables and read them back with the import module.
  await page.goto('/#/du-lieu');
  const table = await readVillageFile(await download(page, `Xuất bảng số liệu các thôn năm ${year}`));
  expect(table.problems).toEqual([]);
  expect(table.unknownColumns).toEqual([]);
  const stored = await phoneCounts(page, year);
  expect(table.rows.map((r) => r.village.name)).toEqual([...villages.map((v) => v.name), 'Thôn Mới Lập']);
  for (const r of table.rows) {
    const row = stored.get(r.village.code!) ?? {};
    const want = Object.fromEntries(SHEET_FIELDS.filter((f) => row[f.key] !== undefined && row[f.key] !== null).map((f) => [f.key, row[f.key]]));
    expect(r.fields, r.village.code).toEqual(want);
  }
  const summary = await readGrid(await download(page, `Xuất Bảng tổng hợp năm ${year}`));
  const byNo = new Map(summary.rows.map((r) => [String(r[0] ?? ''), r]));
  for (const [id, shown] of Object.entries(snapAfter)) {
    const m = /^(ind|crit)-(\d)-TC(.+)$/.exec(id)!;
    const cell = byNo.get(m[3]!)?.[2 + (Number(m[2]) - 1) * 3 + 2];
    // The sheet is the paper (Bảng tổng hợp): the same result, in the papers' word (Không đạt).
    const status = (['met', 'unmet', 'unknown'] as const).find((k) => shown.endsWith(statusLabel(k, 'vi')));
    expect(status, `${id}: screen "${shown}"`).toBeDefined();
    expect(String(cell), `${id}: screen "${shown}", sheet "${cell}"`).toBe(PAPER_STATUS[status!]);
  }
  await context.close();
});
