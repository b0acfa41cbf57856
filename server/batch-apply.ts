// One sync batch as pure rules over a small store port (BatchPort): which ops are new, already held
// (the same opId and content) or conflicting (the same opId, other content), the record rules and
// the year lock on the merged state (batch-plan.ts), the commune's change sequence, the merged
// states to write and the batch's receipt. A store reads only what `needs` lists and writes only
// what `decideBatch` returns, both inside one transaction of its own: it cannot get a rule wrong.
import { canonicalJson, type EntityState } from '../src/domain/sync/merge.ts';
import type { EntityName, Op } from '../src/domain/sync/op.ts';
import { LOCK_ENTITY, lockKeyOf } from '../src/domain/sync/year-lock.ts';
import { planBatch, stateId } from './batch-plan.ts';
import { reviewNeeds } from './review-rules.ts';
import { randomCode } from './random-code.ts';
import { sha256Hex } from './sha256.ts';
import { changedRows, type WriteRow } from './store/state-rows.ts';
import type { ApplyBatchInput, ApplyResult } from './store/store.ts';

/** Characters of a stamp before `-node`: 15 digits of wall time, a dash, 6 of counter. */
const HLC_HEAD = 22;

/** A receipt as a person reads it aloud: 8 Crockford characters. */
export const newReceipt = (): string => randomCode(8);

/** What makes two batches "the same batch": their ops (ids and content), in order. */
export function batchContentHash(opHashes: readonly string[]): string {
  return sha256Hex(opHashes.join('\n'));
}

/**
 * What makes two ops "the same op": everything but the opId, hashed. The op is a parsed one
 * (validateBatch), whose JSON is canonical already (schema order, free maps sorted), so plain
 * JSON.stringify serves; sorting every object again cost more than the hash.
 */
export function opContentHash(op: Op, fieldsJson: string = JSON.stringify(op.fields), prevJson: string | null = op.prev ? JSON.stringify(op.prev) : null): string {
  // = JSON.stringify([entity, key, fields, hlc, prev ?? null]), from the JSON the log stores anyway.
  return sha256Hex(`[${JSON.stringify(op.entity)},${JSON.stringify(op.key)},${fieldsJson},${JSON.stringify(op.hlc)},${prevJson ?? 'null'}]`);
}

/** The hash the log kept before issue 12 (canonical JSON of an object), for ops stored then. */
export function legacyContentHash(op: Op): string {
  return sha256Hex(canonicalJson({ entity: op.entity, key: op.key, fields: op.fields, hlc: op.hlc, prev: op.prev ?? null }));
}

/** A receipt is found by the device, its batch id and the batch's content (issue 12). */
export interface ReceiptKey {
  commune: string;
  deviceId: string;
  batchId: string;
  contentHash: string;
}

/** What the store reads for a batch, inside its transaction, before anything is decided. */
export interface BatchNeeds {
  commune: string;
  opIds: string[];
  /** Entity/keys whose merged state the plan may read: the ops' own and their years' dossiers. */
  states: { entity: EntityName; key: string }[];
  receipt: ReceiptKey;
}

/** What the store found. */
export interface BatchReads {
  /**
   * The commune's last change seq; undefined when there is no such commune. Read so that no other
   * batch of the commune can commit until this one has (a row lock, or a single writer): the
   * sequence then follows commit order and a reader of `changes(since)` never skips a row.
   */
  seq: number | undefined;
  /** Content hashes of those opIds the log holds already. */
  held: ReadonlyMap<string, string>;
  /** Merged states of the needed entity/keys that exist, by stateId. */
  states: ReadonlyMap<string, EntityState>;
  /** The receipt already given to this device's batch with this content, if any. */
  receipt: string | null;
}

/** One row of the op log, its JSON columns as text (stored as is, served as is). */
export interface OpRow {
  commune: string;
  seq: number;
  opId: string;
  entity: EntityName;
  key: string;
  fieldsJson: string;
  hlc: string;
  prevJson: string | null;
  contentHash: string;
  deviceId: string;
  batchId: string;
  tokenId: string;
  receivedAt: number;
}

/**
 * One entity/key the batch changed: the seq of the last op that changed it, the writes of its
 * merged state that the batch added or replaced (one per field and device: all a store writes),
 * and the whole merged state after the batch (for a store that keeps recent states in memory).
 */
export interface EntityRow {
  entity: EntityName;
  key: string;
  commune: string;
  seq: number;
  writes: WriteRow[];
  state: EntityState;
}

export interface ReceiptRow extends ReceiptKey {
  receipt: string;
  tokenId: string;
  ops: number;
  receivedAt: number;
}

