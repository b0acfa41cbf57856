// The words of the sheet reader's codes (the part `sheet`) in both locales: a sheet's problem and
// a refusal carry both, so the import screen, the server and the CLI each show their own.
import { words as en } from './en/sheet.ts';
import { words as vi } from './vi/sheet.ts';
import { speak, type Params } from './words.ts';

/** A code of the part `sheet`. */
export type SheetCode = keyof typeof vi;

/** The Vietnamese and English of a sheet code. */
export function sheetWords(code: SheetCode, params?: Params): { vi: string; en: string } {
  return { vi: speak(vi[code], code, params), en: speak(en[code], code, params) };
}
