// The province's review over HTTP against a real server (issue #14): the province-wide reviewer
// code, the reach of every role across two provinces (reads and writes), the dossier's round trip
// with its audit trail, the server's refusals (the field named, nothing written), and the two read
// endpoints (a commune's assessment, the province's register).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdmin } from '../../server/admin.ts';
import { assess } from '../../src/domain/readiness/assess.ts';
import { canonicalText, type SubmissionSnapshot } from '../../src/domain/review/index.ts';
import { createHash } from 'node:crypto';
import type { AssessInput, AssessOutput } from '../../src/domain/assess-types.ts';
import type { ChangesResponse, EnrollResponse, ErrorResponse, MeResponse, ProvinceHeadsResponse } from '../../src/domain/sync/protocol.ts';
import type { Op } from '../../src/domain/sync/op.ts';
import { batch, call, enrolDevice, enrolProvinceReviewer, makeOp, startTestServer, type Device, type TestServer } from './helpers.ts';

let s: TestServer;
const QN = 'Quảng Ngãi';
const PQN = 'p:quang-ngai';
const PHN = 'p:ha-noi';

const provinceReviewer = (province: string, name: string) => enrolProvinceReviewer(s, province, name);

const sync = (d: Device, ops: Op[]) => call(s, 'POST', '/api/v1/sync', { token: d.token, body: batch(d.deviceId, ops) });
const problems = (r: { json: unknown }) => ((r.json as ErrorResponse).problems ?? []).map((p) => p.path);
const feed = async (d: Device, commune: string) => ((await call(s, 'GET', `/api/v1/changes?commune=${encodeURIComponent(commune)}&limit=1000`, { token: d.token })).json as ChangesResponse).ops;

let officer: Device, chair: Device, collector: Device, otherOfficer: Device, reviewer: Device, otherReviewer: Device;

function snapshotOf(input: AssessInput): SubmissionSnapshot {
  return JSON.parse(JSON.stringify({ input, output: assess(input), request: { kind: 'first', level: 1 }, papers: { report: 'Báo cáo tự đánh giá năm 2025' } })) as SubmissionSnapshot;
}
const INPUT: AssessInput = {
  catalog: 'tt25-2023', year: 2025, commune: { code: '21085', name: 'Xã Ba Tô', province: QN },
  villages: [{ code: 'T01', name: 'Thôn Một', households: 100, familiesRegistered: 95, familiesRecognized: 90 }],
};
const sha = (snap: SubmissionSnapshot) => createHash('sha256').update(canonicalText(snap)).digest('hex');
const submissionOp = (d: Device, version: number, snap = snapshotOf(INPUT), over: Record<string, unknown> = {}) =>
  makeOp(`21085/2025/${version}`, { snapshot: snap as never, contentHash: sha(snap), sentAt: '2026-02-20T08:00:00.000Z', sentBy: d.enroll.person, ...over } as Op['fields'], 'submission');
const moveOp = (d: Device, step: number, from: string, to: string, version: number, extra: Record<string, unknown> = {}, commune = '21085') =>
  makeOp(`${commune}/2025/${step}`, { from, to, version, at: '2026-02-20T08:00:00.000Z', by: d.enroll.person, device: d.deviceId, ...extra } as Op['fields'], 'stateChange');
const lockOp = (meetingDate = '2026-01-15') => makeOp('21085/2025', { locked: true, meetingDate, minutesRef: '01/BB-UBND' }, 'dossier');
const LAWFUL = ['chair', 'secretary', 'member', 'member', 'member'].map((role, i) => ({ name: `Ông Nguyễn Văn ${i + 1}`, organisation: i === 1 ? 'Hội Khuyến học tỉnh' : 'Sở Giáo dục và Đào tạo', role }));

