// CSV as Excel and LibreOffice save it: UTF-8 with or without a byte-order mark (or UTF-16 with
// one, Excel's "Unicode text"), comma, semicolon or tab, quotes with "" inside, a first line
// "sep=;" from Excel. Anything that is not valid UTF-8 is refused: Vietnamese would be garbled.
import { SheetRefusal } from './refusal.ts';

export type CsvGrid = string[][];

/** The text of a CSV file's bytes. */
export function decodeCsv(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw new SheetRefusal('encoding');
  }
}

/** Splits CSV text into rows of cells with `sep`; quotes may hold separators and line breaks. */
function split(text: string, sep: string, maxRows: number): CsvGrid {
  const rows: CsvGrid = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        cell += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === sep) {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' || ch === '\n') {
      row.push(cell);
      rows.push(row);
      if (rows.length > maxRows) return rows;
      row = [];
      cell = '';
      if (ch === '\r' && text[i + 1] === '\n') i++;
    } else {
      cell += ch;
    }
    i++;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/**
 * The separator of a CSV text: the one of `; , tab` that splits its first lines into the same
 * number of cells most often (a decimal comma in a semicolon file splits only some lines).
 */
function detectSeparator(text: string): string {
  const sample = text.slice(0, 16384);
  let best = ',';
  let bestScore = -1;
  for (const sep of [';', ',', '\t']) {
    const lines = split(sample, sep, 40).filter((r) => r.some((c) => c.trim() !== ''));
    const counts = new Map<number, number>();
    for (const r of lines) if (r.length > 1) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
    let score = 0;
    for (const [width, times] of counts) score = Math.max(score, times * 1000 + width);
    if (score > bestScore) {
      best = sep;
      bestScore = score;
    }
  }
  return best;
}

/** Excel's way to keep a code as text in CSV: ="0123". */
function unwrapFormulaText(cell: string): string {
  const m = /^="(.*)"$/s.exec(cell.trim());
  return m ? m[1]!.replace(/""/g, '"') : cell;
}

/** The rows of a CSV file (at most `maxRows` + 1 are read: enough to tell it is too long). */
export function parseCsv(bytes: Uint8Array, maxRows: number): CsvGrid {
  let text = decodeCsv(bytes);
  let sep: string | null = null;
  const sepLine = /^sep=(.)\r?\n/i.exec(text);
  if (sepLine) {
    sep = sepLine[1]!;
    text = text.slice(sepLine[0].length);
  }
  sep ??= detectSeparator(text);
  return split(text, sep, maxRows).map((r) => r.map(unwrapFormulaText));
}
