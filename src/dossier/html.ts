// Print view of the dossier: the document tree as HTML with A4 print CSS (Nghị định 30/2020
// margins, Tinos/Times 100 %), so the browser's "In / Lưu PDF" gives clean pages. Each section is
// a named page: drafts carry "DỰ THẢO" on every page, and paginate.ts numbers each section's pages
// on their own. Pure strings; never touches the DOM.
import { chartSvg } from './chart-svg.ts';
import { DRAFT_MARK, PAGE, TEXT_HEIGHT, TEXT_WIDTH, type Block, type Cell, type Chart, type Columns, type Doc, type Keep, type Para, type Run, type Section, type Table } from './doc.ts';
import { PRINT_FONT_STACK, fontFaceCss } from './fonts.ts';
import { paginate } from './paginate.ts';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESC[c]!);
}

/** The class the papers' CSS is scoped to: the print root, the preview and the page measurer carry it. */
export const PAPERS_CLASS = 'xd-papers';

/** A document number ("15/KH-UBND", "3233/SGDĐT-CTTTCNTX") is never broken at its hyphens. */
const DOC_NUMBER = /\d+\/[\p{L}\d]+(?:-[\p{L}\d]+)+/gu;

function runHtml(r: Run): string {
  let h = escapeHtml(r.text).replace(/\n/g, '<br>');
  if (!r.blank) h = h.replace(DOC_NUMBER, (n) => `<span class="xd-nobr">${n}</span>`);
  if (r.blank) h = `<span class="xd-blank">${h}</span>`;
  if (r.size) h = `<span style="font-size:${r.size}pt">${h}</span>`;
  if (r.underline) h = `<u>${h}</u>`;
  if (r.italic) h = `<i>${h}</i>`;
  if (r.bold) h = `<b>${h}</b>`;
  return h;
}

function paraHtml(para: Para): string {
  const style: string[] = [];
  if (para.align) style.push(`text-align:${para.align}`);
  if (para.size) style.push(`font-size:${para.size}pt`);
  if (para.indent) style.push(`text-indent:${para.indent}mm`);
  if (para.before) style.push(`margin-top:${para.before}pt`);
  if (para.after) style.push(`margin-bottom:${para.after}pt`);
  if (para.keepNext) style.push('break-after:avoid');
  const text = para.runs.map(runHtml).join('');
  // An empty paragraph still takes a line, as in Word.
  const inner = text.trim() === '' ? '&nbsp;' : text;
  const rule = para.rule ? `<span class="xd-rule" style="width:${para.rule}mm"></span>` : '';
  const cls = para.pageBreakBefore ? ' class="xd-break"' : '';
  return `<p${cls}${style.length ? ` style="${style.join(';')}"` : ''}>${inner}${rule}</p>`;
}

function cellHtml(c: Cell, tag: 'td' | 'th'): string {
  const attrs: string[] = [];
  if (c.colSpan && c.colSpan > 1) attrs.push(`colspan="${c.colSpan}"`);
  if (c.rowSpan && c.rowSpan > 1) attrs.push(`rowspan="${c.rowSpan}"`);
  const cls = [c.shade ? 'xd-shade' : '', c.valign === 'center' ? 'xd-mid' : ''].filter(Boolean).join(' ');
  if (cls) attrs.push(`class="${cls}"`);
  return `<${tag}${attrs.length ? ' ' + attrs.join(' ') : ''}>${c.paras.map(paraHtml).join('')}</${tag}>`;
}

