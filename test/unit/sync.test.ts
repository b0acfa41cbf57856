// The sync engine against a fake fetch (an in-memory server that dedups by opId like the real one):
// batching caps and order, one batch in flight, backoff only on transient failures, quarantine,
// 401, stable batch ids, pull with cursor and clock, enrolment.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRepo, openDatabase, type OutboxRow, type Repo } from '../../src/db/index.ts';
import { backoffDelay, batchIdOf, createSyncEngine, MAX_BYTES, parseRetryAfter, type EngineOptions, type FetchLike, type TriggerEnv } from '../../src/sync/index.ts';
import type { Op } from '../../src/domain/sync/op.ts';
import type { ChangeOp } from '../../src/domain/sync/protocol.ts';
import { formatHlc, parseHlc } from '../../src/domain/sync/hlc.ts';

const BASE = 'http://sync.test';
let n = 0;
const repos: Repo[] = [];
afterEach(() => {
  while (repos.length) repos.pop()!.db.close();
});

async function newRepo(): Promise<Repo> {
  const r = createRepo(openDatabase(`sync-${++n}`));
  repos.push(r);
  await r.setMeta('token', 'tok_aaaaaaaaaaaaaaaaaaaaaaaa');
  await r.setMeta('serverUrl', BASE);
  await r.saveCommune({ code: 'X1', name: 'Xã Một' });
  return r;
}

type Reply = { status: number; body?: unknown; headers?: Record<string, string>; raw?: string } | 'network' | 'hang';

/** A fake server: ops by opId, a change feed, receipts by batchId; `inject` can override a reply. */
function fakeServer() {
  const ops = new Map<string, Op>();
  const feed: ChangeOp[] = [];
  const receipts = new Map<string, string>();
  const batches: { batchId: string; ops: Op[]; bytes: number }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const inject: ((path: string, body: any) => Reply | undefined)[] = [];
  const requests: string[] = [];
  const fetch: FetchLike = async (url, init) => {
    requests.push(new URL(url).pathname);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      await new Promise((r) => setTimeout(r, 1));
      const u = new URL(url);
      const body = init.body ? JSON.parse(init.body) : undefined;
      const override = inject.length ? inject.shift()!(u.pathname, body) : undefined;
      const reply: Reply = override ?? handle(u, body, init.body?.length ?? 0);
      if (reply === 'network') throw new TypeError('Failed to fetch');
      if (reply === 'hang') {
        return await new Promise<Response>((_, reject) => init.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
      }
      return new Response(reply.raw ?? JSON.stringify(reply.body ?? {}), { status: reply.status, headers: reply.headers ?? {} });
    } finally {
      inFlight--;
    }
  };
  function handle(u: URL, body: any, bytes: number): Exclude<Reply, 'network' | 'hang'> {
    if (u.pathname === '/api/v1/sync') {
      batches.push({ batchId: body.batchId, ops: body.ops, bytes });
      const applied: string[] = [];
      const known: string[] = [];
      for (const op of body.ops as Op[]) {
        if (ops.has(op.opId)) known.push(op.opId);
        else {
          ops.set(op.opId, op);
          feed.push({ ...op, seq: feed.length + 1 });
          applied.push(op.opId);
        }
      }
      if (!receipts.has(body.batchId)) receipts.set(body.batchId, `R${receipts.size + 1}`.padEnd(8, '0'));
      return { status: 200, body: { applied, known, receipt: receipts.get(body.batchId), cursor: feed.length } };
    }
    if (u.pathname === '/api/v1/changes') {
      const since = Number(u.searchParams.get('since'));
      const limit = Number(u.searchParams.get('limit'));
      const page = feed.filter((o) => o.seq > since).slice(0, limit);
      const more = feed.filter((o) => o.seq > since).length > limit;
      return { status: 200, body: { ops: page, nextCursor: page.at(-1)?.seq ?? since, hasMore: more } };
    }
    if (u.pathname === '/api/v1/enroll') {
      if (body.code !== 'GOOD-CODE') return { status: 401, body: { error: 'bad-code', message_vi: 'Mã đăng ký không đúng, đã dùng hoặc đã bị thu hồi', message_en: 'bad code' } };
      return { status: 200, body: { token: 'tok_bbbbbbbbbbbbbbbbbbbbbbbb', role: 'officer', commune: { code: 'X7', name: 'Xã Bảy', province: 'Tỉnh', villages: [{ code: 'V1', name: 'Thôn Một' }, { code: 'V2', name: 'Thôn Hai' }] } } };
    }
    return { status: 404, body: { error: 'not-found', message_vi: 'Không tìm thấy', message_en: 'Not found' } };
  }
  return { fetch, handle, ops, feed, batches, inject, requests, get maxInFlight() { return maxInFlight; } };
}

