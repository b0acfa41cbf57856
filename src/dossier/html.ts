// Print view of the dossier: the document tree as HTML with A4 print CSS (Nghị định 30/2020
// margins), so the browser's "In / Lưu PDF" gives clean pages. Pure strings; never touches the DOM.
import { FONT, PAGE, TEXT_WIDTH, type Block, type Cell, type Columns, type Doc, type Para, type Run, type Table } from './doc.ts';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESC[c]!);
}

function runHtml(r: Run): string {
  let h = escapeHtml(r.text).replace(/\n/g, '<br>');
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
  if (para.pageBreakBefore) style.push('break-before:page');
  const text = para.runs.map(runHtml).join('');
  // An empty paragraph still takes a line, as in Word.
  const inner = text.trim() === '' ? '&nbsp;' : text;
  const rule = para.rule ? `<span class="xd-rule" style="width:${para.rule}mm"></span>` : '';
  return `<p${style.length ? ` style="${style.join(';')}"` : ''}>${inner}${rule}</p>`;
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
  const body = t.body.map((row) => `<tr>${row.map((c) => cellHtml(c, 'td')).join('')}</tr>`).join('');
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

function blockHtml(b: Block): string {
  switch (b.kind) {
    case 'p':
      return paraHtml(b);
    case 'table':
      return tableHtml(b);
    case 'columns':
      return columnsHtml(b);
  }
}

/** One document as an `<article>`; documents after the first start on a new page. */
export function docHtml(doc: Doc): string {
  return `<article class="xd-doc" data-doc="${doc.id}" style="font-size:${doc.size}pt">${doc.blocks.map(blockHtml).join('')}</article>`;
}

/**
 * CSS of the papers. `scope` prefixes every rule so the app's own styles and these never mix.
 * @page sets A4 and the margins of Nghị định 30/2020; page numbers from page 2, centred on top.
 */
export function dossierCss(scope = '', opts: { pageNumbers?: boolean } = {}): string {
  const s = scope ? `${scope} ` : '';
  // Chromium cannot restart the page counter per document, so numbers are printed only when one
  // paper is printed alone.
  const numbers = opts.pageNumbers
    ? `@top-center { content: counter(page); font-family: "${FONT}", "Liberation Serif", Tinos, "DejaVu Serif", serif; font-size: 13pt; }`
    : '';
  return `
@page { size: A4; margin: ${PAGE.top}mm ${PAGE.right}mm ${PAGE.bottom}mm ${PAGE.left}mm; ${numbers} }
@page :first { @top-center { content: none; } }
${s}.xd-doc { font-family: "${FONT}", "Liberation Serif", Tinos, "DejaVu Serif", serif; color: #000; line-height: 1.25;
  width: ${TEXT_WIDTH}mm; box-sizing: content-box; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
${s}.xd-doc + .xd-doc { break-before: page; }
/* Room above the first line: the stacked marks of Vietnamese capitals (Ủ, Ỗ) overflow the line
   box, and at the top of a page Chromium paints that overflow at the foot of the page before. */
${s}.xd-doc { padding-top: 4pt; }
${s}.xd-doc p { margin: 0; orphans: 2; widows: 2; }
${s}.xd-doc .xd-rule { display: block; margin: 1pt auto 0; border-top: 1px solid #000; height: 0; max-width: 100%; }
${s}.xd-doc table { border-collapse: collapse; width: 100%; table-layout: fixed; }
${s}.xd-doc table.xd-cols td { border: 0; padding: 0; vertical-align: top; }
${s}.xd-doc table.xd-grid { margin: 0; }
${s}.xd-doc table.xd-grid th, ${s}.xd-doc table.xd-grid td { border: 1px solid #000; padding: 1.2mm 1.2mm; vertical-align: top; overflow-wrap: anywhere; }
${s}.xd-doc table.xd-grid .xd-mid { vertical-align: middle; }
${s}.xd-doc table.xd-grid .xd-shade { background: #e7e6e6; }
${s}.xd-doc table.xd-grid thead { display: table-header-group; }
${s}.xd-doc table.xd-grid tr { break-inside: avoid; }
`;
}

/** A whole printable HTML page holding the given documents (each from a new page; numbered when alone). */
export function printHtml(docs: Doc[], title = 'Hồ sơ'): string {
  return (
    `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>` +
    `<style>html,body{margin:0;padding:0;background:#fff}${dossierCss('', { pageNumbers: docs.length === 1 })}</style></head>` +
    `<body>${docs.map(docHtml).join('')}</body></html>`
  );
}
