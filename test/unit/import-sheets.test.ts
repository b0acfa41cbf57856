// The sheet reader on files made by real spreadsheet programs (test/fixtures/sheets, made by
// make.ts with LibreOffice Calc and write-excel-file) and on hostile files: each parsed into the
// same rows, problems (sheet row + column letter, Vietnamese) and unknown columns, or refused whole.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync } from 'fflate';
import writeExcelFile from 'write-excel-file/universal';
import { describe, expect, it } from 'vitest';
import {
  MAX_DATA_ROWS, MAX_FILE_BYTES, SheetRefusal, readGrid, readVillageFile, sheetJson, type Progress, type VillageSheet,
} from '../../src/import/index.ts';

const DIR = fileURLToPath(new URL('../fixtures/sheets/', import.meta.url));
const fixture = (name: string) => new Uint8Array(readFileSync(join(DIR, name)));
const read = (name: string) => readVillageFile(fixture(name));

async function refusal(bytes: Uint8Array): Promise<string> {
  try {
    await readVillageFile(bytes);
  } catch (e) {
    expect(e).toBeInstanceOf(SheetRefusal);
    const r = e as SheetRefusal;
    expect(r.vi.length).toBeGreaterThan(20);
    expect(r.en.length).toBeGreaterThan(20);
    return r.code;
  }
  throw new Error('the file was not refused');
}

async function xlsx(rows: unknown[][]): Promise<Uint8Array> {
  const data = rows.map((r) => r.map((v) => (v === null || v === undefined ? null : { value: v })));
  return new Uint8Array(await (await writeExcelFile(data as never).toBlob()).arrayBuffer());
}

const problemAt = (s: VillageSheet, row: number, column: string) => s.problems.filter((p) => p.row === row && p.column === column);

describe('a sheet saved by LibreOffice Calc: merged title rows, own spellings, formulas, numbers as text, empty rows', () => {
  it('finds the header under the title rows and reads every village with its row number', async () => {
    const s = await read('lo-ba-to-2025.xlsx');
    expect(s.headerRow).toBe(4);
    // "SỐ LIỆU … NĂM 2025" in the title: the app warns when importing into another year.
    expect(s.titleYear).toBe(2025);
    expect(s.rows.map((r) => [r.row, r.village.code, r.village.name])).toEqual([
      [5, 'T01', 'Thôn Làng Mạ'], [6, 'T02', 'Thôn Gò Ra'], [8, 'T03', 'Nước Lầy'], [9, 'T04', 'Thôn Đồng Dâu'], [10, 'T05', 'Thôn Ba Khâm'],
    ]);
    // "Tổng cộng" under the villages is a total, not a village.
    expect(s.skipped).toEqual([{ row: 11, reason: 'total' }]);
  });

  it('knows each column by its label or a short form of it, and lists the others', async () => {
    const s = await read('lo-ba-to-2025.xlsx');
    expect(Object.fromEntries(s.columns.map((c) => [c.column, c.field?.key ?? c.role]))).toEqual({
      A: 'stt', B: 'code', C: 'name', D: 'households', E: 'familiesRegistered', F: 'familiesRecognized', G: 'lineages',
      H: 'lineagesRegistered', I: 'lineagesRecognized', J: 'citizens', K: 'villageRecognized',
    });
    expect(s.unknownColumns).toEqual([{ column: 'L', header: 'Ghi chú' }, { column: 'M', header: 'Ngày cập nhật' }]);
  });

  it('takes a formula by its computed value and a number typed as text as the number', async () => {
    const s = await read('lo-ba-to-2025.xlsx');
    const t01 = s.rows.find((r) => r.village.code === 'T01')!;
    expect(t01.fields).toEqual({
      households: 312, familiesRegistered: 218, familiesRecognized: 210, lineages: 5, lineagesRegistered: 3, lineagesRecognized: 3,
      citizens: 834, villageRecognized: true,
    });
    const t02 = s.rows.find((r) => r.village.code === 'T02')!;
    expect(t02.fields).toMatchObject({ households: 188, familiesRegistered: 137, citizens: 522 });
  });

  it('reads a column of ticks: "x" is yes, a blank cell in it is no', async () => {
    const s = await read('lo-ba-to-2025.xlsx');
    expect(s.rows.find((r) => r.village.code === 'T04')!.fields.villageRecognized).toBe(false);
    expect(s.rows.find((r) => r.village.code === 'T05')!.fields.villageRecognized).toBe(true);
  });

  it('names each problem by the sheet row and column, in Vietnamese, with the rule of the form', async () => {
    const s = await read('lo-ba-to-2025.xlsx');
    expect(s.problems).toEqual([
      {
        row: 8, column: 'E', field: 'familiesRegistered',
        vi: 'Dòng 8, cột E: số hộ đăng ký "Gia đình học tập" (450) không được lớn hơn tổng số hộ gia đình (405)',
        en: 'Row 8, column E: households registered as Learning Family (450) must not exceed total households (405)',
      },
      {
        row: 9, column: 'F', field: 'familiesRecognized',
        vi: 'Dòng 9, cột F: số hộ được công nhận "Gia đình học tập" phải là một số (ô đang ghi "khoảng 70")',
        en: 'Row 9, column F: households recognised as Learning Family must be a number (the cell holds "khoảng 70")',
      },
    ]);
    // The refused value is not among the row's values; the others are.
    expect(s.rows.find((r) => r.row === 8)!.fields.familiesRegistered).toBeUndefined();
    expect(s.rows.find((r) => r.row === 8)!.fields.households).toBe(405);
  });
});

