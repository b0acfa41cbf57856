// Bảng tổng hợp kết quả tự đánh giá as an .xlsx: every criterion and indicator of the catalog with
// the requirement, the commune's figure and the result at each level, from the readiness engine's
// output, worded by the dossier's own summary rows (src/dossier/model.ts: one wording for the paper
// and the sheet). Merged level headers, frozen header rows. Lazy, like the villages' table.
import writeExcelFile from 'write-excel-file/universal';
import type { CellObject, Row, SheetData } from 'write-excel-file/universal';
import type { AssessInput, AssessOutput, LevelNo } from '../domain/assess-types.ts';
import type { Catalog } from '../domain/catalog/index.ts';
import { PAPER_STATUS } from '../dossier/figures.ts';
import { summaryRows, type CommuneSettings, type SummaryRow } from '../dossier/model.ts';
import type { DossierTexts } from '../dossier/texts.ts';
import { fitRows } from './fit.ts';
import { FONT } from './villages-sheet.ts';

export interface SummaryTableInput {
  input: AssessInput;
  output: AssessOutput;
  catalog: Catalog;
  commune: CommuneSettings;
  /** The dossier's texts of the year (the PCGD–XMC decision and the report number the evidence cites). */
  texts?: DossierTexts | undefined;
}

/** The glossary's name of the table (summaryTable). */
export const SUMMARY_TITLE = 'Bảng tổng hợp kết quả tự đánh giá';

const border = { borderStyle: 'thin', borderColor: '#7f7f7f' } as const;
const head = (value: string, extra: Partial<CellObject> = {}): CellObject => ({
  value, fontWeight: 'bold', align: 'center', alignVertical: 'center', wrap: true, backgroundColor: '#dde7f3', ...border, ...extra,
});
const text = (value: string, extra: Partial<CellObject> = {}): CellObject => ({ value, type: String, wrap: true, alignVertical: 'center', ...border, ...extra });

/** The table's sheet data: titles, level headers over their three columns, one row per criterion and indicator. */
export function summaryTableData(t: SummaryTableInput): SheetData {
  const levels = t.catalog.levels.map((l) => l.level as LevelNo);
  const perLevel = new Map(levels.map((lv) => {
    const result = t.output.levels.find((l) => l.level === lv);
    if (!result) throw new Error(`Kết quả đánh giá thiếu Mức độ ${lv}`);
    const rows = summaryRows({ input: t.input, catalog: t.catalog, texts: t.texts }, result);
    return [lv, new Map(rows.map((r) => [r.id, r]))] as const;
  }));
  const first = [...perLevel.values()][0]!;
  const width = 3 + levels.length * 3;
  const label = (lv: LevelNo) => t.catalog.levels.find((l) => l.level === lv)!.label.vi;
  const rows: SheetData = [
    [{ value: SUMMARY_TITLE.toLocaleUpperCase('vi'), fontWeight: 'bold', fontSize: 14, align: 'center', columnSpan: width }],
    [{ value: `"Cộng đồng học tập" cấp xã — ${t.commune.name}${t.commune.province ? `, ${t.commune.province}` : ''} — năm ${t.output.year}`, fontStyle: 'italic', align: 'center', columnSpan: width }],
  ];
  const top: Row = [head('TT', { rowSpan: 2 }), head('Tiêu chí, chỉ tiêu', { rowSpan: 2 })];
  const second: Row = [null, null];
  for (const lv of levels) {
    top.push(head(label(lv), { columnSpan: 3 }), null, null);
    second.push(head('Yêu cầu'), head('Kết quả của xã'), head('Tự đánh giá'));
  }
  top.push(head('Minh chứng', { rowSpan: 2 }));
  second.push(null);
  rows.push(top, second);
  for (const base of first.values()) {
    const criterion = base.kind === 'criterion';
    const style: Partial<CellObject> = criterion ? { fontWeight: 'bold', backgroundColor: '#f2f2f2' } : {};
    const row: Row = [
      text(base.no, { align: 'center', ...style }),
      text(`${base.name}: ${base.text}`, style),
    ];
    for (const lv of levels) {
      const r: SummaryRow = perLevel.get(lv)!.get(base.id)!;
      row.push(text(r.requirement, style), text(r.figure, style), text(PAPER_STATUS[r.status], { align: 'center', ...style, fontWeight: r.status === 'met' && !criterion ? undefined : 'bold' }));
    }
    row.push(text(base.evidence, style));
    rows.push(row);
  }
  const overall: Row = [text('', { fontWeight: 'bold' }), text('Kết quả chung', { fontWeight: 'bold' })];
  for (const lv of levels) {
    const status = t.output.levels.find((l) => l.level === lv)!.status;
    overall.push(text('', {}), text('', {}), text(PAPER_STATUS[status], { align: 'center', fontWeight: 'bold' }));
  }
  overall.push(text(''));
  rows.push(overall);
  return rows;
}

/** Bảng tổng hợp kết quả tự đánh giá năm … (.xlsx). */
export async function summaryTableXlsx(t: SummaryTableInput): Promise<Blob> {
  const columns = [{ width: 6 }, { width: 44 }, ...t.catalog.levels.flatMap(() => [{ width: 22 }, { width: 26 }, { width: 12 }]), { width: 34 }];
  return writeExcelFile(fitRows(summaryTableData(t), columns), {
    sheet: `Tổng hợp ${t.output.year}`, columns, stickyRowsCount: 4, stickyColumnsCount: 2, orientation: 'landscape',
  } as never, FONT).toBlob();
}

/** "bang-tong-hop-21085-2025.xlsx". */
export function summaryFileName(commune: string, year: number): string {
  return `bang-tong-hop-${commune}-${year}.xlsx`;
}
