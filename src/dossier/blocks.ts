// The building blocks every administrative paper shares (Nghị định 30/2020/NĐ-CP), the commune's
// and the receiver's alike: header (issuer | Quốc hiệu), tên loại and trích yếu, Căn cứ, body and
// headings, table cells, Nơi nhận and the signing block, blanks for the hand, and the typesetting
// pass (curly quotes, percents kept whole). Pure document data; never knows who issues the paper.
import { p, type Block, type Cell, type Columns, type Doc, type Para, type Run, type Section, type Table } from './doc.ts';
import { curlyQuotes, formatInt } from './format.ts';
import { LEGAL_BASIS, linesOf } from './texts.ts';

/** Body text of the papers, points (Nghị định 30/2020: 13–14). */
export const BODY_PT = 14;
/** Tables of the papers, points. */
export const TABLE_PT = 12;
/** The header lines (issuer, number, date line), points. */
export const HEADER_PT = 13;
/** First-line indent of body paragraphs, mm. */
export const INDENT = 10;

/** Dots to fill by hand, about `em` characters wide; they wrap inside the text width. */
export const blank = (em = 20): Run => ({ text: '…'.repeat(em), blank: true });
/** A whole line left to fill by hand (the body's first-line indent taken into account). */
export const blankLine = (): Run => blank(30);
/** The text typed, or a blank of `em` dots when nothing is. */
export const orBlank = (text: string | undefined | null, em = 20): Run => (text?.trim() ? { text: text.trim() } : blank(em));

/** A justified body paragraph with the first-line indent. */
export const body = (text: string | Run[], extra: Omit<Para, 'kind' | 'runs'> = {}): Para =>
  p(text, { align: 'justify', indent: INDENT, after: 6, ...extra });

/** A bold heading kept with what follows. */
export const heading = (text: string): Para => p([{ text, bold: true }], { align: 'justify', indent: INDENT, before: 6, after: 6, keepNext: true });

/** One line of the issuer block, top left: the parent body regular, the issuing body bold (Nghị định 30/2020). */
export interface IssuerLine {
  text: string;
  bold: boolean;
}

export interface HeaderSpec {
  /** Upper-case lines of the issuer; a short rule goes under the last. */
  issuer: readonly IssuerLine[];
  /** "Số: 05/TTr-UBND", or null when the paper has no number line. */
  numberLine: string | null;
  /** Under the number, left: the trích yếu of a công văn ("V/v …"). */
  leftExtra?: Para[];
  /** "Ba Tô, ngày 05 tháng 02 năm 2026", or null. */
  dateText: string | null;
}

/** Quốc hiệu, tiêu ngữ, cơ quan ban hành, số, địa danh và ngày tháng (Nghị định 30/2020, Phụ lục I). */
export function officialHeader(h: HeaderSpec): Columns {
  const left: Para[] = h.issuer.map((l, i) =>
    p([{ text: l.text, bold: l.bold }], { align: 'center', size: HEADER_PT, ...(i === h.issuer.length - 1 ? { rule: 18 } : {}) }),
  );
  if (h.numberLine) left.push(p(h.numberLine, { align: 'center', size: HEADER_PT, before: 6 }));
  if (h.leftExtra) left.push(...h.leftExtra);
  const right: Para[] = [
    p([{ text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true }], { align: 'center', size: 12 }),
    p([{ text: 'Độc lập - Tự do - Hạnh phúc', bold: true }], { align: 'center', size: HEADER_PT, rule: 58 }),
  ];
  if (h.dateText) right.push(p([{ text: h.dateText, italic: true }], { align: 'center', size: HEADER_PT, before: 6 }));
  return { kind: 'columns', widths: [38, 62], left, right };
}

/** Tên loại and trích yếu, with the short rule under it. */
export function titleBlock(kind: string, summary: string): Para[] {
  return [
    p([{ text: kind, bold: true }], { align: 'center', before: 18, keepNext: true }),
    p([{ text: summary, bold: true }], { align: 'center', rule: 40, after: 12, keepNext: true }),
  ];
}

/** "Căn cứ Công văn số …;" from a line typed with or without its "Căn cứ" and its closing mark. */
export function basisLine(line: string): string {
  return /^căn cứ\s/iu.test(line) ? line : `Căn cứ ${line.replace(/[;.]$/, '')};`;
}

/** Căn cứ: the circular first, then the province's guidance letter, then any other ground typed (one a line). */
export function basisParas(guidanceLetter: string | undefined, basis?: string): Para[] {
  const lines = [LEGAL_BASIS, ...linesOf(guidanceLetter).map(basisLine), ...linesOf(basis)];
  return lines.map((l) => body(l));
}

/** Left blank for the hand (two lines) when nothing is written yet; else one paragraph a line. */
export function narrative(text: string | undefined): Para[] {
  const lines = linesOf(text);
  return lines.length ? lines.map((l) => body(l)) : [body([blankLine()]), body([blankLine()])];
}

/**
 * Đánh giá chung (Ưu điểm; Hạn chế, nguyên nhân) and Đề xuất, kiến nghị, under the headings the
 * report numbers them with ("IV. ĐÁNH GIÁ CHUNG", "V. ĐỀ XUẤT, KIẾN NGHỊ"); blanks for the hand
 * where nothing is written yet.
 */
