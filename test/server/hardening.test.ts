// Issue 12, finding by finding, against the REAL server process (server/main.ts on a SQLite file):
// each refusal is shown with its answer AND with the database unchanged (row counts and the
// commune's change feed), and where a phone is involved, with the app's own src/db + src/sync.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { issueCode } from '../../server/codes.ts';
import { openSqliteStore } from '../../server/store/sqlite-store.ts';
import { formatHlc, parseHlc } from '../../src/domain/sync/hlc.ts';
import type { Op } from '../../src/domain/sync/op.ts';
import type { ErrorResponse, Role, SyncResponse } from '../../src/domain/sync/protocol.ts';
import { ServerProcess, makeClient, observerToken, serverOps, syncUntilDone, type Client } from './faults-harness.ts';

const COMMUNE = '21085'; // the demo commune the server seeds, villages T01…T12, years 2024–2025
const DAY = 24 * 60 * 60 * 1000;
const ROOT = resolve(import.meta.dirname, '../..');
let server: ServerProcess;
let observer: string;
const clients: Client[] = [];

beforeAll(async () => {
  // Many devices enrol from one loopback address here; the per-address guard is tested on its own.
  server = new ServerProcess({ ENROLL_BURST: '1000' });
  await server.start();
  observer = await observerToken(server.url, server.seedCode!);
});
afterEach(() => {
  while (clients.length) clients.pop()!.close();
});
afterAll(async () => {
  await server.stop();
});

interface Dev {
  token: string;
  deviceId: string;
}

async function enrol(role: Role = 'officer', villages: string[] | null = null, deviceId = `dev-${randomUUID().slice(0, 8)}`): Promise<Dev> {
  const [code] = await server.issueCodes(COMMUNE, 1, role, villages);
  const r = await fetch(`${server.url}/api/v1/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, deviceId }) });
  expect(r.status).toBe(200);
  return { token: ((await r.json()) as { token: string }).token, deviceId };
}

/** POST /sync with a body given as an object or as raw JSON text (to carry an own `__proto__`). */
async function post(dev: Dev, body: unknown): Promise<{ status: number; json: any }> {
  const r = await fetch(`${server.url}/api/v1/sync`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${dev.token}` },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: r.status, json: await r.json() };
}

let wall = Date.now() - DAY;
function op(key: string, fields: Record<string, unknown>, node: string, entity: Op['entity'] = 'villageCounts', stamp?: { wall?: number; counter?: number }): Op {
  return { opId: randomUUID(), entity, key, fields: fields as Op['fields'], hlc: formatHlc({ wall: stamp?.wall ?? ++wall, counter: stamp?.counter ?? 0, node }) };
}
const body = (dev: Dev, ops: unknown[]) => ({ deviceId: dev.deviceId, batchId: randomUUID(), ops });

/** Runs `fn` and checks that the server's database and change feed are exactly as before. */
async function nothingWritten(fn: () => Promise<void>): Promise<void> {
  const before = await server.stats();
  const feed = (await serverOps(server.url, observer)).length;
  await fn();
  expect(await server.stats()).toEqual(before);
  expect((await serverOps(server.url, observer)).length).toBe(feed);
}

/** The current value of a field on the server, as a fresh reader of the feed would merge it. */
async function serverValue(entity: Op['entity'], key: string, field: string): Promise<unknown> {
  let best: { hlc: string; value: unknown } | null = null;
  for (const o of await serverOps(server.url, observer)) {
    if (o.entity !== entity || o.key !== key || !Object.prototype.hasOwnProperty.call(o.fields, field)) continue;
    if (!best || o.hlc > best.hlc) best = { hlc: o.hlc, value: o.fields[field] };
  }
  return best?.value;
}

async function phone(name: string, skewMs = 0, role: Role = 'officer'): Promise<Client> {
  const [code] = await server.issueCodes(COMMUNE, 1, role);
  const c = makeClient(name, skewMs);
  clients.push(c);
  await c.engine.enroll(server.url, code!);
  await syncUntilDone(c);
  return c;
}

