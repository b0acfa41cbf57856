// The limits of the sheet reader and the one error it throws: a file refused whole, with the
// reason in Vietnamese and English (from the catalog's part `sheet`). Nothing is read from a refused
// file, so nothing is written.

import { sheetWords } from '../i18n/sheet.ts';

/** Largest file the reader opens (bytes). A commune's sheet is a few dozen kilobytes. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** Most data rows a sheet may have; a commune has at most a few hundred villages. */
export const MAX_DATA_ROWS = 2000;
/**
 * Most bytes the parts of an .xlsx may unpack to, all together. A 2 000-row sheet is about 2 MB of
 * XML; more is a zip bomb or not a villages' sheet, and is refused before it fills the phone's memory.
 */
export const MAX_UNPACKED_BYTES = 20 * 1024 * 1024;

export type RefusalCode =
  | 'too-big'
  | 'too-big-unpacked'
  | 'too-many-rows'
  | 'damaged'
  | 'password'
  | 'xls'
  | 'ods'
  | 'not-a-sheet'
  | 'encoding'
  | 'no-header'
  | 'empty';

/** The words of a refusal, in both locales (the catalog's part `sheet`). */
function messageOf(code: RefusalCode): { vi: string; en: string } {
  const MB = (b: number) => Math.round(b / (1024 * 1024));
  return sheetWords(`sheet.${code}`, { mb: MB(code === 'too-big' ? MAX_FILE_BYTES : MAX_UNPACKED_BYTES), rows: MAX_DATA_ROWS });
}

/** Every refusal code (isRefusal checks against it). */
const CODES: ReadonlySet<string> = new Set<RefusalCode>([
  'too-big', 'too-big-unpacked', 'too-many-rows', 'damaged', 'password', 'xls', 'ods', 'not-a-sheet', 'encoding', 'no-header', 'empty',
]);

/** A file refused whole: `code` says why, `vi` / `en` tell the person what to do. */
export class SheetRefusal extends Error {
  readonly code: RefusalCode;
  readonly vi: string;
  readonly en: string;
  constructor(code: RefusalCode, detail?: { vi: string; en: string }) {
    const m = detail ?? messageOf(code);
    super(m.vi);
    this.name = 'SheetRefusal';
    this.code = code;
    this.vi = m.vi;
    this.en = m.en;
  }
}

/** Whether `e` is a SheetRefusal (also across a worker's structured clone, which drops the class). */
export function isRefusal(e: unknown): e is { code: RefusalCode; vi: string; en: string } {
  return !!e && typeof e === 'object' && typeof (e as { code?: unknown }).code === 'string' && typeof (e as { vi?: unknown }).vi === 'string'
    && CODES.has((e as { code: string }).code);
}