beforeAll(async () => {
  s = await startTestServer();
  officer = await enrolDevice(s, '21085', 'officer');
  chair = await enrolDevice(s, '21085', 'chair');
  collector = await enrolDevice(s, '21085', 'collector');
  otherOfficer = await enrolDevice(s, '00001', 'officer');
  reviewer = await provinceReviewer(QN, 'Trần Thị Thẩm Định');
  otherReviewer = await provinceReviewer('Hà Nội', 'Phạm Văn Hà');
});
afterAll(() => s.stop());

describe('one reviewer code for a whole province', () => {
  it('covers every commune of the province, those added later too, and names its person', async () => {
    expect(reviewer.enroll.person).toBe('Trần Thị Thẩm Định');
    expect(reviewer.enroll.commune.code).toBe(PQN);
    const me = (await call(s, 'GET', '/api/v1/me', { token: reviewer.token })).json as MeResponse;
    expect(me.communes).toEqual(['21085', '21086']);
    await s.store.createCommune({ code: '21090', name: 'Xã Mới', province: QN, villages: [] });
    expect(((await call(s, 'GET', '/api/v1/me', { token: reviewer.token })).json as MeResponse).communes).toEqual(['21085', '21086', '21090']);
    expect((await call(s, 'GET', '/api/v1/changes?commune=21090', { token: reviewer.token })).status).toBe(200);
    expect((await sync(reviewer, [makeOp('21090/2025/1/TC1.1', { verdict: 'met' }, 'review')])).status).toBe(200);
    // The province is never listed as a commune.
    expect((await s.store.listCommunes()).map((c) => c.code)).not.toContain(PQN);
  });

  it('is for reviewers only, and says so', async () => {
    let err = '';
    expect(await runAdmin(['issue-code', '--province', QN, '--role', 'officer', '--name', 'X'], { out: () => {}, err: (t) => (err += t), store: s.store })).toBe(2);
    expect(err).toContain('--role reviewer');
  });
});

describe('reach across two provinces, every role', () => {
  // What each write would be: [label, op maker, stream]; province records go to p:….
  const writes: [string, () => Op][] = [
    ['verdict of 21085', () => makeOp('21085/2025/9/TC1.1', { verdict: 'more', comment: 'x' }, 'review')],
    ['register of 21085', () => makeOp('21085/2025', { note: 'x' }, 'registerEntry')],
    // (Of 2024: the round trip below records the council of 2025 itself.)
    ['council of Quảng Ngãi', () => makeOp(`${PQN}/2024`, { members: LAWFUL }, 'council')],
    ['settings of Quảng Ngãi', () => makeOp(`${PQN}/2024`, { dossierDeadline: '02-25' }, 'provinceSettings')],
    ['verdict of 00001 (Hà Nội)', () => makeOp('00001/2025/1/TC1.1', { verdict: 'met' }, 'review')],
    ['council of Hà Nội', () => makeOp(`${PHN}/2025`, { members: LAWFUL }, 'council')],
    ['counts of 21085', () => makeOp('21085/2025/T01', { households: 101 })],
  ];
  const who = () => ({ collector, officer, chair, otherOfficer, reviewer, otherReviewer });
  // Allowed writes per role (by label); everything else is refused with 403 and nothing written.
  const allowed: Record<string, string[]> = {
    collector: ['counts of 21085'],
    officer: ['counts of 21085'],
    chair: [],
    otherOfficer: [],
    reviewer: ['verdict of 21085', 'register of 21085', 'council of Quảng Ngãi', 'settings of Quảng Ngãi'],
    otherReviewer: ['council of Hà Nội', 'verdict of 00001 (Hà Nội)'],
  };
  for (const role of Object.keys(allowed)) {
    it(`${role}: writes only what its role and place allow`, async () => {
      const d = who()[role as keyof ReturnType<typeof who>];
      for (const [label, make] of writes) {
        const before = await s.store.stats();
        const res = await sync(d, [make()]);
        if (allowed[role]!.includes(label)) expect(res.status, `${role} ${label}`).toBe(200);
        else {
          expect(res.status, `${role} ${label}`).toBe(403);
          expect(problems(res)).toEqual(['ops[0].key']);
          expect((await s.store.stats()).ops, `${role} ${label}: nothing written`).toBe(before.ops);
        }
      }
    });
  }

  it('reads: a commune’s feed to its own roles and its province’s reviewer; the province’s records to its communes and reviewers', async () => {
    const reads: [Device, string, number][] = [
      [officer, '21085', 200], [chair, '21085', 200], [collector, '21085', 200], [officer, '21086', 403], [otherOfficer, '21085', 403],
      [reviewer, '21085', 200], [reviewer, '21086', 200], [reviewer, '00001', 403], [otherReviewer, '21085', 403], [otherReviewer, '00001', 200],
      [officer, PQN, 200], [chair, PQN, 200], [reviewer, PQN, 200], [otherOfficer, PQN, 403], [otherReviewer, PQN, 403], [officer, PHN, 403],
    ];
    for (const [d, commune, status] of reads) {
      expect((await call(s, 'GET', `/api/v1/changes?commune=${commune}`, { token: d.token })).status, `${d.enroll.role} ${d.enroll.commune.code} reads ${commune}`).toBe(status);
    }
    // The commune's phones get the province's settings with their pull.
    expect((await feed(officer, PQN)).some((o) => o.entity === 'provinceSettings')).toBe(true);
  });

  it('a batch holds one stream: a commune’s data and a province’s records never travel together', async () => {
    const res = await sync(reviewer, [makeOp('21085/2025/1/TC1.2', { verdict: 'met' }, 'review'), makeOp(`${PQN}/2025`, { place: 'Quảng Ngãi' }, 'provinceSettings')]);
    expect(res.status).toBe(400);
    expect(problems(res)).toEqual(['ops[1].key']);
  });
});