/** Everything one accepted batch writes, all in its transaction. */
export interface BatchWrites {
  commune: string;
  ops: OpRow[];
  entities: EntityRow[];
  /** The commune's new last seq; null when the batch added no op. */
  seq: number | null;
  /** The receipt to record; null when this batch has one already. */
  receipt: ReceiptRow | null;
}

/**
 * The store side of a batch, over one transaction. `write` records the receipt row too: when its
 * (random) receipt is taken by another batch already, it records one drawn by `redraw` instead, and
 * returns the receipt it recorded.
 */
export interface BatchPort {
  read(needs: BatchNeeds): BatchReads;
  write(writes: BatchWrites, redraw: () => string): string | null;
}

/** The same port for a store whose driver answers asynchronously (PostgreSQL). */
export interface AsyncBatchPort {
  read(needs: BatchNeeds): Promise<BatchReads>;
  write(writes: BatchWrites, redraw: () => string): Promise<string | null>;
}

interface PreparedOp {
  op: Op;
  index: number;
  hash: string;
  fieldsJson: string;
  prevJson: string | null;
}

/** A batch with each op's JSON and hash made once, and what the store must read for it. */
export interface PreparedBatch {
  input: ApplyBatchInput;
  ops: PreparedOp[];
  needs: BatchNeeds;
  /** The stateIds of needs.states. */
  readable: ReadonlySet<string>;
}

/**
 * A batch with each op's JSON and content hash made (the costly part of preparing it), in arrays
 * beside the ops: what the SQLite store's event loop hands its writer thread (arrays of strings
 * cost the structured clone little; objects per op would cost it as much as the ops again).
 */
export interface HashedBatch {
  input: ApplyBatchInput;
  fieldsJson: string[];
  prevJson: (string | null)[];
  hashes: string[];
  /** batchContentHash of the ops. */
  contentHash: string;
}

/**
 * Checks who stamped the ops and makes each op's JSON and content hash once.
 * Throws when an op is not stamped by the batch's device: the route holds the token to that rule
 * (403) and the admin CLI writes as the server's own device, so it is never true of a valid request.
 */
export function hashBatch(input: ApplyBatchInput): HashedBatch {
  const node = `-${input.deviceId}`;
  const n = input.ops.length;
  const out: HashedBatch = { input, fieldsJson: new Array<string>(n), prevJson: new Array<string | null>(n), hashes: new Array<string>(n), contentHash: '' };
  const keyed: string[] = new Array<string>(n);
  for (let index = 0; index < n; index++) {
    const op = input.ops[index]!;
    if (op.hlc.length !== HLC_HEAD + node.length || !op.hlc.endsWith(node)) {
      throw new Error(`an op of batch ${input.batchId} is not stamped by device ${input.deviceId}`);
    }
    const fieldsJson = JSON.stringify(op.fields);
    const prevJson = op.prev ? JSON.stringify(op.prev) : null;
    const hash = opContentHash(op, fieldsJson, prevJson);
    out.fieldsJson[index] = fieldsJson;
    out.prevJson[index] = prevJson;
    out.hashes[index] = hash;
    keyed[index] = `${op.opId}:${hash}`;
  }
  out.contentHash = batchContentHash(keyed);
  return out;
}

/** A hashed batch with what the store must read for it. */
export function prepareHashed(h: HashedBatch): PreparedBatch {
  const { input } = h;
  const ops: PreparedOp[] = new Array<PreparedOp>(input.ops.length);
  const states = new Map<string, { entity: EntityName; key: string }>();
  const need = (entity: EntityName, key: string) => {
    const id = stateId(entity, key);
    if (!states.has(id)) states.set(id, { entity, key });
  };
  let last: Op | undefined;
  for (let index = 0; index < input.ops.length; index++) {
    const op = input.ops[index]!;
    ops[index] = { op, index, hash: h.hashes[index]!, fieldsJson: h.fieldsJson[index]!, prevJson: h.prevJson[index]! };
    // Ops of one record usually come one after the other: list its reads once.
    if (last && last.entity === op.entity && last.key === op.key) continue;
    last = op;
    need(op.entity, op.key);
    const lockKey = lockKeyOf(op.entity, op.key);
    if (lockKey !== null) need(LOCK_ENTITY, lockKey);
    for (const r of reviewNeeds(op, input.who?.province ?? null)) need(r.entity, r.key);
  }
  return {
    input,
    ops,
    needs: {
      commune: input.commune,
      opIds: input.ops.map((op) => op.opId),
      states: [...states.values()],
      receipt: { commune: input.commune, deviceId: input.deviceId, batchId: input.batchId, contentHash: h.contentHash },
    },
    readable: new Set(states.keys()),
  };
}

