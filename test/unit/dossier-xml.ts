// Test helper: opens a .docx (a zip) with fflate and reads word/document.xml into tables, rows and
// cells of plain text, so tests check what Word will show. Reads only; knows nothing of the model.
import { strFromU8, unzipSync } from 'fflate';

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
