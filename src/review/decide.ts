// The rules of a decision as the reviewer records it (issue #14, item 5): a title needs its level,
// the decision's number and date (after the assessment year, never in the future) and its signer;
// not recognising needs the reasons; reopening a decided dossier needs a reason. The register's
// titles carry their valid-until date (31/12 of the decision's year + 3, Điều 5.4) and are flagged
// in their last year. Pure: answers codes with parameters (src/i18n words them); the server
// applies the same rules.
import type { LevelNo } from '../domain/assess-types.ts';
import { validUntil } from '../domain/readiness/eligibility.ts';
import { inLastYear as lastYear } from '../domain/review/states.ts';
import { isRealDate } from '../domain/schemas/dates.ts';
import type { Msg } from '../i18n/words.ts';

export interface RecogniseInput {
  level: LevelNo | null;
  number: string;
  date: string;
  signer: string;
}

/** Problems of a recognition; the field each names is the form's. Empty when it may be recorded. */
export function recogniseProblems(d: RecogniseInput, year: number, today: string, claimed: LevelNo | null): (Msg & { field: keyof RecogniseInput })[] {
  const out: (Msg & { field: keyof RecogniseInput })[] = [];
  if (d.level === null) out.push({ field: 'level', code: 'rv.err.level' });
  else if (claimed !== null && d.level > claimed) out.push({ field: 'level', code: 'rv.err.levelAbove', params: { claimed } });
  if (!d.number.trim()) out.push({ field: 'number', code: 'rv.err.number' });
  if (!isRealDate(d.date)) out.push({ field: 'date', code: 'rv.err.date' });
  else if (d.date < `${year + 1}-01-01`) out.push({ field: 'date', code: 'rv.err.dateBefore', params: { year: year + 1 } });
  else if (d.date > today) out.push({ field: 'date', code: 'rv.err.dateFuture' });
  if (!d.signer.trim()) out.push({ field: 'signer', code: 'rv.err.signer' });
  return out;
}

/** Not recognising states the reasons (Điều 9.2: "nêu rõ lý do không đạt"). */
export function refuseProblems(reasons: string): Msg[] {
  return reasons.trim().length < 10 ? [{ code: 'rv.err.reasons' }] : [];
}

/** Reopening a decided dossier keeps a reason. */
export function reopenProblems(reason: string): Msg[] {
  return reason.trim().length < 5 ? [{ code: 'rv.err.reopenReason' }] : [];
}

/** A title of the register with its last day. */
export interface Title {
  level: LevelNo;
  decidedOn: string;
  number?: string | undefined;
  validUntil: string;
}

export function titleOf(d: { level: LevelNo; decidedOn: string; number?: string | undefined }): Title {
  return { ...d, validUntil: validUntil(d.decidedOn) };
}

/** Whether a title is in its last year on `today` (it ends on 31/12 of this year): the commune should send again. */
export function inLastYear(t: Pick<Title, 'validUntil'>, today: string): boolean {
  return lastYear(t.validUntil, today);
}
