// FIRST-LOAD (with the sync engine). The words of the sync engine's codes in both locales: the
// engine answers with a code (src/sync/codes.ts), src/sync/words.ts asks here for its sentences,
// and the status keeps both so the bar can switch language.
import { words as en } from './en/sync.ts';
import { words as vi } from './vi/sync.ts';
import { speak, type Params } from './words.ts';

/** A code of the part `sync`. */
export type SyncWordCode = keyof typeof vi;

/** The Vietnamese and English of a sync code. */
export function syncWords(code: SyncWordCode, params?: Params): readonly [string, string] {
  return [speak(vi[code], code, params), speak(en[code], code, params)];
}
