// The pure plan of one batch: each new op merged, in order, into the state it would produce, and
// checked there against the year lock and the record rules (src/domain). Knows no database: the
// store hands it a reader of merged states and writes what it returns, or nothing at all.
import { mergeWriteInPlace, ownedCopy, stateId, valuesOf, type EntityState } from '../src/domain/sync/merge.ts';
import type { EntityName, JsonValue, Op } from '../src/domain/sync/op.ts';
import type { Problem } from '../src/domain/sync/protocol.ts';
import { freshProblems, hasRecordRules, recordProblems } from '../src/domain/schemas/record-rules.ts';
import { formatPath } from '../src/domain/schemas/problems.ts';
import { LOCK_ENTITY, lockKeyOf, lockRefusal } from '../src/domain/sync/year-lock.ts';
import { REVIEW_RULED, reviewRefusal, type Writer } from './review-rules.ts';

/** One entity/key as the plan holds it: the merged state and the record problems it has. */
export interface PlannedState {
  entity: EntityName;
  key: string;
  state: EntityState | undefined;
  problems: Problem[];
  /** Whether an op of this plan changed it (only those are written). */
  touched: boolean;
}

export type Plan =
  | { kind: 'ok'; states: Map<string, PlannedState> }
  /** An op leaves a record breaking a rule: refused whole (400). */
  | { kind: 'invalid'; problems: Problem[] }
  /** An op changes a locked year: refused whole (409 year-locked). */
  | { kind: 'locked'; problems: Problem[] };


/** `ops[i].…` of a problem (a module function: a closure per op costs under tsx). */
const opPath = (index: number, ...p: (string | number)[]) => formatPath(['ops', index, ...p]);

/** The id of an entity/key in the plan's maps. */
export { stateId };

/**
 * Plans `ops` (the batch's new ops, with their index in the batch for the paths) on top of
 * `states`, which it extends and updates in place only when the plan is ok; `read` gives the
 * stored state of an entity/key not in `states` yet. Several batches can be planned one after the
 * other on one `states` (a group commit): each sees the ones before it.
 */
export function planBatch(
  ops: readonly { op: Op; index: number }[],
  states: Map<string, PlannedState>,
  read: (entity: EntityName, key: string) => EntityState | undefined,
  /** Who sends the batch (the review's rules need the role and the person); absent for the server's own writers. */
  who?: Writer,
): Plan {
  // Work on a copy-on-write view so a refused batch leaves `states` as it was. Each record changed
  // here keeps its current values beside its state (for the record rules).
  const local = new Map<string, PlannedState & { values?: Record<string, JsonValue> }>();
  const get = (entity: EntityName, key: string): PlannedState => {
    const id = stateId(entity, key);
    let s = local.get(id) ?? states.get(id);
    if (!s) {
      const state = read(entity, key);
      s = { entity, key, state, problems: state && hasRecordRules(entity) ? recordProblems(entity, key, valuesOf(state)) : [], touched: false };
      states.set(id, s); // a read, not a change: safe to keep even when the plan fails
    }
    return s;
  };
  // The dossier values each year's lock is read from, once per batch (again after a dossier op).
  const dossiers = new Map<string, Record<string, JsonValue> | undefined>();
  const dossierOf = (lockKey: string) => {
    if (!dossiers.has(lockKey)) {
      const st = get(LOCK_ENTITY, lockKey).state;
      dossiers.set(lockKey, st ? valuesOf(st) : undefined);
    }
    return dossiers.get(lockKey);
  };
  const invalid: Problem[] = [];
  const locked: Problem[] = [];
  for (const { op, index } of ops) {
    const lockKey = lockKeyOf(op.entity, op.key);
    if (lockKey !== null) {
      const why = lockRefusal(op.entity, op.key, op.fields, dossierOf(lockKey));
      if (why) {
        locked.push({ opId: op.opId, path: why.field ? opPath(index, 'fields', why.field) : opPath(index, 'key'), code: why.code, params: why.params });
        continue;
      }
      if (op.entity === LOCK_ENTITY) dossiers.delete(lockKey);
    }
    const id = stateId(op.entity, op.key);
    const mine = local.get(id);
    // The first op of a record in this plan works on a copy of its state (what `states` holds is
    // never changed); the ones after it change that copy in place.
    const cur = mine ?? get(op.entity, op.key);
    if (REVIEW_RULED.has(op.entity)) {
      const values = (entity: EntityName, key: string) => {
        const st = get(entity, key).state;
        return st ? valuesOf(st) : undefined;
      };
      const why = reviewRefusal(op, cur.state ? valuesOf(cur.state) : undefined, values, who);
      if (why) {
        invalid.push({ opId: op.opId, path: why.field ? `${opPath(index, 'fields')}.${why.field}` : opPath(index, 'key'), code: why.code, ...(why.params ? { params: why.params } : {}) });
        continue;
      }
    }
    const state = mine ? mine.state! : ownedCopy(cur.state);
    const changed = mergeWriteInPlace(state, op);
    let problems = cur.problems;
    let values = mine?.values;
    if (changed.length && hasRecordRules(op.entity)) {
      // The record's values after this op: a changed field's value is now this op's (it won), so
      // the values of the op before are updated in place; made whole only for a record's first
      // change in the plan, or a field it did not have (valuesOf orders the fields).
      if (values && changed.every((f) => f in values!)) for (const f of changed) values[f] = op.fields[f]!;
      else values = valuesOf(state);
      problems = recordProblems(op.entity, op.key, values);
      const fresh = freshProblems(cur.problems, problems, new Set(Object.keys(op.fields)));
      for (const p of fresh) invalid.push({ opId: op.opId, path: `${opPath(index, 'fields')}.${p.path}`, code: p.code, ...(p.params ? { params: p.params } : {}) });
    }
    if (mine) {
      mine.problems = problems;
      mine.values = values;
    } else local.set(id, { entity: op.entity, key: op.key, state, problems, touched: true, values });
  }
  if (locked.length) return { kind: 'locked', problems: locked };
  if (invalid.length) return { kind: 'invalid', problems: invalid };
  for (const [id, s] of local) states.set(id, s);
  return { kind: 'ok', states };
}