describe('progress for a long file', () => {
  it('reports unpacking by bytes, then reading, then checking row by row up to the last', async () => {
    const rows: unknown[][] = [['Tên thôn', 'Tổng số hộ gia đình']];
    for (let i = 1; i <= 1500; i++) rows.push([`Thôn ${i}`, i]);
    const seen: Progress[] = [];
    await readVillageFile(await xlsx(rows), (p) => seen.push(p));
    const stages = seen.map((p) => p.stage).filter((s, i, a) => s !== a[i - 1]);
    expect(stages).toEqual(['unpack', 'read', 'check']);
    const unpack = seen.filter((p): p is Extract<Progress, { stage: 'unpack' }> => p.stage === 'unpack');
    expect(unpack.map((p) => p.done)).toEqual([...unpack.map((p) => p.done)].sort((a, b) => a - b));
    expect(unpack.at(-1)!.done).toBe(unpack.at(-1)!.total);
    const check = seen.filter((p): p is Extract<Progress, { stage: 'check' }> => p.stage === 'check');
    expect(check.length).toBeGreaterThan(5);
    expect(check.at(-1)).toEqual({ stage: 'check', done: 1500, total: 1500 });
  });
});

describe('the same sheet saved by LibreOffice as CSV', () => {
  it('semicolon-separated UTF-8 reads exactly like the .xlsx', async () => {
    const csv = await read('lo-ba-to-2025-semicolon.csv');
    expect(sheetJson(csv)).toEqual(sheetJson(await read('lo-ba-to-2025.xlsx')));
  });

  it('comma-separated UTF-8 with a byte-order mark (Excel\'s "CSV UTF-8") reads exactly like the .xlsx', async () => {
    const bytes = fixture('lo-ba-to-2025-bom.csv');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = await readVillageFile(bytes);
    expect(sheetJson(csv)).toEqual(sheetJson(await read('lo-ba-to-2025.xlsx')));
    expect(csv.rows[0]!.village.name).toBe('Thôn Làng Mạ');
  });

  it('a CSV that is not UTF-8 (Windows code page) is refused rather than read with broken letters', async () => {
    const latin = new Uint8Array([...strToU8('Tên thôn;Tổng số hộ gia đình\n').subarray(0, 0), 0x54, 0xea, 0x6e, 0x20, 0x74, 0x68, 0xf4, 0x6e, 0x3b, 0x48, 0x0a, 0x41, 0x3b, 0x31, 0x0a]);
    expect(await refusal(latin)).toBe('encoding');
  });
});

