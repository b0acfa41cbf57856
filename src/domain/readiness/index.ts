// Entry point of the readiness engine: assess, input validation, rules helpers (the words of
// its results are src/i18n/readiness.ts).
// Re-exports only.

export { assess, combine } from './assess.ts';
export type { AssessOptions } from './assess.ts';
export { validateAssessInput } from './validate.ts';
export type { ValidateResult } from './validate.ts';
export { defaultAsOf, eligibilityOf, heldOn, inForce, titleOf, validUntil, LEVEL2_WAIT_MONTHS, VALIDITY_YEARS } from './eligibility.ts';
export type { Eligibility } from './eligibility.ts';
export { meetsRatio, ratioGap, displayPercent, percentBeside, percentToTenths } from './ratio.ts';
export { requestPlan } from './request.ts';
export type { RequestPlan } from './request.ts';
