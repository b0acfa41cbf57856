// Enrolment meets a commune set up on the phone: the first-run screen makes the commune with its
// typed code as its id, while the admin CLI gives a server's new commune a fresh id. When the phone's
// commune has the server's code and has never synced, everything recorded under it moves onto the
// server's id in ONE transaction — its row, its villages (a village whose code the server lists
// takes the server's id), every row, merge state, conflict and unsent op under its keys — so nothing
// typed is lost and every unsent op is then the server commune's. Keys are read and built by
// src/domain/keys.ts only. Anything else (another code, a commune already synced) is refused here,
// changing nothing; the caller words the refusal. The demo commune (Dữ liệu mẫu) is nobody's
// figures: a phone holding it enrols for its real commune, the sample kept on the phone, unsent.
import { ENTITY_NAMES, ENTITY_DEFS } from '../domain/entities/index.ts';
import { buildKey, communeOfKey, readKey } from '../domain/keys.ts';
import type { EntityName, JsonValue } from '../domain/sync/op.ts';
import type { EntityState } from '../domain/sync/merge.ts';
import type { RepoContext } from './context.ts';
import type { CommuneRow, ConflictRow, OutboxRow, StampRow } from './db.ts';
import { dexieKey, keyOfRow, parseKey } from './entities.ts';

/** The server's commune as the enrolment answer names it: id, code and its villages' ids and codes. */
export interface ServerCommune {
  id: string;
  code: string;
  villages: { id: string; code: string }[];
}

/** What adoptServerCommune did, or why it refused (nothing changed then). */
export type AdoptResult =
  | { kind: 'same' }
  | { kind: 'moved'; from: string }
  | { kind: 'otherCode'; local: string; server: string }
  | { kind: 'synced'; local: string }
  /** The phone held the demo commune, unsent: kept on the phone, its edits no longer waiting to go. */
  | { kind: 'demoSetAside'; local: string; name: string };

/** The field of a village that names a commune id (its commune now). */
const COMMUNE_FIELD = 'inCommune';

/**
 * Makes the phone's current commune the server's `target`: nothing to do when it already is one
 * (or the phone has none); moved onto the server's id when the codes agree and it never synced;
 * refused when it did, or when its code is another and ops typed under it are still unsent.
 * One transaction: a tab killed midway leaves the old state whole.
 */
export async function adoptServerCommune(ctx: RepoContext, target: ServerCommune): Promise<AdoptResult> {
  const { db } = ctx;
  return ctx.rw(async () => {
    const current = await ctx.getMeta<string>('currentCommune');
    const local = current ? await db.communes.get(current) : undefined;
    if (!local || local.id === target.id || (await db.communes.get(target.id))) return { kind: 'same' };
    if (local.code !== target.code) {
      // Refused only while something typed under it is unsent: a phone whose commune is all sent
      // (a cadre moved to another commune) enrols as before.
      const unsent = db.outbox.filter((r) => communeOfKey(r.op.key) === local.id);
      if (!(await unsent.count())) return { kind: 'same' };
      if ((await ctx.getMeta<string>('demoCommune')) === local.id) {
        await unsent.delete();
        return { kind: 'demoSetAside', local: local.id, name: local.name };
      }
      return { kind: 'otherCode', local: local.code, server: target.code };
    }
    // Enrolled with this commune before (any server): its records are already that server's.
    if ((await ctx.getMeta<string>('enrolledCommune')) === local.id) return { kind: 'synced', local: local.code };
    await move(ctx, local, target);
    return { kind: 'moved', from: local.id };
  });
}

