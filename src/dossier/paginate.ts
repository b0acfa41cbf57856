// Page numbers of each paper and annex in one print job. Chromium cannot restart the page counter
// per paper (`@page name:first` and element counter resets are ignored), so this lays each section
// out in columns one page tall (the same fragmentation engine as printing), counts its pages and
// writes @counter-style rules that turn the job's page number into the section's own: no number on
// its first page, then 2, 3, … Runs in the page only. It must stay self-contained (no imports, no
// module-level names) because printHtml inlines its source for a standalone print page.

/** One section's name (its `page` value) and how many pages it takes. */
export interface SectionPages {
  name: string;
  pages: number;
}

/**
 * Measures the sections (`[data-page]`) under `root` and installs the numbering CSS in
 * `root.ownerDocument`. `scopeClass` is the class the papers' CSS is scoped to.
 */
export async function paginate(root: Element, scopeClass: string): Promise<SectionPages[]> {
  const doc = root.ownerDocument;
  // Fonts first: a fallback font breaks lines elsewhere. Loading a face it already has is a no-op.
  const loads: Promise<unknown>[] = [];
  doc.fonts.forEach((f) => {
    loads.push(f.load().catch(() => null));
  });
  await Promise.all(loads);
  const sections = Array.from(root.querySelectorAll<HTMLElement>('[data-page]'));
  const out: { name: string; pages: number }[] = [];
  const box = doc.createElement('div');
  box.className = `${scopeClass} xd-measure`;
  box.setAttribute('aria-hidden', 'true');
  box.style.cssText = 'position:absolute;left:-100000px;top:0;visibility:hidden;';
  doc.body.appendChild(box);
  try {
    for (const sec of sections) {
      const article = sec.closest('article');
      const cols = doc.createElement('div');
      cols.style.cssText = `width:${sec.dataset.w}mm;height:${sec.dataset.h}mm;columns:${sec.dataset.w}mm;column-gap:0;column-fill:auto;`;
      const holder = article ? (article.cloneNode(false) as HTMLElement) : doc.createElement('div');
      holder.appendChild(sec.cloneNode(true));
      cols.appendChild(holder);
      box.appendChild(cols);
      const width = cols.getBoundingClientRect().width;
      out.push({ name: sec.dataset.page ?? '', pages: Math.max(1, Math.round(cols.scrollWidth / width)) });
      box.removeChild(cols);
    }
  } finally {
    box.remove();
  }
  let css = '';
  let before = 0;
  out.forEach((s, i) => {
    const symbols = ['""'];
    for (let n = 2; n <= s.pages + 5; n++) symbols.push(`"${n}"`);
    css += `@counter-style xd-pg-${i}{system:fixed ${before + 1};symbols:${symbols.join(' ')};}`;
    css += `@page ${s.name}{@top-center{content:counter(page,xd-pg-${i});}}`;
    before += s.pages;
  });
  let style = doc.getElementById('xd-print-pages');
  if (!style) {
    style = doc.createElement('style');
    style.id = 'xd-print-pages';
    doc.head.appendChild(style);
  }
  style.textContent = css;
  return out;
}
