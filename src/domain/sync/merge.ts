// Per-field last-writer-wins merge of ops by HLC, and the conflicts it leaves for a person to see.
// Pure and order-free: the same set of ops, in any order and with any duplicates, gives the same
// state and the same conflicts. Never drops a device's latest value of a field: the loser is kept.
import { compareHlc, hlcNode, parseHlc } from './hlc.ts';
import type { EntityName, JsonValue, Op } from './op.ts';

/** One device's write of one field. */
export interface FieldWrite {
  value: JsonValue;
  hlc: string;
  opId: string;
  /** The stamp of the value this write replaced on its device (from Op.prev), if known. */
  prev?: string;
}

/**
 * The merged state of one entity/key: per field, per device (HLC node), that device's latest write.
 * Keeping each device's latest write, not only the winner, is what lets the conflict set be a
 * function of the ops alone — independent of the order they arrived in. Its size is bounded by
 * fields × devices of the commune.
 */
export type EntityState = Record<string, Record<string, FieldWrite>>;

/** Two devices wrote different values to one field and the loser had not seen the winner's. */
export interface Conflict {
  entity: EntityName;
  key: string;
  field: string;
  winner: FieldWrite;
  loser: FieldWrite;
}

export interface MergeResult {
  state: EntityState;
  /** Fields whose winning value or stamp changed with this op. */
  changed: string[];
  /** All conflicts of this entity/key after the op (not only new ones). */
  conflicts: Conflict[];
}

const own = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/**
 * A map with no prototype: a field or node named `__proto__` (validation refuses them, but a state
 * read back from storage is not re-validated) is then a plain key, never the prototype.
 */
function bare<T>(from?: Record<string, T>): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  if (from) for (const k of Object.keys(from)) out[k] = from[k]!;
  return out;
}

/** Orders two writes of the same field: by full HLC string (node included), then opId. */
export function compareWrites(a: FieldWrite, b: FieldWrite): number {
  return compareHlc(a.hlc, b.hlc) || (a.opId < b.opId ? -1 : a.opId > b.opId ? 1 : 0);
}

/** The winning write of one field, or undefined when nobody wrote it. */
export function winnerOf(writes: Record<string, FieldWrite> | undefined): FieldWrite | undefined {
  let best: FieldWrite | undefined;
  if (!writes) return undefined;
  for (const node of Object.keys(writes)) {
    const w = writes[node]!;
    if (!best || compareWrites(w, best) > 0) best = w;
  }
  return best;
}

/** The current value of every written field. */
export function valuesOf(state: EntityState): Record<string, JsonValue> {
  const out = bare<JsonValue>();
  for (const field of Object.keys(state).sort()) {
    const w = winnerOf(state[field]);
    if (w) out[field] = w.value;
  }
  return out;
}

/** Applies one op to a state and lists its conflicts (returns a new state; the input is not changed). */
export function mergeOp(state: EntityState | undefined, op: Op): MergeResult {
  const r = mergeWrite(state, op);
  return { ...r, conflicts: conflictsOf(op.entity, op.key, r.state) };
}

/** mergeOp without the conflict list (the server's path and loops that list conflicts once at the end). */
export function mergeWrite(state: EntityState | undefined, op: Op): Omit<MergeResult, 'conflicts'> {
  const next: EntityState = bare(state);
  const changed = writeFields(next, op, false);
  return { state: next, changed };
}

/**
 * A copy of a state that its holder may change in place (mergeWriteInPlace): the state and each
 * field's map of writes copied (null-prototype maps), the writes themselves shared (never changed).
 */
export function ownedCopy(state: EntityState | undefined): EntityState {
  const out = bare<Record<string, FieldWrite>>();
  if (state) for (const k of Object.keys(state)) out[k] = bare(state[k]);
  return out;
}

/**
 * mergeWrite into a state made by ownedCopy (and changed only by this function since), which it
 * changes itself instead of copying it for every op: what a batch of many ops on one record does.
 * Returns the fields whose winning value or stamp changed.
 */
export function mergeWriteInPlace(owned: EntityState, op: Op): string[] {
  return writeFields(owned, op, true);
}