function engineFor(repo: Repo, server: ReturnType<typeof fakeServer>, extra: Partial<EngineOptions> = {}) {
  const sleeps: number[] = [];
  const engine = createSyncEngine({
    repo, fetch: server.fetch, sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5, isOnline: () => true, timeoutMs: 200, ...extra,
  });
  return { engine, sleeps };
}

async function addCounts(repo: Repo, count: number, note?: string): Promise<void> {
  await repo.batch(async () => {
    for (let i = 0; i < count; i++) {
      if (note) await repo.saveAnswer('X1', 2025, 'TC1.1', { note: `${note}${i}` });
      else await repo.saveVillageCounts('X1', 2025, `V${i % 50}`, { households: i + 1 });
    }
  });
}

/** Queues ops straight into the outbox (the engine only reads the outbox; saves are tested in db tests). */
async function queueRaw(repo: Repo, count: number, noteBytes = 0): Promise<void> {
  const rows = Array.from({ length: count }, (_, i): OutboxRow => ({
    state: 'pending' as const,
    op: {
      opId: crypto.randomUUID(), entity: 'answer' as const, key: 'X1/2025/TC1.1',
      fields: noteBytes ? { note: `${i}`.padEnd(noteBytes, 'x') } : { met: i % 2 === 0 } as Op['fields'],
      hlc: formatHlc({ wall: 1_750_000_000_000, counter: i, node: 'dev' }),
    },
  }));
  await repo.db.outbox.bulkAdd(rows);
}

const outboxIds = async (r: Repo) => (await r.db.outbox.orderBy('seq').toArray()).map((x) => x.op.opId);

describe('pushing the outbox', () => {
  it('sends everything in order, in batches of at most 500 ops and 256 KB, then empties the outbox', async () => {
    const repo = await newRepo();
    await queueRaw(repo, 1100);
    await queueRaw(repo, 40, 20_000); // ~20 KB notes: the byte cap binds
    const order = await outboxIds(repo);
    const s = fakeServer();
    const { engine } = engineFor(repo, s);
    const res = await engine.syncNow();
    expect(res.ok).toBe(true);
    expect(s.batches.length).toBeGreaterThanOrEqual(5);
    for (const b of s.batches) {
      expect(b.ops.length).toBeLessThanOrEqual(500);
      expect(b.bytes).toBeLessThanOrEqual(MAX_BYTES);
    }
    expect(s.batches.slice(0, 2).map((b) => b.ops.length)).toEqual([500, 500]);
    expect(s.batches.flatMap((b) => b.ops.map((o) => o.opId))).toEqual(order);
    expect(await repo.pendingCount()).toBe(0);
    expect(engine.status.get()).toMatchObject({ state: 'idle', pending: 0, lastError: null });
    expect(engine.status.get().lastReceipt).toMatch(/^R/);
  });

  it('keeps one batch in flight even when asked to sync many times at once', async () => {
    const repo = await newRepo();
    await queueRaw(repo, 1200);
    const s = fakeServer();
    const { engine } = engineFor(repo, s);
    await Promise.all([engine.syncNow(), engine.syncNow(), engine.syncNow(), engine.syncNow()]);
    expect(s.maxInFlight).toBe(1);
    expect(s.ops.size).toBe(1200 + 1);
    expect(await repo.pendingCount()).toBe(0);
  });

  it('gives a re-sent batch the same batchId (so the same receipt) and never duplicates', async () => {
    const repo = await newRepo();
    await addCounts(repo, 3);
    const s = fakeServer();
    // the server commits, then the answer is lost
    s.inject.push((path, body) => {
      if (path !== '/api/v1/sync') return undefined;
      s.handle(new URL(`${BASE}${path}`), body, 0); // committed…
      return 'network'; // …and the answer never arrives
    });
    const { engine, sleeps } = engineFor(repo, s);
    const res = await engine.syncNow();
    expect(res.ok).toBe(true);
    expect(sleeps.length).toBe(1);
    expect(s.batches.length).toBe(2);
    expect(s.batches[0]!.batchId).toBe(s.batches[1]!.batchId);
    expect(s.ops.size).toBe(4);
    expect(s.feed.length).toBe(4);
    expect(await repo.pendingCount()).toBe(0);
  });
});

