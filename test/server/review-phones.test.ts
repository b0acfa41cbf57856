// The review's round trip between real devices (issue #14): a commune officer's phone and a
// province reviewer's device, each with its own IndexedDB (fake-indexeddb), the real repository,
// review module and sync engine, against a real server over HTTP. The commune sends; the reviewer's
// pull of the province brings it (with progress, and resumable when cut half-way); the comment and
// the decision come back to the phone, which then holds the title in its next year's assessment.
import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdmin } from '../../server/admin.ts';
import { issueCode } from '../../server/codes.ts';
import { createRepo, openDatabase, type Repo } from '../../src/db/index.ts';
import type { Review } from '../../src/db/review.ts';
import { createSyncEngine, type SyncEngine } from '../../src/sync/index.ts';
import { assess } from '../../src/domain/readiness/assess.ts';
import type { AssessInput } from '../../src/domain/assess-types.ts';
import { requestPlan } from '../../src/domain/readiness/request.ts';
import type { SubmissionSnapshot } from '../../src/domain/review/index.ts';
import { provinceReviewerCode, startTestServer, type TestServer } from './helpers.ts';

let s: TestServer;
const QN = 'Quảng Ngãi';

interface Phone { repo: Repo; review: Review; engine: SyncEngine; online: { on: boolean } }
async function phone(name: string, opts: { pullLimit?: number; fetch?: typeof fetch } = {}): Promise<Phone> {
  const repo = createRepo(openDatabase(`review-phones-${name}-${randomUUID()}`));
  const online = { on: true };
  const engine = createSyncEngine({
    repo, fetch: opts.fetch ?? ((u, i) => fetch(u, i)), isOnline: () => online.on, timeoutMs: 10_000, maxAttempts: 1, backoff: { baseMs: 1, capMs: 5 },
    ...(opts.pullLimit ? { pullLimit: opts.pullLimit } : {}),
  });
  return { repo, review: await repo.review(), engine, online };
}
const ok = async (p: Phone) => {
  const r = await p.engine.syncNow();
  expect(r, JSON.stringify(r)).toMatchObject({ ok: true });
  return r;
};
const provinceCode = () => provinceReviewerCode(s, QN);
async function snapshotOf(p: Phone, year: number): Promise<SubmissionSnapshot> {
  const input = await p.repo.buildAssessInput('21085', year);
  const output = assess(input);
  const plan = requestPlan(output, input);
  return { input, output, request: plan.kind === 'none' ? null : { kind: plan.kind, level: plan.level } };
}

let commune: Phone;
let reviewer: Phone;

beforeAll(async () => {
  s = await startTestServer();
  commune = await phone('officer');
  reviewer = await phone('reviewer');
  const { code } = await issueCode(s.store, { commune: '21085', role: 'officer', villages: null, person: 'Lê Văn Cán' });
  await commune.engine.enroll(s.url, code);
  await reviewer.engine.enroll(s.url, await provinceCode());
  await ok(commune);
  await ok(reviewer);
});
afterAll(async () => {
  commune.repo.db.close();
  reviewer.repo.db.close();
  await s.stop();
});

