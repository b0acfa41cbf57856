// Lazy, not first-load. The part `enrol` in English: the same codes as vi/enrol.ts, the compiler
// checks that none is missing.
import type { Mirror } from '../words.ts';
import type { words as vi } from '../vi/enrol.ts';

export const words: Mirror<typeof vi> = {
  'enrol.otherCommune': 'This enrolment code is for the commune with code {server}, but this device works on the commune with code {local}. Nothing was changed; ask for the code of the right commune.',
  'enrol.communeSynced': "The commune with code {local} on this device has already synced with another server, so it cannot become this server's commune. Nothing was changed; ask the province's administrator.",
};
