// The review on the phone (src/db/review.ts) on fake-indexeddb: sending writes the snapshot with
// its hash and the state change as two outbox ops in one go, only once the year is locked; every
// move is judged by the same rules as the server's before anything is queued; verdicts, the
// register, the council and the province's settings go through the ordinary write path.
import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRepo, openDatabase, type Repo } from '../../src/db/index.ts';
import { MoveRefusedError, type Review } from '../../src/db/review.ts';
import { assess } from '../../src/domain/readiness/assess.ts';
import { canonicalText, type SubmissionSnapshot } from '../../src/domain/review/index.ts';

let repo: Repo;
let review: Review;
let n = 0;
const P = 'Quảng Ngãi';

beforeEach(async () => {
  repo = createRepo(openDatabase(`db-review-${++n}`));
  review = await repo.review();
  await repo.saveCommune({ code: 'X1', name: 'Xã Một', province: P });
  await repo.saveVillage('X1', { code: 'T01', name: 'Thôn Một' });
  await repo.saveVillageCounts('X1', 2025, 'T01', { households: 100, familiesRegistered: 90, familiesRecognized: 80 });
  await repo.setMeta('role', 'officer');
  await repo.setMeta('person', 'Lê Văn Cán');
});
afterEach(() => repo.db.close());

async function snapshot(): Promise<SubmissionSnapshot> {
  const input = await repo.buildAssessInput('X1', 2025);
  return { input, output: assess(input), request: { kind: 'first', level: 1 } };
}
const ops = async () => (await repo.db.outbox.orderBy('seq').toArray()).map((r) => r.op);
const as = (role: string) => repo.setMeta('role', role);
const refusal = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof MoveRefusedError) return e.refusal;
    throw e;
  }
  return null;
};

describe('sending the dossier', () => {
  it('is refused until the meeting locked the year, and writes nothing', async () => {
    const before = (await ops()).length;
    expect(await refusal(review.sendDossier('X1', 2025, await snapshot()))).toEqual({ code: 'moveNotLocked' });
    expect((await ops()).length).toBe(before);
    expect(await review.listSubmissions('X1', 2025)).toEqual([]);
  });

  it('stores version 1 with the SHA-256 of its canonical text and moves the dossier to submitted', async () => {
    await repo.lockYear('X1', 2025, { meetingDate: '2026-01-15', minutesRef: '01/BB-UBND' });
    const before = (await ops()).length;
    const snap = await snapshot();
    const sent = await review.sendDossier('X1', 2025, snap);
    expect(sent).toEqual({ version: 1, contentHash: createHash('sha256').update(canonicalText(snap)).digest('hex') });
    const queued = (await ops()).slice(before);
    expect(queued.map((o) => [o.entity, o.key])).toEqual([['submission', 'X1/2025/1'], ['stateChange', 'X1/2025/1']]);
    expect(queued[1]!.fields).toMatchObject({ from: 'draft', to: 'submitted', version: 1, by: 'Lê Văn Cán', device: await repo.deviceId() });
    expect(await review.dossierStatus('X1', 2025)).toEqual({ state: 'submitted', version: 1, step: 1 });
    // Sent once: the commune cannot send again until it is returned, nor move it further.
    expect(await refusal(review.sendDossier('X1', 2025, snap))).toEqual({ code: 'moveNone', from: 'submitted', to: 'submitted' });
    expect(await refusal(review.move('X1', 2025, 'in-review'))).toEqual({ code: 'moveRole', move: 'take', roles: ['reviewer'] });
  });

  it('goes round: returned with a comment, sent again as version 2, recognised with a lawful council', async () => {
    await repo.lockYear('X1', 2025, { meetingDate: '2026-01-15', minutesRef: '01/BB-UBND' });
    await review.sendDossier('X1', 2025, await snapshot());
    await as('reviewer');
    await review.move('X1', 2025, 'in-review');
    expect(await refusal(review.move('X1', 2025, 'returned'))).toEqual({ code: 'moveNoComment' });
    await review.saveReview('X1', 2025, 1, 'TC1.1', { verdict: 'more', comment: 'Bổ sung kế hoạch năm' });
    await review.move('X1', 2025, 'returned');
    await as('chair');
    await repo.reopenYear('X1', 2025, 'Bổ sung theo ý kiến thẩm định');
    await repo.lockYear('X1', 2025, { meetingDate: '2026-02-01', minutesRef: '02/BB-UBND' });
    expect((await review.sendDossier('X1', 2025, await snapshot())).version).toBe(2);
    await as('reviewer');
    await review.move('X1', 2025, 'in-review');
    expect(await refusal(review.move('X1', 2025, 'recognised', { province: P }))).toEqual({ code: 'moveNoRegister', outcome: 'recognised' });
    await review.saveRegisterEntry('X1', 2025, { outcome: 'recognised', level: 1, number: '45/QĐ-UBND', date: '2026-03-20', signer: 'Nguyễn Văn B', validUntil: '2029-12-31' });
    expect(await refusal(review.move('X1', 2025, 'recognised', { province: P }))).toEqual({ code: 'moveCouncil', members: 0 });
    const m = (role: 'chair' | 'secretary' | 'member', i: number) => ({ name: `Bà Trần Thị ${i}`, organisation: 'Sở Giáo dục và Đào tạo', role });
    await review.saveCouncil(P, 2025, { members: [m('chair', 1), m('secretary', 2), m('member', 3), m('member', 4), m('member', 5)], appraisal: { kind: 'meeting', date: '2026-03-10' } });
    await review.move('X1', 2025, 'recognised', { province: P });
    expect(await review.dossierStatus('X1', 2025)).toEqual({ state: 'recognised', version: 2, step: 6 });
    expect((await review.listStateChanges('X1', 2025)).map((c) => `${c.from}→${c.to}`)).toEqual([
      'draft→submitted', 'submitted→in-review', 'in-review→returned', 'returned→submitted', 'submitted→in-review', 'in-review→recognised',
    ]);
    expect(await refusal(review.move('X1', 2025, 'in-review'))).toEqual({ code: 'moveNoReason' });
    expect((await review.getCouncil(P, 2025))?.members).toHaveLength(5);
  });

  it('the province’s list of communes in a difficult area decides the figure in the engine’s input, from its year on', async () => {
    await repo.saveCommuneFigures('X1', 2025, { units: 4, difficultArea: false });
    expect((await repo.buildAssessInput('X1', 2025)).figures?.difficultArea).toBe(false);
    await review.saveProvinceSettings(P, 2025, { difficultAreas: ['X1', 'X9'] });
    expect((await repo.buildAssessInput('X1', 2025)).figures).toEqual({ units: 4, difficultArea: true });
    expect((await repo.buildAssessInput('X1', 2026)).figures).toEqual({ difficultArea: true });
    expect((await repo.buildAssessInput('X1', 2024)).figures).toBeUndefined();
    await review.saveProvinceSettings(P, 2026, { difficultAreas: ['X9'] });
    expect((await repo.buildAssessInput('X1', 2026)).figures).toEqual({ difficultArea: false });
  });

  it('the register refuses a wrong valid-until date, and settings fall back to the latest earlier year', async () => {
    await expect(review.saveRegisterEntry('X1', 2025, { outcome: 'recognised', level: 1, number: '1', date: '2026-03-20', validUntil: '2029-03-20' })).rejects.toThrow();
    await review.saveProvinceSettings(P, 2024, { dossierDeadline: '02-25' });
    expect((await review.getProvinceSettings(P, 2026))?.dossierDeadline).toBe('02-25');
    expect(await review.getProvinceSettings(P, 2023)).toBeUndefined();
  });
});