describe('a sheet made by an Excel-compatible writer (write-excel-file) with other spellings', () => {
  it('knows English labels, glossary keys, curly quotes, capitals without diacritics and line breaks; never guesses', async () => {
    const s = await read('wef-spellings.xlsx');
    expect(s.headerRow).toBe(1);
    expect(Object.fromEntries(s.columns.map((c) => [c.column, c.field?.key ?? c.role]))).toEqual({
      A: 'stt', B: 'code', C: 'name', D: 'households', E: 'familiesRegistered', F: 'familiesRecognized', G: 'lineages',
      H: 'lineagesRegistered', I: 'lineagesRecognized', J: 'citizens', K: 'villageRecognized',
    });
    // "Tổng số hộ" could be households or a typo of another label: listed, not guessed.
    expect(s.unknownColumns).toEqual([{ column: 'L', header: 'Tổng số hộ' }]);
  });

  it('reads spaces around numbers, a thousands point (1.250), TRUE and "có"', async () => {
    const s = await read('wef-spellings.xlsx');
    expect(s.rows.find((r) => r.village.code === 'T01')!.fields.villageRecognized).toBe(true);
    expect(s.rows.find((r) => r.village.code === 'T02')!.fields).toEqual({
      households: 188, familiesRegistered: 137, familiesRecognized: 131, lineages: 4, lineagesRegistered: 4, lineagesRecognized: 3,
      citizens: 1250, villageRecognized: true,
    });
  });

  it('refuses negative and decimal counts, a bad code and a yes/no cell that is neither, each at its cell', async () => {
    const s = await read('wef-spellings.xlsx');
    expect(problemAt(s, 4, 'D')[0]!.vi).toBe('Dòng 4, cột D: tổng số hộ gia đình không được là số âm');
    expect(problemAt(s, 4, 'E')[0]!.vi).toBe('Dòng 4, cột E: số hộ đăng ký "Gia đình học tập" phải là số nguyên');
    expect(problemAt(s, 5, 'B')[0]!.vi).toMatch(/^Dòng 5, cột B: mã thôn "T 07" chỉ được gồm chữ cái không dấu/);
    expect(problemAt(s, 5, 'K')[0]!.vi).toBe('Dòng 5, cột K: thôn được công nhận "Cộng đồng học tập" cấp thôn chỉ ghi "Có", "Không" hoặc đánh dấu "x" (ô đang ghi "chưa rõ")');
    expect(s.problems).toHaveLength(4);
  });
});

describe('the glossary\'s own column names (after the reference rewrite: trained, university)', () => {
  it('reads every glossary column and names the issue\'s example problem: row 6, column L', async () => {
    const s = await read('lo-glossary-2025.xlsx');
    expect(s.headerRow).toBe(3);
    expect(s.unknownColumns).toEqual([]);
    expect(s.problems.map((p) => p.vi)).toEqual([
      'Dòng 6, cột L: số người có trình độ đại học trở lên (120) không được lớn hơn số người được đào tạo trình độ chuyên môn kỹ thuật (90)',
    ]);
    expect(s.rows.find((r) => r.row === 4)!.fields).toMatchObject({ citizensRecognized: 301, trained: 420, university: 95, villageRecognized: true });
  });
});

