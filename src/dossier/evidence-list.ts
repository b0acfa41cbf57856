// Danh mục minh chứng: the evidence files attached to the indicators, each given a code the papers
// cite ("MC1.1-01": the indicator's short number and the file's place under it), and the annex
// table that lists them (code, title, number/date/issuing body, indicator) — papers.md: "each
// indicator cites its evidence". Pure: rows in, codes and a table out.
import type { Catalog } from '../domain/catalog/index.ts';
import { cell, hcell, ncell } from './blocks.ts';
import type { Table } from './doc.ts';
import { formatDate } from './format.ts';

/** What the papers need of one attachment (src/db AttachmentRow has these fields). */
export interface EvidenceFileRef {
  id: string;
  indicator?: string | undefined;
  caption?: string | undefined;
  fileName?: string | undefined;
  number?: string | undefined;
  date?: string | undefined;
  issuer?: string | undefined;
  type: string;
}

/** One line of the list: the file with its code. */
export interface CodedFile extends EvidenceFileRef {
  code: string;
  indicator: string;
}

const two = (n: number): string => String(n).padStart(2, '0');

/**
 * The files of the catalog's indicators in the list's order (indicator by indicator as the circular
 * orders them, then by document date, then as attached), each with its code. Files of no known
 * indicator are left out (a paper cites only the circular's indicators).
 */
export function codeFiles(files: readonly EvidenceFileRef[], catalog: Catalog): CodedFile[] {
  const order = catalog.criteria.flatMap((c) => c.indicators.map((i) => i.id));
  const out: CodedFile[] = [];
  for (const id of order) {
    const mine = files.filter((f) => f.indicator === id).sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999') || a.id.localeCompare(b.id));
    const short = id.replace(/^TC/, '');
    mine.forEach((f, i) => out.push({ ...f, indicator: id, code: `MC${short}-${two(i + 1)}` }));
  }
  return out;
}

/** The codes of each indicator's files, for the summary table and the report. */
export function codesByIndicator(coded: readonly CodedFile[]): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const f of coded) m.set(f.indicator, [...(m.get(f.indicator) ?? []), f.code]);
  return m;
}

/** "Số 12/QĐ-UBND ngày 02/03/2025 của UBND xã Ba Tô", or "" for a photo with none of them. */
function documentOf(f: EvidenceFileRef): string {
  return [f.number?.trim() ? `Số ${f.number.trim()}` : '', f.date ? `ngày ${formatDate(f.date)}` : '', f.issuer?.trim() ? `của ${f.issuer.trim()}` : ''].filter(Boolean).join(' ');
}

/** The title of a file as the list names it. */
function titleOf(f: EvidenceFileRef): string {
  const t = f.caption?.trim() || f.fileName?.trim();
  if (t) return t;
  return f.type === 'application/pdf' ? 'Văn bản (tệp PDF)' : 'Ảnh chụp';
}

/** The annex table: TT, Mã, Tên minh chứng, Số/ngày/cơ quan ban hành, Chỉ tiêu. */
export function evidenceTable(coded: readonly CodedFile[], indicatorLabel: (id: string) => string): Table {
  return {
    kind: 'table',
    name: 'annex-evidence',
    size: 11,
    widths: [6, 14, 34, 26, 20],
    head: [[hcell('TT'), hcell('Mã minh chứng'), hcell('Tên minh chứng'), hcell('Số, ngày, cơ quan ban hành'), hcell('Chỉ tiêu')]],
    body: coded.map((f, i) => [ncell(String(i + 1)), ncell(f.code), cell(titleOf(f)), cell(documentOf(f)), cell(indicatorLabel(f.indicator))]),
  };
}
