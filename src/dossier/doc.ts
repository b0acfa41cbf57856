// The neutral document tree both renderers read (print HTML and .docx): paragraphs, tables,
// borderless two-column blocks and keep-together groups, in sections whose pages are numbered on
// their own, sized in points and millimetres, and bar charts drawn from their figures. Pure data:
// no DOM, no `docx` here.
import { formatInt } from './format.ts';

/** One stretch of text with one formatting. */
export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  /** Font size in points; the paragraph's (or the document's) when absent. */
  size?: number;
  /** Dots left blank to fill by hand: they wrap anywhere, so they never widen the text. */
  blank?: boolean;
}

export type Align = 'left' | 'center' | 'right' | 'justify';

/** A paragraph. `lines` split on '\n' inside a run become line breaks. */
export interface Para {
  kind: 'p';
  runs: Run[];
  align?: Align;
  /** Font size in points for runs that do not set their own. */
  size?: number;
  /** First-line indent in millimetres (the body text of Vietnamese administrative papers). */
  indent?: number;
  /** Space before/after in points. */
  before?: number;
  after?: number;
  /** A short centred rule drawn under the paragraph, this wide in millimetres (the line under the motto). */
  rule?: number;
  /** Keep on the same page as the next paragraph (titles, headings). */
  keepNext?: boolean;
  /** Start on a new page. */
  pageBreakBefore?: boolean;
}

export interface Cell {
  paras: Para[];
  colSpan?: number;
  /** Rows this cell covers; the rows below leave the covered column out. */
  rowSpan?: number;
  /** Shaded header/group cell. */
  shade?: boolean;
  valign?: 'top' | 'center';
}

/** A ruled table. Widths are relative weights; the renderers scale them to the text width. */
export interface Table {
  kind: 'table';
  widths: number[];
  /** Rows repeated on each page. */
  head: Cell[][];
  body: Cell[][];
  /** Font size in points of the whole table. */
  size: number;
  /** Identifies the table for tests and print CSS (e.g. "summary", "annex-families"). */
  name: string;
  /** Body rows (by index) kept on the page of the row after them: a criterion with its first indicator, the last row with the totals. */
  keepWithNext?: readonly number[];
}

/** Two borderless columns side by side: the header (issuer | motto) and the footer (Nơi nhận | signature). */
export interface Columns {
  kind: 'columns';
  widths: [number, number];
  left: Para[];
  right: Para[];
}

/** Blocks that stay on one page: the last lines of a paper with its signature (Nghị định 30/2020). */
export interface Keep {
  kind: 'keep';
  blocks: (Para | Columns)[];
}

/** One bar of a chart: what it counts and how many; `note` is printed after the count ("25 %"). */
export interface Bar {
  label: string;
  value: number;
  note?: string;
}

/**
 * A horizontal bar chart drawn from its figures: static SVG in print (no script, no canvas), a
 * table of the same figures in Word. Labels stay short (they do not wrap): "Tiêu chí 5".
 */
export interface Chart {
  kind: 'chart';
  /** Identifies the chart for tests and print CSS. */
  name: string;
  /** "Biểu đồ 1. Kết quả đánh giá, công nhận năm 2025". */
  caption: string;
  /** What the bars count, as the Word table's column says it: "Số xã". */
  unit: string;
  /** Heading of the Word table's note column, when the bars carry notes: "Tỷ lệ". */
  noteHead?: string;
  bars: Bar[];
}

export type Block = Para | Table | Columns | Keep | Chart;

/** A run of pages numbered on their own: the paper itself, then each annex ("Phụ lục"). */
export interface Section {
  /** 'main' or the annex's name, e.g. 'annex'. */
  id: string;
  blocks: Block[];
}

/** The commune's papers. The receiver's papers (src/review/papers) name their own ids. */
export type DocId = 'submission' | 'report' | 'summary' | 'minutes';

/** A document ready to render: A4 portrait, Times New Roman (or its metric twin). */
export interface Doc<Id extends string = DocId> {
  id: Id;
  /** Short Vietnamese name shown on buttons and used for the file name. */
  title: string;
  fileName: string;
  /** Body font size in points. */
  size: number;
  /** "DỰ THẢO" on every page: data, evidence or the lock still missing. */
  draft: boolean;
  sections: Section[];
}

/** Page geometry in millimetres, per Nghị định 30/2020/NĐ-CP (top/bottom 20–25, left 30–35, right 15–20). */
export const PAGE = {
  width: 210,
  height: 297,
  top: 20,
  bottom: 20,
  left: 30,
  right: 15,
} as const;

/** Text width in millimetres. */
export const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
/** Text height in millimetres (one page's body). */
export const TEXT_HEIGHT = PAGE.height - PAGE.top - PAGE.bottom;

export const FONT = 'Times New Roman';

/** The mark of a draft, on every page. */
export const DRAFT_MARK = 'DỰ THẢO';

/** Shorthand for a paragraph. */
export function p(text: string | Run[], opts: Omit<Para, 'kind' | 'runs'> = {}): Para {
  return { kind: 'p', runs: typeof text === 'string' ? [{ text }] : text, ...opts };
}

/** Concatenated plain text of a paragraph list (for tests and previews). */
export function plainText(paras: Para[]): string {
  return paras.map((x) => x.runs.map((r) => r.text).join('')).join('\n');
}

/** The paragraphs of a block, in reading order (cells row by row, columns left then right). */
export function parasOf(b: Block): Para[] {
  switch (b.kind) {
    case 'p':
      return [b];
    case 'columns':
      return [...b.left, ...b.right];
    case 'keep':
      return b.blocks.flatMap(parasOf);
    case 'table':
      return [...b.head, ...b.body].flat().flatMap((c) => c.paras);
    case 'chart':
      return [p(b.caption), ...b.bars.map((x) => p(`${x.label}: ${formatInt(x.value)}${x.note ? ` (${x.note})` : ''}`))];
  }
}

/** Every block of a document, sections in order. */
export function blocksOf(doc: Doc<string>): Block[] {
  return doc.sections.flatMap((s) => s.blocks);
}

/** The whole text of a document, one paragraph a line (for tests and searches). */
export function docText(doc: Doc<string>): string {
  return plainText(blocksOf(doc).flatMap(parasOf));
}