export function closingSections(headings: [string, string], t: { strengths?: string | undefined; weaknesses?: string | undefined; proposals?: string | undefined }): Para[] {
  return [
    heading(headings[0]),
    body([{ text: '1. Ưu điểm', italic: true, bold: true }], { keepNext: true }),
    ...narrative(t.strengths),
    body([{ text: '2. Hạn chế, nguyên nhân', italic: true, bold: true }], { keepNext: true }),
    ...narrative(t.weaknesses),
    heading(headings[1]),
    ...narrative(t.proposals),
  ];
}

/**
 * Nơi nhận (left) and the signing block (right): the thẩm quyền lines, room for the signature and
 * the seal, then the name in bold. `recipients` null leaves the left column empty.
 */
export function signingColumns(recipients: string[] | null, signing: readonly string[], signerName: string | undefined): Columns {
  const left: Para[] = recipients
    ? [p([{ text: 'Nơi nhận:', bold: true, italic: true }], { size: 12, before: 12 }), ...recipients.map((r) => p(r, { size: 11 }))]
    : [];
  const right: Para[] = [
    ...signing.map((l, i) => p([{ text: l, bold: true }], { align: 'center', before: i === 0 ? 12 : 0 })),
    p([{ text: signerName?.trim() || ' ', bold: true }], { align: 'center', before: 72 }),
  ];
  return { kind: 'columns', widths: [45, 55], left, right };
}

/** Two signatures side by side (a Biên bản: the secretary left, the chair right). */
export function twoSigners(left: { role: string; name?: string | undefined }, right: { role: string; name?: string | undefined }): Columns {
  const signer = (role: string, name: string | undefined): Para[] => [
    p([{ text: role, bold: true }], { align: 'center', before: 12 }),
    p([{ text: name?.trim() || ' ', bold: true }], { align: 'center', before: 72 }),
  ];
  return { kind: 'columns', widths: [50, 50], left: signer(left.role, left.name), right: signer(right.role, right.name) };
}

/** A Nơi nhận list: the first lines, the other recipients typed one a line, then "- Lưu: VT, [office].". */
export function recipientList(first: string[], copyTo: string | undefined, archiveOffice: string): string[] {
  const extra = linesOf(copyTo).map((l) => `- ${l.replace(/^[-–•+]\s*/, '').replace(/[;.]$/, '')};`);
  return [...first, ...extra, `- Lưu: VT, ${archiveOffice.trim().replace(/[;.]$/, '')}.`];
}

export function section(id: string, blocks: Block[]): Section {
  return { id, blocks };
}

// ---------------------------------------------------------------------------------------------
// Table cells

export const cell = (text: string, opts: { bold?: boolean; italic?: boolean; align?: Para['align']; colSpan?: number; shade?: boolean } = {}): Cell => ({
  paras: [p([{ text, bold: opts.bold, italic: opts.italic }], { align: opts.align ?? 'left' })],
  colSpan: opts.colSpan,
  shade: opts.shade,
  valign: 'center',
});
/** A shaded, bold, centred header cell. */
export const hcell = (text: string, colSpan?: number): Cell => cell(text, { bold: true, align: 'center', colSpan, shade: true });
/** A count in vi-VN digits, or a dash when there is none. */
export const num = (v: number | null | undefined): string => (typeof v === 'number' ? formatInt(v) : '—');
/** A centred cell (counts, shares, results). */
export const ncell = (text: string, bold = false): Cell => cell(text, { align: 'center', bold });

/** A cell's text on several lines, one paragraph each. */
export function multiline(text: string, opts: { bold?: boolean; italic?: boolean; align?: Para['align'] } = {}): Para[] {
  return text.split('\n').map((line) => p([{ text: line, bold: opts.bold, italic: opts.italic }], { align: opts.align ?? 'left' }));
}

/** A table whose last row is its totals: the row above keeps with it (never "Cộng" alone on a page). */
export function withTotals(t: Table): Table {
  return { ...t, keepWithNext: [t.body.length - 2] };
}

// ---------------------------------------------------------------------------------------------
// Typesetting

/** A percent never parted from its number at a line end: "10,5 %" keeps a no-break space. */
export const keepPercent = (t: string): string => t.replace(/(\d) %/g, '$1\u00a0%');

/** Curly quotes in every run, as the seeds print titles (“Cộng đồng học tập”); percents kept whole. */
export function typeset<D extends Doc<string>>(doc: D): D {
  const text = (t: string) => keepPercent(curlyQuotes(t));
  const para = (x: Para): Para => ({ ...x, runs: x.runs.map((r) => (r.blank ? r : { ...r, text: text(r.text) })) });
  const cols = (c: Columns): Columns => ({ ...c, left: c.left.map(para), right: c.right.map(para) });
  const cellOf = (c: Cell): Cell => ({ ...c, paras: c.paras.map(para) });
  const block = (b: Block): Block => {
    switch (b.kind) {
      case 'p':
        return para(b);
      case 'columns':
        return cols(b);
      case 'keep':
        return { ...b, blocks: b.blocks.map((x) => (x.kind === 'p' ? para(x) : cols(x))) };
      case 'table':
        return { ...b, head: b.head.map((r) => r.map(cellOf)), body: b.body.map((r) => r.map(cellOf)) };
      case 'chart':
        return { ...b, caption: text(b.caption), bars: b.bars.map((x) => ({ ...x, label: text(x.label), ...(x.note ? { note: text(x.note) } : {}) })) };
    }
  };
  return { ...doc, sections: doc.sections.map((s) => ({ ...s, blocks: s.blocks.map(block) })) };
}
