// Stable ids (issue 13 item 3) on files MADE BY THE RELEASE BEFORE THEM (commit bc14169;
// test/fixtures/release-bc14169/make-*.ts say how): its server SQLite file is opened by this
// version's server, its phone's IndexedDB (rebuilt store by store from the raw dump) by this
// version's repository. Both migrate by the same mapping — every commune and village keeps its code
// as its id — so no key, op, stamp or token changes; nothing typed is lost, and the ops the phone
// had not sent yet reach the upgraded server, none refused. Then a commune's new code and a village
// moved to another commune are ordinary edits that leave every recorded key as it was.
import 'fake-indexeddb/auto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/server.ts';
import { issueCode } from '../../server/codes.ts';
import { DB_VERSION, createRepo, openDatabase, type Repo } from '../../src/db/index.ts';
import { createSyncEngine } from '../../src/sync/index.ts';
import type { ChangeOp } from '../../src/domain/sync/protocol.ts';
import { call } from './helpers.ts';

const FIXTURE = join(import.meta.dirname, '../fixtures/release-bc14169');
const changes = JSON.parse(readFileSync(join(FIXTURE, 'changes.json'), 'utf8')) as ChangeOp[];
const codes = JSON.parse(readFileSync(join(FIXTURE, 'codes.json'), 'utf8')) as { oldOfficerToken: string };

interface RawStore {
  name: string;
  keyPath: string | string[] | null;
  autoIncrement: boolean;
  indexes: { name: string; keyPath: string | string[]; unique: boolean; multiEntry: boolean }[];
  rows: Record<string, unknown>[];
}
const phoneState = JSON.parse(readFileSync(join(FIXTURE, 'phone-state.json'), 'utf8')) as { version: number; stores: RawStore[] };
const rawRows = (name: string) => phoneState.stores.find((s) => s.name === name)!.rows;

/** The release's IndexedDB, made again under `name`: its version, stores, indexes and rows. */
function restorePhone(name: string): Promise<void> {
  return new Promise((ok, bad) => {
    const open = indexedDB.open(name, phoneState.version);
    open.onupgradeneeded = () => {
      const db = open.result;
      for (const s of phoneState.stores) {
        const store = db.createObjectStore(s.name, { keyPath: s.keyPath, autoIncrement: s.autoIncrement });
        for (const i of s.indexes) store.createIndex(i.name, i.keyPath, { unique: i.unique, multiEntry: i.multiEntry });
        for (const row of s.rows) store.put(row);
      }
    };
    open.onsuccess = () => {
      open.result.close();
      ok();
    };
    open.onerror = () => bad(open.error);
  });
}

let dir = '';
let server: RunningServer;
const COMMUNE = '21085';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'xht-stable-ids-'));
  copyFileSync(join(FIXTURE, 'server.sqlite'), join(dir, 'server.sqlite'));
  server = await startServer({ port: 0, dbPath: join(dir, 'server.sqlite'), log: () => undefined });
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

function engineOf(repo: Repo) {
  return createSyncEngine({ repo, fetch: (u, i) => fetch(u, i), isOnline: () => true, timeoutMs: 10_000, maxAttempts: 2, backoff: { baseMs: 10, capMs: 50 } });
}