describe('retries: only transient failures, with backoff', () => {
  const transient: [string, Reply][] = [
    ['a network error', 'network'],
    ['a timeout', 'hang'],
    ['500', { status: 500, body: { error: 'internal', message_vi: 'Lỗi máy chủ', message_en: 'x' } }],
    ['503 from a proxy (not JSON)', { status: 503, raw: '<html>Service Unavailable</html>' }],
    ['429', { status: 429, body: { error: 'rate-limited', message_vi: 'Gửi quá nhiều', message_en: 'x' } }],
    ['a captive portal page with status 200', { status: 200, raw: '<html>Đăng nhập wifi</html>' }],
  ];
  for (const [name, reply] of transient) {
    it(`retries after ${name}, then delivers once`, async () => {
      const repo = await newRepo();
      await addCounts(repo, 2);
      const s = fakeServer();
      s.inject.push(() => reply, () => reply);
      const { engine, sleeps } = engineFor(repo, s);
      const res = await engine.syncNow();
      expect(res.ok).toBe(true);
      expect(sleeps.length).toBe(2);
      expect(s.ops.size).toBe(3);
      expect(await repo.pendingCount()).toBe(0);
    });
  }

  it('honours Retry-After on 429', async () => {
    const repo = await newRepo();
    const s = fakeServer();
    s.inject.push(() => ({ status: 429, headers: { 'Retry-After': '7' }, body: { error: 'rate-limited', message_vi: 'Bận', message_en: 'busy' } }));
    const { engine, sleeps } = engineFor(repo, s);
    await engine.syncNow();
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThanOrEqual(7000);
  });

  it('gives up a run after maxAttempts, keeps every op, and says so in Vietnamese', async () => {
    const repo = await newRepo();
    await addCounts(repo, 2);
    const s = fakeServer();
    for (let i = 0; i < 10; i++) s.inject.push(() => 'network');
    const { engine, sleeps } = engineFor(repo, s, { maxAttempts: 4 });
    const res = await engine.syncNow();
    expect(res.ok).toBe(false);
    expect(sleeps.length).toBe(3);
    expect(await repo.pendingCount()).toBe(3);
    expect(engine.status.get().state).toBe('error');
    expect(engine.status.get().lastError).toMatch(/Không kết nối được máy chủ/);
  });

  const permanent: [string, Reply][] = [
    ['400', { status: 400, body: { error: 'invalid-batch', message_vi: 'Lô bị từ chối', message_en: 'x', problems: [] } }],
    ['401', { status: 401, body: { error: 'unauthorized', message_vi: 'Chưa đăng ký', message_en: 'x' } }],
    ['403 (read-only role)', { status: 403, body: { error: 'forbidden', message_vi: 'Không có quyền', message_en: 'x', problems: [{ path: '(token)', vi: 'Chỉ xem', en: 'x' }] } }],
    ['409', { status: 409, body: { error: 'op-conflict', message_vi: 'Trùng mã', message_en: 'x', problems: [] } }],
  ];
  for (const [name, reply] of permanent) {
    it(`does not back off after ${name}`, async () => {
      const repo = await newRepo();
      const s = fakeServer();
      s.inject.push(() => reply);
      const { engine, sleeps } = engineFor(repo, s);
      await engine.syncNow();
      expect(sleeps).toEqual([]);
    });
  }

  it('backoff is full jitter under an exponential, capped ceiling', () => {
    const opts = { baseMs: 1000, capMs: 30_000 };
    const top = (a: number) => backoffDelay(a, opts, () => 0.999999);
    expect([0, 1, 2, 3, 4, 5, 6, 20].map(top)).toEqual([999, 1999, 3999, 7999, 15999, 29999, 29999, 29999]);
    expect(backoffDelay(5, opts, () => 0)).toBe(0);
    expect(parseRetryAfter('12', 0)).toBe(12_000);
    expect(parseRetryAfter(new Date(60_000).toUTCString(), 0)).toBe(60_000);
    expect(parseRetryAfter('soon', 0)).toBeNull();
  });
});