describe('hostile files', () => {
  it('prototype keys in shared strings are plain text: listed as unknown columns, villages by those names, nothing polluted', async () => {
    const bytes = fixture('crafted-prototype-keys.xlsx');
    const s = await readVillageFile(bytes);
    expect(s.unknownColumns.map((u) => u.header)).toEqual(['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty']);
    expect(s.rows.map((r) => [r.village.name, r.fields.households])).toEqual([['__proto__', 10], ['constructor', 20], ['hasOwnProperty', 30]]);
    const probe = {} as Record<string, unknown>;
    expect(probe.polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
    expect(typeof ({} as { toString: unknown }).toString).toBe('function');
    for (const r of s.rows) expect(Object.getPrototypeOf(r.fields)).toBe(Object.prototype);
  });

  it('a zip bomb that states its size is refused before it is inflated', async () => {
    const huge = new Uint8Array(64 * 1024 * 1024).fill(0x20);
    const bomb = zipSync({ 'xl/workbook.xml': strToU8('<workbook/>'), 'xl/_rels/workbook.xml.rels': strToU8('<Relationships/>'), 'xl/worksheets/sheet1.xml': huge }, { level: 9 });
    expect(bomb.length).toBeLessThan(MAX_FILE_BYTES);
    expect(await refusal(bomb)).toBe('too-big-unpacked');
  });

  it('a zip bomb that lies about its size is stopped by counting what it really inflates to', async () => {
    const huge = new Uint8Array(64 * 1024 * 1024).fill(0x20);
    const bomb = zipSync({ 'xl/workbook.xml': strToU8('<workbook/>'), 'xl/_rels/workbook.xml.rels': strToU8('<Relationships/>'), 'xl/worksheets/sheet1.xml': huge }, { level: 9 });
    // Write "1000 bytes" as the uncompressed size in every local and central header.
    const view = new DataView(bomb.buffer, bomb.byteOffset, bomb.byteLength);
    for (let i = 0; i + 4 <= bomb.length; i++) {
      const sig = view.getUint32(i, true);
      if (sig === 0x04034b50 && view.getUint32(i + 22, true) === huge.length) view.setUint32(i + 22, 1000, true);
      if (sig === 0x02014b50 && view.getUint32(i + 24, true) === huge.length) view.setUint32(i + 24, 1000, true);
    }
    expect(await refusal(bomb)).toBe('too-big-unpacked');
  });

  it('100 000 rows are refused whole (more than 2 000 data rows), as .xlsx and as CSV', async () => {
    const rows: unknown[][] = [['Tên thôn', 'Tổng số hộ gia đình']];
    for (let i = 1; i <= 100_000; i++) rows.push([`Thôn ${i}`, i % 500]);
    const big = await xlsx(rows);
    expect(big.length).toBeLessThan(MAX_FILE_BYTES);
    expect(await refusal(big)).toBe('too-many-rows');
    const csv = strToU8(rows.map((r) => r.join(',')).join('\r\n'));
    expect(await refusal(csv)).toBe('too-many-rows');
  });

  it('exactly 2 000 data rows are read; one more is refused', async () => {
    const rows: unknown[][] = [['Tên thôn', 'Tổng số hộ gia đình']];
    for (let i = 1; i <= MAX_DATA_ROWS; i++) rows.push([`Thôn ${i}`, i]);
    expect((await readVillageFile(strToU8(rows.map((r) => r.join(',')).join('\n')))).rows).toHaveLength(MAX_DATA_ROWS);
    rows.push(['Thôn thêm', 1]);
    expect(await refusal(strToU8(rows.map((r) => r.join(',')).join('\n')))).toBe('too-many-rows');
  });
});

describe('files refused whole with a clear message', () => {
  it('saved by LibreOffice with a password', async () => {
    expect(await refusal(fixture('lo-password.xlsx'))).toBe('password');
  });

  it('the Excel 97–2003 format (.xls), and LibreOffice\'s own (.ods), each with the way to save it as .xlsx', async () => {
    expect(await refusal(fixture('lo-ba-to-2025.xls'))).toBe('xls');
    expect(await refusal(fixture('lo-ba-to-2025.ods'))).toBe('ods');
  });

  it('a damaged .xlsx (cut short, or its XML broken)', async () => {
    const whole = fixture('lo-ba-to-2025.xlsx');
    expect(await refusal(whole.subarray(0, Math.floor(whole.length / 2)))).toBe('damaged');
    const broken = zipSync({ 'xl/workbook.xml': strToU8('<workbook><sheets><sheet'), 'xl/_rels/workbook.xml.rels': strToU8('<Relationships>') });
    expect(await refusal(broken)).toBe('damaged');
  });

  it('a file that is no sheet at all, an empty one, and one over 5 MB', async () => {
    expect(await refusal(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))).toBe('not-a-sheet');
    expect(await refusal(new Uint8Array(0))).toBe('empty');
    expect(await refusal(new Uint8Array(MAX_FILE_BYTES + 1).fill(0x41))).toBe('too-big');
  });

  it('a sheet without a village column or without any figure column', async () => {
    expect(await refusal(strToU8('Họ và tên,Tuổi\nNguyễn Văn A,40\n'))).toBe('no-header');
    expect(await refusal(strToU8('Tên thôn,Ghi chú\nLàng Mạ,abc\n'))).toBe('no-header');
    expect(await refusal(strToU8('Tên thôn,Tổng số hộ gia đình\n\n\n'))).toBe('empty');
  });

  it('reads the grid of any sheet (the summary table read back), row by row as the spreadsheet numbers them', async () => {
    const g = await readGrid(fixture('lo-ba-to-2025.xlsx'));
    expect(g.kind).toBe('xlsx');
    expect(g.rows[0]![0]).toBe('ỦY BAN NHÂN DÂN XÃ BA TÔ');
    expect(g.rows[3]![2]).toBe('Tên thôn');
  });
});