/** Checks who stamped the ops, makes each op's JSON and content hash once, and lists the reads (hashBatch, then prepareHashed). */
export function prepareBatch(input: ApplyBatchInput): PreparedBatch {
  return prepareHashed(hashBatch(input));
}

/** What to answer, and what to write first (null: nothing at all). */
export interface Decision {
  result: ApplyResult;
  writes: BatchWrites | null;
}

/**
 * The batch decided on what the store read: refused whole (a conflicting opId, a record rule, the
 * year lock) with nothing to write, or accepted with its new ops numbered on from the commune's
 * seq in batch order, the merged states they leave, and its receipt (the one it had, or a new one).
 */
export function decideBatch(p: PreparedBatch, reads: BatchReads, draw: () => string = newReceipt): Decision {
  const { input } = p;
  if (reads.seq === undefined) throw new Error(`unknown commune ${input.commune}`);
  const known: string[] = [];
  const conflicting: string[] = [];
  const fresh: PreparedOp[] = [];
  // (An opId twice in one batch is refused by validateBatch; a store's unique opId refuses it too.)
  for (const o of p.ops) {
    const stored = reads.held.get(o.op.opId);
    if (stored === undefined) fresh.push(o);
    else if (stored === o.hash || stored === legacyContentHash(o.op)) known.push(o.op.opId);
    else conflicting.push(o.op.opId);
  }
  if (conflicting.length) return { result: { kind: 'conflict', opIds: conflicting }, writes: null };

  const plan = planBatch(fresh, new Map(), (entity, key) => {
    const id = stateId(entity, key);
    if (!p.readable.has(id)) throw new Error(`batch plan read ${entity} ${key}, which prepareBatch did not list`);
    return reads.states.get(id);
  }, input.who);
  if (plan.kind !== 'ok') return { result: plan, writes: null };

  let seq = reads.seq;
  const lastSeq = new Map<string, number>();
  const ops: OpRow[] = fresh.map(({ op, hash, fieldsJson, prevJson }) => {
    seq += 1;
    lastSeq.set(stateId(op.entity, op.key), seq);
    return {
      commune: input.commune, seq, opId: op.opId, entity: op.entity, key: op.key, fieldsJson, hlc: op.hlc, prevJson, contentHash: hash,
      deviceId: input.deviceId, batchId: input.batchId, tokenId: input.tokenId, receivedAt: input.now,
    };
  });
  const entities: EntityRow[] = [];
  for (const [id, s] of plan.states) {
    if (!s.touched) continue;
    const state = s.state!;
    entities.push({ entity: s.entity, key: s.key, commune: input.commune, seq: lastSeq.get(id)!, writes: changedRows(reads.states.get(id), state), state });
  }
  const receipt = reads.receipt ?? draw();
  const writes: BatchWrites = {
    commune: input.commune,
    ops,
    entities,
    seq: ops.length ? seq : null,
    receipt: reads.receipt ? null : { ...p.needs.receipt, receipt, tokenId: input.tokenId, ops: input.ops.length, receivedAt: input.now },
  };
  const nothing = !ops.length && !writes.receipt;
  return { result: { kind: 'ok', applied: fresh.map((f) => f.op.opId), known, receipt, cursor: seq }, writes: nothing ? null : writes };
}

/** The receipt the store recorded replaces a drawn one that was taken. */
function withReceipt(d: Decision, recorded: string | null): ApplyResult {
  return d.result.kind === 'ok' && recorded ? { ...d.result, receipt: recorded } : d.result;
}

/** Applies a batch through a synchronous port (call it inside the store's transaction). */
export function applyBatchOn(port: BatchPort, input: ApplyBatchInput): ApplyResult {
  return applyPreparedOn(port, prepareBatch(input));
}

/**
 * applyBatchOn for a batch prepared already: the SQLite store prepares on the event loop, so its
 * writer thread, which every batch waits for in turn, does only what needs the database.
 */
export function applyPreparedOn(port: BatchPort, p: PreparedBatch): ApplyResult {
  const d = decideBatch(p, port.read(p.needs));
  return d.writes ? withReceipt(d, port.write(d.writes, newReceipt)) : d.result;
}

/** Applies a batch through an asynchronous port (call it inside the store's transaction). */
export async function applyBatchOnAsync(port: AsyncBatchPort, input: ApplyBatchInput): Promise<ApplyResult> {
  const p = prepareBatch(input);
  const d = decideBatch(p, await port.read(p.needs));
  return d.writes ? withReceipt(d, await port.write(d.writes, newReceipt)) : d.result;
}
