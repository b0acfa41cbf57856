// .docx of a dossier paper, built with the `docx` package so cadres can still edit wording in Word:
// one Word section per paper section, each numbering its own pages from 2 (centred at the top),
// "DỰ THẢO" in the header of every page of a draft. `docx` is imported on demand here and this
// module is itself imported on demand by the screen: neither may ever be reached from the first load.
import { DRAFT_MARK, FONT, PAGE, TEXT_WIDTH, type Block, type Cell, type Chart, type Columns, type Doc, type Para, type Table } from './doc.ts';
import { formatInt } from './format.ts';

type DocxLib = typeof import('docx');

/** Millimetres to twentieths of a point. */
const twip = (mm: number): number => Math.round((mm * 1440) / 25.4);
const halfPt = (pt: number): number => Math.round(pt * 2);
const LINE = 276; // 1.15 lines: within the single–1.5 range of Nghị định 30/2020.

function alignment(d: DocxLib, a: Para['align']) {
  switch (a) {
    case 'center':
      return d.AlignmentType.CENTER;
    case 'right':
      return d.AlignmentType.RIGHT;
    case 'justify':
      return d.AlignmentType.JUSTIFIED;
    default:
      return d.AlignmentType.LEFT;
  }
}

/** A paragraph, followed by a short centred rule when it asks for one. `width` is the room it sits in, mm. */
function paragraphs(d: DocxLib, para: Para, width: number, size: number): InstanceType<DocxLib['Paragraph']>[] {
  const ptSize = para.size ?? size;
  const children: InstanceType<DocxLib['TextRun']>[] = [];
  for (const r of para.runs) {
    const lines = r.text.split('\n');
    // Blanks stay dots: Word breaks a run of dots at the margin, as the print view does.
    lines.forEach((line, i) =>
      children.push(
        new d.TextRun({
          text: line,
          bold: r.bold,
          italics: r.italic,
          underline: r.underline ? {} : undefined,
          size: halfPt(r.size ?? ptSize),
          font: FONT,
          break: i > 0 ? 1 : undefined,
        }),
      ),
    );
  }
  const out = [
    new d.Paragraph({
      alignment: alignment(d, para.align),
      indent: para.indent ? { firstLine: twip(para.indent) } : undefined,
      // A paragraph with a rule under it leaves its space after to the rule, so the rule hugs the text.
      spacing: { before: (para.before ?? 0) * 20, after: para.rule ? 0 : (para.after ?? 0) * 20, line: LINE },
      keepNext: para.keepNext || undefined,
      pageBreakBefore: para.pageBreakBefore || undefined,
      children,
    }),
  ];
  if (para.rule) {
    // A bordered empty paragraph, narrowed by indents: a rule as long as asked, centred under the text.
    const side = twip(Math.max(0, (width - para.rule) / 2));
    out.push(
      new d.Paragraph({
        indent: { left: side, right: side },
        spacing: { before: 40, after: (para.after ?? 0) * 20, line: 40, lineRule: d.LineRuleType.EXACT },
        border: { top: { style: d.BorderStyle.SINGLE, size: 6, color: '000000', space: 0 } },
        children: [new d.TextRun({ text: '', size: 2 })],
      }),
    );
  }
  return out;
}

function cellOf(d: DocxLib, c: Cell, widthMm: number, size: number, borders: boolean) {
  const none = { style: d.BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const line = { style: d.BorderStyle.SINGLE, size: 4, color: '000000' };
  const b = borders ? line : none;
  return new d.TableCell({
    width: { size: twip(widthMm), type: d.WidthType.DXA },
    columnSpan: c.colSpan && c.colSpan > 1 ? c.colSpan : undefined,
    rowSpan: c.rowSpan && c.rowSpan > 1 ? c.rowSpan : undefined,
    verticalAlign: c.valign === 'center' ? d.VerticalAlignTable.CENTER : d.VerticalAlignTable.TOP,
    shading: c.shade ? { fill: 'E7E6E6', type: d.ShadingType.CLEAR, color: 'auto' } : undefined,
    margins: borders ? { top: 40, bottom: 40, left: 70, right: 70 } : { top: 0, bottom: 0, left: 0, right: 0 },
    borders: { top: b, bottom: b, left: b, right: b },
    children: c.paras.flatMap((p) => paragraphs(d, { ...p, after: p.after ?? (borders ? 0 : p.after) }, widthMm, size)),
  });
}

function widthsMm(weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => (w / total) * TEXT_WIDTH);
}

