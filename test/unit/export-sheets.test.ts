// The .xlsx files the app writes, opened as a spreadsheet program would (the parts of the zip) and
// read back with the import module: the villages' table and the template give back the same
// counts, the Bảng tổng hợp the engine's result for every indicator at each level.
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { demoCommune } from '../../src/domain/demo-commune.ts';
import { tt25_2023 } from '../../src/domain/catalog/index.ts';
import { assess } from '../../src/domain/readiness/index.ts';
import { PAPER_STATUS } from '../../src/dossier/figures.ts';
import { SHEET_FIELDS, planImport, readGrid, readVillageFile, readVillageSheet } from '../../src/import/index.ts';
import { summaryTableXlsx, templateXlsx, villagesTableXlsx, type VillagesTableInput } from '../../src/export/index.ts';

const year = demoCommune.years.find((y) => y.year === 2025)!;
const table: VillagesTableInput = {
  commune: demoCommune.commune,
  year: 2025,
  villages: demoCommune.villages,
  counts: new Map(year.villages.map(({ code, name: _n, ...c }) => [code, c as Record<string, unknown>])),
};
const bytes = async (b: Blob) => new Uint8Array(await b.arrayBuffer());
const part = (file: Uint8Array, name: string) => strFromU8(unzipSync(file)[name]!);

describe('the villages\' table of a year', () => {
  it('reads back with the import module: every village, every count, no problem, no unknown column', async () => {
    const file = await bytes(await villagesTableXlsx(table));
    const sheet = await readVillageFile(file);
    expect(sheet.problems).toEqual([]);
    expect(sheet.unknownColumns).toEqual([]);
    expect(sheet.headerRow).toBe(4);
    expect(sheet.skipped.map((s) => s.reason)).toEqual(['total']);
    expect(sheet.rows.map((r) => r.village)).toEqual(demoCommune.villages.map((v) => ({ code: v.code, name: v.name })));
    for (const r of sheet.rows) {
      const { code: _c, name: _n, ...want } = year.villages.find((v) => v.code === r.village.code)!;
      expect(r.fields).toEqual(want);
    }
  });

  it('has merged title and group headers, frozen header rows, and a thousands format on every count', async () => {
    const file = await bytes(await villagesTableXlsx(table));
    const sheetXml = part(file, 'xl/worksheets/sheet1.xml');
    expect(sheetXml).toMatch(/<pane [^>]*ySplit="4"[^>]*state="frozen"/);
    const merges = [...sheetXml.matchAll(/<mergeCell ref="([A-Z]+\d+:[A-Z]+\d+)"/g)].map((m) => m[1]);
    const last = String.fromCharCode(64 + 3 + SHEET_FIELDS.length);
    expect(merges).toEqual(expect.arrayContaining([`A1:${last}1`, `A2:${last}2`, 'A3:A4', 'B3:B4', 'C3:C4', 'D3:F3', 'G3:I3']));
    expect(part(file, 'xl/styles.xml')).toContain('formatCode="#,##0"');
    const shared = part(file, 'xl/sharedStrings.xml');
    for (const title of ['Gia đình học tập', 'Dòng họ học tập', 'Tổng số hộ gia đình', 'Mã thôn', 'Tên thôn']) expect(shared).toContain(title);
  });
});

describe('"Tải mẫu Excel": the template', () => {
  it('has the exact labels in one frozen header row, the example row (skipped on import) and the villages pre-filled', async () => {
    const file = await bytes(await templateXlsx(table));
    const grid = await readGrid(file);
    expect(grid.rows[0]).toEqual(['STT', 'Mã thôn', 'Tên thôn', ...SHEET_FIELDS.map((f) => f.label.vi)]);
    expect(grid.rows[1]![0]).toBe('Ví dụ');
    expect(part(file, 'xl/worksheets/sheet1.xml')).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/);
    const sheet = await readVillageFile(file);
    expect(sheet.skipped).toEqual([{ row: 2, reason: 'example' }]);
    expect(sheet.problems).toEqual([]);
    expect(sheet.rows.map((r) => r.village.code)).toEqual(demoCommune.villages.map((v) => v.code));
  });

  it('its example row keeps every rule of the form, and the template imported unchanged changes nothing', async () => {
    const file = await bytes(await templateXlsx(table));
    const grid = await readGrid(file);
    // The example row read as a village row (its STT cleared) is clean.
    const example = readVillageSheet({ rows: [grid.rows[0]!, [null, ...grid.rows[1]!.slice(1)]] });
    expect(example.rows).toHaveLength(1);
    expect(example.problems).toEqual([]);
    const plan = planImport(await readVillageFile(file), {
      villages: demoCommune.villages, counts: table.counts,
    });
    expect(plan.tally).toEqual({ new: 0, changed: 0, unchanged: 12, refused: 0 });
  });
});

describe('Bảng tổng hợp', () => {
  it('lists every criterion and indicator with the engine\'s result at each level, under merged level headers', async () => {
    const output = assess(year);
    const file = await bytes(await summaryTableXlsx({ input: year, output, catalog: tt25_2023, commune: demoCommune.commune }));
    const grid = await readGrid(file);
    expect(String(grid.rows[0]![0])).toBe('BẢNG TỔNG HỢP KẾT QUẢ TỰ ĐÁNH GIÁ');
    expect(grid.rows[2]!.slice(0, 3)).toEqual(['TT', 'Tiêu chí, chỉ tiêu', 'Mức độ 1 (Khá)']);
    expect(grid.rows[3]!.slice(2, 5)).toEqual(['Yêu cầu', 'Kết quả của xã', 'Tự đánh giá']);
    const byNo = new Map(grid.rows.slice(4).map((r) => [String(r[0]), r]));
    for (const level of output.levels) {
      const statusCol = 2 + (level.level - 1) * 3 + 2;
      for (const c of level.criteria) {
        expect(byNo.get(c.id.replace(/^TC/, ''))![statusCol], `${c.id} level ${level.level}`).toBe(PAPER_STATUS[c.status]);
        for (const i of c.indicators) {
          expect(byNo.get(i.id.replace(/^TC/, ''))![statusCol], `${i.id} level ${level.level}`).toBe(PAPER_STATUS[i.status]);
        }
      }
    }
    const sheetXml = part(file, 'xl/worksheets/sheet1.xml');
    expect(sheetXml).toMatch(/<pane [^>]*ySplit="4"[^>]*state="frozen"/);
    expect(sheetXml).toContain('<mergeCell ref="C3:E3"/>');
    expect(sheetXml).toContain('<mergeCell ref="F3:H3"/>');
  });
});
