// The reviewer's writes, each through the ordinary write path (row + outbox op in one transaction,
// synced like any other edit) by src/db/review.ts: verdicts and comments, taking a dossier into
// review, returning it, the register's entry and the move it allows, reopening, the council and
// the province settings. A move the state machine refuses throws with its words (catalog part
// review); the access policy and the server have the last word.
import { MoveRefusedError, repo } from '../../db/index.ts';
import type { LevelNo } from '../../domain/assess-types.ts';
import type { DossierState } from '../../domain/review/codes.ts';
import { validUntil } from '../../domain/readiness/eligibility.ts';
import type { RecogniseInput } from '../../review/decide.ts';
import type { Council, Verdict } from '../../review/papers/types.ts';
import { provinceSettingsOf, type SettingsForm } from '../../review/settings.ts';
import { say } from '../i18n/index.ts';
import { reviewedProvince } from './data.ts';

/** Runs a write, turning a refused move into an error that says why in the person's language. */
async function worded<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof MoveRefusedError) throw new Error(say({ code: `review.refuse.${e.refusal.code}`, params: e.refusal }));
    throw e;
  }
}

async function province(): Promise<string> {
  const p = await reviewedProvince();
  if (!p) throw new Error('province');
  return p;
}

/** Moves the dossier to `to`, first taking it into review when it was only sent. */
async function moveTo(code: string, year: number, to: DossierState, reason?: string): Promise<void> {
  const r = await repo().review();
  const p = await province();
  const status = await r.dossierStatus(code, year);
  if (status.state === 'submitted' && to !== 'returned' && to !== 'in-review') await r.move(code, year, 'in-review', { province: p });
  await r.move(code, year, to, { province: p, ...(reason ? { reason } : {}) });
}

/** Tiếp nhận hồ sơ: a sent dossier goes into review (verdicts are written only then). */
export function takeDossier(code: string, year: number): Promise<void> {
  return worded(() => moveTo(code, year, 'in-review'));
}

/** Records the council's verdict and comment on one indicator of the version under review. */
export function saveVerdict(code: string, year: number, version: number, indicator: string, v: { verdict: Verdict | null; comment: string }): Promise<void> {
  return worded(async () => {
    const r = await repo().review();
    if ((await r.dossierStatus(code, year)).state === 'submitted') await moveTo(code, year, 'in-review');
    await r.saveReview(code, year, version, indicator, { verdict: v.verdict, comment: v.comment.trim() || null });
  });
}

/** Trả lại để bổ sung: the comments go back to the commune; it fixes and sends a new version. */
export function returnDossier(code: string, year: number, _version: number): Promise<void> {
  return worded(() => moveTo(code, year, 'returned'));
}

/** Công nhận: the register's entry (level, decision, signer, valid until), then the move. */
export function recognise(code: string, year: number, d: RecogniseInput & { level: LevelNo }): Promise<void> {
  return worded(async () => {
    await (await repo().review()).saveRegisterEntry(code, year, {
      outcome: 'recognised', level: d.level, number: d.number.trim(), date: d.date, signer: d.signer.trim(), validUntil: validUntil(d.date), reasons: null,
    });
    await moveTo(code, year, 'recognised');
  });
}

/** Recognises each commune at its level by one decision. */
export async function recogniseMany(year: number, communes: { code: string; level: LevelNo }[], d: Omit<RecogniseInput, 'level'>): Promise<void> {
  for (const c of communes) await recognise(c.code, year, { ...d, level: c.level });
}

/** Không công nhận: the register's entry with the reasons, then the move. */
export function refuse(code: string, year: number, reasons: string): Promise<void> {
  return worded(async () => {
    await (await repo().review()).saveRegisterEntry(code, year, { outcome: 'not-recognised', reasons, level: null, number: null, date: null, signer: null, validUntil: null });
    await moveTo(code, year, 'not-recognised');
  });
}

/** Mở lại: a decided dossier back into review, with the reason kept in its state change. */
export function reopen(code: string, year: number, reason: string): Promise<void> {
  return worded(() => moveTo(code, year, 'in-review', reason));
}

/** A value as plain JSON (no undefined inside), as a field of an op must be. */
const plain = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

export async function saveCouncil(year: number, c: Council): Promise<void> {
  const established = c.established && (c.established.number?.trim() || c.established.date) ? plain(c.established) : null;
  await (await repo().review()).saveCouncil(await province(), year, {
    members: plain(c.members.map((m) => ({ ...m, name: m.name.trim(), organisation: m.organisation.trim(), position: m.position?.trim() || undefined }))) as never,
    appraisal: plain({ ...c.appraisal, date: c.appraisal.date || undefined }) as never,
    established: established as never,
  });
}

export async function saveProvinceSettings(year: number, f: SettingsForm): Promise<void> {
  const p = await province();
  const s = provinceSettingsOf(p, f);
  const r = await repo().review();
  const had = await r.getProvinceSettings(p, year);
  // An office typed as before keeps what was stored with it (abbreviation, drafting unit, signer's
  // name); the decider takes the signer's title typed here.
  const sameName = <O extends { name: string }>(o: O | null | undefined, name: string): O | null => (o && o.name === name ? o : null);
  const receiver = sameName(had?.receiver as typeof s.receiver | null | undefined, s.receiver.name) ?? s.receiver;
  const stored = sameName(had?.decider as typeof s.decider | null | undefined, s.decider.name);
  const decider = stored ? { ...stored, signerTitle: s.decider.signerTitle } : s.decider;
  await r.saveProvinceSettings(p, year, {
    receiver: plain(receiver) as never,
    receiverAddress: f.receiverAddress.trim() || null,
    decider: plain(decider) as never,
    dossierDeadline: f.dossierDeadline,
    decisionDeadline: f.decisionDeadline,
    guidanceLetter: f.guidanceLetter.trim() || null,
    difficultAreas: f.difficultAreas,
  });
}
