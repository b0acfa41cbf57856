import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import type { ChangesResponse, ErrorResponse, SyncResponse } from '../../src/domain/sync/protocol.ts';
import { valuesOf } from '../../src/domain/sync/merge.ts';
import { batch, call, enrolDevice, makeOp, startTestServer, type Device, type TestServer } from './helpers.ts';

let s: TestServer;
let officer: Device;

beforeAll(async () => {
  s = await startTestServer();
  officer = await enrolDevice(s, '21085', 'officer');
});
afterAll(async () => {
  await s.stop();
});

const sync = (d: Device, body: unknown) => call(s, 'POST', '/api/v1/sync', { token: d.token, body });
const changes = (d: Device, q: string) => call(s, 'GET', `/api/v1/changes${q}`, { token: d.token });

describe('POST /api/v1/sync', () => {
  it('applies a batch, then acknowledges a re-send without applying it again, with the same receipt', async () => {
    const ops = [makeOp('21085/2025/T01', { households: 120, familiesRegistered: 100 }), makeOp('21085/2025', { units: 12 }, 'communeFigures')];
    const body = batch(officer.deviceId, ops);
    const before = await s.store.stats();
    const first = await sync(officer, body);
    expect(first.status).toBe(200);
    const r1 = first.json as SyncResponse;
    expect(r1.applied).toEqual(ops.map((o) => o.opId));
    expect(r1.known).toEqual([]);
    expect(r1.receipt).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    expect((await s.store.stats()).ops).toBe(before.ops + 2);

    const again = await sync(officer, body);
    expect(again.status).toBe(200);
    const r2 = again.json as SyncResponse;
    expect(r2.applied).toEqual([]);
    expect(r2.known).toEqual(ops.map((o) => o.opId));
    expect(r2.receipt).toBe(r1.receipt);
    expect((await s.store.stats()).ops).toBe(before.ops + 2);

    // A new batch id re-sending one known op and one new op: mixed answer, a different receipt.
    const extra = makeOp('21085/2025/T02', { households: 80 });
    const mixed = await sync(officer, batch(officer.deviceId, [ops[0]!, extra]));
    const r3 = mixed.json as SyncResponse;
    expect(r3.applied).toEqual([extra.opId]);
    expect(r3.known).toEqual([ops[0]!.opId]);
    expect(r3.receipt).not.toBe(r1.receipt);
    expect((await s.store.stats()).ops).toBe(before.ops + 3);
  });

  it('refuses the whole batch with 409 when an opId is known with other content, writing nothing', async () => {
    const op = makeOp('21085/2025/T01', { citizens: 300 });
    expect((await sync(officer, batch(officer.deviceId, [op]))).status).toBe(200);
    const fresh = makeOp('21085/2025/T02', { citizens: 200 });
    const changed = { ...op, fields: { citizens: 301 } };
    const before = await s.store.stats();
    const res = await sync(officer, batch(officer.deviceId, [fresh, changed]));
    expect(res.status).toBe(409);
    const err = res.json as ErrorResponse;
    expect(err.error).toBe('op-conflict');
    expect(err.problems?.map((p) => p.opId)).toEqual([op.opId]);
    expect(err.message_vi).toMatch(/từ chối/);
    expect(await s.store.stats()).toEqual(before);
    const st = await s.store.entityState('villageCounts', '21085/2025/T02');
    expect(st && valuesOf(st).citizens).not.toBe(200);
  });

  it('merges per field by HLC: the later stamp wins whatever the arrival order', async () => {
    const other = await enrolDevice(s, '21085', 'collector');
    const key = '21085/2024/T01';
    const late = { ...makeOp(key, { lineages: 9 }, 'villageCounts', 'dev-b') };
    const early = { ...makeOp(key, { lineages: 7, lineagesRegistered: 5 }, 'villageCounts', 'dev-a'), hlc: '000001000000000-000000-dev-a' };
    expect((await sync(other, batch(other.deviceId, [late]))).status).toBe(200);
    expect((await sync(officer, batch(officer.deviceId, [early]))).status).toBe(200);
    const st = await s.store.entityState('villageCounts', key);
    expect(valuesOf(st!)).toEqual({ lineages: 9, lineagesRegistered: 5 });
  });

  it('refuses a body that is not JSON, and an empty batch', async () => {
    const before = await s.store.stats();
    const notJson = await call(s, 'POST', '/api/v1/sync', { token: officer.token, raw: '{"deviceId":' });
    expect(notJson.status).toBe(400);
    expect((notJson.json as ErrorResponse).error).toBe('bad-request');
    const empty = await sync(officer, batch(officer.deviceId, []));
    expect(empty.status).toBe(400);
    expect(await s.store.stats()).toEqual(before);
  });

  it('refuses more than 500 ops in a batch', async () => {
    const ops = Array.from({ length: 501 }, (_, i) => makeOp(`21085/2025/T0${(i % 2) + 1}`, { households: i }));
    const before = await s.store.stats();
    const res = await sync(officer, batch(officer.deviceId, ops));
    expect(res.status).toBe(400);
    expect((res.json as ErrorResponse).problems?.[0]?.path).toBe('ops');
    expect(await s.store.stats()).toEqual(before);
  });

  it('reports each bad op with its opId, path and a Vietnamese and English reason', async () => {
    const good = makeOp('21085/2025/T01', { households: 5 });
    const badValue = makeOp('21085/2025/T01', { households: -1 });
    const badKey = makeOp('21085/1999/T01', { households: 1 });
    const badIndicator = makeOp('21085/2025/TC5.1', { met: true }, 'answer');
    const before = await s.store.stats();
    const res = await sync(officer, batch(officer.deviceId, [good, badValue, badKey, badIndicator]));
    expect(res.status).toBe(400);
    const err = res.json as ErrorResponse;
    expect(err.error).toBe('invalid-batch');
    expect(err.problems).toEqual([
      // Each problem's code and parameters, and their words in both locales.
      { opId: badValue.opId, path: 'ops[1].fields.households', code: 'pb.negative', params: { label: 'households' }, vi: expect.stringContaining('âm'), en: expect.stringContaining('negative') },
      { opId: badKey.opId, path: 'ops[2].key', code: 'pb.keyYear', params: { segment: '1999', min: 2023, max: 2100 }, vi: expect.stringContaining('Năm'), en: expect.stringContaining('Year') },
      { opId: badIndicator.opId, path: 'ops[3].key', code: 'pb.keyIndicator', params: { segment: 'TC5.1' }, vi: expect.stringContaining('TC5.1'), en: expect.stringContaining('TC5.1') },
    ]);
    expect(await s.store.stats()).toEqual(before);
  });
});

