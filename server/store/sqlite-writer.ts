// The SQLite write path of sync batches: the pure batch plan applied in one savepoint per batch,
// batches that arrive together committed as one transaction (group commit), and the hashes that
// say when two ops or two batches are the same. Runs on the writer thread (sqlite-writer-worker.ts)
// or, for ':memory:' databases, on the caller's; never answers a batch before its commit.
import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { canonicalJson, type EntityState } from '../../src/domain/sync/merge.ts';
import type { EntityName, Op } from '../../src/domain/sync/op.ts';
import { planBatch, stateId } from '../batch-plan.ts';
import { randomCode } from '../random-code.ts';
import type { ApplyBatchInput, ApplyResult } from './store.ts';

/**
 * How the log is kept on disk; the bench's raw floor uses the same. WAL with FULL sync: an
 * acknowledged batch survives a power cut, not only a killed process. 64 MB of page cache: the
 * opId index is random by nature, and with the default 2 MB every insert into a log of a few
 * hundred thousand ops reads its page back from the OS.
 */
export const SQLITE_PRAGMAS = ['journal_mode = WAL', 'synchronous = FULL', 'cache_size = -65536', 'busy_timeout = 5000'] as const;

/** Characters of a stamp before `-node`: 15 digits of wall time, a dash, 6 of counter. */
const HLC_HEAD = 22;

/** Most batches, and ops, one group commit takes (the rest wait for the next turn): bounds latency. */
const MAX_GROUP_BATCHES = 64;
const MAX_GROUP_OPS = 2_000;

/** What makes two batches "the same batch": their ops (ids and content), in order. */
export function batchContentHash(opHashes: readonly string[]): string {
  return createHash('sha256').update(opHashes.join('\n')).digest('hex');
}

/**
 * What makes two ops "the same op": everything but the opId, hashed. The op is a parsed one
 * (validateBatch), whose JSON is canonical already (schema order, free maps sorted), so plain
 * JSON.stringify serves; sorting every object again cost more than the hash.
 */
export function opContentHash(op: Op, fieldsJson: string = JSON.stringify(op.fields), prevJson: string | null = op.prev ? JSON.stringify(op.prev) : null): string {
  // = JSON.stringify([entity, key, fields, hlc, prev ?? null]), from the JSON the log stores anyway.
  return createHash('sha256').update(`[${JSON.stringify(op.entity)},${JSON.stringify(op.key)},${fieldsJson},${JSON.stringify(op.hlc)},${prevJson ?? 'null'}]`).digest('hex');
}

/** The hash the log kept before issue 12 (canonical JSON of an object), for ops stored then. */
export function legacyContentHash(op: Op): string {
  return createHash('sha256')
    .update(canonicalJson({ entity: op.entity, key: op.key, fields: op.fields, hlc: op.hlc, prev: op.prev ?? null }))
    .digest('hex');
}

/** One batch's outcome in a group: its answer, or why it failed (its savepoint was rolled back). */
export type GroupOutcome = { ok: ApplyResult } | { error: string };

