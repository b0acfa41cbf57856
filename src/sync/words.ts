// The words of each sync code (codes.ts), Vietnamese and English, for the status line and the
// refused ops' reasons: the catalog's part `sync` (src/i18n/vi/sync.ts, en/sync.ts) says them.
// The compiler checks that every code but `refused` (the server's own words) has its sentence.
import { syncWords as catalogWords } from '../i18n/sync.ts';
import type { SyncCode, SyncProblem } from './codes.ts';

/** The sentence of a problem: the server's own words where it gave them, else the code's. */
export function syncWords(p: SyncProblem): { vi: string; en: string } {
  if (p.said) return p.said;
  const code: Exclude<SyncCode, 'refused'> = p.code === 'refused' ? 'server' : p.code;
  const [vi, en] = catalogWords(`sync.${code}`, p.params);
  return { vi, en };
}

/** The words of a clock `offsetMs` ahead of the server's (negative = behind): "3 ngày 2 giờ", "7 phút". */
export function clockWords(offsetMs: number): [string, string] {
  const min = Math.round(Math.abs(offsetMs) / 60_000);
  const days = Math.floor(min / 1440);
  const [vi, en] = catalogWords('sync.clock', { ahead: offsetMs > 0, days, hours: Math.floor((min % 1440) / 60), minutes: days ? 0 : min % 60 });
  return [vi, en];
}