describe('the release before stable ids, upgraded (bc14169 fixtures)', () => {
  it('the fixtures hold what that release stored: a village added on a phone, typed values, unsent edits', () => {
    expect(changes.some((o) => o.entity === 'village' && o.key === '21085/T13')).toBe(true);
    expect(phoneState.version).toBe(30);
    expect(rawRows('outbox').filter((r) => r.state === 'pending')).toHaveLength(6);
    expect(rawRows('villages').find((v) => v.code === 'T12')).toMatchObject({ archived: true });
  });

  it('the server file: every commune and village keeps its code as its id, the mapping is recorded, the feed is the same', async () => {
    const db = new Database(join(dir, 'server.sqlite'), { readonly: true, fileMustExist: true });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(4); // v3 stable ids, then v4 (merged state per field)
      expect(db.prepare('SELECT id, code FROM communes').all()).toEqual([{ id: COMMUNE, code: COMMUNE }]);
      const villages = db.prepare('SELECT id, code FROM villages WHERE commune = ? ORDER BY ord').all(COMMUNE) as { id: string; code: string }[];
      expect(villages).toHaveLength(12);
      expect(villages.every((v) => v.id === v.code)).toBe(true);
      expect(db.prepare("SELECT COUNT(*) AS n FROM stable_ids WHERE id = code").get()).toEqual({ n: 13 });
    } finally {
      db.close();
    }
    const got: ChangeOp[] = [];
    for (let since = 0; ;) {
      const res = await call(server, 'GET', `/api/v1/changes?since=${since}&limit=25`, { token: codes.oldOfficerToken });
      expect(res.status).toBe(200);
      const page = res.json as { ops: ChangeOp[]; nextCursor: number; hasMore: boolean };
      got.push(...page.ops);
      if (!page.hasMore) break;
      since = page.nextCursor;
    }
    expect(got).toEqual(changes);
    // The enrolment answer names the commune and its villages by id, with their codes.
    const me = await call(server, 'GET', '/api/v1/me', { token: codes.oldOfficerToken });
    expect(me.json).toMatchObject({ commune: { id: COMMUNE, code: COMMUNE, villages: expect.arrayContaining([{ id: 'T01', code: 'T01', name: expect.any(String) }]) } });
  });

  it('the phone: every row kept (communes and villages with id = code), every queued op and stamp as it was', async () => {
    await restorePhone('bc-phone-1');
    const repo = createRepo(openDatabase('bc-phone-1'));
    try {
      await repo.db.open();
      expect(repo.db.verno).toBe(DB_VERSION);
      const table = (name: string) => repo.db.table(name).toArray();
      for (const name of ['answers', 'communeFigures', 'decisions', 'dossiers', 'villageCounts', 'acked', 'conflicts']) {
        expect(await table(name), name).toEqual(rawRows(name));
      }
      expect(await table('communes')).toEqual(rawRows('communes').map((c) => ({ ...c, id: c.code })));
      expect(await table('villages')).toEqual(rawRows('villages').map((v) => ({ ...v, id: v.code, inCommune: v.commune })));
      expect(await table('outbox')).toEqual(rawRows('outbox'));
      expect(await table('stamps')).toEqual(rawRows('stamps'));
      const mapping = (await repo.getMeta<{ communes: unknown[]; villages: { code: string; id: string }[] }>('stableIds'))!;
      expect(mapping.communes).toEqual([{ code: COMMUNE, id: COMMUNE }]);
      expect(mapping.villages).toHaveLength(13);
      expect(mapping.villages.every((v) => v.id === v.code)).toBe(true);

      // This version's reads find what was typed.
      const villages = await repo.listVillages(COMMUNE);
      expect(villages.map((v) => v.code)).toContain('T13');
      expect(villages.map((v) => v.code)).not.toContain('T12');
      const input = await repo.buildAssessInput(COMMUNE, 2025);
      expect(input.villages.find((v) => v.code === 'T13')).toMatchObject({ name: 'Thôn Mới Lập', households: 52, familiesRegistered: 41 });
      expect(input.villages.find((v) => v.code === 'T03')).toMatchObject({ households: 411 });
      expect(input.answers!['TC3.2']!.note).toBe('Thư viện xã mở cửa cả thứ Bảy');
      expect((await repo.getDossier(COMMUNE, 2025))!.narrSituation).toBe('Xã có truyền thống hiếu học, nhiều dòng họ khuyến học.');
    } finally {
      repo.close();
    }
  });

  it('its "Xuất dữ liệu" file imports on a phone of this version: every village by its code as id, the unsent ops queued', async () => {
    const file = JSON.parse(readFileSync(join(FIXTURE, 'export.json'), 'utf8')) as { schemaVersion: number; tables: { communes: object[]; villages: object[] } };
    expect(file.schemaVersion).toBe(3);
    expect(file.tables.communes[0]).not.toHaveProperty('id');
    const repo = createRepo(openDatabase('bc-import-1'));
    try {
      const res = await repo.importAll(file);
      expect(res).toMatchObject({ communes: [COMMUNE], opsAdded: 6, opsKnown: 0 });
      expect(await repo.getCommune(COMMUNE)).toMatchObject({ id: COMMUNE, code: COMMUNE, name: 'Xã Ba Tô' });
      const villages = await repo.listVillages(COMMUNE, { includeArchived: true });
      expect(villages).toHaveLength(13);
      expect(villages.every((v) => v.id === v.code && v.inCommune === COMMUNE)).toBe(true);
      const input = await repo.buildAssessInput(COMMUNE, 2025);
      expect(input.villages.find((v) => v.code === 'T13')).toMatchObject({ name: 'Thôn Mới Lập', households: 52 });
      // Importing it again changes nothing.
      expect(await repo.importAll(file)).toMatchObject({ opsAdded: 0, opsKnown: 6 });
    } finally {
      repo.close();
    }
  });

  it("the phone's unsent ops reach the upgraded server, none refused, and its next edit syncs too", async () => {
    await restorePhone('bc-phone-2');
    const repo = createRepo(openDatabase('bc-phone-2'));
    const engine = engineOf(repo);
    try {
      const queued = rawRows('outbox').map((r) => (r as { op: ChangeOp }).op);
      const { code } = await issueCode(server.store, { commune: COMMUNE, role: 'officer', villages: null, person: 'Cán bộ máy đã nâng cấp' });
      await engine.enroll(server.url, code);
      expect(await engine.syncNow()).toMatchObject({ ok: true, pushed: 6 });
      expect(await repo.pendingCount()).toBe(0);
      expect(await repo.listQuarantined()).toEqual([]);
      expect(await repo.listPulledRefused()).toEqual([]);
      const feed = await serverFeed();
      for (const op of queued) expect(feed.get(op.opId)?.fields, `${op.entity} ${op.key}`).toEqual(op.fields);
      await repo.saveVillageCounts(COMMUNE, 2025, 'T13', { trained: 20 });
      expect(await engine.syncNow()).toMatchObject({ ok: true, pushed: 1 });
      expect([...(await serverFeed()).values()].some((o) => o.key === '21085/2025/T13' && o.fields.trained === 20)).toBe(true);
    } finally {
      repo.close();
    }
  });
});

