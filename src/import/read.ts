// Reads the sheets of a file as rows of cells, whatever made it: an .xlsx (through the bounded
// unpacker, then read-excel-file) or a CSV. Tells a password-protected file, an old .xls and a file
// that is no sheet at all apart by their first bytes. Pure: runs in a Web Worker and in Node alike.
import readXlsxFile from 'read-excel-file/universal';
import { parseCsv } from './csv.ts';
import { MAX_DATA_ROWS, MAX_FILE_BYTES, SheetRefusal } from './refusal.ts';
import { unpackXlsx } from './unzip.ts';

/** A cell as read: text, number, yes/no (a TRUE/FALSE cell), a date, or empty. */
export type Cell = string | number | boolean | Date | null;

/** One sheet: rows[i] is the sheet's row i + 1, rows[i][j] its column j (0 = A). */
export interface Sheet {
  /** The sheet's tab name ("" for a CSV). */
  name: string;
  rows: Cell[][];
}

/** A file's sheets in tab order; `rows` are the first sheet's. */
export interface Grid {
  kind: 'xlsx' | 'csv';
  rows: Cell[][];
  sheets: Sheet[];
}

/** Reading stages, for a progress line: unpacking (with bytes), reading the table, checking rows. */
export type Progress = { stage: 'unpack'; done: number; total: number } | { stage: 'read' } | { stage: 'check'; done: number; total: number };

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/** An OLE2 file holding "EncryptedPackage" is an Office file saved with a password. */
function isEncryptedOffice(bytes: Uint8Array): boolean {
  const name = 'EncryptedPackage';
  const pattern = new Uint8Array(name.length * 2);
  for (let i = 0; i < name.length; i++) pattern[i * 2] = name.charCodeAt(i);
  outer: for (let i = 0; i + pattern.length <= bytes.length; i++) {
    for (let j = 0; j < pattern.length; j++) if (bytes[i + j] !== pattern[j]) continue outer;
    return true;
  }
  return false;
}

/** Whether the bytes look like text (no NUL in the first kilobytes), i.e. could be a CSV. */
function looksLikeText(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 8192);
  if (head[0] === 0xff && head[1] === 0xfe) return true; // UTF-16 with BOM
  if (head[0] === 0xfe && head[1] === 0xff) return true;
  return !head.includes(0);
}

async function readXlsx(bytes: Uint8Array, onProgress?: (p: Progress) => void): Promise<Sheet[]> {
  const packed = unpackXlsx(bytes, (done, total) => onProgress?.({ stage: 'unpack', done, total }));
  onProgress?.({ stage: 'read' });
  try {
    const ab = packed.buffer.slice(packed.byteOffset, packed.byteOffset + packed.byteLength) as ArrayBuffer;
    const sheets = await readXlsxFile(ab);
    return sheets.map((x) => ({ name: String(x.sheet), rows: x.data as Cell[][] }));
  } catch {
    throw new SheetRefusal('damaged');
  }
}

/**
 * The sheets of `bytes`. Refuses the file whole (SheetRefusal) when it is too big, damaged,
 * protected by a password, an .xls, not a sheet, or a CSV that is not UTF-8.
 */
export async function readGrid(bytes: Uint8Array, onProgress?: (p: Progress) => void): Promise<Grid> {
  if (bytes.length > MAX_FILE_BYTES) throw new SheetRefusal('too-big');
  if (bytes.length === 0) throw new SheetRefusal('empty');
  if (startsWith(bytes, ZIP)) {
    const sheets = await readXlsx(bytes, onProgress);
    if (!sheets.length) throw new SheetRefusal('damaged');
    return { kind: 'xlsx', rows: sheets[0]!.rows, sheets };
  }
  if (startsWith(bytes, OLE2)) throw new SheetRefusal(isEncryptedOffice(bytes) ? 'password' : 'xls');
  if (!looksLikeText(bytes)) throw new SheetRefusal('not-a-sheet');
  onProgress?.({ stage: 'read' });
  // Room for a title, blank lines and the header above the data rows; more is refused below.
  const limit = MAX_DATA_ROWS * 2 + 50;
  const rows = parseCsv(bytes, limit);
  if (rows.length > limit) throw new SheetRefusal('too-many-rows');
  return { kind: 'csv', rows, sheets: [{ name: '', rows }] };
}
