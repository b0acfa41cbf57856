// The words of problem codes in both locales, from the catalog's part `pb`: the shapes of values
// (vi/problems.ts) and the sync wire (vi/wire.ts) — what the page's data layer says of an edit it
// refuses or a pulled op it sets aside. The server and the CLI add the rest of the part
// (refusals.ts registers it). The domain gives the code and its parameters
// (src/domain/schemas/problems.ts); only this turns them into words. Not on the first-load path:
// the page loads it with the checks (src/db/validate.ts).
import { words as valuesEn } from './en/problems.ts';
import { words as wireEn } from './en/wire.ts';
import type { Lang } from './lang.ts';
import { words as valuesVi } from './vi/problems.ts';
import { words as wireVi } from './vi/wire.ts';
import { speak, type Entry, type Msg } from './words.ts';

const tables: Record<Lang, Record<string, Entry>> = {
  vi: { ...valuesVi, ...wireVi },
  en: { ...valuesEn, ...wireEn },
};

/** Adds the words of more codes of the part (refusals.ts: what only the server and the CLI say). */
export function addProblemWords(part: Readonly<Record<Lang, Readonly<Record<string, Entry>>>>): void {
  Object.assign(tables.vi, part.vi);
  Object.assign(tables.en, part.en);
}

/** The words of a problem (or any `pb.*` message) in `lang`; the code itself for an unknown one (a bug to see). */
export function problemText(m: Msg, lang: Lang = 'vi'): string {
  const table = tables[lang];
  return speak(Object.prototype.hasOwnProperty.call(table, m.code) ? table[m.code] : undefined, m.code, m.params);
}

/** Both locales of a message. */
export function bothWords(m: Msg): { vi: string; en: string } {
  return { vi: problemText(m, 'vi'), en: problemText(m, 'en') };
}
