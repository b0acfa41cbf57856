// The reviewer's writes, each through the ordinary write path (row + outbox op in one transaction,
// synced like any other edit): verdicts and comments, returning a dossier, decisions, the council,
// the province settings. Never checks access itself: the access policy and the server do.
import type { LevelNo } from '../../domain/assess-types.ts';
import type { RecogniseInput } from '../../review/decide.ts';

/** Recognises each commune at its level by one decision. */
export async function recogniseMany(year: number, communes: { code: string; level: LevelNo }[], d: Omit<RecogniseInput, 'level'>): Promise<void> {
  void year; void communes; void d;
  throw new Error('review entities not merged yet');
}

/** Records the council's verdict and comment on one indicator of the version under review. */
export async function saveVerdict(code: string, year: number, version: number, indicator: string, v: { verdict: import('../../review/papers/types.ts').Verdict | null; comment: string }): Promise<void> {
  void code; void year; void version; void indicator; void v;
  throw new Error('review entities not merged yet');
}

/** Sends the comments back: the dossier becomes `returned`. */
export async function returnDossier(code: string, year: number, version: number): Promise<void> {
  void code; void year; void version;
  throw new Error('review entities not merged yet');
}

export async function recognise(code: string, year: number, d: RecogniseInput & { level: LevelNo }): Promise<void> {
  void code; void year; void d;
  throw new Error('review entities not merged yet');
}

export async function refuse(code: string, year: number, reasons: string): Promise<void> {
  void code; void year; void reasons;
  throw new Error('review entities not merged yet');
}

export async function reopen(code: string, year: number, reason: string): Promise<void> {
  void code; void year; void reason;
  throw new Error('review entities not merged yet');
}

export async function saveCouncil(year: number, c: import('../../review/papers/types.ts').Council): Promise<void> {
  void year; void c;
  throw new Error('review entities not merged yet');
}

export async function saveProvinceSettings(f: import('../../review/settings.ts').SettingsForm): Promise<void> {
  void f;
  throw new Error('review entities not merged yet');
}