/**
 * The winner of each field's map of writes this module made or changed last, so that a batch of
 * many ops on one record does not scan every device's write again for each op. Only writeFields
 * changes a map in place (a map it owns), and it keeps its entry here right; a map made anywhere
 * else is scanned (winnerOf) the first time.
 */
const winners = new WeakMap<Record<string, FieldWrite>, FieldWrite>();

/** The body of both: `next` is the state to change; its field maps are copied unless `owned`. */
function writeFields(next: EntityState, op: Op, owned: boolean): string[] {
  const node = hlcNode(op.hlc);
  const changed: string[] = [];
  const fields = Object.keys(op.fields);
  if (fields.length > 1) fields.sort();
  for (const field of fields) {
    const write: FieldWrite = { value: op.fields[field]!, hlc: op.hlc, opId: op.opId };
    const prev = op.prev && own(op.prev, field) ? op.prev[field] : undefined;
    if (prev !== undefined) write.prev = prev;
    const writes = own(next, field) ? next[field]! : undefined;
    const mine = writes && own(writes, node) ? writes[node] : undefined;
    if (mine && compareWrites(mine, write) >= 0) continue; // older or the same op again
    const before = writes ? (winners.get(writes) ?? winnerOf(writes)) : undefined;
    const nextWrites = writes && owned ? writes : bare(writes);
    nextWrites[node] = write;
    next[field] = nextWrites;
    // The new winner without a second scan: `write` is newer than this node's own old write, so
    // it wins when it beats the old winner (whoever's that was); otherwise the old winner stays.
    const wins = !before || compareWrites(write, before) > 0;
    winners.set(nextWrites, wins ? write : before);
    if (wins) changed.push(field);
  }
  return changed;
}

/** The conflicts a state holds, sorted by field then loser stamp. */
export function conflictsOf(entity: EntityName, key: string, state: EntityState): Conflict[] {
  const out: Conflict[] = [];
  for (const field of Object.keys(state).sort()) {
    const writes = state[field]!;
    const winner = winnerOf(writes);
    if (!winner) continue;
    const winnerNode = parseHlc(winner.hlc).node;
    for (const node of Object.keys(writes).sort()) {
      if (node === winnerNode) continue; // a device overwriting itself is no conflict
      const loser = writes[node]!;
      if (sameJson(loser.value, winner.value)) continue;
      // The winner's device held a value at least as new as the loser's: an informed overwrite.
      if (winner.prev !== undefined && compareHlc(winner.prev, loser.hlc) >= 0) continue;
      out.push({ entity, key, field, winner, loser });
    }
  }
  out.sort((a, b) => (a.field < b.field ? -1 : a.field > b.field ? 1 : compareWrites(a.loser, b.loser)));
  return out;
}

/** The id of an entity/key's state, in maps of states (a NUL cannot occur in a name or a key). */
export const stateId = (entity: EntityName, key: string): string => `${entity}\u0000${key}`;

/** Merges any collection of ops (any order, duplicates allowed) into states by stateId. */
export function mergeAll(ops: Iterable<Op>): { states: Map<string, { entity: EntityName; key: string; state: EntityState }>; conflicts: Conflict[] } {
  const states = new Map<string, { entity: EntityName; key: string; state: EntityState }>();
  for (const op of ops) {
    const id = stateId(op.entity, op.key);
    const cur = states.get(id);
    states.set(id, { entity: op.entity, key: op.key, state: mergeWrite(cur?.state, op).state });
  }
  const conflicts: Conflict[] = [];
  for (const id of [...states.keys()].sort()) {
    const s = states.get(id)!;
    conflicts.push(...conflictsOf(s.entity, s.key, s.state));
  }
  return { states, conflicts };
}

/** JSON equality that ignores object key order. */
export function sameJson(a: JsonValue, b: JsonValue): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** JSON text with object keys sorted, so equal values give equal text. */
export function canonicalJson(x: unknown): string {
  if (x === null || typeof x !== 'object') return JSON.stringify(x) ?? 'null';
  if (Array.isArray(x)) return `[${x.map(canonicalJson).join(',')}]`;
  const o = x as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
    .join(',')}}`;
}
