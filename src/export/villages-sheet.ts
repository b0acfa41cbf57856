// The villages' table of a year as an .xlsx, and the import template ("Tải mẫu Excel"), from the
// glossary labels and the "≤" groups of src/import/columns.ts (one definition of the columns, so
// what the app writes it reads back). Vietnamese headers, vi-VN number formats, merged group
// headers, frozen header rows. Pure apart from write-excel-file; lazy (loaded when a file is asked for).
import writeExcelFile from 'write-excel-file/universal';
import type { CellObject, Row, SheetData } from 'write-excel-file/universal';
import { OTHER_LABELS } from '../domain/schemas/labels.ts';
import { SHEET_FIELDS, STT_LABEL, columnGroups, upperKeysOf, type FieldColumn } from '../import/columns.ts';
import { fitRows } from './fit.ts';

/** What the table shows: the commune, the year, its villages in order and their counts. */
export interface VillagesTableInput {
  commune: { code: string; name: string; province?: string | undefined };
  year: number;
  /** Each village's code (Mã thôn, shown) and, when it differs, its id (what `counts` is keyed by). */
  villages: readonly { id?: string; code: string; name: string }[];
  counts: ReadonlyMap<string, Readonly<Record<string, unknown>>>;
}

/** Whole numbers with a thousands separator: Excel and LibreOffice show it as the locale does (1.250 in vi-VN). */
export const COUNT_FORMAT = '#,##0';
/** Text, so a code like "001" stays "001". */
const TEXT_FORMAT = '@';

/** A font every phone and office computer has, at the size of official tables. */
export const FONT = { fontFamily: 'Arial', fontSize: 11 };

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const border = { borderStyle: 'thin', borderColor: '#7f7f7f' } as const;
const head = (value: string, extra: Partial<CellObject> = {}): CellObject => ({
  value, fontWeight: 'bold', align: 'center', alignVertical: 'center', wrap: true, backgroundColor: '#dde7f3', ...border, ...extra,
});
const yesNo = (v: unknown) => (v === true ? 'Có' : v === false ? 'Không' : null);

function valueCell(field: FieldColumn, v: unknown, extra: Partial<CellObject> = {}): CellObject {
  if (field.kind === 'yesNo') return { value: yesNo(v) ?? undefined, type: String, align: 'center', ...border, ...extra };
  // An empty count cell keeps the number format, so what a person types in it shows as 1.250.
  return typeof v === 'number' ? { value: v, type: Number, format: COUNT_FORMAT, ...border, ...extra } : { type: Number, format: COUNT_FORMAT, ...border, ...extra };
}

function widths(): { width: number }[] {
  return [{ width: 6 }, { width: 9 }, { width: 24 }, ...SHEET_FIELDS.map((f) => ({ width: f.kind === 'yesNo' ? 16 : 14 }))];
}

/** Cells for one village row (STT, code, name, fields). */
function villageRow(no: number | string, code: string, name: string, counts: Readonly<Record<string, unknown>>, extra: Partial<CellObject> = {}): Row {
  return [
    { value: no, type: typeof no === 'number' ? Number : String, align: 'center', ...border, ...extra },
    { value: code, type: String, format: TEXT_FORMAT, ...border, ...extra },
    { value: name, type: String, ...border, ...extra },
    ...SHEET_FIELDS.map((f) => valueCell(f, counts[f.key], extra)),
  ];
}

/** The table's sheet data: title rows, a two-row header (group titles merged above the labels), villages, totals. */
export function villagesTableData(t: VillagesTableInput): SheetData {
  const width = 3 + SHEET_FIELDS.length;
  const place = [t.commune.name, t.commune.province].filter(Boolean).join(', ');
  const rows: SheetData = [
    [{ value: `SỐ LIỆU MÔ HÌNH HỌC TẬP CỦA CÁC THÔN NĂM ${t.year}`, fontWeight: 'bold', fontSize: 14, align: 'center', columnSpan: width }],
    [{ value: place, fontStyle: 'italic', align: 'center', columnSpan: width }],
  ];
  const top: Row = [head(STT_LABEL.vi, { rowSpan: 2 }), head(OTHER_LABELS.villageCode.vi, { rowSpan: 2 }), head(OTHER_LABELS.villageName.vi, { rowSpan: 2 })];
  const second: Row = [null, null, null];
  for (const g of columnGroups()) {
    if (g.title === null) {
      for (const f of g.fields) {
        top.push(head(f.label.vi, { rowSpan: 2 }));
        second.push(null);
      }
      continue;
    }
    g.fields.forEach((f, i) => {
      top.push(i === 0 ? head(g.title!, { columnSpan: g.fields.length }) : null);
      second.push(head(f.label.vi));
    });
  }
  rows.push(top, second);
  const totals: Record<string, number> = {};
  t.villages.forEach((v, i) => {
    const c = t.counts.get(v.id ?? v.code) ?? {};
    rows.push(villageRow(i + 1, v.code, v.name, c));
    for (const f of SHEET_FIELDS) {
      const x = c[f.key];
      if (f.kind === 'count' && typeof x === 'number') totals[f.key] = (totals[f.key] ?? 0) + x;
      if (f.kind === 'yesNo' && x === true) totals[f.key] = (totals[f.key] ?? 0) + 1;
    }
  });
  rows.push([
    { value: '', ...border }, { value: '', ...border }, { value: 'Tổng cộng', type: String, fontWeight: 'bold', ...border },
    ...SHEET_FIELDS.map((f): CellObject => {
      const x = totals[f.key] ?? 0;
      // A yes/no column totals as "5/12 thôn", never as a number the reader would take for a count.
      if (f.kind === 'yesNo') return { value: `${x}/${t.villages.length} thôn`, type: String, fontWeight: 'bold', align: 'center', ...border };
      return { value: x, type: Number, format: COUNT_FORMAT, fontWeight: 'bold', ...border };
    }),
  ]);
  return rows;
}

