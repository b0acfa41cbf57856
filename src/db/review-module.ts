// The province's review on this device, as one lazy module (one import() in the first load): the
// review's functions (review.ts) and the reviewer's read of a whole province (province.ts).
export { createReview, MoveRefusedError } from './review.ts';
export { buildProvinceInputs } from './province.ts';
