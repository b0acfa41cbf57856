// The words of the problems of values (a count, a date, a "≤" chain…) in either locale, from the
// catalog's part `pb` (vi/problems.ts, en/problems.ts): what a form and the sheet reader show. Lazy:
// the forms and the sheet worker load it with the schemas. problems.ts says every problem code.
import type { Lang } from './lang.ts';
import { words as en } from './en/problems.ts';
import { words as vi } from './vi/problems.ts';
import { speak, type Msg } from './words.ts';

/** A code of the shapes of values. */
export type ValueProblemCode = keyof typeof vi;

const TABLES: Record<Lang, Readonly<Record<string, (typeof vi)[ValueProblemCode]>>> = { vi, en };

/** The words of a problem of a value in `lang`; the code itself for a code of another part (a bug to see). */
export function valueProblemText(m: Msg, lang: Lang = 'vi'): string {
  return speak(TABLES[lang][m.code], m.code, m.params);
}
