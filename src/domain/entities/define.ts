// What an entity entry declares, in plain data: its key, fields, record rules, scope, writers, year
// lock and Dexie table. Everything else derives from the entries (index.ts lists them): op kinds,
// the wire's field schemas (schemas.ts builds the valibot schemas, loaded on demand), the phone's
// tables and codecs, export/import, the access policy and the screens' names. Data only, no
// valibot. The first load reads the entries' shapes alone (shapes.ts), never an entry.
import type { Text } from '../catalog/types.ts';
import type { KeyShape } from '../keys.ts';
import type { Role } from '../sync/protocol.ts';

/** Who an entity belongs to: a province, a commune, or one village of a commune. */
export type Scope = 'province' | 'commune' | 'village';

/**
 * How one field's value is checked; schemas.ts turns each kind into its valibot schema with the
 * glossary label named by `label` (a key of the label tables, src/domain/schemas/labels.ts).
 */
export type FieldKind =
  /** Số nguyên ≥ 0. */
  | 'count'
  /** Có / không. */
  | 'flag'
  /** A standard level 0…max. */
  | 'level'
  /** Mức độ 1 or 2. */
  | 'levelNo'
  /** A short text on one line (a name, a number of a document). */
  | 'name'
  /** A short text that may not be blank. */
  | 'requiredName'
  /** A note of a few paragraphs. */
  | 'note'
  /** YYYY-MM-DD, a real date. */
  | 'date'
  /** MM-DD, a day of the year. */
  | 'dayOfYear'
  /** Đạt / Chưa đạt / chưa có dữ liệu (null). */
  | 'met'
  /** Minh chứng: a list of { number, date, issuer, title, note }. */
  | 'evidence'
  /** One of the entry's `choices` (a code: a dossier state, a verdict, an outcome). */
  | 'choice'
  /** A moment as an ISO date-time in UTC (`2026-03-01T08:30:00.000Z`). */
  | 'instant'
  /** A SHA-256 digest, 64 lower-case hex digits. */
  | 'hash'
  /** A dossier as sent: the readiness input, the engine's output of it, the request, the papers' texts. */
  | 'snapshot'
  /** The council's members: { name, position, organisation, role }. */
  | 'members'
  /** How the council appraised: { kind: 'meeting' | 'written', date, … }. */
  | 'appraisal'
  /** An office: { name, headerName, parent, abbr, draftingUnit, signerAuthority, signerTitle, signerName }. */
  | 'office'
  /** A paper's number and date ({ number, date }, an issuer where it has one). */
  | 'paperRef'
  /** A list of commune ids (the communes of a difficult area). */
  | 'codes'
  /** An administrative code (Mã xã, Mã thôn) or an id: letters without marks, digits, . _ - (≤ 32). */
  | 'code'
  /** A file's SHA-256, 64 lowercase hex digits. */
  | 'sha256'
  /** A stored file's type: image/jpeg or application/pdf. */
  | 'fileType'
  /** A stored file's size in bytes, 1 … the evidence cap. */
  | 'fileSize';

export interface FieldDef {
  kind: FieldKind;
  /** Key of the field's glossary label (the field's own name when absent). */
  label?: string;
  /** Highest value of a `level`. */
  max?: number;
  /** The codes a `choice` takes. */
  choices?: readonly string[];
  /** False when an edit may not clear the field (no null): a name, a decision's level and date. */
  clearable: boolean;
}

/** The cross-field rules of a whole record, by kind (src/domain/schemas/record-rules.ts runs them). */
export type RecordRule =
  /** Each count ≤ the nearest present count before it in the chain (the glossary's "≤"). */
  | { kind: 'chains'; chains: readonly (readonly string[])[] }
  /** The answer of the indicator its key names: an amount only where that indicator carries one. */
  | { kind: 'indicatorAnswer' }
  /** Each named field holds a value (a record written whole, once; a file's hash, type and size). */
  | { kind: 'required'; fields: readonly string[] }
  /**
   * A title of the register: a level, a number and a date when recognised, reasons when not, and
   * `validUntil` 31/12 of the decision's year + 3 (Điều 5.4).
   */
  | { kind: 'register' }
  /** Exactly one of these fields holds a value (an attachment's indicator or decision). */
  | { kind: 'exactlyOne'; fields: readonly string[] }
  /** This field, when set, names an indicator of the default catalog. */
  | { kind: 'indicatorRef'; field: string };