describe('the dossier’s round trip, enforced by the server', () => {
  it('refuses sending before the year is locked, naming the field, and writes nothing', async () => {
    const before = (await s.store.stats()).ops;
    const res = await sync(officer, [submissionOp(officer, 1), moveOp(officer, 1, 'draft', 'submitted', 1)]);
    expect(res.status).toBe(400);
    expect(problems(res)).toEqual(['ops[1].fields.to']);
    expect((res.json as ErrorResponse).problems![0]!.vi).toContain('khóa hồ sơ');
    expect((await s.store.stats()).ops).toBe(before);
  });

  it('refuses a dossier whose hash, output, commune or sender is not what it says', async () => {
    expect((await sync(officer, [lockOp()])).status).toBe(200);
    const snap = snapshotOf(INPUT);
    const cases: [Op, string][] = [
      [submissionOp(officer, 1, snap, { contentHash: 'ab'.repeat(32) }), 'ops[0].fields.contentHash'],
      [submissionOp(officer, 1, { ...snap, output: { ...snap.output, level: 2 } as AssessOutput }), 'ops[0].fields.snapshot.output'],
      [submissionOp(officer, 1, snapshotOf({ ...INPUT, commune: { code: '21086', name: 'Xã Ba Vì' } })), 'ops[0].fields.snapshot'],
      [submissionOp(officer, 1, snap, { sentBy: 'Người khác' }), 'ops[0].fields.sentBy'],
      [submissionOp(officer, 1, snapshotOf({ ...INPUT, villages: [{ code: 'T01', name: 'Thôn Một', households: 10, familiesRegistered: 20 }] })), 'ops[0].fields.snapshot.input.villages[0].familiesRegistered'],
    ];
    for (const [op, path] of cases) {
      const before = (await s.store.stats()).ops;
      const res = await sync(officer, [op]);
      expect(res.status, path).toBe(400);
      expect(problems(res), path).toEqual([path]);
      expect((await s.store.stats()).ops).toBe(before);
    }
  });

  it('goes draft → submitted → in-review → returned → v2 → recognised, every step kept with who, when, device and why', async () => {
    // Gửi hồ sơ: the snapshot and the change in one batch, with a receipt.
    const sent = await sync(chair, [submissionOp(chair, 1), moveOp(chair, 1, 'draft', 'submitted', 1)]);
    expect(sent.status).toBe(200);
    expect((sent.json as { receipt: string }).receipt).toMatch(/^[0-9A-Z]{8}$/);
    // Written once: the same version again, or the same step, is refused.
    const again = await sync(officer, [submissionOp(officer, 1)]);
    expect(again.status).toBe(400);
    expect(problems(again)).toEqual(['ops[0].key']);
    // A hostile writer cannot skip states or make another's move.
    expect(problems(await sync(reviewer, [moveOp(reviewer, 2, 'submitted', 'recognised', 1)]))).toEqual(['ops[0].key']);
    expect(problems(await sync(officer, [moveOp(officer, 2, 'submitted', 'in-review', 1)]))).toEqual(['ops[0].key']);
    const stale = await sync(reviewer, [moveOp(reviewer, 3, 'submitted', 'in-review', 1)]);
    expect(stale.status).toBe(400);
    expect(problems(stale)).toEqual(['ops[0].fields.from']);
    expect(problems(await sync(reviewer, [moveOp(reviewer, 2, 'submitted', 'in-review', 1, { by: 'Người khác' })]))).toEqual(['ops[0].fields.by']);
    expect(problems(await sync(reviewer, [moveOp(reviewer, 2, 'submitted', 'in-review', 1, { device: 'dev-khac' })]))).toEqual(['ops[0].fields.device']);

    expect((await sync(reviewer, [moveOp(reviewer, 2, 'submitted', 'in-review', 1)])).status).toBe(200);
    expect(problems(await sync(reviewer, [moveOp(reviewer, 3, 'in-review', 'returned', 1)]))).toEqual(['ops[0].fields.reason']);
    const returned = await sync(reviewer, [
      makeOp('21085/2025/1/TC1.1', { verdict: 'more', comment: 'Bổ sung kế hoạch tuyên truyền năm 2025' }, 'review'),
      moveOp(reviewer, 3, 'in-review', 'returned', 1),
    ]);
    expect(returned.status).toBe(200);
    // The commune's phones get the comment with their pull.
    const comment = (await feed(officer, '21085')).find((o) => o.entity === 'review' && o.key === '21085/2025/1/TC1.1');
    expect(comment?.fields).toEqual({ verdict: 'more', comment: 'Bổ sung kế hoạch tuyên truyền năm 2025' });

    // The commune reopens, fixes, locks again and sends version 2.
    expect((await sync(officer, [makeOp('21085/2025', { locked: false, reopenReasons: JSON.stringify([{ at: '2026-02-25', reason: 'Bổ sung theo ý kiến thẩm định' }]) }, 'dossier')])).status).toBe(200);
    expect((await sync(officer, [makeOp('21085/2025/T01', { households: 100, familiesRegistered: 96 })])).status).toBe(200);
    expect((await sync(officer, [lockOp('2026-02-26')])).status).toBe(200);
    expect(problems(await sync(officer, [submissionOp(officer, 2), moveOp(officer, 4, 'returned', 'submitted', 1)]))).toEqual(['ops[1].fields.version']);
    const v2 = snapshotOf({ ...INPUT, villages: [{ ...INPUT.villages[0]!, familiesRegistered: 96 }] });
    expect((await sync(officer, [submissionOp(officer, 2, v2), moveOp(officer, 4, 'returned', 'submitted', 2)])).status).toBe(200);
    expect((await sync(reviewer, [moveOp(reviewer, 5, 'submitted', 'in-review', 2)])).status).toBe(200);

    // Deciding needs the register's entry and a lawful council.
    expect(problems(await sync(reviewer, [moveOp(reviewer, 6, 'in-review', 'recognised', 2)]))).toEqual(['ops[0].fields.to']);
    const entry = { outcome: 'recognised', level: 1, number: '45/QĐ-UBND', date: '2026-03-20', signer: 'Nguyễn Văn B', validUntil: '2029-12-31' };
    const badEntry = await sync(reviewer, [makeOp('21085/2025', { ...entry, validUntil: '2029-03-20' }, 'registerEntry')]);
    expect(badEntry.status).toBe(400);
    expect(problems(badEntry)).toEqual(['ops[0].fields.validUntil']);
    expect((await sync(reviewer, [makeOp('21085/2025', entry, 'registerEntry')])).status).toBe(200);
    expect(problems(await sync(reviewer, [moveOp(reviewer, 6, 'in-review', 'recognised', 2)]))).toEqual(['ops[0].fields.to']);
    expect((await sync(reviewer, [makeOp(`${PQN}/2025`, { members: LAWFUL.slice(0, 4) }, 'council')])).status).toBe(200);
    expect(problems(await sync(reviewer, [moveOp(reviewer, 6, 'in-review', 'recognised', 2)]))).toEqual(['ops[0].fields.to']);
    expect((await sync(reviewer, [makeOp(`${PQN}/2025`, { members: LAWFUL, appraisal: { kind: 'meeting', date: '2026-03-10' } }, 'council')])).status).toBe(200);
    expect((await sync(reviewer, [moveOp(reviewer, 6, 'in-review', 'recognised', 2)])).status).toBe(200);
    // Reopening a decided dossier needs a reason.
    expect(problems(await sync(reviewer, [moveOp(reviewer, 7, 'recognised', 'in-review', 2)]))).toEqual(['ops[0].fields.reason']);

    // The audit trail, as the commune's phones pull it.
    const trail = (await feed(chair, "21085")).filter((o) => o.entity === "stateChange").map((o) => ({ key: o.key, ...o.fields }) as Record<string, unknown>);
    expect(trail.map((t) => `${t.key} ${t.from}→${t.to} v${t.version} ${t.by} ${t.device}`)).toEqual([
      `21085/2025/1 draft→submitted v1 ${chair.enroll.person} ${chair.deviceId}`,
      `21085/2025/2 submitted→in-review v1 Trần Thị Thẩm Định ${reviewer.deviceId}`,
      `21085/2025/3 in-review→returned v1 Trần Thị Thẩm Định ${reviewer.deviceId}`,
      `21085/2025/4 returned→submitted v2 ${officer.enroll.person} ${officer.deviceId}`,
      `21085/2025/5 submitted→in-review v2 Trần Thị Thẩm Định ${reviewer.deviceId}`,
      `21085/2025/6 in-review→recognised v2 Trần Thị Thẩm Định ${reviewer.deviceId}`,
    ]);
    expect(trail.every((t) => typeof t.at === 'string')).toBe(true);
  });
});

