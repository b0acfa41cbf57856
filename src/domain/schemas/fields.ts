// The valibot schema of one op's `fields` for each entity, built from its registry entry
// (src/domain/entities): each declared field by its kind and glossary label, every one optional,
// `null` clearing those an edit may clear, no unknown key; an entity with open fields takes the
// dossier's names and values. Plus the fast path the server takes for the plainest entities.
// Lazy (valibot): the first-load path never imports it.
import * as v from 'valibot';
import { ENTITY_DEFS, type EntityName, type FieldDef } from '../entities/index.ts';
import {
  boolSchema, codeSchema, countSchema, dateSchema, dayOfYearSchema, evidenceList, fileSizeSchema, fileTypeSchema, levelNoSchema, sha256Schema, levelSchema, metSchema, nonEmptyText, strict,
} from './blocks.ts';
import { LABELS, type LabelKey, type LabelName } from './labels.ts';
import { appraisalSchema, choiceSchema, codesSchema, hashSchema, instantSchema, membersSchema, officeSchema, paperRefSchema, snapshotSchema } from './review.ts';
import { msg } from './problems.ts';
import { MAX_PARAGRAPH_LENGTH, nameText, noteText, textField } from './text.ts';

/** The key of a field's glossary label (its messages name it by key). */
export function fieldLabel(name: string, f: FieldDef): LabelKey {
  const key = f.label ?? name;
  if (!Object.prototype.hasOwnProperty.call(LABELS, key)) throw new Error(`no glossary label "${key}" for field ${name}`);
  return key as LabelKey;
}

/** The schema of a number or flag kind (count, flag, level), or null for another kind. */
/* @__NO_SIDE_EFFECTS__ */
function numericSchema(f: FieldDef, label: LabelKey): v.GenericSchema | null {
  switch (f.kind) {
    case 'count': return countSchema(label);
    case 'flag': return boolSchema(label);
    case 'level': return levelSchema(label, f.max ?? 0);
    default: return null;
  }
}

/** The schema of one value of any field kind. */
/* @__NO_SIDE_EFFECTS__ */
function valueSchema(f: FieldDef, label: LabelKey): v.GenericSchema {
  switch (f.kind) {
    case 'levelNo': return levelNoSchema;
    case 'name': return nameText(label);
    case 'requiredName': return nonEmptyText(label);
    case 'note': return noteText(label);
    case 'date': return dateSchema(label);
    case 'dayOfYear': return dayOfYearSchema(label);
    case 'met': return metSchema;
    case 'evidence': return evidenceList;
    case 'choice': return choiceSchema(label, f.choices ?? []);
    case 'instant': return instantSchema(label);
    case 'hash': return hashSchema(label);
    case 'snapshot': return snapshotSchema();
    case 'members': return membersSchema;
    case 'appraisal': return appraisalSchema;
    case 'office': return officeSchema(label);
    case 'paperRef': return paperRefSchema(label);
    case 'codes': return codesSchema(label);
    case 'code': return codeSchema(label);
    case 'sha256': return sha256Schema(label);
    case 'fileType': return fileTypeSchema(label);
    case 'fileSize': return fileSizeSchema(label);
    default: return numericSchema(f, label)!;
  }
}

/** Whether every field of an entity is a number or a flag (its schemas need no text rules). */
export function isNumericEntity(entity: EntityName): boolean {
  const def = ENTITY_DEFS[entity];
  return !('openFields' in def) && Object.values(def.fields).every((f) => f.kind === 'count' || f.kind === 'flag' || f.kind === 'level');
}

/** The entries of an entity's declared fields, in its order: optional, nullish where clearable. */
/* @__NO_SIDE_EFFECTS__ */
export function fieldEntries(entity: EntityName): Record<string, v.GenericSchema> {
  if (isNumericEntity(entity)) return numericFieldEntries(entity);
  const out: Record<string, v.GenericSchema> = {};
  for (const [name, f] of Object.entries(ENTITY_DEFS[entity].fields)) {
    const s = valueSchema(f, fieldLabel(name, f));
    out[name] = f.clearable ? v.nullish(s) : v.optional(s);
  }
  return out;
}

/**
 * fieldEntries of an entity of numbers and flags, built without the text kinds: the sheet
 * reader's worker checks only counts and so carries none of the text rules. Throws for another.
 */
