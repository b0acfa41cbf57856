// The words of the province's review in both locales at once, for the server's refusals (each
// problem's `vi` and `en`) and the CLI: a code of the part `review` with its parameters.
import type { MoveRefusal } from '../domain/review/states.ts';
import { words as en } from './en/review.ts';
import { words as vi } from './vi/review.ts';
import { speak, type Params } from './words.ts';

export type ReviewCode = keyof typeof vi;

/** A code of the part `review` in Vietnamese and English. */
export function reviewText(code: ReviewCode, params?: Params): { vi: string; en: string } {
  return { vi: speak(vi[code], code, params), en: speak(en[code], code, params) };
}

/** Why a move of a dossier was refused, in both locales. */
export function moveRefusalText(r: MoveRefusal): { vi: string; en: string } {
  return reviewText(`review.refuse.${r.code}`, r);
}