describe('the commune\'s typed decisions and the register', () => {
  it('a year the register holds is its record: the typed decision of that year is refused and left out of the history; earlier years stay typed', async () => {
    await repo.saveDecision('X1', { level: 1, decidedOn: '2022-03-20', number: '05/QĐ-UBND' });
    // Typed before the province used the app, for the year its register now holds.
    await repo.saveDecision('X1', { level: 1, decidedOn: '2026-03-18', number: 'gõ tay' });
    await as('reviewer');
    await review.saveRegisterEntry('X1', 2025, { outcome: 'recognised', level: 1, number: '45/QĐ-UBND', date: '2026-03-20', signer: 'Chủ tịch', validUntil: '2029-12-31' });
    await as('officer');
    await expect(repo.saveDecision('X1', { level: 2, decidedOn: '2026-04-02' })).rejects.toMatchObject({
      fields: { decidedOn: 'Quyết định công nhận năm 2026 do tỉnh ghi trong sổ công nhận; ở đây chỉ nhập các quyết định của những năm sổ chưa ghi.' },
    });
    expect((await ops()).filter((o) => o.entity === 'decision').map((o) => o.key)).toEqual(['X1/2022-03-20_1', 'X1/2026-03-18_1']);
    // The engine's history of 2027: the register's title, not the typed one of its year; 2022's typed one kept.
    expect((await repo.buildAssessInput('X1', 2027)).history).toEqual([{ level: 1, decidedOn: '2022-03-20' }, { level: 1, decidedOn: '2026-03-20' }]);
    // A year the register does not hold can still be typed.
    await repo.saveDecision('X1', { level: 2, decidedOn: '2024-03-15' });
  });

  it('a not-recognised entry holds its year too (the answer falls in the year after)', async () => {
    await as('reviewer');
    await review.saveRegisterEntry('X1', 2025, { outcome: 'not-recognised', reasons: 'TC5.1 chưa đạt' });
    await as('officer');
    await expect(repo.saveDecision('X1', { level: 1, decidedOn: '2026-03-20' })).rejects.toMatchObject({ fields: { decidedOn: expect.stringContaining('năm 2026') } });
  });
});
