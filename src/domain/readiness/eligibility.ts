// Recognition history rules: the 12-calendar-month wait between a level-1 decision and level 2.
// Pure over dates as `YYYY-MM-DD` strings; never reads the clock.

import type { Decision, LevelNo } from '../assess-types.ts';
import { addMonths } from '../schemas/dates.ts';

/** Months a commune holding level 1 waits before it may ask for level 2 (TT25). */
export const LEVEL2_WAIT_MONTHS = 12;

/** Default date the dossier is sent: 28 February of the year after the assessment year. */
export function defaultAsOf(year: number): string {
  return `${String(year + 1).padStart(4, '0')}-02-28`;
}

export interface Eligibility {
  eligibleLevel: 0 | LevelNo;
  eligibility: { reason: 'level2-wait'; from: string } | null;
}

/**
 * The level the commune may ask for at `asOf`. A commune meeting level 2 whose latest level-1
 * decision (with no level-2 decision since) is under 12 calendar months old may ask for level 1
 * only, until the same day 12 months on (2024-03-20 → 2025-03-20; 2024-02-29 → 2025-02-28).
 */
export function eligibilityOf(level: 0 | LevelNo, history: readonly Decision[] | undefined, asOf: string): Eligibility {
  if (level < 2 || !history || history.length === 0) return { eligibleLevel: level, eligibility: null };
  let latest1: string | null = null;
  for (const d of history) if (d.level === 1 && (latest1 === null || d.decidedOn > latest1)) latest1 = d.decidedOn;
  if (latest1 === null) return { eligibleLevel: level, eligibility: null };
  const since = latest1;
  if (history.some((d) => d.level === 2 && d.decidedOn >= since)) return { eligibleLevel: level, eligibility: null };
  const from = addMonths(since, LEVEL2_WAIT_MONTHS);
  if (asOf < from) return { eligibleLevel: 1, eligibility: { reason: 'level2-wait', from } };
  return { eligibleLevel: level, eligibility: null };
}