describe('refusals', () => {
  it('400 naming ops: those ops are quarantined with the reason, the rest are re-sent', async () => {
    const repo = await newRepo();
    await addCounts(repo, 4);
    const ids = await outboxIds(repo);
    const s = fakeServer();
    s.inject.push((_p, body) => ({
      status: 400,
      body: {
        error: 'invalid-batch', message_vi: 'Lô dữ liệu bị từ chối', message_en: 'x',
        problems: [{ opId: body.ops[2].opId, path: 'ops[2].fields.households', vi: 'Phải là số nguyên', en: 'x' }],
      },
    }));
    const { engine, sleeps } = engineFor(repo, s);
    const res = await engine.syncNow();
    expect(res.ok).toBe(true);
    expect(sleeps).toEqual([]);
    const q = await repo.listQuarantined();
    expect(q.map((r) => r.op.opId)).toEqual([ids[2]]);
    expect(q[0]!.error).toMatch(/households: Phải là số nguyên/);
    expect([...s.ops.keys()]).toEqual(ids.filter((_, i) => i !== 2));
    expect(engine.status.get()).toMatchObject({ pending: 0, quarantined: 1 });
    // a person puts it back after the cause is fixed: it is sent once
    await repo.requeueOps([ids[2]!]);
    await engine.syncNow();
    expect(s.ops.has(ids[2]!)).toBe(true);
    expect(await repo.listQuarantined()).toEqual([]);
  });

  it('409: the op is quarantined and the queue moves on', async () => {
    const repo = await newRepo();
    await addCounts(repo, 2);
    const ids = await outboxIds(repo);
    const s = fakeServer();
    s.inject.push((_p, body) => ({
      status: 409,
      body: { error: 'op-conflict', message_vi: 'Mã thao tác đã có trên máy chủ với nội dung khác', message_en: 'x', problems: [{ opId: body.ops[0].opId, path: 'ops[0]', vi: 'Mã thao tác đã dùng cho nội dung khác', en: 'x' }] },
    }));
    const { engine } = engineFor(repo, s);
    await engine.syncNow();
    expect((await repo.listQuarantined()).map((r) => r.op.opId)).toEqual([ids[0]]);
    expect([...s.ops.keys()]).toEqual(ids.slice(1));
  });

  it('401: state needs-enrolment, nothing dropped, nothing quarantined; after enrolment it all goes', async () => {
    const repo = await newRepo();
    await addCounts(repo, 3);
    const before = await outboxIds(repo);
    const s = fakeServer();
    s.inject.push(() => ({ status: 401, body: { error: 'unauthorized', message_vi: 'Thiết bị chưa đăng ký', message_en: 'x' } }));
    const { engine } = engineFor(repo, s);
    const res = await engine.syncNow();
    expect(res).toMatchObject({ ok: false, reason: 'needs-enrolment' });
    expect(engine.status.get().state).toBe('needs-enrolment');
    expect(engine.status.get().lastError).toMatch(/đăng ký lại/);
    expect(await outboxIds(repo)).toEqual(before);
    expect(await repo.listQuarantined()).toEqual([]);

    await expect(engine.enroll(BASE, 'WRONG')).rejects.toThrow(/Mã đăng ký không đúng/);
    await engine.enroll(`${BASE}/`, 'GOOD-CODE');
    expect(await repo.getMeta('token')).toBe('tok_bbbbbbbbbbbbbbbbbbbbbbbb');
    expect(await repo.getMeta('serverUrl')).toBe(BASE);
    expect((await engine.syncNow()).ok).toBe(true);
    // the commune and villages the server named, filled after the pull, are not edits to send
    expect((await repo.listVillages('X7')).map((v) => v.name)).toEqual(['Thôn Một', 'Thôn Hai']);
    expect((await repo.getCommune('X7'))?.name).toBe('Xã Bảy');
    expect(await repo.pendingCount()).toBe(0);
    expect([...s.ops.keys()]).toEqual(before);
  });

  const tooLarge = { status: 413, body: { error: 'too-large', message_vi: 'Dữ liệu gửi lên quá lớn', message_en: 'x' } };
  it('413: the batch is split until it fits, in order', async () => {
    const repo = await newRepo();
    await addCounts(repo, 7);
    const ids = await outboxIds(repo);
    const s = fakeServer();
    s.inject.push(() => tooLarge, (_p, body) => (body.ops.length > 2 ? tooLarge : undefined));
    const { engine } = engineFor(repo, s);
    await engine.syncNow();
    expect(s.batches[0]!.ops.length).toBe(2);
    expect([...s.ops.keys()]).toEqual(ids);
    expect(await repo.pendingCount()).toBe(0);
    expect(await repo.listQuarantined()).toEqual([]);
  });

  it('413 on a single op: that op is quarantined, the next ones go', async () => {
    const repo = await newRepo();
    await addCounts(repo, 1);
    const ids = await outboxIds(repo);
    const s = fakeServer();
    s.inject.push((_p, body) => (body.ops.length > 1 ? tooLarge : undefined), () => tooLarge);
    const { engine } = engineFor(repo, s);
    await engine.syncNow();
    const q = await repo.listQuarantined();
    expect(q.map((r) => r.op.opId)).toEqual([ids[0]]);
    expect(q[0]!.error).toMatch(/quá lớn/);
    expect([...s.ops.keys()]).toEqual(ids.slice(1));
  });

  it('not enrolled or offline: nothing is sent and the status says why', async () => {
    const repo = await newRepo();
    await repo.setMeta('token', undefined);
    const s = fakeServer();
    const { engine } = engineFor(repo, s);
    expect(await engine.syncNow()).toMatchObject({ ok: false, reason: 'needs-enrolment' });
    await repo.setMeta('token', 'tok_aaaaaaaaaaaaaaaaaaaaaaaa');
    const off = engineFor(repo, s, { isOnline: () => false }).engine;
    expect(await off.syncNow()).toMatchObject({ ok: false, reason: 'offline' });
    expect(off.status.get().state).toBe('offline');
    expect(off.status.get().lastError).toMatch(/Không có mạng/);
    expect(s.batches).toEqual([]);
  });
});