describe('1. reserved names are refused as field names, keys and evidence keys', () => {
  it('refuses `__proto__` among the fields (the op that bricked every phone), writing nothing', async () => {
    const collector = await enrol('collector', ['T01']);
    const o = op(`${COMMUNE}/2026/T01`, { households: 1 }, collector.deviceId);
    // Raw text: a JS object literal cannot carry an own "__proto__" key, JSON.parse makes one.
    const raw = JSON.stringify(body(collector, [o])).replace('"households":1', '"households":1,"__proto__":-5');
    expect(raw).toContain('"__proto__":-5');
    await nothingWritten(async () => {
      const res = await post(collector, raw);
      expect(res.status).toBe(400);
      expect((res.json as ErrorResponse).error).toBe('invalid-batch');
      expect(res.json.problems).toEqual([expect.objectContaining({ opId: o.opId, path: 'ops[0].fields.__proto__', vi: expect.stringContaining('__proto__') })]);
    });
    // The honest follow-up of the report lands, and a new phone still gets the commune's data.
    const next = op(`${COMMUNE}/2026/T01`, { households: 2 }, collector.deviceId);
    expect((await post(collector, body(collector, [next]))).status).toBe(200);
    const fresh = await phone('after-proto');
    expect((await fresh.repo.getVillageCounts(COMMUNE, 2026)).find((r) => r.village === 'T01')?.households).toBe(2);
    expect((await fresh.repo.getVillageCounts(COMMUNE, 2025)).length).toBe(12);
  });

  it.each([
    ['constructor as a field', (n: string) => op(`${COMMUNE}/2025/T01`, { constructor: 5 }, n), 'ops[0].fields.constructor'],
    ['prototype as a field', (n: string) => op(`${COMMUNE}/2025/T01`, { prototype: 5 }, n), 'ops[0].fields.prototype'],
    ['constructor as a village code in the key', (n: string) => op(`${COMMUNE}/2025/constructor`, { households: 5 }, n), 'ops[0].key'],
    ['prototype as a decision id', (n: string) => op(`${COMMUNE}/prototype`, { level: 1, decidedOn: '2025-01-02' }, n, 'decision'), 'ops[0].key'],
    ['constructor as a dossier field', (n: string) => op(`${COMMUNE}/2025`, { constructor: 'x' }, n, 'dossier'), 'ops[0].fields.constructor'],
    ['constructor as an evidence key', (n: string) => op(`${COMMUNE}/2025/TC3.2`, { evidence: [{ title: 'QĐ', constructor: 'x' }] }, n, 'answer'), 'ops[0].fields.evidence[0].constructor'],
  ])('refuses %s, writing nothing', async (_name, make, path) => {
    const officer = await enrol();
    const o = make(officer.deviceId);
    await nothingWritten(async () => {
      const res = await post(officer, body(officer, [o]));
      expect(res.status).toBe(400);
      expect(res.json.problems.map((p: { path: string }) => p.path)).toContain(path);
    });
  });

  it('refuses `__proto__` as an evidence key and in prev, writing nothing', async () => {
    const officer = await enrol();
    const o = op(`${COMMUNE}/2025/TC3.2`, { evidence: [{ title: 'QĐ' }] }, officer.deviceId, 'answer');
    const evidence = JSON.stringify(body(officer, [o])).replace('{"title":"QĐ"}', '{"title":"QĐ","__proto__":{"polluted":1}}');
    const withPrev = JSON.stringify(body(officer, [{ ...o, prev: { note: formatHlc({ wall: 1, counter: 0, node: 'x' }) } }])).replace('"prev":{', '"prev":{"__proto__":"000000000000001-000000-x",');
    await nothingWritten(async () => {
      const a = await post(officer, evidence);
      expect(a.status).toBe(400);
      expect(a.json.problems[0].path).toBe('ops[0].fields.evidence[0].__proto__');
      const b = await post(officer, withPrev);
      expect(b.status).toBe(400);
      expect(b.json.problems[0].path).toBe('ops[0].prev.__proto__');
    });
  });
});