/** The statements and transactions of the write path over one connection. */
export function createBatchWriter(db: Database.Database): { applyGroup(inputs: ApplyBatchInput[]): GroupOutcome[] } {
  const q = {
    seq: db.prepare<[string], { seq: number }>('SELECT seq FROM communes WHERE code = ?'),
    setSeq: db.prepare('UPDATE communes SET seq = ? WHERE code = ?'),
    entity: db.prepare<[string, string], { state: string }>('SELECT state FROM entities WHERE entity = ? AND key = ?'),
    upsertEntity: db.prepare(
      `INSERT INTO entities (entity, key, commune, state, seq) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (entity, key) DO UPDATE SET state = excluded.state, seq = excluded.seq`,
    ),
    batch: db.prepare<[string, string, string, string], { receipt: string }>('SELECT receipt FROM batches WHERE commune = ? AND device_id = ? AND batch_id = ? AND content_hash = ?'),
    insertBatch: db.prepare('INSERT INTO batches (commune, device_id, batch_id, content_hash, receipt, token_id, ops, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
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
  const lookupStmt = byCount((n) => db.prepare<unknown[], { op_id: string; content_hash: string }>(`SELECT op_id, content_hash FROM ops WHERE op_id IN (${Array(n).fill('?').join(',')})`));
  const insertStmt = byCount((n) => db.prepare(
    `INSERT INTO ops (commune, seq, op_id, entity, key, fields, hlc, prev, content_hash, device_id, batch_id, token_id, received_at) VALUES ${Array(n).fill(`(${Array(OP_COLUMNS).fill('?').join(',')})`).join(',')}`,
  ));
  /** Content hashes of the opIds the log already holds. */
  const heldContent = (opIds: string[]): Map<string, string> => {
    const out = new Map<string, string>();
    for (let i = 0; i < opIds.length; i += LOOKUP_CHUNK) {
      const part = opIds.slice(i, i + LOOKUP_CHUNK);
      for (const r of lookupStmt(part.length).all(...part)) out.set(r.op_id, r.content_hash);
    }
    return out;
  };
  /** Inserts op rows given as one flat list of OP_COLUMNS values per row. */
  const insertOpRows = (flat: unknown[]): void => {
    const step = INSERT_CHUNK * OP_COLUMNS;
    for (let i = 0; i < flat.length; i += step) {
      const part = flat.slice(i, i + step);
      insertStmt(part.length / OP_COLUMNS).run(...part);
    }
  };

  const readState = (entity: EntityName, key: string): EntityState | undefined => {
    const row = q.entity.get(entity, key);
    return row ? (JSON.parse(row.state) as EntityState) : undefined;
  };

  /** One batch, all or nothing (a savepoint when run inside the group's transaction). */
  const applyTx = db.transaction((input: ApplyBatchInput): ApplyResult => {
    // The identity rule on every path (the route holds the token to it; the admin CLI writes as the
    // server's own device): every op is stamped by the batch's device. Never true of a valid request.
    const node = `-${input.deviceId}`;
    if (input.ops.some((op) => op.hlc.length !== HLC_HEAD + node.length || !op.hlc.endsWith(node))) {
      throw new Error(`an op of batch ${input.batchId} is not stamped by device ${input.deviceId}`);
    }
    const known: string[] = [];
    const conflicting: string[] = [];
    const fresh: { op: Op; hash: string; index: number; fieldsJson: string; prevJson: string | null }[] = [];
    const hashes: string[] = [];
    // Reads and the pure plan first: a refusal must leave the database exactly as it was.
    const held = heldContent(input.ops.map((op) => op.opId));
    input.ops.forEach((op, index) => {
      // Each op's JSON once: stored as is, and hashed.
      const fieldsJson = JSON.stringify(op.fields);
      const prevJson = op.prev ? JSON.stringify(op.prev) : null;
      const hash = opContentHash(op, fieldsJson, prevJson);
      hashes.push(`${op.opId}:${hash}`);
      const stored = held.get(op.opId);
      if (stored === undefined) fresh.push({ op, hash, index, fieldsJson, prevJson });
      else if (stored === hash || stored === legacyContentHash(op)) known.push(op.opId);
      else conflicting.push(op.opId);
    });
    if (conflicting.length) return { kind: 'conflict', opIds: conflicting };
    const plan = planBatch(fresh, new Map(), readState);
    if (plan.kind !== 'ok') return plan;

    let seq = q.seq.get(input.commune)?.seq;
    if (seq === undefined) throw new Error(`unknown commune ${input.commune}`);
    const lastSeq = new Map<string, number>();
    const rows: unknown[] = [];
    for (const { op, hash, fieldsJson, prevJson } of fresh) {
      seq += 1;
      rows.push(input.commune, seq, op.opId, op.entity, op.key, fieldsJson, op.hlc, prevJson, hash, input.deviceId, input.batchId, input.tokenId, input.now);
      lastSeq.set(stateId(op.entity, op.key), seq);
    }
    insertOpRows(rows);
    for (const [id, s] of plan.states) {
      if (s.touched) q.upsertEntity.run(s.entity, s.key, input.commune, JSON.stringify(s.state), lastSeq.get(id)!);
    }
    if (fresh.length) q.setSeq.run(seq, input.commune);

    const content = batchContentHash(hashes);
    let receipt = q.batch.get(input.commune, input.deviceId, input.batchId, content)?.receipt;
    // A new receipt: random, and drawn again in the (one in 10^12) case it is taken already.
    while (!receipt) {
      const drawn = randomCode(8);
      try {
        q.insertBatch.run(input.commune, input.deviceId, input.batchId, content, drawn, input.tokenId, input.ops.length, input.now);
        receipt = drawn;
      } catch (e) {
        if ((e as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw e;
      }
    }
    return { kind: 'ok', applied: fresh.map((f) => f.op.opId), known, receipt, cursor: seq };
  });

  const groupTx = db.transaction((inputs: ApplyBatchInput[]) =>
    inputs.map((input): GroupOutcome => {
      try {
        return { ok: applyTx(input) }; // nested: a savepoint, rolled back alone on a throw
      } catch (e) {
        return { error: e instanceof Error ? e.message : String(e) };
      }
    }),
  );

  return {
    /** Applies batches in ONE transaction, each in its own savepoint; throws only when the commit fails. */
    applyGroup: (inputs) => groupTx.immediate(inputs),
  };
}

/**
 * Group commit: batches that arrive while the thread is busy are applied together in one
 * transaction (one WAL sync for all of them), each inside its own savepoint, so each stays all or
 * nothing and gets its own answer and receipt. `done` is called once per batch, after the commit.
 */
export function createGroupCommit<T>(applyGroup: (inputs: ApplyBatchInput[]) => GroupOutcome[]) {
  const waiting: { input: ApplyBatchInput; tag: T }[] = [];
  let scheduled = false;
  let onDone: (tag: T, outcome: GroupOutcome) => void = () => {};
  const flush = () => {
    scheduled = false;
    let ops = 0;
    let n = 0;
    while (n < waiting.length && n < MAX_GROUP_BATCHES && ops < MAX_GROUP_OPS) ops += waiting[n++]!.input.ops.length;
    const group = waiting.splice(0, n);
    if (waiting.length) schedule();
    let outcomes: GroupOutcome[];
    try {
      outcomes = applyGroup(group.map((g) => g.input));
    } catch (e) {
      // The commit itself failed: nothing of any batch of the group is kept.
      const error = e instanceof Error ? e.message : String(e);
      outcomes = group.map(() => ({ error }));
    }
    group.forEach((g, i) => onDone(g.tag, outcomes[i]!));
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
    add(input: ApplyBatchInput, tag: T) {
      waiting.push({ input, tag });
      schedule();
    },
    /** Commits what is queued now, before a close. */
    drain() {
      while (waiting.length) flush();
    },
  };
}
