// The codes of the province's review (issue #14) as data: the six states of a dossier, the
// council's verdicts, the register's outcomes, the council's roles. Words live in src/i18n; these
// are what travels and is stored. Data only, first-load safe (the entity entries list them).

/** The states of a commune's dossier of a year, in the order a dossier goes through them. */
export const DOSSIER_STATES = ['draft', 'submitted', 'in-review', 'returned', 'recognised', 'not-recognised'] as const;
export type DossierState = (typeof DOSSIER_STATES)[number];

/** The council's verdict on one indicator: đạt / không đạt / cần bổ sung. */
export const VERDICTS = ['met', 'unmet', 'more'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** What the register records of a dossier decided: recognised (a title) or not (with reasons). */
export const OUTCOMES = ['recognised', 'not-recognised'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Chủ tịch, thư ký, ủy viên of the council (Điều 9.2). */
export const COUNCIL_ROLES = ['chair', 'secretary', 'member'] as const;
export type CouncilRole = (typeof COUNCIL_ROLES)[number];

/** How the council appraises: a meeting, or its members' written opinions (Điều 9.2). */
export const APPRAISAL_KINDS = ['meeting', 'written'] as const;
export type AppraisalKind = (typeof APPRAISAL_KINDS)[number];

/** The smallest council the circular allows (Điều 9.2: "số lẻ, ít nhất 05 thành viên"). */
export const COUNCIL_MIN = 5;

/** Default deadlines (MM-DD of the year after the assessment year): dossiers 28/02, decisions 31/03 (Điều 9.3). */
export const DEFAULT_DOSSIER_DEADLINE = '02-28';
export const DEFAULT_DECISION_DEADLINE = '03-31';

/**
 * The province's settings that apply to `year`: those of that year, else of the latest year before
 * it (a province sets them once and changes them when it needs to). The phone and the server ask here.
 */
export function settingsOfYear<T extends { year: number }>(rows: readonly T[], year: number): T | undefined {
  let best: T | undefined;
  for (const r of rows) if (r.year <= year && (!best || r.year > best.year)) best = r;
  return best;
}