/** How the phone's IndexedDB keeps an entity (src/db/entities.ts maps rows and ops by it). */
export interface TableDef {
  /** Dexie table name. */
  name: string;
  /** The row's key properties, one per part of the key shape, in key order. */
  keyProps: readonly string[];
  /** Secondary indexes (Dexie syntax). */
  indexes: readonly string[];
  /** Values a fresh row starts with (an answer's `met: null` and empty evidence). */
  defaults?: Readonly<Record<string, unknown>>;
  /**
   * Fields that, until written, hold the value of one of the row's key properties: a commune's or
   * village's `code` is its id (records from before stable ids keep their code as their id), a
   * village's `inCommune` the commune of its key. So an op of a phone not yet upgraded, which
   * carries neither, still makes a whole row.
   */
  keyDefaults?: Readonly<Record<string, string>>;
  /** Fields that travel as JSON text but are kept parsed in the row (the dossier's reopen reasons). */
  jsonFields?: readonly string[];
  /** Local-only row property set to the wall time of the newest write merged (never synced). */
  stampedAt?: string;
}

export interface EntityDef<N extends string = string> {
  name: N;
  /** How a screen names a record of it (the sync screen, refusals). */
  label: Text;
  /** How the field schemas' messages name a record of it, when not `label`. */
  recordLabel?: Text;
  key: KeyShape;
  scope: Scope;
  /** Roles whose devices may write it (the access policy narrows by scope and year lock). */
  writers: readonly Role[];
  /**
   * The year lock: `frozen` — a locked year takes no edit of it; `lock` — it holds the lock
   * (the dossier), so only the lock act may change it while locked.
   */
  yearLock?: 'frozen' | 'lock';
  /** Its fields, in the order the schemas output them (the op hash sees that order). */
  fields: Readonly<Record<string, FieldDef>>;
  /**
   * Open fields besides `fields`: any name of letters and digits, holding a paragraph, a flag,
   * a whole number or null (the dossier's texts, which the dossier module names). Sorted on the
   * wire, so equal edits hash alike.
   */
  openFields?: true;
  rules?: readonly RecordRule[];
  /**
   * Written once, never changed: an op on a key that exists is refused (a dossier as sent, a
   * change of its state). Two devices that write the same new key race; the second is refused.
   */
  immutable?: true;
  /** Which indicators a key's indicator part may name: the yes/no ones (answers, the default) or all. */
  indicators?: 'all';
  table: TableDef;
}

/** An entry, checked by the compiler and kept literal. */
/* @__NO_SIDE_EFFECTS__ */
export function defineEntity<const N extends string>(def: EntityDef<N>): EntityDef<N> {
  return def;
}

// Field builders, so an entry reads like the glossary: `households: count()`.
/* @__NO_SIDE_EFFECTS__ */
const field = (kind: FieldKind, label?: string, clearable = true, max?: number, choices?: readonly string[]): FieldDef =>
  ({ kind, clearable, ...(label ? { label } : {}), ...(max !== undefined ? { max } : {}), ...(choices ? { choices } : {}) });

export const count = (label?: string): FieldDef => field('count', label);
export const flag = (label?: string): FieldDef => field('flag', label);
export const level = (max: number, label?: string): FieldDef => field('level', label, true, max);
export const name = (label?: string): FieldDef => field('name', label);
export const note = (label?: string): FieldDef => field('note', label);
export const dayOfYear = (label?: string): FieldDef => field('dayOfYear', label);
export const evidence = (label?: string): FieldDef => field('evidence', label);
export const date = (label?: string): FieldDef => field('date', label);
export const paperRef = (label?: string): FieldDef => field('paperRef', label);
/** One of `choices`; `clearable` false when an edit may not clear it. */
export const choice = (choices: readonly string[], label?: string, clearable = true): FieldDef => field('choice', label, clearable, undefined, choices);
/** An administrative code or an id, never cleared. */
export const code = (label?: string): FieldDef => field('code', label, false);
/** A field an edit may set but never clear. */
export const kept = (kind: FieldKind, label?: string): FieldDef => field(kind, label, false);