function tableHtml(t: Table): string {
  const total = t.widths.reduce((a, b) => a + b, 0);
  const cols = t.widths.map((w) => `<col style="width:${((w / total) * 100).toFixed(2)}%">`).join('');
  const head = t.head.map((row) => `<tr>${row.map((c) => cellHtml(c, 'th')).join('')}</tr>`).join('');
  const keep = new Set(t.keepWithNext ?? []);
  const body = t.body.map((row, i) => `<tr${keep.has(i) ? ' class="xd-keepnext"' : ''}>${row.map((c) => cellHtml(c, 'td')).join('')}</tr>`).join('');
  return `<table class="xd-grid" data-table="${escapeHtml(t.name)}" style="font-size:${t.size}pt"><colgroup>${cols}</colgroup><thead>${head}</thead><tbody>${body}</tbody></table>`;
}

function columnsHtml(c: Columns): string {
  const total = c.widths[0] + c.widths[1];
  const w = (x: number) => `${((x / total) * 100).toFixed(2)}%`;
  return (
    `<table class="xd-cols"><colgroup><col style="width:${w(c.widths[0])}"><col style="width:${w(c.widths[1])}"></colgroup>` +
    `<tr><td>${c.left.map(paraHtml).join('')}</td><td>${c.right.map(paraHtml).join('')}</td></tr></table>`
  );
}

function keepHtml(k: Keep): string {
  return `<div class="xd-keep">${k.blocks.map(blockHtml).join('')}</div>`;
}

/** A chart as a figure: its caption, then the bars drawn as static SVG, kept on one page. */
function chartHtml(c: Chart): string {
  return `<figure class="xd-chart" data-chart="${escapeHtml(c.name)}"><figcaption>${escapeHtml(c.caption)}</figcaption>${chartSvg(c, TEXT_WIDTH)}</figure>`;
}

function blockHtml(b: Block): string {
  switch (b.kind) {
    case 'p':
      return paraHtml(b);
    case 'table':
      return tableHtml(b);
    case 'columns':
      return columnsHtml(b);
    case 'keep':
      return keepHtml(b);
    case 'chart':
      return chartHtml(b);
  }
}

/** The named page of a section: `xd-report-annex`. */
export function pageName(doc: Doc<string>, s: Section): string {
  return `xd-${doc.id}-${s.id}`;
}

function sectionHtml(doc: Doc<string>, s: Section): string {
  return (
    `<section class="xd-sec" data-page="${pageName(doc, s)}" data-w="${TEXT_WIDTH}" data-h="${TEXT_HEIGHT}" style="page:${pageName(doc, s)}">` +
    `${s.blocks.map(blockHtml).join('')}</section>`
  );
}

/** One document as an `<article>`; documents after the first start on a new page. */
export function docHtml(doc: Doc<string>): string {
  return (
    `<article class="xd-doc" data-doc="${doc.id}"${doc.draft ? ' data-draft="1"' : ''} style="font-size:${doc.size}pt">` +
    `${doc.sections.map((s) => sectionHtml(doc, s)).join('')}</article>`
  );
}

const MARGIN_BOX = `font-family:${PRINT_FONT_STACK};font-size:13pt;color:#000;`;

/**
 * The @page rules of a print job: A4, the margins of Nghị định 30/2020, and "DỰ THẢO" at the top
 * right of every page of a draft. Page numbers come from paginate() once the pages are counted.
 */
export function pageCss(docs: readonly Doc<string>[]): string {
  const drafts = docs
    .filter((d) => d.draft)
    .flatMap((d) => d.sections.map((s) => `@page ${pageName(d, s)} { @top-right { content: "${DRAFT_MARK}"; font-weight: bold; ${MARGIN_BOX} } }`));
  return [
    `@page { size: A4; margin: ${PAGE.top}mm ${PAGE.right}mm ${PAGE.bottom}mm ${PAGE.left}mm; @top-center { ${MARGIN_BOX} } @top-right { ${MARGIN_BOX} } }`,
    ...drafts,
  ].join('\n');
}

/**
 * CSS of the papers. `scope` prefixes every rule so the app's own styles and these never mix.
 * Nothing here scales: the text is as wide as the page's text width, and blanks wrap.
 */
