// The neutral document tree both renderers read (print HTML and .docx): paragraphs, tables and
// borderless two-column blocks, sized in points and millimetres. Pure data: no DOM, no `docx` here.

/** One stretch of text with one formatting. */
export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  /** Font size in points; the paragraph's (or the document's) when absent. */
  size?: number;
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
}

/** Two borderless columns side by side: the header (issuer | motto) and the footer (Nơi nhận | signature). */
export interface Columns {
  kind: 'columns';
  widths: [number, number];
  left: Para[];
  right: Para[];
}

export type Block = Para | Table | Columns;

/** A document ready to render: A4 portrait, Times New Roman. */
export interface Doc {
  /** 'submission' | 'report' | 'summary' */
  id: DocId;
  /** Short Vietnamese name shown on buttons and used for the file name. */
  title: string;
  fileName: string;
  /** Body font size in points. */
  size: number;
  blocks: Block[];
}

export type DocId = 'submission' | 'report' | 'summary';

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

export const FONT = 'Times New Roman';

/** Shorthand for a paragraph. */
export function p(text: string | Run[], opts: Omit<Para, 'kind' | 'runs'> = {}): Para {
  return { kind: 'p', runs: typeof text === 'string' ? [{ text }] : text, ...opts };
}

/** Concatenated plain text of a paragraph list (for tests and previews). */
export function plainText(paras: Para[]): string {
  return paras.map((x) => x.runs.map((r) => r.text).join('')).join('\n');
}
