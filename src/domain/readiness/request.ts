// What the commune should send for a year, from eligibleLevel and the titles it holds
// (criteria-tt25-commune.md, "Recognition history"). Pure; the dossier and every screen ask here;
// its words are src/i18n/readiness.ts requestText.

import type { AssessInput, AssessOutput, HeldTitle, LevelNo } from '../assess-types.ts';
import { titleOf } from './eligibility.ts';

/** The request the year's dossier makes, or why it makes none. */
export type RequestPlan =
  /** No level met: nothing to ask for. */
  | { kind: 'none'; reason: 'not-met'; held: HeldTitle | null }
  /** A title of at least the eligible level is in force on asOf and not in its last year. */
  | { kind: 'none'; reason: 'in-force'; held: HeldTitle }
  /** First recognition at `level`. */
  | { kind: 'first'; level: LevelNo }
  /** A higher level than the title in force. */
  | { kind: 'upgrade'; level: LevelNo; held: HeldTitle }
  /**
   * Công nhận lại (Điều 9.4): the title ended within the assessment year (`inForce` false), or the
   * title in force on asOf is in its last year of validity (`inForce` true).
   */
  | { kind: 'renewal'; level: LevelNo; title: HeldTitle; inForce: boolean };

const yearOf = (date: string): number => Number(date.slice(0, 4));

/** The request of one assessment (output) given its history (input). */
export function requestPlan(output: AssessOutput, input: Pick<AssessInput, 'history'>): RequestPlan {
  const held = output.held;
  const eligible = output.eligibleLevel;
  if (eligible === 0) return { kind: 'none', reason: 'not-met', held };
  if (held && eligible > held.level) return { kind: 'upgrade', level: eligible, held };
  if (held) {
    // In force on asOf: nothing new unless asOf falls in the title's last year (it ends 31/12 of it).
    if (yearOf(held.validUntil) > yearOf(output.asOf)) return { kind: 'none', reason: 'in-force', held };
    return { kind: 'renewal', level: eligible, title: held, inForce: true };
  }
  let ended: HeldTitle | null = null;
  for (const d of input.history ?? []) {
    const t = titleOf(d);
    if (yearOf(t.validUntil) !== output.year) continue;
    if (!ended || t.level > ended.level || (t.level === ended.level && t.decidedOn > ended.decidedOn)) ended = t;
  }
  if (ended) return { kind: 'renewal', level: eligible, title: ended, inForce: false };
  return { kind: 'first', level: eligible };
}
