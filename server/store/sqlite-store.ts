// The SQLite Store (better-sqlite3, WAL): the only module that imports the driver.
// Owns the schema and its migrations; batches are written by sqlite-writer.ts, on a writer thread.
// Never writes part of a batch: every batch is one savepoint of a committed transaction.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { MAX_CHANGES_BYTES, type CommuneInfo } from '../../src/domain/sync/protocol.ts';
import { SQLITE_PRAGMAS, STATE_SQL, createBatchWriter, createGroupCommit, readState, type GroupOutcome, type StateRow } from './sqlite-writer.ts';
import type { WriterAnswer, WriterMessage } from './sqlite-writer-worker.ts';
import { createChangesCache } from './changes-cache.ts';
import { toCode, toGrant, type CodeRow } from './code-rows.ts';
import { statesOfRows } from './state-rows.ts';
import { hashBatch, type HashedBatch } from '../batch-apply.ts';
import type { ApplyResult, CodeRecord, NewCommune, RedeemResult, Store, TokenGrant } from './store.ts';

export { SQLITE_PRAGMAS } from './sqlite-writer.ts';

/** Migration 3 (stable ids). */
const STABLE_IDS_MIGRATION = `
  ALTER TABLE communes RENAME COLUMN code TO id;
  ALTER TABLE communes ADD COLUMN code TEXT;
  UPDATE communes SET code = id;
  CREATE INDEX communes_code ON communes(code);
  ALTER TABLE villages RENAME COLUMN code TO id;
  ALTER TABLE villages ADD COLUMN code TEXT;
  UPDATE villages SET code = id;
  CREATE TABLE stable_ids (
    kind TEXT NOT NULL, commune TEXT NOT NULL, id TEXT NOT NULL, code TEXT NOT NULL, recorded_at INTEGER NOT NULL,
    PRIMARY KEY (kind, commune, id)
  ) WITHOUT ROWID;
  INSERT INTO stable_ids SELECT 'commune', id, id, code, CAST(unixepoch('subsec') * 1000 AS INTEGER) FROM communes;
  INSERT INTO stable_ids SELECT 'village', commune, id, code, CAST(unixepoch('subsec') * 1000 AS INTEGER) FROM villages;
`;

