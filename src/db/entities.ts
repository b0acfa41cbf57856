// How each synced entity maps between an op (entity, key, fields) and its Dexie row, as its
// registry entry declares it (src/domain/entities: table, key properties, defaults, JSON fields,
// the local stamp). Pure mapping only: never opens a transaction or touches the outbox.
import type { EntityName, JsonValue } from '../domain/sync/op.ts';
import type { TableDef } from '../domain/entities/define.ts';
import { ENTITY_SHAPES } from '../domain/entities/shapes.ts';
import { KEY_SHAPES, buildKey, readKey } from '../domain/keys.ts';
import { canonicalJson } from '../domain/sync/merge.ts';

type AnyRow = Record<string, unknown>;

const tableDef = (entity: EntityName): TableDef => ENTITY_SHAPES[entity].table;
const shapeOf = (entity: EntityName) => ENTITY_SHAPES[entity].key;

/** Dexie table name of an entity. */
export function tableOf(entity: EntityName): string {
  return tableDef(entity).name;
}

/** The Dexie store declaration of an entity's table (its key properties, then its indexes). */
export function storeOf(entity: EntityName): string {
  const { keyProps, indexes } = tableDef(entity);
  const pk = keyProps.length === 1 ? keyProps[0]! : `[${keyProps.join('+')}]`;
  return [pk, ...indexes].join(', ');
}

/** Op key of a row (`c/year/v`…). */
export function keyOfRow(entity: EntityName, row: AnyRow): string {
  const props = tableDef(entity).keyProps;
  const parts: AnyRow = {};
  KEY_SHAPES[shapeOf(entity)].forEach((p, i) => (parts[p] = row[props[i]!]));
  return buildKey(shapeOf(entity), parts);
}

/**
 * A row as a file of an older release holds it, with the key properties this one reads: a commune's
 * or village's row from before stable ids has no `id`, its code being its id (the registry's
 * keyDefaults, read backwards). Rows that have their key properties come back unchanged.
 */
export function rowOfAnyRelease(entity: EntityName, row: AnyRow): AnyRow {
  const t = tableDef(entity);
  let out = row;
  for (const [field, prop] of Object.entries(t.keyDefaults ?? {})) {
    if (out[prop] === undefined && out[field] !== undefined) out = { ...out, [prop]: out[field] };
  }
  return out;
}

/** The key properties of an op key, or null when the key does not fit the entity. */
export function parseKey(entity: EntityName, key: string): AnyRow | null {
  const parts = readKey(shapeOf(entity), key) as Record<string, unknown> | null;
  if (!parts) return null;
  const props = tableDef(entity).keyProps;
  const out: AnyRow = {};
  KEY_SHAPES[shapeOf(entity)].forEach((p, i) => (out[props[i]!] = parts[p]));
  return out;
}

/** Dexie primary key value of an op key. */
export function dexieKey(entity: EntityName, key: string): string | number | (string | number)[] | null {
  const props = parseKey(entity, key);
  if (!props) return null;
  const values = tableDef(entity).keyProps.map((p) => props[p] as string | number);
  return values.length === 1 ? values[0]! : values;
}

/** The synced fields of a row, flat (key properties and the local stamp left out). */
export function fieldsOfRow(entity: EntityName, row: object | undefined): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  if (!row) return out;
  const t = tableDef(entity);
  const skip = new Set([...t.keyProps, ...LOCAL_ONLY]);
  for (const [k, v] of Object.entries(row)) {
    if (skip.has(k) || v === undefined) continue;
    out[k] = (t.jsonFields?.includes(k) ? encodeJson(v) : v) as JsonValue;
  }
  return out;
}

/**
 * The fields a row holds as an edit sees them: its synced fields, and for a row not yet stored the
 * fields its key gives (a village's code and commune), so saving what the key already says is no change.
 */
export function currentFields(entity: EntityName, key: string, row: AnyRow | undefined): Record<string, JsonValue> {
  return fieldsOfRow(entity, row ?? withKeyDefaults(tableDef(entity), { ...parseKey(entity, key) }));
}

/** A new row object with `fields` applied to `row` (or to a fresh row made from the key). */
export function applyFieldsToRow(entity: EntityName, key: string, row: AnyRow | undefined, fields: Record<string, JsonValue>): AnyRow {
  const t = tableDef(entity);
  const base: AnyRow = row ? structuredClone(row) : { ...parseKey(entity, key) };
  for (const [k, v] of Object.entries(fields)) base[k] = t.jsonFields?.includes(k) ? decodeJsonList(v) : v;
  for (const [k, v] of Object.entries(t.defaults ?? {})) {
    if (base[k] === undefined || (Array.isArray(v) && !Array.isArray(base[k]))) base[k] = structuredClone(v);
  }
  return withKeyDefaults(t, base);
}

/** The fields that hold a key property's value until written (a village's code and commune). */
function withKeyDefaults(t: TableDef, row: AnyRow): AnyRow {
  for (const [field, prop] of Object.entries(t.keyDefaults ?? {})) if (row[field] === undefined) row[field] = row[prop];
  return row;
}

/** The local-only row property set to the newest merged write's time, if the entity has one. */
export function stampedAtOf(entity: EntityName): string | undefined {
  return tableDef(entity).stampedAt;
}

/** Same JSON value (object key order ignored); absent and null are the same "no value". */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if ((a === undefined || a === null) && (b === undefined || b === null)) return true;
  return canonicalJson(a) === canonicalJson(b);
}

/** The fields of `next` that differ from `current` (null for cleared ones present in next). */
export function changedFields(current: Record<string, JsonValue>, next: Record<string, JsonValue | undefined>): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (const [k, v] of Object.entries(next)) {
    if (v === undefined) continue;
    if (!sameValue(current[k], v)) out[k] = v;
  }
  return out;
}

/** Local-only bookkeeping rows may carry (the entries' `stampedAt`), never synced. */
const LOCAL_ONLY: ReadonlySet<string> = new Set(Object.values(ENTITY_SHAPES).flatMap((d): string[] => ('stampedAt' in d.table && d.table.stampedAt ? [d.table.stampedAt] : [])));

// JSON fields (the dossier's reopen history) travel as JSON text: the wire's fields are flat
// texts/flags, while the row keeps the list the UI shows.
function encodeJson(v: unknown): string | null {
  return Array.isArray(v) ? JSON.stringify(v) : typeof v === 'string' ? v : null;
}
function decodeJsonList(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (typeof v !== 'string') return [];
  try {
    const parsed: unknown = JSON.parse(v);
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}
