// Upgrade without loss, server side (issue #11, item 5): a real SQLite file MADE BY THE CURRENT
// RELEASE (commit 96506a9; test/fixtures/release-96506a9/make-server-db.ts says how) is opened by
// this version's server. Its schema migrates (v2, issue 12: codes expire, receipts per device,
// batch id and content; the release's codes never expire, its receipts are kept) while the ops stay
// as stored — the thresholds entity only leaves the protocol — so the test proves that: the same
// changes feed, op for op; a device token and unused codes of the release still work; a new phone
// pulls everything, skips the retired threshold ops quietly (not listed as refused) and holds every
// figure, answer and text typed; new fields sync on top of it; a threshold op an old phone still
// sends is refused, naming only that op.
import 'fake-indexeddb/auto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/server.ts';
import { createRepo, openDatabase, type Repo } from '../../src/db/index.ts';
import { fieldsOfRow, dexieKey, tableOf } from '../../src/db/entities.ts';
import { createSyncEngine, type SyncEngine } from '../../src/sync/index.ts';
import { assess } from '../../src/domain/readiness/assess.ts';
import { validateAssessInput } from '../../src/domain/readiness/validate.ts';
import { RETIRED_ENTITIES, type EntityName } from '../../src/domain/sync/op.ts';
import { formatHlc } from '../../src/domain/sync/hlc.ts';
import type { ChangeOp } from '../../src/domain/sync/protocol.ts';
import { call } from './helpers.ts';

const FIXTURE = join(import.meta.dirname, '../fixtures/release-96506a9');
const changes = JSON.parse(readFileSync(join(FIXTURE, 'changes.json'), 'utf8')) as ChangeOp[];
const codes = JSON.parse(readFileSync(join(FIXTURE, 'codes.json'), 'utf8')) as { officer: string[]; collector: string; oldOfficerToken: string };

let dir = '';
let server: RunningServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'xht-upgrade-'));
  copyFileSync(join(FIXTURE, 'server.sqlite'), join(dir, 'server.sqlite'));
  server = await startServer({ port: 0, dbPath: join(dir, 'server.sqlite'), log: () => undefined });
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A new phone of this version: its own IndexedDB, the real repository and sync engine. */
function phone(name: string): { repo: Repo; engine: SyncEngine } {
  const repo = createRepo(openDatabase(`upgrade-${name}-${process.pid}`));
  const engine = createSyncEngine({ repo, fetch: (u, i) => fetch(u, i), isOnline: () => true, timeoutMs: 10_000, maxAttempts: 2, backoff: { baseMs: 10, capMs: 50 } });
  return { repo, engine };
}

/** The value each field ends with: the latest write by HLC (the merge's rule when no conflict). */
function latestValues(ops: ChangeOp[]): Map<string, Map<string, unknown>> {
  const out = new Map<string, Map<string, { hlc: string; value: unknown }>>();
  for (const op of ops) {
    const id = `${op.entity}\u0000${op.key}`;
    const fields = out.get(id) ?? new Map();
    for (const [f, v] of Object.entries(op.fields)) {
      const prev = fields.get(f);
      if (!prev || op.hlc > prev.hlc) fields.set(f, { hlc: op.hlc, value: v });
    }
    out.set(id, fields);
  }
  return new Map([...out].map(([k, m]) => [k, new Map([...m].map(([f, x]) => [f, x.value]))]));
}