describe('the read endpoints', () => {
  it('GET /communes/{code}/assessment: the server’s assessment to the commune’s roles and its province’s reviewer', async () => {
    const mine = await call(s, 'GET', '/api/v1/communes/21085/assessment?year=2025', { token: officer.token });
    expect(mine.status).toBe(200);
    const out = mine.json as AssessOutput;
    expect(out).toMatchObject({ catalog: 'tt25-2023', year: 2025 });
    expect(out.levels.length).toBeGreaterThan(0);
    // The same engine on the synced figures: what the phone's own assessment of them gives.
    // T02 was made by the admin and has no counts yet: the engine says what is missing.
    // (The counts synced for T01 are households and families registered only.)
    expect(out).toEqual(assess({ ...INPUT, villages: [{ code: 'T01', name: 'Thôn Một', households: 100, familiesRegistered: 96 }, { code: 'T02', name: 'Thôn Hai' }] }));
    for (const [d, code, status] of [
      [chair, '21085', 200], [collector, '21085', 200], [reviewer, '21085', 200], [reviewer, '21086', 200],
      [officer, '21086', 403], [otherOfficer, '21085', 403], [otherReviewer, '21085', 403], [reviewer, '00001', 403], [reviewer, PQN, 404],
    ] as [Device, string, number][]) {
      expect((await call(s, 'GET', `/api/v1/communes/${code}/assessment?year=2025`, { token: d.token })).status, `${d.enroll.role} ${code}`).toBe(status);
    }
    const bad = await call(s, 'GET', '/api/v1/communes/21085/assessment?year=20x5', { token: officer.token });
    expect(bad.status).toBe(400);
    expect(problems(bad)).toEqual(['year']);
    // The register feeds the history: next year holds the title, nobody typed a decision.
    const next = (await call(s, 'GET', '/api/v1/communes/21085/assessment?year=2026', { token: officer.token })).json as AssessOutput;
    expect(next.held).toEqual({ level: 1, decidedOn: '2026-03-20', validUntil: '2029-12-31' });
  });

  it('GET /register: one entry per commune of the reviewer’s province; commune roles get 403', async () => {
    const res = await call(s, 'GET', '/api/v1/register?year=2025', { token: reviewer.token });
    expect(res.status).toBe(200);
    const reg = res.json as { communes: { code: string; name: string; state: string; computedLevel: number; titles: { level: number; validUntil: string; number?: string }[] }[] };
    expect(reg.communes.map((c) => c.code)).toEqual(['21085', '21086', '21090']);
    const ba = reg.communes[0]!;
    expect(ba).toMatchObject({ code: '21085', name: 'Xã Ba Tô', state: 'recognised' });
    expect(typeof ba.computedLevel).toBe('number');
    expect(ba.titles).toEqual([{ year: 2025, level: 1, decidedOn: '2026-03-20', number: '45/QĐ-UBND', signer: 'Nguyễn Văn B', validUntil: '2029-12-31' }]);
    expect(reg.communes[1]).toMatchObject({ state: 'draft', titles: [] });
    const hn = (await call(s, 'GET', '/api/v1/register?year=2025', { token: otherReviewer.token })).json as typeof reg;
    expect(hn.communes.map((c) => c.code)).toEqual(['00001']);
    for (const d of [officer, chair, collector, otherOfficer]) expect((await call(s, 'GET', '/api/v1/register?year=2025', { token: d.token })).status).toBe(403);
  });

  it('the server’s assessment takes the province’s list of communes in a difficult area, as the phone does', async () => {
    const before = (await call(s, 'GET', '/api/v1/communes/21085/assessment?year=2025', { token: officer.token })).json as AssessOutput;
    expect((await sync(reviewer, [makeOp(`${PQN}/2025`, { difficultAreas: ['21085'] }, 'provinceSettings')])).status).toBe(200);
    const after = (await call(s, 'GET', '/api/v1/communes/21085/assessment?year=2025', { token: officer.token })).json as AssessOutput;
    const villages = [{ code: 'T01', name: 'Thôn Một', households: 100, familiesRegistered: 96 }, { code: 'T02', name: 'Thôn Hai' }];
    expect(before).toEqual(assess({ ...INPUT, villages }));
    expect(after).toEqual(assess({ ...INPUT, villages, figures: { difficultArea: true } }));
    expect(after).not.toEqual(before);
    // And the years after, until the province changes its list.
    expect((await call(s, 'GET', '/api/v1/communes/21085/assessment?year=2026', { token: officer.token })).json).toEqual(
      assess({ ...INPUT, year: 2026, villages: [{ code: 'T01', name: 'Thôn Một' }, { code: 'T02', name: 'Thôn Hai' }], figures: { difficultArea: true }, history: [{ level: 1, decidedOn: '2026-03-20' }] }),
    );
  });

  it('GET /province/heads: where each feed stands, for a resumable pull', async () => {
    const res = await call(s, 'GET', '/api/v1/province/heads', { token: reviewer.token });
    expect(res.status).toBe(200);
    const h = res.json as ProvinceHeadsResponse;
    expect(h.stream.id).toBe(PQN);
    expect(h.stream.seq).toBe((await feed(reviewer, PQN)).at(-1)!.seq);
    expect(h.communes.map((c) => c.code)).toEqual(['21085', '21086', '21090']);
    expect(h.communes[0]!.seq).toBe((await feed(reviewer, '21085')).at(-1)!.seq);
    expect((await call(s, 'GET', '/api/v1/province/heads', { token: officer.token })).status).toBe(403);
  });
});