describe('GET /api/v1/changes', () => {
  it('pages through the commune ops in order with nextCursor and hasMore', async () => {
    const start = (await changes(officer, '?since=0&limit=1000')).json as ChangesResponse;
    expect(start.hasMore).toBe(false);
    const cursor0 = start.nextCursor;
    const ops = Array.from({ length: 25 }, (_, i) => makeOp(`21085/2023/T0${(i % 2) + 1}`, { citizens: i }));
    expect((await sync(officer, batch(officer.deviceId, ops))).status).toBe(200);

    const seen: string[] = [];
    const pages: boolean[] = [];
    let cursor = cursor0;
    for (;;) {
      const page = (await changes(officer, `?since=${cursor}&limit=10`)).json as ChangesResponse;
      seen.push(...page.ops.map((o) => o.opId));
      pages.push(page.hasMore);
      for (const o of page.ops) expect(o.seq).toBeGreaterThan(cursor);
      expect(page.nextCursor).toBe(page.ops.length ? page.ops[page.ops.length - 1]!.seq : cursor);
      cursor = page.nextCursor;
      if (!page.hasMore) break;
    }
    expect(seen).toEqual(ops.map((o) => o.opId));
    expect(pages).toEqual([true, true, false]);

    const after = (await changes(officer, `?since=${cursor}`)).json as ChangesResponse;
    expect(after).toEqual({ ops: [], nextCursor: cursor, hasMore: false });
  });

  it('returns ops as sent, with their seq', async () => {
    const body = batch(officer.deviceId, [{ ...makeOp('21085/2025/TC2.1', { met: true, amount: 25_000_000, evidence: [{ number: '01/QĐ', date: '2025-01-03' }] }, 'answer'), prev: { met: '000001000000000-000000-x' } }]);
    const op = body.ops[0]!;
    const res = (await sync(officer, body)).json as SyncResponse;
    const page = (await changes(officer, `?since=${res.cursor! - 1}`)).json as ChangesResponse;
    expect(page.ops).toEqual([{ ...op, seq: res.cursor }]);
  });

  it('refuses bad cursors and limits', async () => {
    for (const q of ['?since=-1', '?since=abc', '?limit=0', '?limit=100000', '?since=1.5']) {
      const res = await changes(officer, q);
      expect(res.status, q).toBe(400);
    }
  });

  it('never shows another commune', async () => {
    const neighbour = await enrolDevice(s, '21086', 'officer');
    const mine = makeOp('21086/2025/T01', { households: 42 });
    expect((await sync(neighbour, batch(neighbour.deviceId, [mine]))).status).toBe(200);
    const page = (await changes(officer, '?since=0&limit=1000')).json as ChangesResponse;
    expect(page.ops.every((o) => o.key.startsWith('21085'))).toBe(true);
    const theirs = (await changes(neighbour, '?since=0')).json as ChangesResponse;
    expect(theirs.ops.map((o) => o.opId)).toEqual([mine.opId]);
    expect(theirs.nextCursor).toBe(1);
  });
});

