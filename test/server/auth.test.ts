import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangesResponse, EnrollResponse, ErrorResponse, MeResponse } from '../../src/domain/sync/protocol.ts';
import { issueCode } from '../../server/codes.ts';
import { runAdmin } from '../../server/admin.ts';
import { batch, call, enrolDevice, makeOp, startTestServer, type Device, type TestServer } from './helpers.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s.stop();
});

const sync = (d: Device, ops: ReturnType<typeof makeOp>[]) => call(s, 'POST', '/api/v1/sync', { token: d.token, body: batch(d.deviceId, ops) });

describe('enrolment', () => {
  it('trades a code for a token once; the code then stops working', async () => {
    const { code } = await issueCode(s.store, { commune: '21085', role: 'collector', villages: ['T02'], person: 'Trưởng thôn Hai' });
    // Typed the way a person might: lower case, spaces instead of dashes.
    const typed = code.toLowerCase().replace(/-/g, ' ');
    const res = await call(s, 'POST', '/api/v1/enroll', { body: { code: typed, deviceId: 'phone-1', deviceName: 'Máy của anh Hai' } });
    expect(res.status).toBe(200);
    const e = res.json as EnrollResponse;
    expect(e.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(e).toMatchObject({ role: 'collector', villages: ['T02'], commune: { code: '21085', name: 'Xã Ba Tô', province: 'Quảng Ngãi' } });
    expect(e.commune.villages.map((v) => v.code)).toEqual(['T01', 'T02']);

    const again = await call(s, 'POST', '/api/v1/enroll', { body: { code } });
    expect(again.status).toBe(401);
    expect((again.json as ErrorResponse).error).toBe('bad-code');

    const me = await call(s, 'GET', '/api/v1/me', { token: e.token });
    expect(me.json as MeResponse).toMatchObject({ role: 'collector', villages: ['T02'], person: 'Trưởng thôn Hai', deviceId: 'phone-1', deviceName: 'Máy của anh Hai' });
  });

  it('refuses unknown codes and malformed requests', async () => {
    expect((await call(s, 'POST', '/api/v1/enroll', { body: { code: 'AAAA-BBBB-CCCC' } })).status).toBe(401);
    expect((await call(s, 'POST', '/api/v1/enroll', { body: { code: 5 } })).status).toBe(400);
    expect((await call(s, 'POST', '/api/v1/enroll', { body: { code: 'AAAA-BBBB-CCCC', extra: 1 } })).status).toBe(400);
    expect((await call(s, 'POST', '/api/v1/enroll', { raw: 'nope' })).status).toBe(400);
  });

  it('keeps no token or code in clear in the database', async () => {
    const d = await enrolDevice(s, '21085', 'officer');
    const { readFileSync } = await import('node:fs');
    const bytes = readFileSync(s.dbPath).toString('latin1') + readFileSync(`${s.dbPath}-wal`).toString('latin1');
    expect(bytes.includes(d.token)).toBe(false);
  });
});

describe('authorization', () => {
  it('answers 401 without a token, with a wrong token, and after revocation', async () => {
    expect((await call(s, 'GET', '/api/v1/me')).status).toBe(401);
    expect((await call(s, 'GET', '/api/v1/me', { token: 'x'.repeat(43) })).status).toBe(401);
    const d = await enrolDevice(s, '21085', 'officer');
    expect((await call(s, 'GET', '/api/v1/me', { token: d.token })).status).toBe(200);
    const codes = await s.store.listCodes('21085');
    const mine = codes.find((c) => c.deviceId === d.deviceId)!;
    const out: string[] = [];
    const status = await runAdmin(['revoke-token', '--id', mine.id], { out: (x) => out.push(x), err: (x) => out.push(x), store: s.store });
    expect(status).toBe(0);
    const after = await call(s, 'GET', '/api/v1/me', { token: d.token });
    expect(after.status).toBe(401);
    expect((after.json as ErrorResponse).error).toBe('unauthorized');
    const write = await sync(d, [makeOp('21085/2025/T01', { households: 1 })]);
    expect(write.status).toBe(401);
  });

  it('refuses writes into another commune (403, nothing written)', async () => {
    const officer = await enrolDevice(s, '21085', 'officer');
    const before = await s.store.stats();
    const res = await sync(officer, [makeOp('21085/2025/T01', { households: 3 }), makeOp('21086/2025/T01', { households: 3 })]);
    expect(res.status).toBe(403);
    const err = res.json as ErrorResponse;
    expect(err.error).toBe('forbidden');
    expect(err.problems).toHaveLength(1);
    expect(err.problems![0]!.path).toBe('ops[1].key');
    expect(await s.store.stats()).toEqual(before);
    expect((await call(s, 'GET', '/api/v1/changes?commune=21086', { token: officer.token })).status).toBe(403);
  });

  it('lets chair and reviewer read but never write', async () => {
    const officer = await enrolDevice(s, '21086', 'officer');
    const op = makeOp('21086/2025/T01', { citizens: 9 });
    expect((await sync(officer, [op])).status).toBe(200);
    const chair = await enrolDevice(s, '21086', 'chair');
    const reviewer = await enrolDevice(s, '21085', 'reviewer');
    const before = await s.store.stats();
    for (const d of [chair, reviewer]) {
      const res = await sync(d, [makeOp('21086/2025/T01', { citizens: 10 })]);
      expect(res.status).toBe(403);
      expect((res.json as ErrorResponse).error).toBe('forbidden');
    }
    expect(await s.store.stats()).toEqual(before);
    const chairRead = (await call(s, 'GET', '/api/v1/changes', { token: chair.token })).json as ChangesResponse;
    expect(chairRead.ops.map((o) => o.opId)).toContain(op.opId);
    // The reviewer reads any commune of the province, not another province.
    const reviewerRead = await call(s, 'GET', '/api/v1/changes?commune=21086', { token: reviewer.token });
    expect(reviewerRead.status).toBe(200);
    expect((reviewerRead.json as ChangesResponse).ops.map((o) => o.opId)).toContain(op.opId);
    expect((await call(s, 'GET', '/api/v1/changes?commune=00001', { token: reviewer.token })).status).toBe(403);
    expect(((await call(s, 'GET', '/api/v1/me', { token: reviewer.token })).json as MeResponse).communes).toEqual(['21085', '21086']);
    // A chair cannot use the reviewer's door to another commune.
    expect((await call(s, 'GET', '/api/v1/changes?commune=21085', { token: chair.token })).status).toBe(403);
  });

  it('a province reviewer reads a commune of its province created after it enrolled; nobody reads an unknown one', async () => {
    const reviewer = await enrolDevice(s, '21085', 'reviewer');
    const officer = await enrolDevice(s, '21085', 'officer');
    expect((await call(s, 'GET', '/api/v1/changes?commune=21099', { token: reviewer.token })).status).toBe(403);
    await s.store.createCommune({ code: '21099', name: 'Xã Mới Lập', province: 'Quảng Ngãi', villages: [] });
    expect((await call(s, 'GET', '/api/v1/changes?commune=21099', { token: reviewer.token })).status).toBe(200);
    // The commune's own roles keep to their commune, whatever its province.
    expect((await call(s, 'GET', '/api/v1/changes?commune=21099', { token: officer.token })).status).toBe(403);
  });

  it('limits a collector to their villages: other villages and commune-level entities refused whole', async () => {
    const collector = await enrolDevice(s, '21085', 'collector', ['T01']);
    const ok = await sync(collector, [makeOp('21085/2025/T01', { households: 50 }), makeOp('21085/T01', { name: 'Thôn Một Mới' }, 'village')]);
    expect(ok.status).toBe(200);
    const before = await s.store.stats();
    for (const ops of [
      [makeOp('21085/2025/T01', { households: 51 }), makeOp('21085/2025/T02', { households: 51 })],
      [makeOp('21085/T02', { name: 'Thôn khác' }, 'village')],
      [makeOp('21085/2025/TC1.1', { met: true }, 'answer')],
      [makeOp('21085/2025', { units: 3 }, 'communeFigures')],
    ]) {
      const res = await sync(collector, ops);
      expect(res.status).toBe(403);
      expect((res.json as ErrorResponse).problems?.length).toBe(1);
    }
    expect(await s.store.stats()).toEqual(before);
  });

  it('lets an unlimited collector write answers but not commune settings or decisions', async () => {
    const collector = await enrolDevice(s, '21085', 'collector');
    expect((await sync(collector, [makeOp('21085/2025/TC3.1', { met: true }, 'answer'), makeOp('21085/2025/T02', { households: 9 })])).status).toBe(200);
    for (const op of [makeOp('21085', { name: 'Xã khác' }, 'commune'), makeOp('21085/QD1', { level: 1, decidedOn: '2025-03-20' }, 'decision')]) {
      expect((await sync(collector, [op])).status).toBe(403);
    }
    const officer = await enrolDevice(s, '21085', 'officer');
    expect((await sync(officer, [makeOp('21085', { name: 'Xã Ba Tô' }, 'commune'), makeOp('21085/QD1', { level: 1, decidedOn: '2025-03-20' }, 'decision')])).status).toBe(200);
  });
});
