// How each synced entity maps between an op (entity, key, fields) and its Dexie row.
// Pure mapping only: never opens a transaction or touches the outbox.
import type { EntityName, JsonValue } from '../domain/sync/op.ts';
import { canonicalJson } from '../domain/sync/merge.ts';
import type { XhtDb } from './db.ts';

type AnyRow = Record<string, unknown>;

interface EntitySpec {
  table: keyof XhtDb & string;
  /** Names of the row's key properties, in key order. */
  keyProps: string[];
  /** Which key segments are numbers (years). */
  numeric: boolean[];
}

const SPECS: Record<EntityName, EntitySpec> = {
  commune: { table: 'communes', keyProps: ['code'], numeric: [false] },
  village: { table: 'villages', keyProps: ['commune', 'code'], numeric: [false, false] },
  villageCounts: { table: 'villageCounts', keyProps: ['commune', 'year', 'village'], numeric: [false, true, false] },
  communeFigures: { table: 'communeFigures', keyProps: ['commune', 'year'], numeric: [false, true] },
  answer: { table: 'answers', keyProps: ['commune', 'year', 'indicator'], numeric: [false, true, false] },
  decision: { table: 'decisions', keyProps: ['commune', 'id'], numeric: [false, false] },
  dossier: { table: 'dossiers', keyProps: ['commune', 'year'], numeric: [false, true] },
};

/** Row properties that are local bookkeeping and never synced. */
const LOCAL_ONLY = new Set(['updatedAt']);

/** Dexie table name of an entity. */
export function tableOf(entity: EntityName): string {
  return SPECS[entity].table;
}

/** Op key of a row (`c/year/v`…). */
export function keyOfRow(entity: EntityName, row: AnyRow): string {
  return SPECS[entity].keyProps.map((p) => String(row[p])).join('/');
}

/** The key properties of an op key, or null when the key does not fit the entity. */
export function parseKey(entity: EntityName, key: string): AnyRow | null {
  const spec = SPECS[entity];
  const parts = key.split('/');
  if (parts.length !== spec.keyProps.length || parts.some((p) => p === '')) return null;
  const out: AnyRow = {};
  for (let i = 0; i < parts.length; i++) {
    const raw = parts[i]!;
    if (spec.numeric[i]) {
      if (!/^\d{4}$/.test(raw)) return null;
      out[spec.keyProps[i]!] = Number(raw);
    } else out[spec.keyProps[i]!] = raw;
  }
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
