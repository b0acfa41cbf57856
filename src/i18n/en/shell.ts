// Lazy (loaded when English is chosen), not first-load. The shell's words in English: the same
// codes as vi/shell.ts, the compiler checks that none is missing.
import type { Mirror } from '../words.ts';
import type { words as vi } from '../vi/shell.ts';

export const words: Mirror<typeof vi> = {
  appName: 'Xã Học Tập',
  loading: 'Loading…',
  loadFailed: 'Could not open the data: {reason}',
  mainNav: 'Main navigation',
  navHome: 'Overview',
  navVillages: 'Villages',
  navCriteria: 'Criteria',
  navReadiness: 'Level',
  navMore: 'More',
  yearLabel: 'Assessment year',
  sync: 'Sync',
  syncPending: 'Waiting to sync: {n}',
  syncNever: 'Never synced',
  syncLast: 'Last synced: {when}',
  receipt: 'Receipt code: {code}',
  sendNow: 'Send now',
  sending: 'Sending…',
  notEnrolled: 'Not connected to a server',
  connect: 'Connect',
  updateReady: 'A new version is available',
  updateApply: 'Update',
};