/** Example values that keep every "≤" rule: a base of 300, each count under it 80 % of the one above. */
function exampleCounts(): Record<string, unknown> {
  const out: Record<string, number | boolean> = {};
  for (const f of SHEET_FIELDS) {
    if (f.kind === 'yesNo') {
      out[f.key] = true;
      continue;
    }
    const ups = upperKeysOf(f.key).map((u) => out[u]).filter((x): x is number => typeof x === 'number');
    out[f.key] = ups.length ? Math.floor(Math.min(...ups) * 0.8) : 300;
  }
  return out;
}

/** The template's sheet data: one header row with the exact labels, the example row, the villages. */
export function templateData(t: VillagesTableInput): SheetData {
  const header: Row = [head(STT_LABEL.vi), head(OTHER_LABELS.villageCode.vi), head(OTHER_LABELS.villageName.vi), ...SHEET_FIELDS.map((f) => head(f.label.vi))];
  const example = villageRow('Ví dụ', 'VD', 'Thôn Ví Dụ (dòng mẫu, không được nhập)', exampleCounts(), { fontStyle: 'italic', textColor: '#6b6b6b' });
  const villages = t.villages.map((v, i) => villageRow(i + 1, v.code, v.name, t.counts.get(v.id ?? v.code) ?? {}));
  // Room for villages the commune does not have yet, already formatted (blank rows are not read).
  const blank = Array.from({ length: 5 }, () => villageRow('', '', '', {}));
  return [header, example, ...villages, ...blank];
}

const GUIDE: string[] = [
  'Cách điền bảng số liệu các thôn',
  '1. Mỗi thôn một dòng. Không đổi tên các cột ở dòng đầu; có thể bỏ bớt cột không dùng.',
  '2. Các cột số ghi số nguyên từ 0 trở lên (ví dụ 1.250). Ô để trống thì số đã có trong ứng dụng giữ nguyên.',
  '3. Cột có/không ghi "Có" hoặc "Không" (hoặc đánh dấu "x" cho Có).',
  '4. Dòng "Ví dụ" chỉ để tham khảo: ứng dụng bỏ qua dòng này khi nhập.',
  '5. Số sau phải không lớn hơn số trước trong cùng nhóm (ví dụ số hộ được công nhận không lớn hơn số hộ đăng ký).',
  '6. Lưu tệp dạng .xlsx (hoặc CSV UTF-8) rồi chọn "Nhập từ tệp Excel" trong ứng dụng: ứng dụng cho xem trước, chỉ ghi khi bạn xác nhận.',
];

/** Bảng số liệu các thôn năm … (.xlsx). */
export async function villagesTableXlsx(t: VillagesTableInput): Promise<Blob> {
  return writeExcelFile(fitRows(villagesTableData(t), widths()), {
    sheet: `Số liệu thôn ${t.year}`, columns: widths(), stickyRowsCount: 4, stickyColumnsCount: 3,
  } as never, FONT).toBlob();
}

/** Mẫu Excel để nhập số liệu các thôn (.xlsx): the sheet to fill and a guide. */
export async function templateXlsx(t: VillagesTableInput): Promise<Blob> {
  return writeExcelFile([
    { data: fitRows(templateData(t), widths()), sheet: 'Số liệu thôn', columns: widths(), stickyRowsCount: 1, stickyColumnsCount: 3 },
    { data: GUIDE.map((line, i) => [{ value: line, fontWeight: i === 0 ? 'bold' : undefined }]), sheet: 'Hướng dẫn', columns: [{ width: 110 }] },
  ] as never, FONT).toBlob();
}

/** "so-lieu-thon-21085-2025.xlsx". */
export function villagesFileName(commune: string, year: number, template = false): string {
  return template ? `mau-nhap-so-lieu-thon-${commune}-${year}.xlsx` : `so-lieu-thon-${commune}-${year}.xlsx`;
}
