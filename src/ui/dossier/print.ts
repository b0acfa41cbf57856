// The page's print door for the dossier: one hidden root under <body> holding the papers, and the
// print CSS that shows only that root on paper. Lazy with the screen; never touches app data.
import type { Doc } from '../../dossier/doc.ts';
import { docHtml, dossierCss } from '../../dossier/html.ts';

const ROOT_ID = 'xd-print';
const STYLE_ID = 'xd-print-style';

/** CSS for screen + print: the root is hidden on screen; on paper it is all that shows. */
function printCss(pageNumbers: boolean): string {
  return (
    dossierCss(`#${ROOT_ID}`, { pageNumbers }) +
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

/** Puts these papers in the print root (the whole dossier by default, ready for Ctrl+P). */
export function setPrintDocs(docs: Doc[]): void {
  const { root, style } = ensure();
  const css = printCss(docs.length === 1);
  if (style.textContent !== css) style.textContent = css;
  root.innerHTML = docs.map(docHtml).join('');
}

/** Prints one paper (or several), then puts `restore` back once the print dialog closes. */
export function printDocs(docs: Doc[], restore: Doc[]): void {
  setPrintDocs(docs);
  let done = false;
  const back = () => {
    if (done) return;
    done = true;
    window.removeEventListener('afterprint', back);
    setPrintDocs(restore);
  };
  window.addEventListener('afterprint', back);
  window.print();
}

/** Removes the print root and its CSS (the screen is leaving). */
export function removePrintRoot(): void {
  document.getElementById(ROOT_ID)?.remove();
  document.getElementById(STYLE_ID)?.remove();
}