describe('header rules', () => {
  it('a header written twice is a problem of the whole sheet; duplicate villages are problems of their rows', async () => {
    const s = await readVillageFile(strToU8('Tên thôn,Tổng số hộ gia đình,Tổng số hộ gia đình\nLàng Mạ,10,12\nThôn Làng Mạ,11,11\n'));
    expect(s.problems.map((p) => p.vi)).toEqual([
      'Dòng 1, cột C: cột B và cột C cùng là "Tổng số hộ gia đình": chỉ để lại một cột',
      'Dòng 3, cột A: thôn "Thôn Làng Mạ" đã có ở dòng 2: mỗi thôn chỉ một dòng',
    ]);
  });

  it('an empty header cell under a merged header takes the known label above it; a title above is never taken', async () => {
    const bytes = await xlsx([
      ['DANH SÁCH', null, null],
      ['Tên thôn', 'Gia đình học tập', null],
      [null, 'Tổng số hộ gia đình', 'Số hộ đăng ký'],
      ['Làng Mạ', 100, 90],
    ]);
    const s = await readVillageFile(bytes);
    expect(s.headerRow).toBe(3);
    expect(s.columns.map((c) => [c.column, c.field?.key ?? c.role])).toEqual([['A', 'name'], ['B', 'households'], ['C', 'familiesRegistered']]);
    expect(s.rows).toEqual([{ row: 4, village: { name: 'Làng Mạ' }, fields: { households: 100, familiesRegistered: 90 } }]);
  });

  it('finds the villages on a later tab when the first is a cover page, and names the tab', async () => {
    const blob = await writeExcelFile([
      { sheet: 'Bìa', data: [[{ value: 'BÁO CÁO SỐ LIỆU NĂM 2025' }], [{ value: 'Xã Ba Tô' }]] },
      { sheet: 'Số liệu thôn', data: [[{ value: 'Tên thôn' }, { value: 'Tổng số hộ gia đình' }], [{ value: 'Làng Mạ' }, { value: 312 }]] },
    ] as never).toBlob();
    const s = await readVillageFile(new Uint8Array(await blob.arrayBuffer()));
    expect(s.sheet).toBe('Số liệu thôn');
    expect(s.rows).toEqual([{ row: 2, village: { name: 'Làng Mạ' }, fields: { households: 312 } }]);
  });

  it('skips the template\'s example row and blank lines; a dash is no value', async () => {
    const s = await readVillageFile(strToU8('STT,Mã thôn,Tên thôn,Tổng số hộ gia đình,Số hộ đăng ký\nVí dụ,T99,Thôn Ví Dụ,120,100\n\n1,T01,Làng Mạ,–,5\n'));
    expect(s.skipped).toEqual([{ row: 2, reason: 'example' }]);
    expect(s.rows).toEqual([{ row: 4, village: { code: 'T01', name: 'Làng Mạ' }, fields: { familiesRegistered: 5 } }]);
  });
});