/* @__NO_SIDE_EFFECTS__ */
export function numericFieldEntries(entity: EntityName): Record<string, v.GenericSchema> {
  const out: Record<string, v.GenericSchema> = {};
  for (const [name, f] of Object.entries(ENTITY_DEFS[entity].fields)) {
    const s = numericSchema(f, fieldLabel(name, f));
    if (!s) throw new Error(`${entity}.${name} is not a number or a flag`);
    out[name] = f.clearable ? v.nullish(s) : v.optional(s);
  }
  return out;
}

/** The op-fields schema of an entity of numbers and flags (the same opFieldsSchema gives it). */
export function numericFieldsSchema(entity: EntityName): v.GenericSchema<unknown> {
  let s = built.get(entity);
  if (!s) {
    built.set(entity, (s = strict(numericFieldEntries(entity), { label: entity }, fieldLabels(entity)) as v.GenericSchema<unknown>));
  }
  return s;
}

const built = new Map<EntityName, v.GenericSchema<unknown>>();

/** The labels of an entity's declared fields, by name (for "Thiếu …" messages). */
export function fieldLabels(entity: EntityName): Record<string, LabelName> {
  const out: Record<string, LabelName> = {};
  for (const [name, f] of Object.entries(ENTITY_DEFS[entity].fields)) out[name] = fieldLabel(name, f);
  return out;
}

// The open fields of an entity (the dossier's): names of letters and digits, a paragraph, a flag,
// a whole number or null.
/* @__NO_SIDE_EFFECTS__ */
function openFieldsSchema(): v.GenericSchema<unknown> {
  const text = textField('dossierParagraph', { max: MAX_PARAGRAPH_LENGTH, multiline: true });
  return v.record(
    v.pipe(v.string(), v.regex(/^[A-Za-z][A-Za-z0-9]{0,63}$/, msg('pb.dossierFieldName'))),
    v.union([text, v.boolean(), v.null(), v.pipe(v.number(), v.safeInteger())], msg('pb.dossierFieldValue')),
  ) as v.GenericSchema<unknown>;
}

/** The schema of one op's `fields` of an entity (made once per entity). */
/* @__NO_SIDE_EFFECTS__ */
function buildFieldsSchema(entity: EntityName): v.GenericSchema<unknown> {
  const def = ENTITY_DEFS[entity];
  if ('openFields' in def && def.openFields) return openFieldsSchema();
  if (isNumericEntity(entity)) return numericFieldsSchema(entity);
  return strict(fieldEntries(entity), { label: entity }, fieldLabels(entity)) as v.GenericSchema<unknown>;
}

/** The schema of one op's `fields` for an entity: only its fields, each optional. */
export function opFieldsSchema(entity: EntityName): v.GenericSchema<unknown> {
  let s = built.get(entity);
  if (!s) built.set(entity, (s = buildFieldsSchema(entity)));
  return s;
}

/**
 * The schema's output for the shape nearly every edit of an entity whose fields are all counts
 * and flags has — each a count (a safe integer ≥ 0), a flag or null, no other key — made without
 * valibot's machinery (the server parses every op of every batch); undefined for anything else,
 * which the schema itself then judges, with its messages. Null for an entity with other kinds.
 * A property test holds it equal to the schema.
 */
export function fastFieldsOf(entity: EntityName): ((fields: unknown) => Record<string, number | boolean | null> | undefined) | null {
  const def = ENTITY_DEFS[entity];
  const kinds = Object.entries(def.fields).map(([name, f]) => [name, f.kind, f.clearable] as const);
  if ('openFields' in def || kinds.length === 0 || kinds.some(([, k, c]) => (k !== 'count' && k !== 'flag') || !c)) return null;
  return (fields) => {
    if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) return undefined;
    const input = fields as Record<string, unknown>;
    const out: Record<string, number | boolean | null> = {};
    let n = 0;
    for (const [k, kind] of kinds) {
      if (!Object.prototype.hasOwnProperty.call(input, k)) continue;
      const x = input[k];
      if (x === null) out[k] = null;
      else if (kind === 'flag' ? typeof x === 'boolean' : typeof x === 'number' && Number.isSafeInteger(x) && x >= 0) out[k] = x as number | boolean;
      else return undefined;
      n++;
    }
    return n === Object.keys(input).length ? out : undefined;
  };
}
