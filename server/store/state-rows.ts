// The merged state of an entity/key as both stores keep it (issue 12, item 8): one row per field
// and device (HLC node) in `entity_writes`, that device's latest write of the field, instead of one
// JSON of the whole state per record. A batch then writes only the writes it added or replaced
// (a few short rows) where it used to rewrite every record it touched whole (≈ 3.5 kB with ten
// devices on one village); the record-level row (`entities`: commune, last seq) stays.
import type { EntityState, FieldWrite } from '../../src/domain/sync/merge.ts';

/** One device's latest write of one field, its value as JSON text. */
export interface WriteRow {
  field: string;
  node: string;
  valueJson: string;
  hlc: string;
  opId: string;
  /** The stamp the write replaced on its device (Op.prev), if it said. */
  prev: string | null;
}

/** A null-prototype map: field and node names are data, never the prototype. */
const bare = <T>(): Record<string, T> => Object.create(null) as Record<string, T>;

/**
 * Adds one stored row to the state being read back (rows in any order). The write objects are
 * made the way the merge makes them, so a state read back equals the one that was written.
 */
export function addRow(state: EntityState, field: string, node: string, valueJson: string, hlc: string, opId: string, prev: string | null): void {
  const write: FieldWrite = { value: JSON.parse(valueJson) as FieldWrite['value'], hlc, opId };
  if (prev !== null) write.prev = prev;
  (state[field] ??= bare<FieldWrite>())[node] = write;
}

/** An empty state to read rows into. */
export const emptyState = (): EntityState => bare<Record<string, FieldWrite>>();

/**
 * The states of several records from rows [key, field, node, value, hlc, opId, prev] ordered by key
 * (a record with no write is one row of NULLs after its key), in that order.
 */
export function statesOfRows(rows: readonly (readonly [string, string | null, string, string, string, string, string | null])[]): { key: string; state: EntityState }[] {
  const out: { key: string; state: EntityState }[] = [];
  for (const [key, field, node, value, hlc, opId, prev] of rows) {
    let last = out[out.length - 1];
    if (!last || last.key !== key) out.push((last = { key, state: emptyState() }));
    if (field !== null) addRow(last.state, field, node, value, hlc, opId, prev);
  }
  return out;
}

/**
 * The rows to write for `after`, a state made from `before` by the merge: the writes it holds that
 * `before` does not. The merge never changes a write in place (it puts a new one in its device's
 * place, and copies what it changes), so a write that is the same object in both is unchanged.
 * No write is ever removed, so there is nothing to delete.
 */
export function changedRows(before: EntityState | undefined, after: EntityState): WriteRow[] {
  const out: WriteRow[] = [];
  for (const field of Object.keys(after)) {
    const writes = after[field]!;
    const old = before && Object.prototype.hasOwnProperty.call(before, field) ? before[field] : undefined;
    for (const node of Object.keys(writes)) {
      const w = writes[node]!;
      if (old && Object.prototype.hasOwnProperty.call(old, node) && old[node] === w) continue;
      out.push({ field, node, valueJson: JSON.stringify(w.value), hlc: w.hlc, opId: w.opId, prev: w.prev ?? null });
    }
  }
  return out;
}
