// Prints papers as the print view does (printHtml in a real Chromium, the print font served from
// node_modules) and saves the PDF; returns the pages each section took, as paginate() counted
// them; and checks what every printed paper must be. Test helper shared by the commune's and the
// receiver's print tests.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, type Page } from '@playwright/test';
import type { Doc } from '../../../src/dossier/doc.ts';
import { printHtml } from '../../../src/dossier/html.ts';
import { fonts, glyphRuns, lineWords, MM, pageSizes, pageTexts, sizesIn, words, type Word } from './pdf.ts';

const FONTS = fileURLToPath(new URL('../../../node_modules/@fontsource/tinos/files/', import.meta.url));
const FONT_ORIGIN = 'http://print-font.test/';

export interface Printed {
  pdf: string;
  sections: { name: string; pages: number }[];
}

/** Prints the papers into `file` (one print job) and returns the PDF's path and the pages per section. */
export async function printPapers(page: Page, docs: Doc<string>[], file: string): Promise<Printed> {
  await page.route(`${FONT_ORIGIN}*`, (route) =>
    route.fulfill({ body: readFileSync(FONTS + new URL(route.request().url()).pathname.slice(1)), contentType: 'font/woff2' }),
  );
  await page.setContent(printHtml(docs, { title: docs[0]!.title, fontUrl: (f) => FONT_ORIGIN + f }));
  await page.waitForFunction(() => document.documentElement.hasAttribute('data-paged'));
  const sections = JSON.parse((await page.locator('html').getAttribute('data-paged'))!) as { name: string; pages: number }[];
  writeFileSync(file, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  return { pdf: file, sections };
}

/** Sizes (pt) of the glyph runs of the first line that reads `phrase`. */
export function lineSizes(pdf: string, all: Word[], phrase: string): number[] {
  const ws = lineWords(all, phrase);
  expect(ws.length, `line "${phrase}"`).toBeGreaterThan(0);
  const runs = glyphRuns(pdf);
  return [...new Set(ws.flatMap((w) => sizesIn(runs, w)))];
}

/**
 * What every printed paper must be (Nghị định 30/2020, papers.md): A4 pages, as many as were
 * counted for the numbers; "DỰ THẢO" on every page of a draft and none of a finished paper;
 * Quốc hiệu 12–13 pt and the body (the line reading `bodyLine`) 13–14 pt, read from the PDF; the
 * print font embedded; text inside the margins; page numbers from page 2 of each section, centred.
 */
export function expectPrintedPaper(printed: Printed, opts: { draft: boolean; bodyLine: string; label: string }): void {
  const { pdf, sections } = printed;
  const sizes = pageSizes(pdf);
  for (const s of sizes) {
    expect(Math.abs(s.w - 210 * MM)).toBeLessThan(1);
    expect(Math.abs(s.h - 297 * MM)).toBeLessThan(1);
  }
  // The pages counted for the numbers are the pages printed.
  expect(sections.reduce((n, s) => n + s.pages, 0), `${opts.label} pages`).toBe(sizes.length);

  // DỰ THẢO on every page of a draft, on none of a finished paper.
  pageTexts(pdf).forEach((t, i) => expect(t.includes('DỰ THẢO'), `${opts.label} page ${i + 1}`).toBe(opts.draft));

  // Full size: Quốc hiệu 12–13 pt, body 13–14 pt, read from the PDF.
  const ws = words(pdf);
  for (const s of lineSizes(pdf, ws, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')) {
    expect(s, 'Quốc hiệu').toBeGreaterThanOrEqual(11.95);
    expect(s, 'Quốc hiệu').toBeLessThanOrEqual(13.05);
  }
  for (const s of lineSizes(pdf, ws, opts.bodyLine)) {
    expect(s, 'body').toBeGreaterThanOrEqual(12.95);
    expect(s, 'body').toBeLessThanOrEqual(14.05);
  }
  // The print font, embedded (a phone without Times prints the same).
  const fs = fonts(pdf);
  expect(fs.length).toBeGreaterThan(0);
  for (const f of fs) {
    expect(f.embedded, f.name).toBe(true);
    expect(f.name, 'print font').toMatch(/Tinos/);
  }

  // Text inside the margins; only the page number (centred) and DỰ THẢO (right) sit in the top margin.
  let pageNo = 0;
  const firstOfSection = new Set<number>();
  const expectedNo = new Map<number, number>();
  for (const s of sections) {
    for (let k = 1; k <= s.pages; k++) {
      pageNo++;
      if (k === 1) firstOfSection.add(pageNo);
      expectedNo.set(pageNo, k);
    }
  }
  for (const w of ws) {
    if (w.yMax < 20 * MM) {
      if (/^\d+$/.test(w.text)) {
        expect(firstOfSection.has(w.page), `no number on page ${w.page}`).toBe(false);
        expect(Number(w.text), `number of page ${w.page}`).toBe(expectedNo.get(w.page));
        expect(Math.abs((w.xMin + w.xMax) / 2 - (30 + 165 / 2) * MM)).toBeLessThan(3);
      } else expect(['DỰ', 'THẢO'], `top margin: ${w.text}`).toContain(w.text);
      continue;
    }
    expect(w.xMin, w.text).toBeGreaterThanOrEqual(30 * MM - 1);
    expect(w.xMax, w.text).toBeLessThanOrEqual((210 - 15) * MM + 1);
    expect(w.yMax, w.text).toBeLessThanOrEqual((297 - 20) * MM + 1);
  }
  for (let n = 1; n <= sizes.length; n++) {
    const numbered = ws.some((w) => w.page === n && w.yMax < 20 * MM && /^\d+$/.test(w.text));
    expect(numbered, `page ${n} numbered`).toBe(!firstOfSection.has(n));
  }
}
