// The page's print door for the dossier: one hidden root under <body> holding the papers, the
// print CSS that shows only that root on paper (A4 at 100 %, the print font, "DỰ THẢO" on a
// draft's pages), and each paper's own page numbers, counted once the font is in. Lazy with the
// screen; never touches app data.
import type { Doc } from '../../dossier/doc.ts';
import { docHtml, dossierCss, pageCss, PAPERS_CLASS } from '../../dossier/html.ts';
import { paginate, type SectionPages } from '../../dossier/paginate.ts';
import { PRINT_FONT_CSS } from './fonts.ts';

const ROOT_ID = 'xd-print';
const STYLE_ID = 'xd-print-style';

/** CSS for screen + print: the root is hidden on screen; on paper it is all that shows. */
function printCss(docs: readonly Doc<string>[]): string {
  return (
    `${PRINT_FONT_CSS}\n${pageCss(docs)}\n${dossierCss(`#${ROOT_ID}`)}` +
    `@media screen { #${ROOT_ID} { display: none; } }
@media print {
  body > *:not(#${ROOT_ID}) { display: none !important; }
  html, body { margin: 0 !important; padding: 0 !important; background: #fff !important; }
  #${ROOT_ID} { display: block; }
}`
  );
}

function ensure(): { root: HTMLElement; style: HTMLStyleElement } {
  let root = document.getElementById(ROOT_ID);
  if (!root) {
    root = document.createElement('div');
    root.id = ROOT_ID;
    root.className = PAPERS_CLASS;
    document.body.appendChild(root);
  }
  let style = document.getElementById(STYLE_ID) as HTMLStyleElement | null;
  if (!style) {
    style = document.createElement('style');
    style.id = STYLE_ID;
    document.head.appendChild(style);
  }
  return { root, style };
}

let numbered: Promise<SectionPages[]> = Promise.resolve([]);
let shown = '';

/** Papers and when the data they show was read (performance.now()): a later read is never older. */
export interface Laid {
  docs: Doc<string>[];
  readAt: number;
}

/** When the data the root's papers show was read: papers read before it are older and not laid. */
let laidAt = -Infinity;
/**
 * While a print is laid out and shown, what it prints stays in the root; the newest papers asked
 * for meanwhile wait here and are put back after it.
 */
let printing: Laid | null = null;

/** Lays these papers into the root and numbers their pages (unless they are there already). */
function lay(docs: Doc<string>[]): Promise<SectionPages[]> {
  const { root, style } = ensure();
  const css = printCss(docs);
  if (style.textContent !== css) style.textContent = css;
  const html = docs.map(docHtml).join('');
  if (shown !== html || !root.firstChild) {
    shown = html;
    root.innerHTML = html;
    // Until counted, no numbers rather than wrong ones.
    document.getElementById('xd-print-pages')?.remove();
    numbered = paginate(root, PAPERS_CLASS).catch(() => []);
  }
  return numbered;
}

/**
 * Puts these papers in the print root (the whole dossier by default, ready for Ctrl+P) and numbers
 * their pages; resolves with each section's page count once numbered. `readAt` is when their data
 * was read (default: now): papers older than those in the root are ignored, and during a print
 * they are kept for after it.
 */
export function setPrintDocs(docs: Doc<string>[], readAt = performance.now()): Promise<SectionPages[]> {
  if (printing) {
    if (readAt >= printing.readAt) printing = Object.assign(printing, { docs, readAt });
    return numbered;
  }
  if (readAt < laidAt) return numbered;
  laidAt = readAt;
  return lay(docs);
}

/**
 * Prints one paper (or several) once their pages are numbered, then puts `restore` back (or newer
 * papers asked for during the print). `readAt`: when the data of both was read (default: now).
 */
export async function printDocs(docs: Doc<string>[], restore: Doc<string>[], readAt = performance.now()): Promise<void> {
  const mine: Laid = { docs: restore, readAt };
  printing = mine;
  await lay(docs);
  let done = false;
  const back = () => {
    if (done) return;
    done = true;
    window.removeEventListener('afterprint', back);
    // A later print has taken over: it puts the papers back itself.
    if (printing !== mine) return;
    printing = null;
    laidAt = Math.max(laidAt, mine.readAt);
    void lay(mine.docs);
  };
  window.addEventListener('afterprint', back);
  if (printing !== mine) return back(); // another print began while this one was laid out
  window.print();
}

/** Removes the print root and its CSS (the screen is leaving). */
export function removePrintRoot(): void {
  document.getElementById(ROOT_ID)?.remove();
  document.getElementById(STYLE_ID)?.remove();
  document.getElementById('xd-print-pages')?.remove();
  shown = '';
  printing = null;
  laidAt = -Infinity;
}