describe('limits and logs', () => {
  it('answers 413 to a body over the limit, writing nothing', async () => {
    const before = await s.store.stats();
    const big = JSON.stringify(batch(officer.deviceId, [makeOp('21085/2025/T01', { households: 1 })])).replace('"ops"', `"pad":"${'x'.repeat(1024 * 1024)}","ops"`);
    const res = await call(s, 'POST', '/api/v1/sync', { token: officer.token, raw: big });
    expect(res.status).toBe(413);
    expect((res.json as ErrorResponse).error).toBe('too-large');
    expect(await s.store.stats()).toEqual(before);
  });

  it('answers 413 to a body sent without a length (chunked) once it passes the limit, and closes the connection', async () => {
    const before = await s.store.stats();
    const head = JSON.stringify(batch(officer.deviceId, [makeOp('21085/2025/T01', { households: 2 })])).replace('"ops"', '"pad":"');
    const res = await new Promise<{ status: number; connection: string | undefined; body: string }>((ok, fail) => {
      const req = request(`${s.url}/api/v1/sync`, { method: 'POST', headers: { authorization: `Bearer ${officer.token}`, 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (r) => {
        let body = '';
        r.on('data', (d: Buffer) => (body += d));
        r.on('end', () => ok({ status: r.statusCode!, connection: r.headers.connection, body }));
      });
      req.on('error', (e: NodeJS.ErrnoException) => (e.code === 'ECONNRESET' || e.code === 'EPIPE' ? undefined : fail(e)));
      req.write(head);
      const chunk = 'x'.repeat(64 * 1024);
      // Keep sending past the cap; the server answers without reading the rest.
      let sent = 0;
      const pump = () => {
        while (sent < 40 && req.write(chunk)) sent++;
        if (sent < 40) req.once('drain', pump);
        else req.end('",' + '"ops":[]}');
      };
      pump();
    });
    expect(res.status).toBe(413);
    expect(res.connection).toBe('close');
    expect((JSON.parse(res.body) as ErrorResponse).error).toBe('too-large');
    expect(await s.store.stats()).toEqual(before);
  });

  it('logs one JSON line per request and never a token', async () => {
    const n = s.lines.length;
    await call(s, 'GET', '/api/v1/me', { token: officer.token });
    const fresh = s.lines.slice(n);
    expect(fresh).toHaveLength(1);
    const line = JSON.parse(fresh[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({ msg: 'request', method: 'GET', path: '/api/v1/me', status: 200, role: 'officer', commune: '21085' });
    for (const l of s.lines) expect(l).not.toContain(officer.token);
  });

  it('allows cross-origin calls with a bearer token (preflight and answer)', async () => {
    const pre = await fetch(`${s.url}/api/v1/sync`, { method: 'OPTIONS', headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    const me = await fetch(`${s.url}/api/v1/me`, { headers: { origin: 'http://localhost:5173', authorization: `Bearer ${officer.token}` } });
    expect(me.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('answers 404 in JSON for an unknown API path', async () => {
    const res = await call(s, 'GET', '/api/v1/nope', { token: officer.token });
    expect(res.status).toBe(404);
    expect((res.json as ErrorResponse).error).toBe('not-found');
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After once a token spends its burst, other tokens unaffected', async () => {
    const limited = await startTestServer({ rate: { capacity: 3, perSecond: 0.01 } });
    try {
      const a = await enrolDevice(limited, '21085', 'officer');
      const b = await enrolDevice(limited, '21085', 'officer');
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 4; i++) {
        const r = await call(limited, 'GET', '/api/v1/me', { token: a.token });
        statuses.push(r.status);
        if (r.status === 429) retryAfter = r.headers.get('retry-after');
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
      expect((await call(limited, 'GET', '/api/v1/me', { token: b.token })).status).toBe(200);
      const op = makeOp('21085/2025/T01', { households: 1 });
      const refused = await call(limited, 'POST', '/api/v1/sync', { token: a.token, body: batch(a.deviceId, [op]) });
      expect(refused.status).toBe(429);
      expect((await limited.store.stats()).ops).toBe(0);
    } finally {
      await limited.stop();
    }
  });

  it('slows down guessing of enrolment codes', async () => {
    const limited = await startTestServer({ enrollRate: { capacity: 2, perSecond: 0.01 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await call(limited, 'POST', '/api/v1/enroll', { body: { code: `WRONG-${randomUUID().slice(0, 4)}` } })).status);
      expect(statuses).toEqual([401, 401, 429]);
    } finally {
      await limited.stop();
    }
  });
});