export function dossierCss(scope = `.${PAPERS_CLASS}`): string {
  const s = scope ? `${scope} ` : '';
  return `
${s}.xd-doc { font-family: ${PRINT_FONT_STACK}; color: #000; line-height: 1.25; overflow-wrap: break-word;
  width: ${TEXT_WIDTH}mm; box-sizing: content-box; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
${s}.xd-doc + .xd-doc { break-before: page; }
/* Room above the first line: the stacked marks of Vietnamese capitals (Ủ, Ỗ) overflow the line
   box, and at the top of a page Chromium paints that overflow at the foot of the page before. */
${s}.xd-sec { display: block; padding-top: 4pt; }
${s}.xd-sec + .xd-sec { break-before: page; }
${s}.xd-doc p { margin: 0; orphans: 2; widows: 2; }
${s}.xd-doc .xd-break { break-before: page; }
${s}.xd-doc .xd-blank { word-break: break-all; }
${s}.xd-doc .xd-nobr { white-space: nowrap; }
${s}.xd-doc .xd-keep { break-inside: avoid; }
${s}.xd-doc .xd-rule { display: block; margin: 1pt auto 0; border-top: 1px solid #000; height: 0; max-width: 100%; }
${s}.xd-doc table { border-collapse: collapse; width: 100%; table-layout: fixed; }
${s}.xd-doc table.xd-cols { break-inside: avoid; }
${s}.xd-doc table.xd-cols td { border: 0; padding: 0; vertical-align: top; }
${s}.xd-doc table.xd-grid { margin: 0; }
${s}.xd-doc table.xd-grid th, ${s}.xd-doc table.xd-grid td { border: 1px solid #000; padding: 1.2mm 1.2mm; vertical-align: top; overflow-wrap: anywhere; }
${s}.xd-doc table.xd-grid .xd-mid { vertical-align: middle; }
${s}.xd-doc table.xd-grid .xd-shade { background: #e7e6e6; }
/* The header repeats on every page of a long table. Chromium repeats it in print regardless but in
   the columns that count the pages (paginate.ts) only when it cannot break: say so, or the count
   falls a page short of the print. */
${s}.xd-doc table.xd-grid thead { display: table-header-group; break-inside: avoid; }
${s}.xd-doc table.xd-grid tr { break-inside: avoid; }
${s}.xd-doc table.xd-grid tr.xd-keepnext { break-after: avoid; }
${s}.xd-doc .xd-chart { margin: 6pt 0; break-inside: avoid; }
${s}.xd-doc .xd-chart figcaption { text-align: center; font-weight: bold; font-size: 13pt; margin-bottom: 3pt; }
${s}.xd-doc .xd-chart svg { display: block; }
.xd-measure .xd-sec + .xd-sec, .xd-measure .xd-doc .xd-break { break-before: column; }
`;
}

export interface PrintHtmlOptions {
  title?: string;
  /** Where the print font's files are served; without it the papers fall back to Times New Roman. */
  fontUrl?: (file: string) => string;
}

/**
 * A whole printable HTML page holding the given documents (each from a new page). Its script
 * numbers the pages once the fonts are in, then sets `data-paged` on <html>.
 */
export function printHtml(docs: Doc<string>[], opts: PrintHtmlOptions = {}): string {
  const fonts = opts.fontUrl ? fontFaceCss(opts.fontUrl) : '';
  const script = `(${paginate.toString()})(document.body, ${JSON.stringify(PAPERS_CLASS)}).then(function (p) { document.documentElement.setAttribute('data-paged', JSON.stringify(p)); });`;
  return (
    `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${escapeHtml(opts.title ?? 'Hồ sơ')}</title>` +
    `<style>${fonts}\nhtml,body{margin:0;padding:0;background:#fff}${pageCss(docs)}${dossierCss()}</style></head>` +
    `<body class="${PAPERS_CLASS}">${docs.map(docHtml).join('')}<script>${script}</script></body></html>`
  );
}
