// The part `api` in English: the same codes as vi/api.ts, the compiler checks that none is missing.
import type { Mirror } from '../words.ts';
import type { words as vi } from '../vi/api.ts';

export const words: Mirror<typeof vi> = {
  'api.bad-request': 'Bad request',
  'api.invalid-batch': 'The batch was refused because some ops are invalid; nothing was written',
  'api.op-conflict': 'An opId is already held with different content; the whole batch was refused, nothing was written',
  'api.unauthorized': 'Device not enrolled or token revoked; please enrol again',
  'api.forbidden': 'You are not allowed to do this',
  'api.not-found': 'Not found',
  'api.bad-code': 'The enrolment code is wrong, used, expired or revoked',
  'api.device-taken': 'This device id belongs to another live enrolment. Enrol from that phone itself, or ask the administrator to revoke the old one',
  'api.year-locked': 'This year is locked, so the server takes no changes to it; nothing was written. The change stays on the device until the year is reopened',
  'api.too-large': 'Request body too large',
  'api.hash-mismatch': 'The file does not match its hash (damaged on the way); nothing was stored',
  'api.wrong-kind': 'Only JPEG photos and PDF files are taken',
  'api.commune-full': 'The commune has used all the evidence space the server allows; contact the province administrator',
  'api.rate-limited': 'Too many requests; please retry shortly',
  'api.internal': 'Server error; your data is safe on the device, please retry later',
};