describe('outbox bookkeeping', () => {
  it('an acknowledgement removes exactly the acknowledged ops, never a quarantined one between them', async () => {
    const repo = await newRepo();
    await repo.db.outbox.clear(); // the commune's own op: this test wants a queue of its own ops only
    await queueRaw(repo, 10);
    const ids = await outboxIds(repo);
    await repo.quarantineOps([{ opId: ids[3]!, error: 'refused' }]);
    // seqs 1–3 and 5–6 are runs around the quarantined 4th; the 9th is alone, past two pending ones
    await repo.ackOps([ids[0]!, ids[1]!, ids[2]!, ids[4]!, ids[5]!, ids[8]!, crypto.randomUUID()]);
    expect(await outboxIds(repo)).toEqual([ids[3], ids[6], ids[7], ids[9]]);
    expect((await repo.listQuarantined()).map((r) => r.op.opId)).toEqual([ids[3]]);
    expect(await repo.pendingCount()).toBe(3);
    expect((await repo.nextBatch(10, MAX_BYTES)).map((op) => op.opId)).toEqual([ids[6], ids[7], ids[9]]);
    expect((await repo.db.acked.toArray()).length).toBe(7);
  });

  it('acknowledging ops out of queue order (not the head) removes them too', async () => {
    const repo = await newRepo();
    await repo.db.outbox.clear();
    await queueRaw(repo, 6);
    const ids = await outboxIds(repo);
    await repo.ackOps([ids[5]!, ids[4]!]);
    expect(await outboxIds(repo)).toEqual(ids.slice(0, 4));
    await repo.ackOps([ids[2]!, ids[0]!, ids[0]!]);
    expect(await outboxIds(repo)).toEqual([ids[1], ids[3]]);
    expect(await repo.pendingCount()).toBe(2);
  });
});

