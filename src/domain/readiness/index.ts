// Entry point of the readiness engine: assess, input validation, rules helpers, explanations.
// Re-exports only.

export { assess, combine } from './assess.ts';
export type { AssessOptions } from './assess.ts';
export { validateAssessInput } from './validate.ts';
export type { ValidateResult } from './validate.ts';
export { defaultAsOf, eligibilityOf, LEVEL2_WAIT_MONTHS } from './eligibility.ts';
export type { Eligibility } from './eligibility.ts';
export { meetsRatio, ratioGap, displayPercent, percentToTenths } from './ratio.ts';
export { ratioThreshold, standardThreshold } from './thresholds.ts';
export {
  STATUS_LABELS, LEVEL_LABELS, PROVISIONAL_LABEL, GAP_LABEL, statusLabel, levelLabel, formatCount, formatPercent, formatDay,
  villageDisplayName, gapText, actionsToReach,
} from './explain.ts';
export type { Lang, GapContext, Action, ActionKind } from './explain.ts';