describe('commune phone ⇄ province reviewer', () => {
  it('the commune sends; the reviewer’s pull of its province brings the dossier, with progress and the time each commune was pulled', async () => {
    await commune.repo.saveVillageCounts('21085', 2025, 'T01', { households: 100, familiesRegistered: 95, familiesRecognized: 90 });
    await commune.repo.lockYear('21085', 2025, { meetingDate: '2026-01-15', minutesRef: '01/BB-UBND' });
    await commune.review.sendDossier('21085', 2025, await snapshotOf(commune, 2025));
    // Offline first: the phone shows it sent at once; it goes when the network is back.
    commune.online.on = false;
    expect((await commune.engine.syncNow()).ok).toBe(false);
    expect(await commune.review.dossierStatus('21085', 2025)).toEqual({ state: 'submitted', version: 1, step: 1 });
    commune.online.on = true;
    await ok(commune);
    expect(await commune.repo.pendingCount()).toBe(0);

    const seen: (string | null)[] = [];
    const off = reviewer.engine.status.subscribe((st) => seen.push(st.pullProgress ? `${st.pullProgress.done}/${st.pullProgress.total}` : null));
    await ok(reviewer);
    off();
    expect(seen.filter((x) => x !== null)).toContain('1/1'); // only 21085 moved (21086 has nothing)
    expect(reviewer.engine.status.get().pullProgress).toBeNull();
    expect(await reviewer.repo.getMeta<string>('pulledAt:21085')).toMatch(/^\d{4}-/);
    expect((await reviewer.review.listSubmissions('21085', 2025)).map((x) => x.version)).toEqual([1]);
    expect(await reviewer.review.dossierStatus('21085', 2025)).toEqual({ state: 'submitted', version: 1, step: 1 });
    // The communes of the province with their names, villages and figures.
    expect((await reviewer.repo.getCommune('21086'))?.name).toBe('Xã Ba Vì');
    expect((await reviewer.repo.listVillages('21085')).map((v) => v.code)).toEqual(['T01', 'T02']);
    expect((await reviewer.repo.getVillageCounts('21085', 2025))[0]).toMatchObject({ households: 100 });
  });

  it('the reviewer returns it with a comment; the phone, offline, shows the comment beside the indicator', async () => {
    await reviewer.review.move('21085', 2025, 'in-review');
    await reviewer.review.saveReview('21085', 2025, 1, 'TC1.1', { verdict: 'more', comment: 'Bổ sung kế hoạch tuyên truyền năm 2025' });
    await reviewer.review.move('21085', 2025, 'returned');
    await ok(reviewer);
    await ok(commune);
    commune.online.on = false;
    expect(await commune.review.dossierStatus('21085', 2025)).toEqual({ state: 'returned', version: 1, step: 3 });
    expect(await commune.review.listReviews('21085', 2025, 1)).toEqual([
      { commune: '21085', year: 2025, version: 1, indicator: 'TC1.1', verdict: 'more', comment: 'Bổ sung kế hoạch tuyên truyền năm 2025' },
    ]);
    commune.online.on = true;
  });

  it('the commune fixes and sends version 2; the reviewer recognises it; the phone holds the title the next year', async () => {
    await commune.repo.reopenYear('21085', 2025, 'Bổ sung theo ý kiến thẩm định');
    await commune.repo.saveAnswer('21085', 2025, 'TC1.1', { met: true, evidence: [{ number: '15/KH-UBND', date: '2025-01-10', title: 'Kế hoạch tuyên truyền' }] });
    await commune.repo.lockYear('21085', 2025, { meetingDate: '2026-02-01', minutesRef: '02/BB-UBND' });
    expect((await commune.review.sendDossier('21085', 2025, await snapshotOf(commune, 2025))).version).toBe(2);
    await ok(commune);

    await ok(reviewer);
    expect((await reviewer.review.listSubmissions('21085', 2025)).map((x) => x.version)).toEqual([1, 2]);
    await reviewer.review.move('21085', 2025, 'in-review');
    const m = (role: 'chair' | 'secretary' | 'member', i: number) => ({ name: `Bà Trần Thị ${i}`, organisation: i === 2 ? 'Hội Khuyến học tỉnh' : 'Sở Giáo dục và Đào tạo', role });
    await reviewer.review.saveCouncil(QN, 2025, { members: [m('chair', 1), m('secretary', 2), m('member', 3), m('member', 4), m('member', 5)], appraisal: { kind: 'meeting', date: '2026-03-10' } });
    await reviewer.review.saveRegisterEntry('21085', 2025, { outcome: 'recognised', level: 1, number: '45/QĐ-UBND', date: '2026-03-20', signer: 'Nguyễn Văn B', validUntil: '2029-12-31' });
    await reviewer.review.move('21085', 2025, 'recognised', { province: QN });
    await ok(reviewer);
    // Every op travelled: the council to the province's stream, the rest to the commune's.
    expect(await reviewer.repo.pendingCount()).toBe(0);
    expect(await reviewer.repo.listQuarantined()).toEqual([]);

    await ok(commune);
    expect(await commune.review.dossierStatus('21085', 2025)).toEqual({ state: 'recognised', version: 2, step: 6 });
    expect(await commune.review.getRegisterEntry('21085', 2025)).toMatchObject({ level: 1, number: '45/QĐ-UBND', validUntil: '2029-12-31' });
    // The next year applies the 12-month rule by itself: the register's title is its history.
    const next = await commune.repo.buildAssessInput('21085', 2026);
    expect(next.history).toEqual([{ level: 1, decidedOn: '2026-03-20' }]);
    expect(assess(next).held).toEqual({ level: 1, decidedOn: '2026-03-20', validUntil: '2029-12-31' });
    // When its 2026 figures reach Mức độ 2, the phone's own assessment holds it at Mức độ 1 until
    // 12 months after the register's decision — nobody typed that decision on the phone.
    const { history: _typed, asOf: _asOf, ...level2 } = JSON.parse(readFileSync(new URL('../../docs/domain/samples/level-2-waiting/input.json', import.meta.url), 'utf8')) as AssessInput;
    const commune2026 = (await commune.repo.getCommune('21085'))!;
    await commune.repo.loadAssessInput({ ...level2, year: 2026, commune: { code: '21085', name: commune2026.name, province: commune2026.province! } });
    const waiting = assess(await commune.repo.buildAssessInput('21085', 2026, '2026-12-31'));
    expect(waiting).toMatchObject({ level: 2, eligibleLevel: 1, eligibility: { reason: 'level2-wait', from: '2027-03-20' } });
    expect((await commune.repo.listDecisions('21085')).length).toBe(0);
  });

  it('a reviewer’s first pull cut half-way resumes where it stopped and loses nothing', async () => {
    let calls = 0;
    let cutAt = 4;
    const flaky: typeof fetch = (u, i) => (++calls === cutAt ? Promise.reject(new TypeError('network down')) : fetch(u, i));
    const late = await phone('late-reviewer', { pullLimit: 2, fetch: flaky });
    await late.engine.enroll(s.url, await provinceCode());
    calls = 0;
    expect((await late.engine.syncNow()).ok).toBe(false);
    const halfway = await late.repo.getMeta<number>('pullCursor:21085');
    expect(halfway).toBeGreaterThan(0);
    cutAt = -1;
    await ok(late);
    expect(await late.repo.getMeta<number>('pullCursor:21085')).toBeGreaterThan(halfway!);
    expect(await late.review.dossierStatus('21085', 2025)).toEqual({ state: 'recognised', version: 2, step: 6 });
    expect((await late.review.getCouncil(QN, 2025))?.members).toHaveLength(5);
    late.repo.db.close();
  });

  it('a village the commune renamed comes to a new reviewer as the commune wrote it: the server’s list of villages, landing with it, never writes over it', async () => {
    const t01 = (await commune.repo.listVillages('21085')).find((v) => v.code === 'T01')!;
    await commune.repo.saveVillage('21085', { id: t01.id, code: 'T01', name: 'Thôn Một Mới', order: 5 });
    await ok(commune);
    const fresh = await phone('fresh-reviewer');
    await fresh.engine.enroll(s.url, await provinceCode());
    await ok(fresh);
    expect((await fresh.repo.listVillages('21085')).find((v) => v.id === t01.id)).toMatchObject({ code: 'T01', name: 'Thôn Một Mới', order: 5 });
    // Its merge state holds the commune phone's writes alone, so no conflict can come of it.
    const stamps = await fresh.repo.db.stamps.get(['village', `21085/${t01.id}`]);
    expect(Object.values(stamps!.state).flatMap((w) => Object.keys(w)).filter((node) => node.startsWith('enrol'))).toEqual([]);
    expect(await fresh.repo.listConflicts()).toEqual([]);
    // The village only the server's list names is filled in.
    expect((await fresh.repo.listVillages('21085')).map((v) => v.code)).toContain('T02');
    fresh.repo.db.close();
  });
});
