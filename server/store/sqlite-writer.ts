// The SQLite write path of sync batches: the batch plan's port (server/batch-apply.ts) over one
// connection, each batch in its own savepoint, batches that arrive together committed as one
// transaction (group commit). Runs on the writer thread (sqlite-writer-worker.ts)
// or, for ':memory:' databases, on the caller's; never answers a batch before its commit.
import type Database from 'better-sqlite3';
import type { EntityState } from '../../src/domain/sync/merge.ts';
import { applyPreparedOn, prepareHashed, type BatchPort, type HashedBatch, type PreparedBatch } from '../batch-apply.ts';
import { stateId } from '../batch-plan.ts';
import { addRow, emptyState } from './state-rows.ts';
import type { ApplyResult } from './store.ts';

/**
 * How the log is kept on disk; the bench's raw floor uses the same. WAL with FULL sync: an
 * acknowledged batch survives a power cut, not only a killed process. 64 MB of page cache: the
 * opId index is random by nature, and with the default 2 MB every insert into a log of a few
 * hundred thousand ops reads its page back from the OS.
 */
export const SQLITE_PRAGMAS = ['journal_mode = WAL', 'synchronous = FULL', 'cache_size = -65536', 'busy_timeout = 5000'] as const;

/** Reads an entity/key's merged state: one row per write, or one of NULLs for a record with none. */
export const STATE_SQL = `SELECT w.field, w.node, w.value, w.hlc, w.op_id, w.prev FROM entities e
  LEFT JOIN entity_writes w ON w.entity = e.entity AND w.key = e.key WHERE e.entity = ? AND e.key = ?`;
export type StateRow = [string | null, string, string, string, string, string | null];

/** The merged state of an entity/key through a raw STATE_SQL statement; undefined when there is none. */
export function readState(st: Database.Statement<[string, string], StateRow>, entity: string, key: string): EntityState | undefined {
  let state: EntityState | undefined;
  for (const [field, node, value, hlc, opId, prev] of st.all(entity, key)) {
    state ??= emptyState();
    if (field !== null) addRow(state, field, node, value, hlc, opId, prev);
  }
  return state;
}

