// The part `sync` in English: the same codes as vi/sync.ts, the compiler checks that none is missing.
import type { Mirror } from '../words.ts';
import type { words as vi } from '../vi/sync.ts';

/** "3 days 2 hours", "7 minutes". */
const span = (p: { days: number; hours: number; minutes: number }): string =>
  [[p.days, 'day'], [p.hours, 'hour'], [p.minutes, 'minute']].filter(([n]) => (n as number) > 0)
    .map(([n, w]) => `${n} ${w}${(n as number) > 1 ? 's' : ''}`).join(' ');

export const words: Mirror<typeof vi> = {
  'sync.offline': 'No network. Your data is saved on this device and will be sent when online.',
  'sync.timeout': 'The server did not answer in time. Your data is safe; will retry.',
  'sync.network': 'Cannot reach the server. Your data is safe; will retry.',
  'sync.server': 'The server has a problem. Your data is safe; will retry later.',
  'sync.busy': 'The server is busy. Will retry in a few minutes.',
  'sync.garbled': 'The server answer could not be read (the network may be intercepting). Will retry.',
  'sync.enrol': 'This device must enrol again. Unsent data is kept on the device.',
  'sync.notEnrolled': 'This device is not enrolled with a server yet. Data is kept on the device.',
  'sync.readOnly': 'Your role is read-only: changes cannot be sent to the server.',
  'sync.unexpected': 'Sync failed unexpectedly. Your data is safe; will retry.',
  'sync.tooLarge': 'This change is too large for the server.',
  'sync.opConflict': 'The opId is already held by the server with different content.',
  'sync.badServerUrl': 'The server address is not valid.',
  'sync.badEnrolCode': 'The enrolment code is wrong, used or revoked.',
  'sync.malformedEnrolCode': 'The enrolment code is malformed.',
  'sync.enrolOtherCommune': 'This enrolment code is for the commune with code {server}, but this device works on the commune with code {local}. Nothing was changed; ask for the code of the right commune.',
  'sync.enrolCommuneSynced': "The commune with code {local} on this device has already synced with another server, so it cannot become this server's commune. Nothing was changed; ask the province's administrator.",
  'sync.clock': (p: { ahead: boolean; days: number; hours: number; minutes: number }) =>
    `The date and time on this device are wrong (${span(p)} ${p.ahead ? 'ahead of' : 'behind'} the server). Please correct the phone's date and time.`,
};