/** Moves every record under commune `local.id` onto `target` (inside the caller's transaction). */
async function move(ctx: RepoContext, local: CommuneRow, target: ServerCommune): Promise<void> {
  const { db } = ctx;
  const from = local.id;
  const serverVillage = new Map(target.villages.map((v) => [v.code, v.id]));
  const villageIds = new Map<string, string>();
  for (const v of await db.villages.where('commune').equals(from).toArray()) {
    const id = serverVillage.get(v.code);
    if (id && id !== v.id) villageIds.set(v.id, id);
  }
  const mapKey = (entity: EntityName, key: string): string => {
    if (communeOfKey(key) !== from) return key;
    const shape = ENTITY_DEFS[entity].key;
    const parts = readKey(shape, key);
    if (!parts) return key;
    const next: Record<string, unknown> = { ...parts, commune: target.id };
    if (parts.village !== undefined) next.village = villageIds.get(parts.village) ?? parts.village;
    return buildKey(shape, next);
  };
  const mapValue = (field: string, value: unknown): unknown => (field === COMMUNE_FIELD && value === from ? target.id : value);

  for (const entity of ENTITY_NAMES) {
    const table = ctx.tbl(entity);
    const moved: Record<string, unknown>[] = [];
    const gone: unknown[] = [];
    for (const row of await table.toArray()) {
      const key = keyOfRow(entity, row);
      const next = mapKey(entity, key);
      const fieldMoves = COMMUNE_FIELD in row && row[COMMUNE_FIELD] === from;
      if (next === key && !fieldMoves) continue;
      const out: Record<string, unknown> = { ...row, ...parseKey(entity, next) };
      if (fieldMoves) out[COMMUNE_FIELD] = target.id;
      if (next !== key) gone.push(dexieKey(entity, key));
      moved.push(out);
    }
    await table.bulkDelete(gone);
    await table.bulkPut(moved);
  }

  const stamps = (await db.stamps.toArray()).filter((s) => mapKey(s.entity, s.key) !== s.key || COMMUNE_FIELD in s.state);
  await db.stamps.bulkDelete(stamps.map((s) => [s.entity, s.key] as [string, string]));
  await db.stamps.bulkPut(stamps.map((s): StampRow => ({ ...s, key: mapKey(s.entity, s.key), state: mapState(s.state, mapValue) })));

  const conflicts = (await db.conflicts.toArray()).filter((c) => mapKey(c.entity, c.key) !== c.key || c.field === COMMUNE_FIELD);
  await db.conflicts.bulkPut(conflicts.map((c): ConflictRow => ({
    ...c, key: mapKey(c.entity, c.key), localValue: mapValue(c.field, c.localValue), remoteValue: mapValue(c.field, c.remoteValue),
  })));

  const queued = (await db.outbox.toArray()).filter((r) => mapKey(r.op.entity, r.op.key) !== r.op.key || r.op.fields[COMMUNE_FIELD] === from);
  await db.outbox.bulkPut(queued.map((r): OutboxRow => {
    const key = mapKey(r.op.entity, r.op.key);
    const fields: Record<string, JsonValue> = {};
    for (const [f, v] of Object.entries(r.op.fields)) fields[f] = mapValue(f, v) as JsonValue;
    // A field the old key gave (a code typed as the id) is written out, since the new key no
    // longer gives it: the server and every other phone then learn the code.
    const was = parseKey(r.op.entity, r.op.key) ?? {};
    const now = parseKey(r.op.entity, key) ?? {};
    for (const [field, prop] of Object.entries(ENTITY_DEFS[r.op.entity].table.keyDefaults ?? {})) {
      if (fields[field] === undefined && was[prop] !== now[prop]) fields[field] = mapValue(field, was[prop]) as JsonValue;
    }
    return { ...r, op: { ...r.op, key, fields } };
  }));

  await ctx.setMeta('currentCommune', target.id);
}


/** A merge state with every written value of `field` passed through `mapValue`. */
function mapState(state: EntityState, mapValue: (field: string, value: unknown) => unknown): EntityState {
  const out: EntityState = {};
  for (const [field, writes] of Object.entries(state)) {
    out[field] = {};
    for (const [node, w] of Object.entries(writes)) out[field]![node] = { ...w, value: mapValue(field, w.value) as JsonValue };
  }
  return out;
}

