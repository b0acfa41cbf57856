// Test helper: opens a .docx (a zip) with fflate and reads word/document.xml into tables, rows and
// cells of plain text, so tests check what Word will show; and checks the layout every paper
// shares. Reads only; knows nothing of the model.
import { strFromU8, unzipSync } from 'fflate';
import { expect } from 'vitest';

export interface DocxText {
  /** The raw XML of word/document.xml. */
  xml: string;
  /** All text, one paragraph a line. */
  text: string;
  /** Tables → rows → cells → text (paragraphs of a cell joined by '\n'). */
  tables: string[][][];
  /** Every file in the zip, by path. */
  files: Record<string, Uint8Array>;
}

function decode(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');
}

/** Text of an XML fragment: w:t runs, w:br as a line break, paragraphs one a line. */
export function textOf(fragment: string): string {
  const paras = fragment.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? [];
  return paras
    .map((p) =>
      (p.match(/<w:t(?:\s[^>]*)?>[\s\S]*?<\/w:t>|<w:br\/>|<w:br [^>]*\/>/g) ?? [])
        .map((t) => (t.startsWith('<w:br') ? '\n' : decode(t.replace(/^<w:t(?:\s[^>]*)?>/, '').replace(/<\/w:t>$/, ''))))
        .join(''),
    )
    .join('\n');
}

/** Unzips a .docx and reads its main document. */
export function readDocx(bytes: Uint8Array): DocxText {
  const files = unzipSync(bytes);
  const doc = files['word/document.xml'];
  if (!doc) throw new Error('word/document.xml missing');
  const xml = strFromU8(doc);
  const tables = (xml.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g) ?? []).map((tbl) =>
    (tbl.match(/<w:tr[ >][\s\S]*?<\/w:tr>/g) ?? []).map((tr) => (tr.match(/<w:tc>[\s\S]*?<\/w:tc>/g) ?? []).map(textOf)),
  );
  return { xml, text: textOf(xml), tables, files };
}

/**
 * The layout of Nghị định 30/2020 in a Word paper: `sections` Word sections (a paper, then each
 * annex), each A4 portrait with the margins, no number on its first page and numbered from 1;
 * Times New Roman 14 pt by default.
 */
export function expectPaperLayout(d: DocxText, sections: number): void {
  const sects = d.xml.match(/<w:sectPr>[\s\S]*?<\/w:sectPr>/g)!;
  expect(sects.length).toBe(sections);
  for (const sect of sects) {
    expect(sect).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    // left 30 mm, right 15 mm, top and bottom 20 mm (1 mm = 56.7 twips)
    expect(sect).toMatch(/w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
    // No page number on the first page, then centred at the top, from 1 in each section.
    expect(sect).toContain('<w:titlePg/>');
    expect(sect).toMatch(/<w:pgNumType w:start="1"/);
  }
  const styles = new TextDecoder().decode(d.files['word/styles.xml']);
  expect(styles).toContain('w:ascii="Times New Roman"');
  expect(styles).toMatch(/<w:docDefaults>[\s\S]*<w:sz w:val="28"\/>/);
}