/** The columns a row's cells start at, so spans get the right width. */
function rowCells(d: DocxLib, row: Cell[], cols: number[], size: number, borders: boolean, covered: Set<number>) {
  const out = [];
  let col = 0;
  for (const c of row) {
    while (covered.has(col)) col++;
    const span = c.colSpan ?? 1;
    const w = cols.slice(col, col + span).reduce((a, b) => a + b, 0);
    out.push(cellOf(d, c, w, size, borders));
    col += span;
  }
  return out;
}

function tableOf(d: DocxLib, t: Table) {
  const cols = widthsMm(t.widths);
  const rows: InstanceType<DocxLib['TableRow']>[] = [];
  // Columns covered by a rowSpan from the row above, per row index.
  const coveredBy = new Map<number, Set<number>>();
  // A row kept with the next: Word keeps it when each of its paragraphs keeps with the next.
  const keep = new Set(t.keepWithNext ?? []);
  const body = t.body.map((r, i) => (keep.has(i) ? r.map((c) => ({ ...c, paras: c.paras.map(kept) })) : r));
  const all = [...t.head.map((r) => ({ r, head: true })), ...body.map((r) => ({ r, head: false }))];
  all.forEach(({ r, head }, i) => {
    const covered = coveredBy.get(i) ?? new Set<number>();
    let col = 0;
    for (const c of r) {
      while (covered.has(col)) col++;
      const span = c.colSpan ?? 1;
      for (let k = 1; k < (c.rowSpan ?? 1); k++) {
        const set = coveredBy.get(i + k) ?? new Set<number>();
        for (let s = 0; s < span; s++) set.add(col + s);
        coveredBy.set(i + k, set);
      }
      col += span;
    }
    rows.push(
      new d.TableRow({
        tableHeader: head || undefined,
        cantSplit: true,
        children: rowCells(d, r, cols, t.size, true, covered),
      }),
    );
  });
  return new d.Table({
    width: { size: twip(TEXT_WIDTH), type: d.WidthType.DXA },
    columnWidths: cols.map(twip),
    layout: d.TableLayoutType.FIXED,
    rows,
  });
}