/** Schema versions, in order; PRAGMA user_version says how many have run. One comment each: why. */
const MIGRATIONS: string[] = [
  // 1: communes and villages, enrolment codes with the token they became (1:1), the op log with a
  //    per-commune change sequence, merged state per entity/key, and batch receipts.
  `
  CREATE TABLE communes (
    code TEXT PRIMARY KEY, name TEXT NOT NULL, province TEXT NOT NULL,
    seq INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL
  );
  CREATE INDEX communes_province ON communes(province);
  CREATE TABLE villages (
    commune TEXT NOT NULL REFERENCES communes(code), code TEXT NOT NULL, name TEXT NOT NULL,
    ord INTEGER NOT NULL, PRIMARY KEY (commune, code)
  ) WITHOUT ROWID;
  CREATE TABLE codes (
    id TEXT PRIMARY KEY, code_hash TEXT NOT NULL UNIQUE, commune TEXT NOT NULL REFERENCES communes(code),
    role TEXT NOT NULL, villages TEXT, person TEXT NOT NULL, created_at INTEGER NOT NULL,
    used_at INTEGER, revoked_at INTEGER, token_hash TEXT UNIQUE, device_id TEXT, device_name TEXT
  );
  CREATE TABLE ops (
    commune TEXT NOT NULL, seq INTEGER NOT NULL, op_id TEXT NOT NULL UNIQUE,
    entity TEXT NOT NULL, key TEXT NOT NULL, fields TEXT NOT NULL, hlc TEXT NOT NULL, prev TEXT,
    content_hash TEXT NOT NULL, device_id TEXT NOT NULL, batch_id TEXT NOT NULL, token_id TEXT NOT NULL,
    received_at INTEGER NOT NULL, PRIMARY KEY (commune, seq)
  ) WITHOUT ROWID;
  CREATE TABLE entities (
    entity TEXT NOT NULL, key TEXT NOT NULL, commune TEXT NOT NULL, state TEXT NOT NULL,
    seq INTEGER NOT NULL, PRIMARY KEY (entity, key)
  ) WITHOUT ROWID;
  CREATE TABLE batches (
    commune TEXT NOT NULL, device_id TEXT NOT NULL, batch_id TEXT NOT NULL, receipt TEXT NOT NULL UNIQUE,
    token_id TEXT NOT NULL, ops INTEGER NOT NULL, received_at INTEGER NOT NULL,
    PRIMARY KEY (commune, device_id, batch_id)
  ) WITHOUT ROWID;
  `,
  // 2: enrolment codes expire (issue 12: a code lying around for years is a standing invitation);
  //    a receipt belongs to one device's batch id AND its content, so a re-used batch id with other
  //    ops gets its own receipt instead of another batch's. Rows from v1 keep content_hash ''.
  `
  ALTER TABLE codes ADD COLUMN expires_at INTEGER;
  CREATE INDEX codes_device ON codes(device_id) WHERE device_id IS NOT NULL;
  CREATE TABLE batches2 (
    commune TEXT NOT NULL, device_id TEXT NOT NULL, batch_id TEXT NOT NULL, content_hash TEXT NOT NULL,
    receipt TEXT NOT NULL UNIQUE, token_id TEXT NOT NULL, ops INTEGER NOT NULL, received_at INTEGER NOT NULL,
    PRIMARY KEY (commune, device_id, batch_id, content_hash)
  ) WITHOUT ROWID;
  INSERT INTO batches2 SELECT commune, device_id, batch_id, '', receipt, token_id, ops, received_at FROM batches;
  DROP TABLE batches;
  ALTER TABLE batches2 RENAME TO batches;
  `,
  // 3: stable ids (issue 13). A commune or village is named by its id, its code (Mã xã, Mã thôn)
  //    is a field: every existing one keeps its code as its id, so no key, op, token or code
  //    changes (the column is renamed, the references follow); the mapping is recorded.
  STABLE_IDS_MIGRATION,
  // 4: the merged state kept per field and device (issue 12, item 8): a batch writes only the
  //    writes it added or replaced (server/store/state-rows.ts) instead of rewriting each record's
  //    whole state as one JSON. Every stored state is split into its rows, write for write.
  `
  CREATE TABLE entity_writes (
    entity TEXT NOT NULL, key TEXT NOT NULL, field TEXT NOT NULL, node TEXT NOT NULL,
    value TEXT NOT NULL, hlc TEXT NOT NULL, op_id TEXT NOT NULL, prev TEXT,
    PRIMARY KEY (entity, key, field, node)
  ) WITHOUT ROWID;
  INSERT INTO entity_writes (entity, key, field, node, value, hlc, op_id, prev)
    SELECT e.entity, e.key, f.key, w.key, w.value -> '$.value', w.value ->> '$.hlc', w.value ->> '$.opId', w.value ->> '$.prev'
    FROM entities e, json_each(e.state) f, json_each(f.value) w;
  ALTER TABLE entities DROP COLUMN state;
  `,
];


export interface SqliteStoreOptions {
  /**
   * Start the writer thread now (a server) rather than at the first batch (the admin CLI, tests
   * that only read). Batches are always written on it, except for ':memory:' databases.
   */
  startWriter?: boolean;
}