describe('the commune\'s typed decisions give way to the register', () => {
  it('refuses a decision typed for a year the register holds, and keeps it out of the history; earlier years stay the commune\'s', async () => {
    const officer2 = await enrolDevice(s, '21086', 'officer');
    const typed = (decidedOn: string, level = 1) => makeOp(`21086/${decidedOn}_${level}`, { level, decidedOn }, 'decision');
    // Before the province records anything, the commune types its history, this year's too.
    expect((await sync(officer2, [typed('2023-03-20'), typed('2026-03-10')])).status).toBe(200);
    const entry = makeOp('21086/2025', { outcome: 'recognised', level: 1, number: '45/QĐ-UBND', date: '2026-03-20', signer: 'Chủ tịch', validUntil: '2029-12-31' }, 'registerEntry');
    expect((await sync(reviewer, [entry])).status).toBe(200);
    const before = (await s.store.stats()).ops;
    const refused = await sync(officer2, [typed('2026-04-01', 2)]);
    expect(refused.status).toBe(400);
    const p = (refused.json as ErrorResponse).problems![0]!;
    expect(p).toMatchObject({ path: 'ops[0].fields.decidedOn', code: 'review.refuse.decisionInRegister', params: { year: 2026 } });
    expect(p.vi).toBe('Quyết định công nhận năm 2026 do tỉnh ghi trong sổ công nhận; xã chỉ nhập các quyết định của những năm sổ chưa ghi');
    expect((await s.store.stats()).ops).toBe(before);
    // Another year is typed as before.
    expect((await sync(officer2, [typed('2024-03-15', 2)])).status).toBe(200);
    // The server's history takes the register's title, not the typed one of its year.
    const reg = (await call(s, 'GET', '/api/v1/register?year=2027', { token: reviewer.token })).json as { communes: { code: string; titles: { decidedOn: string; year: number | null }[] }[] };
    expect(reg.communes.find((c) => c.code === '21086')!.titles.map((t) => [t.decidedOn, t.year])).toEqual([['2023-03-20', null], ['2024-03-15', null], ['2026-03-20', 2025]]);
  });

  it('a typed decision the officer removes (archived) leaves the server\'s history and titles; only the officer may remove one', async () => {
    const officer3 = await enrolDevice(s, '21090', 'officer');
    const collector3 = await enrolDevice(s, '21090', 'collector');
    const history = async () => ((await call(s, 'GET', '/api/v1/communes/21090/assessment?year=2025', { token: officer3.token })).json as AssessOutput).held;
    expect((await sync(officer3, [makeOp('21090/2025-03-20_1', { level: 1, decidedOn: '2025-03-20' }, 'decision')])).status).toBe(200);
    expect(await history()).toMatchObject({ level: 1, decidedOn: '2025-03-20' });
    const before = (await s.store.stats()).ops;
    const refused = await sync(collector3, [makeOp('21090/2025-03-20_1', { archived: true }, 'decision')]);
    expect(refused.status).toBe(403);
    expect((await s.store.stats()).ops).toBe(before);
    expect((await sync(officer3, [makeOp('21090/2025-03-20_1', { archived: true }, 'decision')])).status).toBe(200);
    expect(await history()).toBeNull();
    const reg = (await call(s, 'GET', '/api/v1/register?year=2026', { token: reviewer.token })).json as { communes: { code: string; titles: unknown[] }[] };
    expect(reg.communes.find((c) => c.code === '21090')!.titles).toEqual([]);
  });
});