function columnsOf(d: DocxLib, c: Columns, size: number) {
  const cols = widthsMm(c.widths);
  const none = { style: d.BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  return new d.Table({
    width: { size: twip(TEXT_WIDTH), type: d.WidthType.DXA },
    columnWidths: cols.map(twip),
    layout: d.TableLayoutType.FIXED,
    borders: { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none },
    rows: [
      new d.TableRow({
        children: [
          cellOf(d, { paras: c.left.length ? c.left : [{ kind: 'p', runs: [{ text: '' }] }] }, cols[0]!, size, false),
          cellOf(d, { paras: c.right }, cols[1]!, size, false),
        ],
      }),
    ],
  });
}

/** A chart in Word: its caption, then the same figures as a table (Word draws no SVG without a picture fallback). */
function chartTable(c: Chart): [Para, Table] {
  const cellOfText = (text: string, bold = false, align: Para['align'] = 'left'): Cell => ({
    paras: [{ kind: 'p', runs: [{ text, bold }], align }],
    valign: 'center',
    shade: bold || undefined,
  });
  const notes = c.bars.some((b) => b.note);
  const head = [cellOfText('TT', true, 'center'), cellOfText('Nội dung', true, 'center'), cellOfText(c.unit, true, 'center')];
  if (notes) head.push(cellOfText(c.noteHead ?? '', true, 'center'));
  return [
    { kind: 'p', runs: [{ text: c.caption, bold: true }], align: 'center', before: 6, after: 3, keepNext: true },
    {
      kind: 'table',
      name: c.name,
      size: 12,
      widths: notes ? [8, 56, 18, 18] : [8, 66, 26],
      head: [head],
      body: c.bars.map((b, i) => {
        const row = [cellOfText(String(i + 1), false, 'center'), cellOfText(b.label), cellOfText(formatInt(b.value), false, 'center')];
        if (notes) row.push(cellOfText(b.note ?? '', false, 'center'));
        return row;
      }),
      // A chart's table is short: all of it on one page, as the printed chart is.
      keepWithNext: c.bars.map((_, i) => i).slice(0, -1),
    },
  ];
}

/** Keeps a paragraph with what follows (the paragraphs of a keep-together group, but its last). */
const kept = (para: Para): Para => ({ ...para, keepNext: true });
const keptColumns = (c: Columns): Columns => ({ ...c, left: c.left.map(kept), right: c.right.map(kept) });

function blocksOf(d: DocxLib, blocks: Block[], size: number) {
  const out: (InstanceType<DocxLib['Paragraph']> | InstanceType<DocxLib['Table']>)[] = [];
  for (const b of blocks) {
    if (b.kind === 'p') out.push(...paragraphs(d, b, TEXT_WIDTH, size));
    else if (b.kind === 'table') out.push(tableOf(d, b));
    else if (b.kind === 'columns') out.push(columnsOf(d, b, size));
    else if (b.kind === 'chart') {
      const [caption, table] = chartTable(b);
      // An empty line after it: Word joins two tables that touch into one.
      const gap: Para = { kind: 'p', runs: [{ text: '' }], after: 3 };
      out.push(...paragraphs(d, caption, TEXT_WIDTH, size), tableOf(d, table), ...paragraphs(d, gap, TEXT_WIDTH, size));
    } else {
      // Word keeps a group on one page when each paragraph keeps with the next and rows never split.
      const inner = b.blocks.map((x, i) => (i === b.blocks.length - 1 ? x : x.kind === 'p' ? kept(x) : keptColumns(x)));
      out.push(...blocksOf(d, inner, size));
    }
  }
  return out;
}

/** The header of a section's pages: the page number (not on the first page), "DỰ THẢO" on all of a draft. */
function headers(d: DocxLib, draft: boolean) {
  const mark = draft ? [new d.TextRun({ text: `\t${DRAFT_MARK}`, bold: true, font: FONT, size: halfPt(13) })] : [];
  // Centre and right tab stops across the text width: the number centred, the mark flush right.
  const tabStops = [
    { type: d.TabStopType.CENTER, position: twip(TEXT_WIDTH / 2) },
    { type: d.TabStopType.RIGHT, position: twip(TEXT_WIDTH) },
  ];
  const line = (number: boolean) =>
    new d.Paragraph({
      tabStops,
      children: [
        new d.TextRun({ text: '\t', font: FONT, size: halfPt(13) }),
        ...(number ? [new d.TextRun({ children: [d.PageNumber.CURRENT], font: FONT, size: halfPt(13) })] : []),
        ...mark,
      ],
    });
  return { default: new d.Header({ children: [line(true)] }), first: new d.Header({ children: [line(false)] }) };
}

/** The Word document of one paper, as the bytes of a .docx file. */
export async function buildDocx(doc: Doc<string>): Promise<Uint8Array> {
  const d = await import('docx');
  const document = new d.Document({
    creator: 'Xã Học Tập',
    title: doc.title,
    styles: {
      default: {
        document: {
          run: { font: FONT, size: halfPt(doc.size), language: { value: 'vi-VN' } },
          paragraph: { spacing: { line: LINE } },
        },
      },
    },
    sections: doc.sections.map((s) => ({
      properties: {
        // Nghị định 30/2020: no number on the first page, centred on top from page 2; an annex
        // numbers its own pages.
        titlePage: true,
        page: {
          size: { width: twip(PAGE.width), height: twip(PAGE.height), orientation: d.PageOrientation.PORTRAIT },
          margin: { top: twip(PAGE.top), bottom: twip(PAGE.bottom), left: twip(PAGE.left), right: twip(PAGE.right), header: twip(10), footer: twip(10) },
          pageNumbers: { start: 1 },
        },
      },
      headers: headers(d, doc.draft),
      children: blocksOf(d, s.blocks, doc.size),
    })),
  });
  return new Uint8Array(await d.Packer.toArrayBuffer(document));
}

/** The .docx file name of a paper. */
export function docxFileName(doc: Doc<string>): string {
  return `${doc.fileName}.docx`;
}