describe('a server database of release 96506a9, opened by this version', () => {
  it('the fixture holds what the release stored: the demo, threshold ops, typed values, two phones', () => {
    expect(changes.length).toBeGreaterThan(50);
    expect(changes.filter((o) => o.entity === ('thresholds' as EntityName))).toHaveLength(2);
    expect(changes.some((o) => o.key === '21085/2025/TC3.2' && JSON.stringify(o.fields).includes('bản chụp'))).toBe(true);
  });

  it('migrates the schema and keeps every receipt, code and token of the release', () => {
    const read = (file: string) => {
      const db = new Database(file, { readonly: true, fileMustExist: true });
      try {
        return {
          version: db.pragma('user_version', { simple: true }) as number,
          receipts: db.prepare('SELECT commune, device_id, batch_id, receipt FROM batches ORDER BY receipt').all(),
          codes: db.prepare('SELECT id, used_at, revoked_at, token_hash, device_id FROM codes ORDER BY id').all(),
        };
      } finally {
        db.close();
      }
    };
    const before = read(join(FIXTURE, 'server.sqlite'));
    const after = read(join(dir, 'server.sqlite'));
    expect(before.version).toBe(1);
    expect(after.version).toBe(4); // v2: codes expire, receipts per content; v3: stable ids; v4: merged state per field and device
    expect(before.receipts.length).toBeGreaterThan(0);
    expect(after.receipts).toEqual(before.receipts);
    expect(after.codes).toEqual(before.codes);
    const db = new Database(join(dir, 'server.sqlite'), { readonly: true });
    expect(db.prepare('SELECT COUNT(*) AS n FROM codes WHERE expires_at IS NOT NULL').get()).toEqual({ n: 0 });
    db.close();
  });

  it('gives every commune and village its code as its id, the code a field, and records the mapping (issue 13)', () => {
    const old = new Database(join(FIXTURE, 'server.sqlite'), { readonly: true, fileMustExist: true });
    const now = new Database(join(dir, 'server.sqlite'), { readonly: true, fileMustExist: true });
    try {
      const communes = old.prepare('SELECT code, name, province FROM communes ORDER BY code').all() as { code: string }[];
      const villages = old.prepare('SELECT commune, code, name, ord FROM villages ORDER BY commune, code').all() as { commune: string; code: string }[];
      expect(communes.length).toBeGreaterThan(0);
      expect(villages.length).toBeGreaterThan(10);
      expect(now.prepare('SELECT id, code, name, province FROM communes ORDER BY id').all()).toEqual(communes.map((c) => ({ id: c.code, ...c })));
      expect(now.prepare('SELECT commune, id, code, name, ord FROM villages ORDER BY commune, id').all()).toEqual(villages.map((v) => ({ ...v, id: v.code })));
      expect(now.prepare("SELECT kind, commune, id, code FROM stable_ids ORDER BY kind, commune, id").all()).toEqual([
        ...communes.map((c) => ({ kind: 'commune', commune: c.code, id: c.code, code: c.code })),
        ...villages.map((v) => ({ kind: 'village', commune: v.commune, id: v.code, code: v.code })),
      ]);
    } finally {
      old.close();
      now.close();
    }
  });

  it('keeps every merged state write for write, now one row per field and device (v4, issue 12)', async () => {
    const old = new Database(join(FIXTURE, 'server.sqlite'), { readonly: true, fileMustExist: true });
    const rows = old.prepare('SELECT entity, key, state FROM entities ORDER BY entity, key').all() as { entity: EntityName; key: string; state: string }[];
    old.close();
    expect(rows.length).toBeGreaterThan(10);
    // Some state holds several devices' writes of a field (a `prev` and odd values: upgrade-state-rows.test.ts).
    const states = rows.map((r) => JSON.parse(r.state) as Record<string, Record<string, unknown>>);
    expect(states.some((st) => Object.values(st).some((w) => Object.keys(w).length > 1))).toBe(true);
    for (const [i, r] of rows.entries()) {
      expect({ ...(await server.store.entityState(r.entity, r.key)) }, `${r.entity} ${r.key}`).toEqual(states[i]);
    }
    const now = new Database(join(dir, 'server.sqlite'), { readonly: true, fileMustExist: true });
    try {
      expect(now.prepare('SELECT COUNT(*) AS n FROM entities').get()).toEqual({ n: rows.length });
      expect(now.prepare('SELECT name FROM pragma_table_info(\'entities\')').all().map((c) => (c as { name: string }).name)).toEqual(['entity', 'key', 'commune', 'seq']);
    } finally {
      now.close();
    }
  });

  it('serves the same changes feed, op for op, to a token the release issued', async () => {
    const got: ChangeOp[] = [];
    for (let since = 0; ;) {
      const res = await call(server, 'GET', `/api/v1/changes?since=${since}&limit=20`, { token: codes.oldOfficerToken });
      expect(res.status).toBe(200);
      const page = res.json as { ops: ChangeOp[]; nextCursor: number; hasMore: boolean };
      got.push(...page.ops);
      if (!page.hasMore) break;
      since = page.nextCursor;
    }
    expect(got).toEqual(changes);
  });

  it('a new phone pulls it all: threshold ops skipped quietly, every other value kept', async () => {
    const p = phone('officer');
    await p.engine.enroll(server.url, codes.officer[0]!);
    const run = await p.engine.syncNow();
    expect(run.ok).toBe(true);
    expect(await p.repo.db.table('outbox').count()).toBe(0);
    expect(p.repo.db.tables.map((t) => t.name)).not.toContain('thresholds');
    // Retired, not refused: nothing for the person to worry about on the sync screen.
    expect(await p.repo.listPulledRefused()).toEqual([]);

    // Every field of every op of a living entity holds its latest value on the phone.
    const kept = changes.filter((o) => !RETIRED_ENTITIES.has(o.entity));
    for (const [id, fields] of latestValues(kept)) {
      const [entity, key] = id.split('\u0000') as [EntityName, string];
      const row = await p.repo.db.table(tableOf(entity)).get(dexieKey(entity, key) as never);
      const have = fieldsOfRow(entity, row);
      for (const [f, v] of fields) expect(have[f], `${entity} ${key} ${f}`).toEqual(v);
    }
    // The values typed on the release's phones, read back as this version reads them.
    const input = await p.repo.buildAssessInput('21085', 2025, '2026-02-20');
    expect(validateAssessInput(input).ok).toBe(true);
    expect(input.villages.find((v) => v.code === 'T03')).toMatchObject({ households: 410, citizensRecognized: 360 });
    expect(input.villages.find((v) => v.code === 'T01')).toMatchObject({ citizens: 840, citizensRecognized: 530 });
    expect(input.answers!['TC3.2']).toEqual({
      met: true, note: 'Đã nối mạng cho thư viện xã',
      evidence: [{ number: '05/KH-UBND', date: '2025-03-01', title: 'Kế hoạch chuyển đổi số thư viện' }],
    });
    const answer = (await p.repo.getAnswers('21085', 2025)).find((a) => a.indicator === 'TC3.2')!;
    expect(answer.evidence[0]!.note).toBe('bản chụp');
    expect(input.history).toEqual([{ level: 1, decidedOn: '2024-03-20' }]);
    expect(await p.repo.getDossier('21085', 2025)).toMatchObject({ signerName: 'Nguyễn Văn Bình', narrSituation: 'Xã có truyền thống hiếu học.' });
    expect(await p.repo.getCommune('21085')).toMatchObject({ recipient: 'Sở Giáo dục và Đào tạo tỉnh Quảng Ngãi', dossierDeadline: '03-10' });
    // The release's data judged by the circular: no village has the new counts yet, so TC5.2 is unknown.
    const out = assess(input);
    expect(out.levels[0]!.criteria[4]!.indicators[1]).toMatchObject({ id: 'TC5.2', status: 'unknown' });
    expect(out.held).toEqual({ level: 1, decidedOn: '2024-03-20', validUntil: '2027-12-31' });
    p.repo.db.close();
  });

  it('the new fields sync on top of the release\'s data, and a second phone receives them', async () => {
    const a = phone('officer-2');
    await a.engine.enroll(server.url, codes.officer[1]!);
    expect((await a.engine.syncNow()).ok).toBe(true);
    await a.repo.saveVillageCounts('21085', 2025, 'T03', { trained: 230, university: 55 });
    await a.repo.saveCommuneFigures('21085', 2025, { difficultArea: true });
    expect((await a.engine.syncNow()).ok).toBe(true);
    expect(await a.repo.pendingCount()).toBe(0);
    expect(await a.repo.db.table('outbox').where('state').equals('quarantined').count()).toBe(0);

    const b = phone('collector');
    await b.engine.enroll(server.url, codes.collector);
    expect((await b.engine.syncNow()).ok).toBe(true);
    const t03 = (await b.repo.getVillageCounts('21085', 2025)).find((r) => r.village === 'T03');
    expect(t03).toMatchObject({ households: 410, citizensRecognized: 360, trained: 230, university: 55 });
    expect((await b.repo.getCommuneFigures('21085', 2025))?.difficultArea).toBe(true);
    a.repo.db.close();
    b.repo.db.close();
  });

  it('a threshold op an old phone still sends is refused, naming that op alone', async () => {
    const hlc = formatHlc({ wall: Date.now(), counter: 0, node: 'old-phone-officer' });
    const good = { opId: '11111111-1111-4111-8111-111111111111', entity: 'villageCounts', key: '21085/2025/T05', fields: { households: 260 }, hlc };
    const bad = { opId: '22222222-2222-4222-8222-222222222222', entity: 'thresholds', key: '21085', fields: { 'TC5.1@1': 75 }, hlc };
    const res = await call(server, 'POST', '/api/v1/sync', { token: codes.oldOfficerToken, body: { deviceId: 'old-phone-officer', batchId: 'old-batch-3', ops: [good, bad] } });
    expect(res.status).toBe(400);
    const problems = (res.json as { problems: { opId?: string; path: string }[] }).problems;
    expect(problems.map((p) => p.opId)).toEqual([bad.opId]);
    // The old engine sets that op aside and sends the rest again: it lands.
    const again = await call(server, 'POST', '/api/v1/sync', { token: codes.oldOfficerToken, body: { deviceId: 'old-phone-officer', batchId: 'old-batch-4', ops: [good] } });
    expect(again.status).toBe(200);
    expect((again.json as { applied: string[] }).applied).toEqual([good.opId]);
  });
});
