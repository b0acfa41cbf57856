// The province's list of communes for a year as an .xlsx (the reviewer's "Tải danh sách"): a
// title, a bold header, one row per commune as the screen shows it (worded by the caller in the
// screen's language), frozen header and name columns. Pure apart from write-excel-file; lazy.
import { slugOf } from '../domain/fold.ts';
import writeExcelFile from 'write-excel-file/universal';
import type { CellObject, Row, SheetData } from 'write-excel-file/universal';
import { fitRows } from './fit.ts';
import { COUNT_FORMAT, FONT } from './villages-sheet.ts';

export interface ProvinceSheetInput {
  title: string;
  /** Column headers, the first two being STT and the commune's name. */
  columns: string[];
  /** One row per commune, cells in column order; numbers stay numbers. */
  rows: (string | number | null)[][];
  /** The totals line under the table. */
  totals?: string | undefined;
}

const border = { borderStyle: 'thin', borderColor: '#7f7f7f' } as const;

export function provinceSheetData(x: ProvinceSheetInput): SheetData {
  const head: Row = x.columns.map((value): CellObject => ({ value, fontWeight: 'bold', align: 'center', alignVertical: 'center', wrap: true, backgroundColor: '#dde7f3', ...border }));
  const data: SheetData = [[{ value: x.title, fontWeight: 'bold', fontSize: 14, columnSpan: x.columns.length }], head];
  for (const r of x.rows) {
    data.push(r.map((v): CellObject => (typeof v === 'number' ? { value: v, type: Number, format: COUNT_FORMAT, ...border } : { value: v ?? undefined, type: String, wrap: true, ...border })));
  }
  if (x.totals) data.push([{ value: x.totals, fontStyle: 'italic', columnSpan: x.columns.length }]);
  return data;
}

const widths = (n: number) => Array.from({ length: n }, (_, i) => ({ width: i === 0 ? 6 : i === 1 ? 26 : 18 }));

export async function provinceSheetXlsx(x: ProvinceSheetInput): Promise<Blob> {
  const columns = widths(x.columns.length);
  return writeExcelFile(fitRows(provinceSheetData(x), columns), { sheet: 'Danh sách xã', columns, stickyRowsCount: 2, stickyColumnsCount: 2 } as never, FONT).toBlob();
}

/** "ho-so-cac-xa-quang-ngai-2025.xlsx". */
export function provinceFileName(province: string, year: number): string {
  const slug = slugOf(province);
  return `ho-so-cac-xa-${slug || 'tinh'}-${year}.xlsx`;
}
