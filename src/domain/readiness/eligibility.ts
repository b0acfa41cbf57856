// Recognition history rules: the title kept 3 years (Điều 5.4) and the 12-calendar-month wait
// between a level-1 decision and level 2. Pure over dates as `YYYY-MM-DD` strings; never reads
// the clock.

import type { Decision, HeldTitle, LevelNo } from '../assess-types.ts';
import { addMonths } from '../schemas/dates.ts';

/** Months a commune recognised at level 1 waits before it may ask for level 2 (TT25). */
export const LEVEL2_WAIT_MONTHS = 12;

/** Years a title is kept after the year of the decision (Điều 5.4). */
export const VALIDITY_YEARS = 3;

/** Default date the dossier is sent: 28 February of the year after the assessment year. */
export function defaultAsOf(year: number): string {
  return `${String(year + 1).padStart(4, '0')}-02-28`;
}

/** The last day a decision keeps its level: 31/12 of the third year after the decision's year. */
export function validUntil(decidedOn: string): string {
  return `${String(Number(decidedOn.slice(0, 4)) + VALIDITY_YEARS).padStart(4, '0')}-12-31`;
}

/** A decision with its last day of validity. */
export function titleOf(d: Decision): HeldTitle {
  return { level: d.level, decidedOn: d.decidedOn, validUntil: validUntil(d.decidedOn) };
}

/** Whether a decision is in force on `date`: decidedOn ≤ date ≤ validUntil. */
export function inForce(d: Decision, date: string): boolean {
  return d.decidedOn <= date && date <= validUntil(d.decidedOn);
}

/** The decision in force on `asOf` with the highest level (the latest among equals), or null. */
export function heldOn(history: readonly Decision[] | undefined, asOf: string): HeldTitle | null {
  let best: Decision | null = null;
  for (const d of history ?? []) {
    if (!inForce(d, asOf)) continue;
    if (!best || d.level > best.level || (d.level === best.level && d.decidedOn > best.decidedOn)) best = d;
  }
  return best ? titleOf(best) : null;
}

export interface Eligibility {
  eligibleLevel: 0 | LevelNo;
  eligibility: { reason: 'level2-wait'; from: string } | null;
}

/**
 * The level the commune may be recognised at on `asOf`: `level`, except that a commune meeting
 * level 2 whose latest level-1 decision is less than 12 calendar months before `asOf` may ask for
 * level 1 only, from the same day 12 months on (2025-03-20 → 2026-03-20; 2024-02-29 → 2025-02-28).
 */
export function eligibilityOf(level: 0 | LevelNo, history: readonly Decision[] | undefined, asOf: string): Eligibility {
  if (level < 2) return { eligibleLevel: level, eligibility: null };
  let latest1: string | null = null;
  for (const d of history ?? []) if (d.level === 1 && (latest1 === null || d.decidedOn > latest1)) latest1 = d.decidedOn;
  if (latest1 === null) return { eligibleLevel: level, eligibility: null };
  const from = addMonths(latest1, LEVEL2_WAIT_MONTHS);
  if (asOf < from) return { eligibleLevel: 1, eligibility: { reason: 'level2-wait', from } };
  return { eligibleLevel: level, eligibility: null };
}