describe('2. clocks: no counter overflow, no stamp far ahead, a phone days behind still syncs', () => {
  it('refuses a stamp more than 24 h ahead of the server, telling the person to correct the date', async () => {
    const officer = await enrol();
    const tenYears = op(`${COMMUNE}/2025/T02`, { households: 999 }, officer.deviceId, 'villageCounts', { wall: Date.now() + 3650 * DAY });
    const twoDays = op(`${COMMUNE}/2025/T02`, { households: 998 }, officer.deviceId, 'villageCounts', { wall: Date.now() + 2 * DAY });
    await nothingWritten(async () => {
      for (const o of [tenYears, twoDays]) {
        const res = await post(officer, body(officer, [o]));
        expect(res.status).toBe(400);
        expect(res.json.problems).toEqual([expect.objectContaining({ opId: o.opId, path: 'ops[0].hlc', vi: expect.stringMatching(/Ngày giờ.*chỉnh lại ngày giờ/) })]);
      }
    });
    // An hour ahead is an ordinary wrong clock: taken.
    const hour = op(`${COMMUNE}/2025/T02`, { households: 997 }, officer.deviceId, 'villageCounts', { wall: Date.now() + 3600_000 });
    expect((await post(officer, body(officer, [hour]))).status).toBe(200);
  });

  it('a full counter (999999) received from the server does not stop a phone from saving', async () => {
    const officer = await enrol();
    const full = op(`${COMMUNE}/2025/T03`, { households: 400 }, officer.deviceId, 'villageCounts', { wall: Date.now() + 60_000, counter: 999_999 });
    expect((await post(officer, body(officer, [full]))).status).toBe(200);
    const p = await phone('full-counter');
    expect((await p.repo.getVillageCounts(COMMUNE, 2025)).find((r) => r.village === 'T03')?.households).toBe(400);
    await p.repo.saveVillageCounts(COMMUNE, 2025, 'T03', { households: 401 });
    const [sent] = (await p.repo.db.outbox.toArray()).map((r) => r.op);
    const h = parseHlc(sent!.hlc);
    expect(h.counter).toBeLessThanOrEqual(999_999);
    expect(sent!.hlc > full.hlc).toBe(true); // still orders after what it saw
    await syncUntilDone(p);
    expect(await serverValue('villageCounts', `${COMMUNE}/2025/T03`, 'households')).toBe(401);
  });

  it('a phone three days behind still syncs both ways, and is warned about its clock', async () => {
    const behind = await phone('behind', -3 * DAY);
    await behind.repo.saveVillageCounts(COMMUNE, 2025, 'T04', { households: 93 });
    await syncUntilDone(behind);
    expect(await serverValue('villageCounts', `${COMMUNE}/2025/T04`, 'households')).toBe(93);
    expect((await behind.repo.getVillageCounts(COMMUNE, 2025)).length).toBeGreaterThan(5); // it pulled the commune
    const s = behind.engine.status.get();
    expect(s.clockWarning).toMatch(/^Ngày giờ trên máy đang sai \(chậm 3 ngày/);
    expect(Math.round(s.clockOffsetMs! / DAY)).toBe(-3);
    const right = await phone('right');
    expect(right.engine.status.get().clockWarning).toBeNull();
  });

  it('a phone days ahead is refused with the reason, keeps its edit, and sends it once the date is corrected', async () => {
    let skew = 5 * DAY;
    const [code] = await server.issueCodes(COMMUNE, 1);
    const c = makeClient('ahead', () => skew);
    clients.push(c);
    const { repo, engine } = c;
    await engine.enroll(server.url, code!);
    await syncUntilDone(c);
    await repo.saveVillageCounts(COMMUNE, 2025, 'T06', { households: 141 });
    await nothingWritten(async () => {
      await engine.syncNow();
    });
    const [q] = await repo.listQuarantined();
    expect(q?.error).toMatch(/chỉnh lại ngày giờ/);
    expect(engine.status.get().clockWarning).toMatch(/nhanh 5 ngày/);
    expect((await repo.getVillageCounts(COMMUNE, 2025)).find((r) => r.village === 'T06')?.households).toBe(141);
    // The person corrects the date: the edit is stamped again and sent, nothing is lost.
    skew = 0;
    const r = await engine.syncNow();
    expect(r.ok).toBe(true);
    expect(await repo.listQuarantined()).toEqual([]);
    expect(await repo.pendingCount()).toBe(0);
    expect(await serverValue('villageCounts', `${COMMUNE}/2025/T06`, 'households')).toBe(141);
    expect(engine.status.get().clockWarning).toBeNull();
    // And later edits are ordinary ones again.
    await repo.saveVillageCounts(COMMUNE, 2025, 'T06', { households: 142 });
    expect((await engine.syncNow()).ok).toBe(true);
    expect(await serverValue('villageCounts', `${COMMUNE}/2025/T06`, 'households')).toBe(142);
  });
});

describe('3. a token speaks only for its own device', () => {
  it('refuses a batch under another device id, writing nothing', async () => {
    const officer = await enrol();
    const collector = await enrol('collector');
    const o = op(`${COMMUNE}/2025/T07`, { households: 1 }, officer.deviceId);
    await nothingWritten(async () => {
      const res = await post(collector, { deviceId: officer.deviceId, batchId: randomUUID(), ops: [o] });
      expect(res.status).toBe(403);
      expect(res.json.problems.map((p: { path: string }) => p.path)).toEqual(['deviceId', 'ops[0].hlc']);
    });
  });

  it("refuses ops stamped with another device's node (which would erase its value without a conflict), writing nothing", async () => {
    const officer = await enrol();
    const collector = await enrol('collector');
    expect((await post(officer, body(officer, [op(`${COMMUNE}/2025/T08`, { households: 61 }, officer.deviceId)]))).status).toBe(200);
    const forged = op(`${COMMUNE}/2025/T08`, { households: 6 }, officer.deviceId);
    await nothingWritten(async () => {
      const res = await post(collector, body(collector, [forged]));
      expect(res.status).toBe(403);
      expect(res.json.problems).toEqual([expect.objectContaining({ opId: forged.opId, path: 'ops[0].hlc' })]);
    });
    expect(await serverValue('villageCounts', `${COMMUNE}/2025/T08`, 'households')).toBe(61);
  });

  it("refuses to enrol a second token under a device id already in use, unless that device proves it", async () => {
    const officer = await enrol();
    const [code] = await server.issueCodes(COMMUNE, 1, 'collector');
    const enrolAs = (deviceId: string, proof?: string) => fetch(`${server.url}/api/v1/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(proof ? { authorization: `Bearer ${proof}` } : {}) },
      body: JSON.stringify({ code, deviceId }),
    });
    await nothingWritten(async () => {
      const taken = await enrolAs(officer.deviceId);
      expect(taken.status).toBe(409);
      expect(((await taken.json()) as ErrorResponse).error).toBe('device-taken');
    });
    // The officer's token still works; the code was not spent by the refused attempt.
    expect((await fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${officer.token}` } })).status).toBe(200);
    // The officer's own phone enrolling again (a new code, proving itself with its token) replaces its token.
    const again = await enrolAs(officer.deviceId, officer.token);
    expect(again.status).toBe(200);
    expect((await fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${officer.token}` } })).status).toBe(401);
  });

  it("refuses to enrol a phone under one of the server's own device ids (demo seed, sheet import)", async () => {
    const [code] = await server.issueCodes(COMMUNE, 1, 'collector');
    await nothingWritten(async () => {
      for (const deviceId of ['server.import', 'server.seed', 'seed']) {
        const r = await fetch(`${server.url}/api/v1/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, deviceId }) });
        expect(r.status).toBe(400);
        const j = (await r.json()) as ErrorResponse;
        expect(j.problems).toEqual([expect.objectContaining({ path: 'deviceId', vi: 'Mã thiết bị này dành riêng cho máy chủ' })]);
      }
    });
    // The code was not spent by the refused attempts.
    const ok = await fetch(`${server.url}/api/v1/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, deviceId: `dev-${randomUUID()}` }) });
    expect(ok.status).toBe(200);
  });

  it('gives a receipt per device, batch id AND content', async () => {
    const officer = await enrol();
    const a = op(`${COMMUNE}/2025/T09`, { households: 218 }, officer.deviceId);
    const b = op(`${COMMUNE}/2025/T09`, { citizens: 619 }, officer.deviceId);
    const batchId = randomUUID();
    const first = await post(officer, { deviceId: officer.deviceId, batchId, ops: [a] });
    const resend = await post(officer, { deviceId: officer.deviceId, batchId, ops: [a] });
    const other = await post(officer, { deviceId: officer.deviceId, batchId, ops: [a, b] });
    expect([first.status, resend.status, other.status]).toEqual([200, 200, 200]);
    expect((resend.json as SyncResponse).receipt).toBe((first.json as SyncResponse).receipt);
    expect((other.json as SyncResponse).receipt).not.toBe((first.json as SyncResponse).receipt);
    expect((other.json as SyncResponse).applied).toEqual([b.opId]);
  });
});

describe('4. the rules of each record are checked on the merged state every op would leave', () => {
  it.each([
    ['families recognised above registered, in one op', `${COMMUNE}/2026/T02`, { households: 100, familiesRegistered: 50, familiesRecognized: 60 }, 'villageCounts', 'familiesRecognized'],
    ['citizens recognised above citizens, in one op', `${COMMUNE}/2026/T02`, { citizens: 10, citizensRecognized: 11 }, 'villageCounts', 'citizensRecognized'],
    ['households below the registered families already held', `${COMMUNE}/2025/T01`, { households: 100 }, 'villageCounts', 'familiesRegistered'],
    // TC5.2's chain (university ≤ trained ≤ citizens), on the server as in the app.
    ['trained people above citizens, in one op', `${COMMUNE}/2026/T03`, { citizens: 100, trained: 101 }, 'villageCounts', 'trained'],
    ['university degrees above trained people, in one op', `${COMMUNE}/2026/T03`, { citizens: 100, trained: 40, university: 41 }, 'villageCounts', 'university'],
    ['university degrees above the trained people already held', `${COMMUNE}/2025/T01`, { university: 468 }, 'villageCounts', 'university'],
    ['trained people below the university degrees already held', `${COMMUNE}/2025/T01`, { trained: 100 }, 'villageCounts', 'university'],
    ['units recognised above units', `${COMMUNE}/2026`, { units: 3, unitsRecognized: 4 }, 'communeFigures', 'unitsRecognized'],
    ['an amount on an indicator that carries none', `${COMMUNE}/2026/TC1.1`, { met: true, amount: 5_000_000 }, 'answer', 'amount'],
  ] as const)('refuses %s (400, the field named), writing nothing', async (_name, key, fields, entity, field) => {
    const officer = await enrol();
    const good = op(`${COMMUNE}/2026/T05`, { households: 250 }, officer.deviceId);
    const bad = op(key, fields, officer.deviceId, entity);
    await nothingWritten(async () => {
      const res = await post(officer, body(officer, [good, bad]));
      expect(res.status).toBe(400);
      expect((res.json as ErrorResponse).error).toBe('invalid-batch');
      expect(res.json.problems).toEqual([expect.objectContaining({ opId: bad.opId, path: `ops[1].fields.${field}`, vi: expect.stringMatching(/[ăâđêôơư]/) })]);
    });
  });

  it('takes the chain at its bounds (university = trained = citizens)', async () => {
    const officer = await enrol();
    const res = await post(officer, body(officer, [op(`${COMMUNE}/2026/T04`, { citizens: 300, trained: 300, university: 300 }, officer.deviceId)]));
    expect(res.status).toBe(200);
    expect(await serverValue('villageCounts', `${COMMUNE}/2026/T04`, 'university')).toBe(300);
  });

  it("takes an answer whose evidence names its issuer and keeps an older release's note", async () => {
    const officer = await enrol();
    const evidence = [{ number: '12/QĐ-UBND', date: '2025-04-02', issuer: 'UBND xã Ba Tô', title: 'Quyết định thành lập', note: 'bản chụp' }];
    const res = await post(officer, body(officer, [op(`${COMMUNE}/2026/TC1.1`, { met: true, evidence }, officer.deviceId, 'answer')]));
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(await serverValue('answer', `${COMMUNE}/2026/TC1.1`, 'evidence')).toEqual(evidence);
  });

  it('checks each op on the state the ops before it in the batch leave', async () => {
    const officer = await enrol();
    const ok = await post(officer, body(officer, [
      op(`${COMMUNE}/2026/T07`, { households: 500 }, officer.deviceId),
      op(`${COMMUNE}/2026/T07`, { familiesRegistered: 400 }, officer.deviceId),
      op(`${COMMUNE}/2026/T07`, { familiesRecognized: 300 }, officer.deviceId),
    ]));
    expect(ok.status).toBe(200);
    await nothingWritten(async () => {
      const res = await post(officer, body(officer, [
        op(`${COMMUNE}/2026/T07`, { familiesRecognized: 350 }, officer.deviceId),
        op(`${COMMUNE}/2026/T07`, { familiesRegistered: 320 }, officer.deviceId),
      ]));
      expect(res.status).toBe(400);
      expect(res.json.problems).toEqual([expect.objectContaining({ path: 'ops[1].fields.familiesRecognized' })]);
    });
  });

  it('takes an older op that loses the merge (it changes nothing, so it breaks nothing)', async () => {
    const officer = await enrol();
    const collector = await enrol('collector');
    expect((await post(officer, body(officer, [op(`${COMMUNE}/2026/T08`, { households: 300, familiesRegistered: 200 }, officer.deviceId)]))).status).toBe(200);
    const stale = op(`${COMMUNE}/2026/T08`, { households: 1 }, collector.deviceId, 'villageCounts', { wall: Date.UTC(2021, 0, 1) });
    expect((await post(collector, body(collector, [stale]))).status).toBe(200);
    expect(await serverValue('villageCounts', `${COMMUNE}/2026/T08`, 'households')).toBe(300);
  });
});

describe('5. a locked year stays locked on the server', () => {
  const lock = (dev: Dev, year: number) => op(`${COMMUNE}/${year}`, { locked: true, meetingDate: '2026-01-15', minutesRef: '01/BB-HĐ', lockedAt: new Date().toISOString() }, dev.deviceId, 'dossier');
  const reopen = (dev: Dev, year: number, reason: string | null) =>
    op(`${COMMUNE}/${year}`, reason === null ? { locked: false } : { locked: false, reopenReasons: JSON.stringify([{ at: new Date().toISOString(), reason }]) }, dev.deviceId, 'dossier');

  it('refuses writes to the locked year from any device (409 year-locked) until reopened with a reason', async () => {
    const officer = await enrol();
    const collector = await enrol('collector');
    expect((await post(officer, body(officer, [lock(officer, 2024)]))).status).toBe(200);
    const attempts: [Dev, Op][] = [
      [collector, op(`${COMMUNE}/2024/T01`, { households: 320 }, collector.deviceId)],
      [collector, op(`${COMMUNE}/2024/TC3.2`, { note: 'Sửa sau khi họp' }, collector.deviceId, 'answer')],
      [officer, op(`${COMMUNE}/2024`, { units: 30 }, officer.deviceId, 'communeFigures')],
      [officer, op(`${COMMUNE}/2024`, { signerName: 'Người khác' }, officer.deviceId, 'dossier')],
      [officer, reopen(officer, 2024, null)],
      [officer, reopen(officer, 2024, '   ')],
    ];
    await nothingWritten(async () => {
      for (const [dev, o] of attempts) {
        const res = await post(dev, body(dev, [o]));
        expect(res.status, JSON.stringify(res.json)).toBe(409);
        expect((res.json as ErrorResponse).error).toBe('year-locked');
        expect(res.json.message_vi).toMatch(/khóa hồ sơ/);
        expect(res.json.problems[0]).toMatchObject({ opId: o.opId, vi: expect.stringMatching(/Năm 2024|Mở lại năm 2024 cần ghi lý do/) });
      }
    });
    // Another year is open.
    expect((await post(collector, body(collector, [op(`${COMMUNE}/2026/T01`, { citizens: 800 }, collector.deviceId)]))).status).toBe(200);
    // Reopened with a reason: writes are taken again.
    expect((await post(officer, body(officer, [reopen(officer, 2024, 'Sửa số hộ thôn Một theo biên bản bổ sung')]))).status).toBe(200);
    expect((await post(collector, body(collector, [op(`${COMMUNE}/2024/T01`, { households: 320 }, collector.deviceId)]))).status).toBe(200);
    expect(await serverValue('villageCounts', `${COMMUNE}/2024/T01`, 'households')).toBe(320);
  });

  it("locking, reopening and the meeting's record are the officer's: a collector's are refused (403), writing nothing", async () => {
    const officer = await enrol();
    const collector = await enrol('collector'); // commune-wide: may word the dossier, not lock it
    const year = 2027;
    await nothingWritten(async () => {
      for (const o of [lock(collector, year), op(`${COMMUNE}/${year}`, { meetingDate: '2028-01-10' }, collector.deviceId, 'dossier')]) {
        const res = await post(collector, body(collector, [o]));
        expect(res.status).toBe(403);
        expect(res.json.problems).toEqual([expect.objectContaining({ opId: o.opId, vi: 'Chỉ cán bộ phụ trách cấp xã được ghi cuộc họp xét, khóa hoặc mở lại năm' })]);
      }
    });
    expect((await post(collector, body(collector, [op(`${COMMUNE}/${year}`, { narrSituation: 'Xã có truyền thống hiếu học.' }, collector.deviceId, 'dossier')]))).status).toBe(200);
    expect((await post(officer, body(officer, [lock(officer, year)]))).status).toBe(200);
    const reopenAttempt = reopen(collector, year, 'Người thu thập muốn sửa');
    await nothingWritten(async () => {
      expect((await post(collector, body(collector, [reopenAttempt]))).status).toBe(403);
    });
    expect((await post(officer, body(officer, [reopen(officer, year, 'Sửa theo biên bản bổ sung')]))).status).toBe(200);
  });

  it('a phone whose edit reaches a locked year lists it with the reason, keeps it, and sends the rest', async () => {
    const officer = await enrol();
    const p = await phone('late-collector', 0, 'collector');
    await p.repo.saveVillageCounts(COMMUNE, 2025, 'T11', { households: 180 }); // made before the lock reached it
    await p.repo.saveVillageCounts(COMMUNE, 2026, 'T11', { households: 181 });
    expect((await post(officer, body(officer, [lock(officer, 2025)]))).status).toBe(200);
    const demoValue = await serverValue('villageCounts', `${COMMUNE}/2025/T11`, 'households');
    const [refused, sent] = (await p.repo.db.outbox.orderBy('seq').toArray()).map((r) => r.op.opId);
    expect((await p.engine.syncNow()).ok).toBe(true);
    const feed = (await serverOps(server.url, observer)).map((o) => o.opId);
    expect(feed).not.toContain(refused);
    expect(feed).toContain(sent);
    const [q] = await p.repo.listQuarantined();
    expect(q?.op.key).toBe(`${COMMUNE}/2025/T11`);
    expect(q?.error).toMatch(/^Năm 2025 đã khóa hồ sơ/);
    expect(await serverValue('villageCounts', `${COMMUNE}/2025/T11`, 'households')).toBe(demoValue);
    expect((await p.repo.getVillageCounts(COMMUNE, 2025)).find((r) => r.village === 'T11')?.households).toBe(180); // kept on the phone
    expect(await serverValue('villageCounts', `${COMMUNE}/2026/T11`, 'households')).toBe(181);
    expect(await p.repo.pendingCount()).toBe(0);
    // After reopening, the person puts the refused edit back in the queue and it lands.
    expect((await post(officer, body(officer, [reopen(officer, 2025, 'Bổ sung số hộ thôn 11')]))).status).toBe(200);
    await p.repo.requeueOps([q!.op.opId]);
    await syncUntilDone(p);
    expect(await serverValue('villageCounts', `${COMMUNE}/2025/T11`, 'households')).toBe(180);
  });
});

describe('6. limits on text and on pages of changes', () => {
  const name = (n: string) => ({ name: n });
  it.each([
    ['a village name of 900 KB', name('T'.repeat(900_000)), 'village', `${COMMUNE}/T01`, 'ops[0].fields.name', /quá dài \(tối đa 200 ký tự\)/],
    ['a village name of 201 characters', name('Thôn '.padEnd(201, 'x')), 'village', `${COMMUNE}/T01`, 'ops[0].fields.name', /quá dài/],
    ['a note of 5 001 characters', { note: 'a'.repeat(5001) }, 'answer', `${COMMUNE}/2026/TC3.2`, 'ops[0].fields.note', /quá dài \(tối đa 5\.000 ký tự\)/],
    ['a dossier paragraph over its own cap', { narrative: 'b'.repeat(50_001) }, 'dossier', `${COMMUNE}/2026`, 'ops[0].fields.narrative', /quá dài/],
    ['terminal escapes in a name', name('Thôn \u001b[31mMột'), 'village', `${COMMUNE}/T01`, 'ops[0].fields.name', /ký tự điều khiển/],
    ['a line break in a name', name('Thôn\nMột'), 'village', `${COMMUNE}/T01`, 'ops[0].fields.name', /ký tự điều khiển/],
    ['a name of only zero-width and ideographic spaces', name('\u200B\u3000 \u200B'), 'village', `${COMMUNE}/T01`, 'ops[0].fields.name', /không được để trống/],
    ['a commune name of spaces', name(' \u00A0 '), 'commune', COMMUNE, 'ops[0].fields.name', /không được để trống/],
  ] as const)('refuses %s (400, Vietnamese reason), writing nothing', async (_what, fields, entity, key, path, reason) => {
    const officer = await enrol();
    const o = op(key, fields, officer.deviceId, entity);
    await nothingWritten(async () => {
      const res = await post(officer, body(officer, [o]));
      expect(res.status).toBe(400);
      expect(res.json.problems).toEqual([expect.objectContaining({ path, vi: expect.stringMatching(reason) })]);
    });
  });

  it('takes texts at the limits, and stores names NFC-normalised', async () => {
    const officer = await enrol();
    const decomposed = 'Thôn Mới'.normalize('NFD');
    expect(decomposed).not.toBe('Thôn Mới');
    const ops = [
      op(`${COMMUNE}/T12`, { name: decomposed }, officer.deviceId, 'village'),
      op(`${COMMUNE}/2026/TC3.3`, { note: `Dòng một\nDòng hai\t${'n'.repeat(4980)}` }, officer.deviceId, 'answer'),
      op(`${COMMUNE}/T11`, { name: 'x'.repeat(200) }, officer.deviceId, 'village'),
    ];
    expect((await post(officer, body(officer, ops))).status).toBe(200);
    expect(await serverValue('village', `${COMMUNE}/T12`, 'name')).toBe('Thôn Mới'.normalize('NFC'));
  });

  it('bounds a page of /changes by bytes as well as by count', async () => {
    const officer = await enrol();
    const big = 'đ'.repeat(40_000); // 80 KB of UTF-8 per op
    const cursor = (await serverOps(server.url, observer)).at(-1)!.seq;
    for (let b = 0; b < 3; b++) {
      const ops = Array.from({ length: 8 }, (_, i) => op(`${COMMUNE}/2026`, { [`p${b}x${i}`]: big }, officer.deviceId, 'dossier'));
      expect((await post(officer, body(officer, ops))).status).toBe(200);
    }
    const pages: { n: number; bytes: number; hasMore: boolean }[] = [];
    let since = cursor;
    for (let i = 0; i < 10; i++) {
      const r = await fetch(`${server.url}/api/v1/changes?since=${since}&limit=1000`, { headers: { authorization: `Bearer ${observer}` } });
      expect(r.status).toBe(200);
      const text = await r.text();
      const page = JSON.parse(text) as { ops: { seq: number }[]; nextCursor: number; hasMore: boolean };
      pages.push({ n: page.ops.length, bytes: Buffer.byteLength(text), hasMore: page.hasMore });
      since = page.nextCursor;
      if (!page.hasMore) break;
    }
    expect(pages.reduce((a, p) => a + p.n, 0)).toBe(24);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const p of pages) expect(p.bytes).toBeLessThan(1.1 * 1024 * 1024);
    expect(pages.slice(0, -1).every((p) => p.hasMore)).toBe(true);
  });
});

describe('7. HTTP: timeouts, a connection cap, security headers, the proxy setting, codes that expire, clean names', () => {
  /** Opens a raw socket; resolves when the server closes it, with what it had sent. */
  const rawSocket = (port: number, send?: string) => new Promise<{ data: string; socket: import('node:net').Socket; closed: Promise<string> }>((res) => {
    let data = '';
    const socket = net.connect(port, '127.0.0.1', () => {
      if (send) socket.write(send);
      res({ data, socket, closed });
    });
    const closed = new Promise<string>((done) => socket.on('close', () => done(data)));
    socket.on('data', (d) => { data += d.toString(); });
    socket.on('error', () => {});
  });

  it('drops sockets that never send a request or send headers too slowly, and keeps serving meanwhile', async () => {
    const before = await server.stats();
    const silent = await Promise.all(Array.from({ length: 30 }, () => rawSocket(server.port)));
    const slow = await rawSocket(server.port, 'GET /api/v1/me HTTP/1.1\r\nHost: x\r\n');
    const trickle = setInterval(() => slow.socket.write('X-Pad: 1\r\n'), 1000);
    try {
      // Service goes on while they hang around…
      expect((await fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${observer}` } })).status).toBe(200);
      // …and the server itself ends them (the headers budget), with nothing written.
      await Promise.all(silent.map((s) => s.closed));
      expect(await slow.closed).toMatch(/^HTTP\/1\.1 408/);
    } finally {
      clearInterval(trickle);
    }
    expect(await server.stats()).toEqual(before);
  }, 60_000);

  it('refuses connections beyond MAX_CONNECTIONS, and serves again once they close', async () => {
    const capped = new ServerProcess({ MAX_CONNECTIONS: '20' });
    await capped.start();
    try {
      const held = await Promise.all(Array.from({ length: 20 }, () => rawSocket(capped.port)));
      const extra = await rawSocket(capped.port, 'GET /api/v1/me HTTP/1.1\r\nHost: x\r\n\r\n');
      expect(await extra.closed).toBe(''); // closed on accept, not answered
      for (const h of held) h.socket.destroy();
      await Promise.all(held.map((h) => h.closed));
      await new Promise((r) => setTimeout(r, 100));
      expect((await fetch(`${capped.url}/api/v1/me`)).status).toBe(401);
    } finally {
      await capped.stop();
    }
  }, 60_000);

  it('serves the app with a CSP (self, blob workers, the configured sync origins, no framing) and the other headers', async () => {
    const site = new ServerProcess({ SYNC_ORIGINS: 'https://dongbo.quangngai.gov.vn, http://10.0.0.5:8787/' });
    site.staticDir = mkdtempSync(join(tmpdir(), 'xht-site-'));
    writeFileSync(join(site.staticDir, 'index.html'), '<!doctype html><title>x</title>');
    await site.start();
    try {
      const page = await fetch(`${site.url}/`);
      expect(page.status).toBe(200);
      const csp = page.headers.get('content-security-policy') ?? '';
      const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
      expect(directives['default-src']).toEqual(["'self'"]);
      expect(directives['script-src']).toEqual(["'self'"]);
      expect(directives['worker-src']).toEqual(["'self'", 'blob:']);
      expect(directives['connect-src']).toEqual(["'self'", 'https://dongbo.quangngai.gov.vn', 'http://10.0.0.5:8787']);
      expect(directives['frame-ancestors']).toEqual(["'none'"]);
      expect(page.headers.get('referrer-policy')).toBe('no-referrer');
      expect(page.headers.get('permissions-policy')).toMatch(/camera=\(\).*geolocation=\(\).*microphone=\(\)/);
      expect(page.headers.get('x-frame-options')).toBe('DENY');
      const api = await fetch(`${site.url}/api/v1/me`);
      expect(api.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(api.headers.get('referrer-policy')).toBe('no-referrer');
    } finally {
      await site.stop();
      rmSync(site.staticDir, { recursive: true, force: true });
    }
  });

  it('keys the enrolment limiter on the socket, or with TRUST_PROXY on the address the proxy saw', async () => {
    const guess = (s: ServerProcess, xff: string) => fetch(`${s.url}/api/v1/enroll`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': xff }, body: JSON.stringify({ code: `WRONG-${randomUUID().slice(0, 8)}` }),
    }).then((r) => r.status);
    const direct = new ServerProcess({ ENROLL_BURST: '2' });
    const proxied = new ServerProcess({ ENROLL_BURST: '2', TRUST_PROXY: '1' });
    await Promise.all([direct.start(), proxied.start()]);
    try {
      // No proxy trusted: a forged header does not buy more guesses.
      expect([await guess(direct, '1.1.1.1'), await guess(direct, '2.2.2.2'), await guess(direct, '3.3.3.3')]).toEqual([401, 401, 429]);
      // Behind one proxy: one person's wrong guesses lock out only that person.
      expect([await guess(proxied, '9.9.9.9, 203.0.113.5'), await guess(proxied, '203.0.113.5'), await guess(proxied, '203.0.113.5')]).toEqual([401, 401, 429]);
      expect(await guess(proxied, '198.51.100.7')).toBe(401);
      expect(await proxied.stats()).toMatchObject({ tokens: 0 });
    } finally {
      await Promise.all([direct.stop(), proxied.stop()]);
    }
  });

  it('refuses an expired code (nothing written), and lists when each code expires', async () => {
    const store = openSqliteStore(server.dbPath);
    let old: string;
    try {
      old = (await issueCode(store, { commune: COMMUNE, role: 'collector', villages: null, person: 'Mã cũ' }, Date.now() - 31 * DAY)).code;
    } finally {
      await store.close();
    }
    await nothingWritten(async () => {
      const r = await fetch(`${server.url}/api/v1/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: old, deviceId: 'late-phone' }) });
      expect(r.status).toBe(401);
      expect(((await r.json()) as ErrorResponse).message_vi).toMatch(/hết hạn/);
    });
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'server/admin.ts', 'list-codes', '--db', server.dbPath, '--commune', COMMUNE], { cwd: ROOT, encoding: 'utf8' });
    const rows = out.trim().split('\n');
    expect(rows.find((r) => r.includes('Mã cũ'))).toMatch(/chưa dùng\/unused, đã hết hạn\/expired \d{4}-\d{2}-\d{2}/);
    // The demo code printed at the first start is good for 7 days, a code from issue-code for 30.
    expect(rows.find((r) => r.includes('Cán bộ phụ trách (demo)'))).toBeTruthy();
    const issued = execFileSync(process.execPath, ['--import', 'tsx', 'server/admin.ts', 'issue-code', '--db', server.dbPath, '--commune', COMMUNE, '--role', 'chair', '--name', 'Chủ tịch'], { cwd: ROOT, encoding: 'utf8' });
    expect(issued).toContain(`valid until: ${new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10)}`);
    expect(server.output).toContain(`valid until ${new Date(Date.now() + 7 * DAY).toISOString().slice(0, 10)}`);
  });

  it('cleans device names at enrolment and escapes every field in list-codes', async () => {
    const [code] = await server.issueCodes(COMMUNE, 1, 'collector');
    const evil = 'Máy\u001b[2J\u001b[31m giả\nfake-id\tCOMMUNE\u202Eabc\u200B';
    const r = await fetch(`${server.url}/api/v1/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, deviceId: 'evil-phone', deviceName: evil }) });
    expect(r.status).toBe(200);
    const me = (await (await fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${((await r.json()) as { token: string }).token}` } })).json()) as { deviceName: string };
    expect(me.deviceName).toBe('Máy [2J [31m giả fake-id COMMUNEabc');
    // A row written before names were cleaned, and a person's name typed with escapes, print inert.
    const db = new Database(server.dbPath);
    try {
      db.prepare("UPDATE codes SET device_name = ? WHERE device_id = 'evil-phone'").run(evil);
    } finally {
      db.close();
    }
    execFileSync(process.execPath, ['--import', 'tsx', 'server/admin.ts', 'issue-code', '--db', server.dbPath, '--commune', COMMUNE, '--role', 'chair', '--name', 'Ông\u001b[31m A\r\nforged\trow'], { cwd: ROOT });
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'server/admin.ts', 'list-codes', '--db', server.dbPath], { cwd: ROOT, encoding: 'utf8' });
    expect(out).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F\u202E]/);
    const rows = out.trim().split('\n');
    const codes = await (async () => {
      const store = openSqliteStore(server.dbPath);
      try {
        return await store.listCodes();
      } finally {
        await store.close();
      }
    })();
    expect(rows).toHaveLength(codes.length);
    for (const row of rows) expect(row.split('\t')).toHaveLength(5);
    expect(out).toContain('Máy\\u{1b}[2J\\u{1b}[31m giả\\u{a}fake-id\\u{9}COMMUNE\\u{202e}abc\\u{200b}');
    expect(out).toContain('Ông\\u{1b}[31m A\\u{d}\\u{a}forged\\u{9}row');
  });
});