describe('pulling changes', () => {
  it('applies pages since the stored cursor, advances the clock, and is a no-op when repeated', async () => {
    const repo = await newRepo();
    const s = fakeServer();
    const far = Date.now() + 3 * 60 * 60 * 1000; // another phone 3 hours ahead
    for (let i = 0; i < 25; i++) {
      const op: Op = { opId: crypto.randomUUID(), entity: 'villageCounts', key: `X1/2025/V${i}`, fields: { households: 10 + i }, hlc: formatHlc({ wall: far, counter: i, node: 'other' }) };
      s.ops.set(op.opId, op);
      s.feed.push({ ...op, seq: s.feed.length + 1 });
    }
    const { engine } = engineFor(repo, s, { pullLimit: 10 });
    const res = await engine.syncNow();
    expect(res).toMatchObject({ ok: true, pushed: 1, pulled: 26 }); // 25 + the echo of our own op
    expect(await repo.getMeta('pullCursor')).toBe(26);
    expect((await repo.getVillageCounts('X1', 2025)).length).toBe(25);
    expect(await repo.pendingCount()).toBe(0);
    // our next edit orders after what we saw, so it wins
    await repo.saveVillageCounts('X1', 2025, 'V0', { households: 99 });
    const last = (await repo.db.outbox.orderBy('seq').last())!.op.hlc;
    expect(parseHlc(last).wall).toBeGreaterThanOrEqual(far);
    expect(await engine.syncNow()).toMatchObject({ ok: true, pushed: 1, pulled: 1 });
    expect(await engine.syncNow()).toMatchObject({ ok: true, pushed: 0, pulled: 0 });
    expect((await repo.getVillageCounts('X1', 2025)).find((r) => r.village === 'V0')!.households).toBe(99);
  });

  it('a read-only role (403 naming no op): nothing is sent or dropped, the pull still runs, the run reports readOnly', async () => {
    const repo = await newRepo(); // holds one unsent op of its own (the commune)
    const s = fakeServer();
    for (let i = 0; i < 3; i++) {
      const op: Op = { opId: crypto.randomUUID(), entity: 'villageCounts', key: `X1/2025/V${i}`, fields: { households: 40 + i }, hlc: formatHlc({ wall: Date.now(), counter: i, node: 'officer-phone' }) };
      s.ops.set(op.opId, op);
      s.feed.push({ ...op, seq: s.feed.length + 1 });
    }
    s.inject.push((path) => (path === '/api/v1/sync'
      ? { status: 403, body: { error: 'forbidden', message_vi: 'Không có quyền', message_en: 'Forbidden', problems: [{ path: '(token)', vi: 'Chỉ xem', en: 'Read only' }] } }
      : undefined));
    const { engine, sleeps } = engineFor(repo, s);
    const before = await outboxIds(repo);
    const res = await engine.syncNow();
    expect(res).toMatchObject({ ok: false, reason: 'error', code: 'readOnly' });
    expect(sleeps).toEqual([]);
    // The pull ran after the refused push: the officer's figures are here, the cursor moved.
    expect((await repo.getVillageCounts('X1', 2025)).map((r) => r.households).sort()).toEqual([40, 41, 42]);
    expect(await repo.getMeta('pullCursor')).toBe(3);
    // The device's own op is kept, pending, never quarantined.
    expect(await outboxIds(repo)).toEqual(before);
    expect(await repo.pendingCount()).toBe(1);
    expect((await repo.listQuarantined()).length).toBe(0);
    expect(engine.status.get()).toMatchObject({ state: 'error', lastErrorCode: 'readOnly', lastError: 'Vai trò của bạn chỉ được xem, không gửi được số liệu lên máy chủ.' });
  });

  it('a refusal of the whole push for another reason does not pull', async () => {
    const repo = await newRepo();
    const s = fakeServer();
    const op: Op = { opId: crypto.randomUUID(), entity: 'villageCounts', key: 'X1/2025/V0', fields: { households: 40 }, hlc: formatHlc({ wall: Date.now(), counter: 0, node: 'officer-phone' }) };
    s.feed.push({ ...op, seq: 1 });
    s.inject.push(() => 'network');
    const { engine } = engineFor(repo, s, { maxAttempts: 1, isOnline: () => true });
    expect(await engine.syncNow()).toMatchObject({ ok: false, reason: 'transient', code: 'network' });
    expect(s.requests).not.toContain('/api/v1/changes');
    expect(await repo.getVillageCounts('X1', 2025)).toEqual([]);
  });

  it('batch ids depend on the ops only', () => {
    const op = (id: string): Op => ({ opId: id, entity: 'commune', key: 'X', fields: { name: 'a' }, hlc: '' });
    expect(batchIdOf([op('a'), op('b')])).toBe(batchIdOf([op('a'), op('b')]));
    expect(batchIdOf([op('a'), op('b')])).not.toBe(batchIdOf([op('a'), op('c')]));
    expect(batchIdOf([op('a'), op('b')])).not.toBe(batchIdOf([op('b'), op('a')]));
    expect(batchIdOf([op('ab')])).not.toBe(batchIdOf([op('a'), op('b')]));
    expect(batchIdOf(Array.from({ length: 500 }, (_, i) => op(crypto.randomUUID() + i)))).toMatch(/^[A-Za-z0-9_.:-]{1,64}$/);
  });
});

