// The words the server and the CLI say: every problem code of the part `pb` (the page's two files,
// and vi/refusals.ts: the readiness input, the year lock, the access policy, the server's own
// refusals), each problem as the API sends it (`withWords`), and the sentence of each server error
// code (`message_vi` / `message_en`, the part `api`). Never imported by the page.
import type { Problem } from '../domain/schemas/problems.ts';
import { words as apiEn } from './en/api.ts';
import { words as refusalsEn } from './en/refusals.ts';
import { words as apiVi } from './vi/api.ts';
import { words as refusalsVi } from './vi/refusals.ts';
import { words as reviewEn } from './en/review.ts';
import { words as reviewVi } from './vi/review.ts';
import type { words as valuesVi } from './vi/problems.ts';
import type { words as wireVi } from './vi/wire.ts';
import { addProblemWords, bothWords, problemText } from './problems.ts';
import { speak } from './words.ts';

addProblemWords({ vi: refusalsVi, en: refusalsEn });
// The province review's refusals (server/review-rules.ts answers `review.refuse.*` codes).
addProblemWords({ vi: reviewVi, en: reviewEn });

export { bothWords, problemText };

/** Every problem code (`pb.*`); the part's three files share none (the compiler checks it here). */
export type ProblemCode = keyof typeof valuesVi | keyof typeof wireVi | keyof typeof refusalsVi;
type Overlap = (keyof typeof valuesVi & keyof typeof wireVi) | (keyof typeof valuesVi & keyof typeof refusalsVi) | (keyof typeof wireVi & keyof typeof refusalsVi);
const disjoint: [Overlap] extends [never] ? true : false = true;
void disjoint;

/** A problem with its words, as the API sends it: opId, path, code, params, vi, en. */
export function withWords<P extends Problem>(p: P): P & { vi: string; en: string } {
  return { ...p, ...bothWords(p) };
}

/** A server error code (`bad-request`, `year-locked` …). */
export type ApiCode = keyof typeof apiVi extends `api.${infer E}` ? E : never;

/** The sentence of a server error code in both locales: an answer's `message_vi` / `message_en`. */
export function apiWords(error: ApiCode): { vi: string; en: string } {
  const code = `api.${error}` as const;
  return { vi: speak(apiVi[code], code), en: speak(apiEn[code], code) };
}
