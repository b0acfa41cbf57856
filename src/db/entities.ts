// How each synced entity maps between an op (entity, key, fields) and its Dexie row.
// Pure mapping only: never opens a transaction or touches the outbox.
import { ENTITY_KEY_SHAPES, type EntityName, type JsonValue } from '../domain/sync/op.ts';
import { KEY_SHAPES, buildKey, readKey } from '../domain/keys.ts';
import { canonicalJson } from '../domain/sync/merge.ts';
import type { XhtDb } from './db.ts';

type AnyRow = Record<string, unknown>;

interface EntitySpec {
  table: keyof XhtDb & string;
  /** Names of the row's key properties, in key order (the key's parts, src/domain/keys.ts). */
  keyProps: string[];
}

const SPECS: Record<EntityName, EntitySpec> = {
  commune: { table: 'communes', keyProps: ['code'] },
  village: { table: 'villages', keyProps: ['commune', 'code'] },
  villageCounts: { table: 'villageCounts', keyProps: ['commune', 'year', 'village'] },
  communeFigures: { table: 'communeFigures', keyProps: ['commune', 'year'] },
  answer: { table: 'answers', keyProps: ['commune', 'year', 'indicator'] },
  decision: { table: 'decisions', keyProps: ['commune', 'id'] },
  dossier: { table: 'dossiers', keyProps: ['commune', 'year'] },
};

/** Row properties that are local bookkeeping and never synced. */
const LOCAL_ONLY = new Set(['updatedAt']);

/** Dexie table name of an entity. */
export function tableOf(entity: EntityName): string {
  return SPECS[entity].table;
}

/** Op key of a row (`c/year/v`…). */
export function keyOfRow(entity: EntityName, row: AnyRow): string {
  const shape = ENTITY_KEY_SHAPES[entity];
  const props = SPECS[entity].keyProps;
  const parts: AnyRow = {};
  KEY_SHAPES[shape].forEach((p, i) => (parts[p] = row[props[i]!]));
  return buildKey(shape, parts);
}

/** The key properties of an op key, or null when the key does not fit the entity. */
export function parseKey(entity: EntityName, key: string): AnyRow | null {
  const shape = ENTITY_KEY_SHAPES[entity];
  const parts = readKey(shape, key);
  if (!parts) return null;
  const props = SPECS[entity].keyProps;
  const out: AnyRow = {};
  KEY_SHAPES[shape].forEach((p, i) => (out[props[i]!] = parts[p]));
  return out;
}

/** Dexie primary key value of an op key. */
export function dexieKey(entity: EntityName, key: string): string | number | (string | number)[] | null {
  const props = parseKey(entity, key);
  if (!props) return null;
  const spec = SPECS[entity];
  const values = spec.keyProps.map((p) => props[p] as string | number);
  return values.length === 1 ? values[0]! : values;
}

/** The synced fields of a row, flat. */
export function fieldsOfRow(entity: EntityName, row: object | undefined): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  if (!row) return out;
  const keyProps = new Set(SPECS[entity].keyProps);
  for (const [k, v] of Object.entries(row)) {
    if (keyProps.has(k) || LOCAL_ONLY.has(k) || v === undefined) continue;
    out[k] = (entity === 'dossier' && k === REASONS ? encodeReasons(v) : v) as JsonValue;
  }
  return out;
}

/** A new row object with `fields` applied to `row` (or to a fresh row made from the key). */
export function applyFieldsToRow(entity: EntityName, key: string, row: AnyRow | undefined, fields: Record<string, JsonValue>): AnyRow {
  const base: AnyRow = row ? structuredClone(row) : { ...parseKey(entity, key) };
  for (const [k, v] of Object.entries(fields)) base[k] = entity === 'dossier' && k === REASONS ? decodeReasons(v) : v;
  if (entity === 'answer') {
    if (base.met === undefined) base.met = null;
    if (!Array.isArray(base.evidence)) base.evidence = [];
  }
  return base;
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

// The dossier's reopen history travels as JSON text: dossier op fields are flat texts/flags on the
// wire (protocol.ts), while the row keeps the list the UI shows.
const REASONS = 'reopenReasons';
function encodeReasons(v: unknown): string | null {
  return Array.isArray(v) ? JSON.stringify(v) : typeof v === 'string' ? v : null;
}
function decodeReasons(v: unknown): { at: string; reason: string }[] {
  if (Array.isArray(v)) return v as { at: string; reason: string }[];
  if (typeof v !== 'string') return [];
  try {
    const parsed: unknown = JSON.parse(v);
    return Array.isArray(parsed) ? (parsed as { at: string; reason: string }[]) : [];
  } catch {
    return [];
  }
}