describe('triggers', () => {
  it('syncs on app open, on `online`, when the page becomes visible and shortly after a new edit; stop ends it', async () => {
    const repo = await newRepo();
    const s = fakeServer();
    const listeners = new Map<string, () => void>();
    let onVisible: () => void = () => {};
    const env: TriggerEnv = {
      addEventListener: (t, fn) => listeners.set(t, fn),
      removeEventListener: (t) => listeners.delete(t),
      isVisible: () => true,
      onVisibilityChange: (fn) => {
        onVisible = fn;
        return () => {
          onVisible = () => {};
        };
      },
      intervalMs: 3_600_000,
      pushDelayMs: 10,
    };
    const { engine } = engineFor(repo, s);
    const pulls = () => s.requests.filter((p) => p === '/api/v1/changes').length;
    const stop = engine.start(env);
    await vi.waitFor(() => expect(pulls()).toBe(1)); // app open
    await vi.waitFor(() => expect(engine.status.get().state).toBe('idle'));
    listeners.get('online')!();
    await vi.waitFor(() => expect(pulls()).toBe(2));
    await vi.waitFor(() => expect(engine.status.get().state).toBe('idle'));
    onVisible();
    await vi.waitFor(() => expect(pulls()).toBe(3));
    await vi.waitFor(() => expect(engine.status.get().state).toBe('idle'));
    await repo.saveVillageCounts('X1', 2025, 'V1', { households: 5 });
    await vi.waitFor(() => expect([...s.ops.values()].some((o) => o.key === 'X1/2025/V1')).toBe(true));
    await vi.waitFor(() => expect(engine.status.get()).toMatchObject({ state: 'idle', pending: 0 }));
    stop();
    await engine.settled();
    expect(listeners.size).toBe(0);
    listeners.get('online')?.();
    onVisible();
    expect(pulls()).toBe(4);
  });

  it('the `offline` event shows the offline state at once', async () => {
    const repo = await newRepo();
    const listeners = new Map<string, () => void>();
    const env: TriggerEnv = {
      addEventListener: (t, fn) => listeners.set(t, fn), removeEventListener: (t) => listeners.delete(t),
      isVisible: () => false, onVisibilityChange: () => () => {}, intervalMs: 3_600_000, pushDelayMs: 0,
    };
    const { engine } = engineFor(repo, fakeServer());
    const stop = engine.start(env);
    await vi.waitFor(() => expect(engine.status.get().state).toBe('idle'));
    listeners.get('offline')!();
    expect(engine.status.get().state).toBe('offline');
    expect(engine.status.get().lastError).toMatch(/Không có mạng/);
    stop();
    await engine.settled();
  });
});