describe('after the upgrade, codes and communes are fields like any other', () => {
  it("a commune's new code and a village moved to another commune sync as ordinary edits; a second phone sees both", async () => {
    const a = createRepo(openDatabase('bc-edit-a'));
    const b = createRepo(openDatabase('bc-edit-b'));
    try {
      for (const r of [a, b]) {
        const { code } = await issueCode(server.store, { commune: COMMUNE, role: 'officer', villages: null, person: 'Cán bộ' });
        await engineOf(r).enroll(server.url, code);
      }
      const ea = engineOf(a);
      expect(await ea.syncNow()).toMatchObject({ ok: true });
      await a.saveCommune({ id: COMMUNE, code: '25001', name: (await a.getCommune(COMMUNE))!.name });
      const t13 = (await a.listVillages(COMMUNE)).find((v) => v.code === 'T13')!;
      await a.saveVillage(COMMUNE, { ...t13, inCommune: '21086' });
      expect(await ea.syncNow()).toMatchObject({ ok: true, pushed: 2 });
      expect(await a.listQuarantined()).toEqual([]);

      expect(await engineOf(b).syncNow()).toMatchObject({ ok: true });
      expect(await b.getCommune(COMMUNE)).toMatchObject({ id: COMMUNE, code: '25001' });
      expect((await b.listVillages(COMMUNE)).map((v) => v.code)).not.toContain('T13');
      expect((await b.listVillages('21086')).map((v) => v.id)).toEqual([t13.id]);
      // Its counts went with it: the same record, under its own key.
      const there = (await b.buildAssessInput('21086', 2025)).villages;
      expect(there).toMatchObject([{ code: t13.id, name: 'Thôn Mới Lập', households: expect.any(Number) }]);
      expect(there).toEqual((await a.buildAssessInput('21086', 2025)).villages);
    } finally {
      a.close();
      b.close();
    }
  });
});

async function serverFeed(): Promise<Map<string, ChangeOp>> {
  const out = new Map<string, ChangeOp>();
  for (let since = 0; ;) {
    const res = await call(server, 'GET', `/api/v1/changes?since=${since}&limit=500`, { token: codes.oldOfficerToken });
    const page = res.json as { ops: ChangeOp[]; nextCursor: number; hasMore: boolean };
    for (const op of page.ops) out.set(op.opId, op);
    if (!page.hasMore) break;
    since = page.nextCursor;
  }
  return out;
}