/** Opens (and creates, and migrates) the database at `path`; ':memory:' works for quick checks. */
export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): Store {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  for (const p of SQLITE_PRAGMAS) db.pragma(p);
  db.pragma('foreign_keys = ON');
  // Checkpoints are the batch writer's (sqlite-writer.ts): a commit of this connection (an
  // enrolment) never runs one on the event loop.
  db.pragma('wal_autocheckpoint = 0');
  migrate(db);

  const q = {
    insertCommune: db.prepare('INSERT INTO communes (id, code, name, province, created_at) VALUES (?, ?, ?, ?, ?)'),
    insertVillage: db.prepare('INSERT INTO villages (commune, id, code, name, ord) VALUES (?, ?, ?, ?, ?)'),
    commune: db.prepare<[string], { id: string; code: string; name: string; province: string }>('SELECT id, code, name, province FROM communes WHERE id = ?'),
    communeSeq: db.prepare<[string], { seq: number }>('SELECT seq FROM communes WHERE id = ?'),
    // A province's own stream (its records, id `p:…`) is a row of this table but no commune.
    communes: db.prepare<[], { id: string }>("SELECT id FROM communes WHERE id NOT LIKE 'p:%' ORDER BY id"),
    heads: db.prepare<[string], { id: string; code: string; name: string; seq: number }>('SELECT id, code, name, seq FROM communes WHERE province = ? ORDER BY id'),
    // A range of the primary key (entity, key): every key that starts with the prefix.
    // Each state one row per write (merged state per field and device: state-rows.ts), a row of NULLs for none.
    byPrefix: db.prepare<[string, string, string], [string, string | null, string, string, string, string, string | null]>(
      `SELECT e.key, w.field, w.node, w.value, w.hlc, w.op_id, w.prev FROM entities e
       LEFT JOIN entity_writes w ON w.entity = e.entity AND w.key = e.key
       WHERE e.entity = ? AND e.key >= ? AND e.key < ? ORDER BY e.key`,
    ).raw(),
    villages: db.prepare<[string], { id: string; code: string; name: string }>('SELECT id, code, name FROM villages WHERE commune = ? ORDER BY ord, id'),
    inProvince: db.prepare<[string], { id: string }>("SELECT id FROM communes WHERE province = ? AND id NOT LIKE 'p:%' ORDER BY id"),
    insertCode: db.prepare('INSERT INTO codes (id, code_hash, commune, role, villages, person, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    codes: db.prepare<[], CodeRow>('SELECT * FROM codes ORDER BY created_at, id'),
    codesOf: db.prepare<[string], CodeRow>('SELECT * FROM codes WHERE commune = ? ORDER BY created_at, id'),
    redeem: db.prepare(
      'UPDATE codes SET used_at = ?, token_hash = ?, device_id = ?, device_name = ? WHERE code_hash = ? AND used_at IS NULL AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)',
    ),
    redeemable: db.prepare<[string, number], { id: string }>(
      'SELECT id FROM codes WHERE code_hash = ? AND used_at IS NULL AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)',
    ),
    liveOfDevice: db.prepare<[string], { id: string; token_hash: string }>(
      'SELECT id, token_hash FROM codes WHERE device_id = ? AND token_hash IS NOT NULL AND revoked_at IS NULL',
    ),
    grantByToken: db.prepare<[string], CodeRow & { province: string }>(
      'SELECT codes.*, communes.province AS province FROM codes JOIN communes ON communes.id = codes.commune WHERE token_hash = ? AND revoked_at IS NULL',
    ),
    revoke: db.prepare('UPDATE codes SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?'),
    entity: db.prepare<[string, string], StateRow>(STATE_SQL).raw(),
    // Rows as arrays (raw), the op's JSON put together in SQL: a page is one string per op with no
    // object per row. The columns are JSON already (fields, prev) or validated plain tokens (ids,
    // entity, stamp, key) that need no escaping.
    changes: db.prepare<[string, number, number], [number, string]>(
      `SELECT seq, '{"seq":' || seq || ',"opId":"' || op_id || '","entity":"' || entity || '","key":"' || key || '","fields":' || fields
        || ',"hlc":"' || hlc || '"' || CASE WHEN prev IS NULL THEN '' ELSE ',"prev":' || prev END || '}'
       FROM ops WHERE commune = ? AND seq > ? ORDER BY seq LIMIT ?`,
    ).raw(),
    count: (table: string) => db.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM ${table}`),
  };
  const counts = {
    communes: q.count('communes'),
    ops: q.count('ops'),
    entities: q.count('entities'),
    batches: q.count('batches'),
    tokens: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM codes WHERE token_hash IS NOT NULL AND revoked_at IS NULL'),
  };

  const communeInfo = (id: string): CommuneInfo | null => {
    const row = q.commune.get(id);
    if (!row) return null;
    return { id: row.id, code: row.code, name: row.name, province: row.province, villages: q.villages.all(id) };
  };



  const createCommuneTx = db.transaction((c: NewCommune) => {
    const id = c.id ?? c.code;
    q.insertCommune.run(id, c.code, c.name, c.province, Date.now());
    c.villages.forEach((v, i) => q.insertVillage.run(id, v.id ?? v.code, v.code, v.name, i));
  });

  const redeemTx = db.transaction((codeHash: string, tokenHash: string, deviceId: string | null, deviceName: string | null, proof: string | null, now: number): RedeemResult => {
    if (!q.redeemable.get(codeHash, now)) return { kind: 'bad-code' };
    if (deviceId !== null) {
      const live = q.liveOfDevice.all(deviceId);
      if (live.length && !live.some((t) => t.token_hash === proof)) return { kind: 'device-taken' };
      for (const t of live) q.revoke.run(now, t.id);
    }
    const res = q.redeem.run(now, tokenHash, deviceId, deviceName, codeHash, now);
    if (res.changes !== 1) return { kind: 'bad-code' };
    const row = q.grantByToken.get(tokenHash);
    return row ? { kind: 'ok', grant: toGrant(row) } : { kind: 'bad-code' };
  });

  // Exclusive runs are per database file; each in-memory database is its own.
  const lockScope = path === ':memory:' ? `memory:${++memoryDatabases}` : resolve(path);
  const writer = path === ':memory:' ? inlineWriter(db) : threadWriter(path, db, options.startWriter ?? false);
  /** The recent feed of each commune this store wrote, served without reading the log back. */
  const recent = createChangesCache();
  let closed = false;

  return {
    kind: 'sqlite',
    async createCommune(c) {
      createCommuneTx.immediate(c);
    },
    async getCommune(id) {
      return communeInfo(id);
    },
    async listCommunes() {
      return q.communes.all().map((r) => communeInfo(r.id)!);
    },
    async communesInProvince(province) {
      return q.inProvince.all(province).map((r) => r.id);
    },
    async communeHeads(province) {
      return q.heads.all(province);
    },
    async statesByPrefix(entity, prefix) {
      const upper = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
      return statesOfRows(q.byPrefix.all(entity, prefix, upper));
    },
    async createCode(rec) {
      q.insertCode.run(rec.id, rec.codeHash, rec.commune, rec.role, rec.villages ? JSON.stringify(rec.villages) : null, rec.person, rec.now, rec.expiresAt);
    },
    async listCodes(commune) {
      return (commune ? q.codesOf.all(commune) : q.codes.all()).map(toCode);
    },
    async redeemCode(codeHash, tokenHash, device, now) {
      return redeemTx.immediate(codeHash, tokenHash, device.deviceId, device.deviceName, device.proofTokenHash ?? null, now);
    },
    async tokenGrant(tokenHash) {
      const row = q.grantByToken.get(tokenHash);
      return row ? toGrant(row) : null;
    },
    async revoke(id, now) {
      return q.revoke.run(now, id).changes === 1;
    },
    applyBatch(input) {
      if (closed) return Promise.reject(new Error('store closed'));
      let batch: HashedBatch;
      try {
        batch = hashBatch(input); // here, not on the writer thread that every batch waits for
      } catch (e) {
        return Promise.reject(e);
      }
      return writer.apply(batch).then((result) => {
        // Answers come in commit order; the applied ops are the block of seqs ending at the cursor.
        if (result.kind === 'ok' && result.applied.length) {
          const first = result.cursor - result.applied.length + 1;
          if (result.applied.length === input.ops.length) recent.add(input.commune, first, input.ops); // all new, in batch order
          else {
            const byId = new Map(input.ops.map((op) => [op.opId, op]));
            recent.add(input.commune, first, result.applied.map((id) => byId.get(id)!));
          }
        }
        return result;
      });
    },
    async changes(commune, since, limit, maxBytes = MAX_CHANGES_BYTES) {
      // The commune's last committed seq (committed with its ops, in one transaction): nothing
      // after the cursor, or a page the recent feed holds whole, costs no read of the log.
      const last = q.communeSeq.get(commune)?.seq ?? 0;
      if (since >= last) return { json: [], lastSeq: null, hasMore: false };
      const cached = recent.page(commune, since, limit, maxBytes, last);
      if (cached) return cached;
      const json: string[] = [];
      let bytes = 0;
      let hasMore = false;
      let lastSeq: number | null = null;
      // Row by row, so a page of large ops stops at the byte budget without reading the rest.
      for (const [seq, text] of q.changes.iterate(commune, since, limit + 1)) {
        const size = Buffer.byteLength(text);
        if (json.length === limit || (json.length > 0 && bytes + size > maxBytes)) {
          hasMore = true;
          break;
        }
        bytes += size;
        json.push(text);
        lastSeq = seq;
      }
      return { json, lastSeq, hasMore };
    },
    async entityState(entity, key) {
      return readState(q.entity, entity, key) ?? null;
    },
    exclusive: (name, fn) => exclusiveIn(`${lockScope}\u0000${name}`, fn),
    async stats() {
      return {
        communes: counts.communes.get()!.n,
        ops: counts.ops.get()!.n,
        entities: counts.entities.get()!.n,
        batches: counts.batches.get()!.n,
        tokens: counts.tokens.get()!.n,
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      // Batches already queued are committed first: an accepted request is never dropped.
      await writer.close();
      db.close();
    },
  };
}

/** The tail of each name's queue of exclusive runs in this process. */
const exclusiveTails = new Map<string, Promise<unknown>>();
let memoryDatabases = 0;

/** Runs `fn` after every earlier run of the same id in this process has settled. */
async function exclusiveIn<T>(id: string, fn: () => Promise<T>): Promise<T> {
  const before = exclusiveTails.get(id) ?? Promise.resolve();
  const run = before.then(fn, fn);
  const tail = run.catch(() => undefined);
  exclusiveTails.set(id, tail);
  try {
    return await run;
  } finally {
    if (exclusiveTails.get(id) === tail) exclusiveTails.delete(id);
  }
}

/** Where batches are written: on a writer thread, or (':memory:', or no thread) on this one. */
interface Writer {
  apply(batch: HashedBatch): Promise<ApplyResult>;
  /** Commits what is queued, then stops. */
  close(): Promise<void>;
}

type Waiter = { ok: (r: ApplyResult) => void; fail: (e: Error) => void };
const settle = (w: Waiter, o: GroupOutcome) => ('ok' in o ? w.ok(o.ok) : w.fail(new Error(o.error)));

/** Group commit on the calling thread (its event loop waits on each WAL sync). */
function inlineWriter(db: Database.Database): Writer {
  const writer = createBatchWriter(db);
  const group = createGroupCommit<Waiter>(writer.applyGroup, writer.afterGroup);
  group.onDone(settle);
  return {
    apply: (batch) => new Promise((ok, fail) => group.add(batch, { ok, fail })),
    async close() {
      group.drain();
    },
  };
}

/**
 * Group commit on a writer thread with its own connection: WAL lets this thread read while it
 * writes, so the event loop that serves every phone never waits on a sync to disk. Falls back to
 * the calling thread when no worker can start. The worker is referenced only while batches are in
 * flight, so an idle store never keeps the process alive.
 */
function threadWriter(path: string, db: Database.Database, eager: boolean): Writer {
  const pending = new Map<number, Waiter>();
  let next = 0;
  let worker: Worker | null = null;
  let fallback: Writer | null = null;
  const failAll = (why: string) => {
    for (const p of pending.values()) p.fail(new Error(why));
    pending.clear();
  };
  const start = (): Worker | null => {
    try {
      const w = new Worker(new URL('./sqlite-writer-boot.mjs', import.meta.url), {
        workerData: { path, entry: new URL('./sqlite-writer-worker.ts', import.meta.url).href },
      });
      w.on('message', (answers: WriterAnswer) => {
        for (const m of answers) {
          const p = pending.get(m.id);
          if (!p) continue;
          pending.delete(m.id);
          settle(p, m.outcome);
        }
        if (pending.size === 0) w.unref();
      });
      w.on('error', (e: Error) => failAll(`writer thread failed: ${e.message}`));
      w.on('exit', () => {
        if (worker === w) worker = null;
        failAll('writer thread stopped');
      });
      // Idle until a batch is sent: an open store alone never keeps the process alive.
      w.unref();
      return w;
    } catch {
      return null;
    }
  };
  let outgoing: { id: number; batch: HashedBatch }[] = [];
  const send = () => {
    // Those failed meanwhile (the thread stopped) are not sent again: their callers were told.
    const items = outgoing.filter((o) => pending.has(o.id));
    outgoing = [];
    if (!items.length) return;
    worker ??= start();
    if (!worker) {
      fallback = inlineWriter(db);
      for (const { id, batch } of items) {
        const p = pending.get(id)!;
        pending.delete(id);
        fallback.apply(batch).then(p.ok, p.fail);
      }
      return;
    }
    worker.ref();
    worker.postMessage({ type: 'batches', items } satisfies WriterMessage);
  };
  // A server starts it with the store, so its first batch does not wait for the thread to load.
  if (eager) {
    worker = start();
    if (!worker) fallback = inlineWriter(db);
  }
  return {
    apply(batch) {
      if (!fallback && !worker) {
        worker = start(); // first batch, or the thread stopped (the batches in flight were failed)
        if (!worker) fallback = inlineWriter(db);
      }
      if (fallback) return fallback.apply(batch);
      const id = ++next;
      return new Promise((ok, fail) => {
        pending.set(id, { ok, fail });
        worker!.ref();
        // Batches of this turn of the event loop go to the thread in one message.
        if (outgoing.length === 0) setImmediate(send);
        outgoing.push({ id, batch });
      });
    },
    async close() {
      send(); // what this turn queued goes first: an accepted request is never dropped
      await fallback?.close();
      const w = worker;
      if (!w) return;
      const exited = new Promise<void>((ok) => w.once('exit', () => ok()));
      w.ref();
      w.postMessage({ type: 'close' } satisfies WriterMessage);
      await exited;
    },
  };
}

/** Brings a database to the current schema (PRAGMA user_version counts the migrations run). */
export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(`database schema version ${current} is newer than this server knows (${MIGRATIONS.length})`);
  }
  for (let v = current; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    }).immediate();
  }
}