/** The log's unique opId refused an insert: the batch holds an op the log has already. */
const isHeldOpId = (e: unknown): boolean =>
  e instanceof Error && (e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' && e.message.includes('ops.op_id');

/** Ops committed since the last checkpoint after which an idle writer checkpoints, and a busy one. */
const CHECKPOINT_IDLE_OPS = 500;
const CHECKPOINT_BURST_OPS = 10_000;

/** Most merged states the writer keeps in memory (a province's active records; ~1–10 kB each). */
const MAX_CACHED_STATES = 4096;

/**
 * Most batches, and ops, one group commit takes (the rest wait for the next turn): bounds latency.
 * Only a burst fills a group (at half the capacity they hold what arrived during one commit).
 * 128 / 6 400 rather than 64 / 2 000: in a burst from fifty communes' phones, a third as many
 * commits (WAL syncs), and a commune's last page of the log, written by two or three batches of
 * one group, goes to the WAL once (writer CPU −5 % in bench/hot-path.ts; ingest ÷ raw floor, mean
 * of five alternating runs of `npx tsx bench/server.ts --ingest`, 0.80 → 0.85; median 0.88 over
 * 34 runs after: bench/README.md). A full group commits in about 0.1 s; the bench's p99 at 500
 * devices stayed under 62 ms. 256 / 12 800 gave no more.
 */
const MAX_GROUP_BATCHES = 128;
const MAX_GROUP_OPS = 6_400;

/** One batch's outcome in a group: its answer, or why it failed (its savepoint was rolled back). */
export type GroupOutcome = { ok: ApplyResult } | { error: string };

/** The statements and transactions of the write path over one connection. */
export function createBatchWriter(db: Database.Database): { applyGroup(batches: HashedBatch[]): GroupOutcome[]; afterGroup(idle: boolean): void } {
  // Checkpoints (copying the WAL's pages into the database file) are this writer's, not SQLite's
  // automatic one, which runs inside the commit that crosses 1000 WAL pages, so every few groups
  // a batch waited for it. They run after a group's answers are out: when no batch is waiting,
  // or, in a burst that leaves no idle moment, after CHECKPOINT_BURST_OPS ops (bounding the WAL).
  // Durability is not touched: a batch is on disk when its commit's WAL sync returns.
  db.pragma('wal_autocheckpoint = 0');
  let sinceCheckpoint = 0;
  const q = {
    seq: db.prepare<[string], { seq: number }>('SELECT seq FROM communes WHERE id = ?'),
    setSeq: db.prepare('UPDATE communes SET seq = ? WHERE id = ?'),
    entity: db.prepare<[string, string], StateRow>(STATE_SQL).raw(),
    upsertEntity: db.prepare(
      `INSERT INTO entities (entity, key, commune, seq) VALUES (?, ?, ?, ?)
       ON CONFLICT (entity, key) DO UPDATE SET seq = excluded.seq`,
    ),
    receipt: db.prepare<[string, string, string, string], { receipt: string }>('SELECT receipt FROM batches WHERE commune = ? AND device_id = ? AND batch_id = ? AND content_hash = ?'),
    // A receipt taken by another batch (one in 10^12) inserts nothing: the plan's redraw is tried.
    insertReceipt: db.prepare('INSERT INTO batches (commune, device_id, batch_id, content_hash, receipt, token_id, ops, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (receipt) DO NOTHING'),
    dataVersion: db.prepare<[], number>('PRAGMA data_version').pluck(),
  };

  // A batch's ops in a few statements rather than one per op (each call into SQLite has a cost of
  // its own): statements of one shape per row count, made on first use and kept.
  const byCount = <T>(make: (n: number) => T) => {
    const made = new Map<number, T>();
    return (n: number): T => {
      let st = made.get(n);
      if (!st) made.set(n, (st = make(n)));
      return st;
    };
  };
  const LOOKUP_CHUNK = 500;
  const INSERT_CHUNK = 100;
  const OP_COLUMNS = 13;
  const WRITE_COLUMNS = 8;
  const lookupStmt = byCount((n) => db.prepare<unknown[], { op_id: string; content_hash: string }>(`SELECT op_id, content_hash FROM ops WHERE op_id IN (${Array(n).fill('?').join(',')})`));
  const insertStmt = byCount((n) => db.prepare(
    `INSERT INTO ops (commune, seq, op_id, entity, key, fields, hlc, prev, content_hash, device_id, batch_id, token_id, received_at) VALUES ${Array(n).fill(`(${Array(OP_COLUMNS).fill('?').join(',')})`).join(',')}`,
  ));

  const upsertWritesStmt = byCount((n) => db.prepare(
    `INSERT INTO entity_writes (entity, key, field, node, value, hlc, op_id, prev) VALUES ${Array(n).fill(`(${Array(WRITE_COLUMNS).fill('?').join(',')})`).join(',')}
     ON CONFLICT (entity, key, field, node) DO UPDATE SET value = excluded.value, hlc = excluded.hlc, op_id = excluded.op_id, prev = excluded.prev`,
  ));

  // The merged states of the records written lately, kept in memory so a batch reads none back
  // (null: no such record). Only what this connection committed goes in; PRAGMA data_version,
  // read at the start of each group's transaction (its write lock held), says whether another
  // connection (the admin CLI, another server on the file) committed meanwhile: then all of it
  // is dropped. A group whose commit fails drops it too.
  const cache = new Map<string, EntityState | null>();
  let cacheVersion: number | null = null;
  /** States of the batches of the running group whose savepoints were released, by stateId. */
  const groupStates = new Map<string, EntityState>();
  /** States the running batch wrote (kept only when its savepoint is released). */
  let batchStates: { id: string; state: EntityState }[] = [];
  const cached = (id: string): EntityState | null | undefined => {
    const inGroup = groupStates.get(id);
    if (inGroup) return inGroup;
    const hit = cache.get(id);
    if (hit !== undefined) {
      cache.delete(id); // least recently used first in the map's order
      cache.set(id, hit);
    }
    return hit;
  };
  const remember = (id: string, state: EntityState | null) => {
    cache.delete(id);
    cache.set(id, state);
    if (cache.size > MAX_CACHED_STATES) cache.delete(cache.keys().next().value!);
  };

  /** The batch plan's port over this connection (server/batch-apply.ts decides, this only reads and writes). */
  const port: BatchPort = {
    read(needs) {
      const r = needs.receipt;
      const receipt = q.receipt.get(r.commune, r.deviceId, r.batchId, r.contentHash)?.receipt ?? null;
      const held = new Map<string, string>();
      // A batch sent before (it has its receipt) or planned again looks its opIds up in the log.
      // Any other is taken as new ops, as nearly every batch is: the log's unique opId refuses
      // the insert of one it holds, and the batch is planned again from the start, looking up.
      if (lookUpOpIds || receipt !== null) {
        for (let i = 0; i < needs.opIds.length; i += LOOKUP_CHUNK) {
          const part = needs.opIds.slice(i, i + LOOKUP_CHUNK);
          for (const row of lookupStmt(part.length).all(...part)) held.set(row.op_id, row.content_hash);
        }
      }
      const states = new Map<string, EntityState>();
      for (const { entity, key } of needs.states) {
        const id = stateId(entity, key);
        let state = cached(id);
        if (state === undefined) {
          state = readState(q.entity, entity, key) ?? null;
          remember(id, state);
        }
        if (state) states.set(id, state);
      }
      // The group's transaction is BEGIN IMMEDIATE: one writer at a time, so the seq read here
      // stays the commune's last until this batch's savepoint is released.
      return { seq: q.seq.get(needs.commune)?.seq, held, states, receipt };
    },
    write(w, redraw) {
      const flat: unknown[] = [];
      for (const o of w.ops) flat.push(o.commune, o.seq, o.opId, o.entity, o.key, o.fieldsJson, o.hlc, o.prevJson, o.contentHash, o.deviceId, o.batchId, o.tokenId, o.receivedAt);
      const step = INSERT_CHUNK * OP_COLUMNS;
      for (let i = 0; i < flat.length; i += step) {
        const part = flat.slice(i, i + step);
        insertStmt(part.length / OP_COLUMNS).run(...part);
      }
      const rows: unknown[] = [];
      for (const e of w.entities) {
        q.upsertEntity.run(e.entity, e.key, e.commune, e.seq);
        for (const r of e.writes) rows.push(e.entity, e.key, r.field, r.node, r.valueJson, r.hlc, r.opId, r.prev);
        batchStates.push({ id: stateId(e.entity, e.key), state: e.state });
      }
      const wstep = INSERT_CHUNK * WRITE_COLUMNS;
      for (let i = 0; i < rows.length; i += wstep) {
        const part = rows.slice(i, i + wstep);
        upsertWritesStmt(part.length / WRITE_COLUMNS).run(...part);
      }
      if (w.seq !== null) q.setSeq.run(w.seq, w.commune);
      const r = w.receipt;
      if (!r) return null;
      let receipt = r.receipt;
      while (q.insertReceipt.run(r.commune, r.deviceId, r.batchId, r.contentHash, receipt, r.tokenId, r.ops, r.receivedAt).changes !== 1) receipt = redraw();
      return receipt;
    },
  };

  /** One batch, all or nothing (a savepoint when run inside the group's transaction). */
  const applyTx = db.transaction((batch: PreparedBatch): ApplyResult => applyPreparedOn(port, batch));
  /** Whether the running batch looks its opIds up before it is planned (see port.read). */
  let lookUpOpIds = false;
  const applyOnce = (batch: PreparedBatch, lookUp: boolean): ApplyResult => {
    lookUpOpIds = lookUp;
    batchStates = [];
    return applyTx(batch);
  };
  /** One batch: taken as new ops first; planned again with the look-up when the log holds one. */
  const applyOne = (hashed: HashedBatch): ApplyResult => {
    const batch = prepareHashed(hashed);
    try {
      return applyOnce(batch, false);
    } catch (e) {
      if (!isHeldOpId(e)) throw e;
      return applyOnce(batch, true); // the savepoint was rolled back: nothing of the try is kept
    }
  };

  const groupTx = db.transaction((batches: HashedBatch[]) => {
    const version = q.dataVersion.get()!;
    if (version !== cacheVersion) {
      cache.clear(); // another connection committed since this one last looked
      cacheVersion = version;
    }
    return batches.map((batch): GroupOutcome => {
      try {
        const ok = applyOne(batch); // nested: a savepoint, rolled back alone on a throw
        for (const { id, state } of batchStates) groupStates.set(id, state);
        return { ok };
      } catch (e) {
        return { error: e instanceof Error ? e.message : String(e) };
      }
    });
  });

  return {
    /** Applies batches in ONE transaction, each in its own savepoint; throws only when the commit fails. */
    applyGroup(batches) {
      try {
        const outcomes = groupTx.immediate(batches);
        for (const [id, state] of groupStates) remember(id, state);
        for (const b of batches) sinceCheckpoint += b.input.ops.length;
        return outcomes;
      } catch (e) {
        cache.clear(); // what the group read or wrote may not be what is stored
        cacheVersion = null;
        throw e;
      } finally {
        groupStates.clear();
        batchStates = [];
      }
    },
    afterGroup(idle) {
      if (db.open && sinceCheckpoint >= (idle ? CHECKPOINT_IDLE_OPS : CHECKPOINT_BURST_OPS)) {
        sinceCheckpoint = 0;
        db.pragma('wal_checkpoint(PASSIVE)'); // copies what no reader still needs; never waits for one
      }
    },
  };
}

/**
 * Group commit: batches that arrive while the thread is busy are applied together in one
 * transaction (one WAL sync for all of them), each inside its own savepoint, so each stays all or
 * nothing and gets its own answer and receipt. `done` is called once per batch, after the commit.
 */
export function createGroupCommit<T>(applyGroup: (batches: HashedBatch[]) => GroupOutcome[], afterGroup: (idle: boolean) => void = () => {}) {
  const waiting: { batch: HashedBatch; tag: T }[] = [];
  let scheduled = false;
  let onDone: (tag: T, outcome: GroupOutcome) => void = () => {};
  const flush = () => {
    scheduled = false;
    let ops = 0;
    let n = 0;
    while (n < waiting.length && n < MAX_GROUP_BATCHES && ops < MAX_GROUP_OPS) ops += waiting[n++]!.batch.input.ops.length;
    const group = waiting.splice(0, n);
    if (waiting.length) schedule();
    let outcomes: GroupOutcome[];
    try {
      outcomes = applyGroup(group.map((g) => g.batch));
    } catch (e) {
      // The commit itself failed: nothing of any batch of the group is kept.
      const error = e instanceof Error ? e.message : String(e);
      outcomes = group.map(() => ({ error }));
    }
    group.forEach((g, i) => onDone(g.tag, outcomes[i]!));
    // After the answers (handed out in a microtask of this turn) and the next turn's new batches.
    setImmediate(() => afterGroup(!scheduled && waiting.length === 0));
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    // After the I/O phase: every request whose body arrived in this turn has queued its batch.
    setImmediate(flush);
  };
  return {
    onDone(fn: (tag: T, outcome: GroupOutcome) => void) {
      onDone = fn;
    },
    add(batch: HashedBatch, tag: T) {
      waiting.push({ batch, tag });
      schedule();
    },
    /** Commits what is queued now, before a close. */
    drain() {
      while (waiting.length) flush();
    },
  };
}
