// The rules of a whole record as its registry entry declares them (the "≤" chains of the glossary,
// an amount only where the indicator carries one), checked on the merged values an edit would
// leave, and which of their problems the edit is answerable for. The server applies them per op;
// the phone before it saves. Pure.
import * as v from 'valibot';
import { DEFAULT_CATALOG_ID, catalogs, findIndicator } from '../catalog/index.ts';
import type { EntityName } from '../sync/op.ts';
import { readKey } from '../keys.ts';
import { makeAnswerSchema } from './entities.ts';
import { ENTITY_DEFS, ENTITY_NAMES } from '../entities/index.ts';
import { chainProblems } from './blocks.ts';
import type { LabelName } from './labels.ts';
import { validUntil } from '../readiness/eligibility.ts';
import { fieldLabels } from './fields.ts';
import { toProblems, type Problem } from './problems.ts';

const answerSchemas = new Map<string, ReturnType<typeof makeAnswerSchema> | null>();

/** The whole-answer schema of an indicator of the default catalog (null when it is not a yes/no one). */
function answerSchemaOf(indicatorId: string) {
  let s = answerSchemas.get(indicatorId);
  if (s === undefined) {
    const catalog = catalogs[DEFAULT_CATALOG_ID];
    const ind = catalog ? findIndicator(catalog, indicatorId) : undefined;
    s = ind && ind.kind === 'yes-no' ? makeAnswerSchema(ind.hasAmount, ind.id, true) : null;
    answerSchemas.set(indicatorId, s);
  }
  return s;
}

/** Entities whose records have rules across fields (recordProblems is empty for the others). */
const RULED: ReadonlySet<EntityName> = new Set(ENTITY_NAMES.filter((e) => (ENTITY_DEFS[e].rules ?? []).length > 0));

/** Whether recordProblems can find anything for this entity (callers skip building its values). */
export function hasRecordRules(entity: EntityName): boolean {
  return RULED.has(entity);
}

/**
 * Problems of an entity's merged values as a whole (paths are field names). A field cleared to
 * null counts as absent; entities without cross-field rules have none. The values' fields are
 * taken as checked one by one already (every op's are, on arrival and before a save), so for
 * counts and figures only the "≤" chains are run, not the whole record's schema again.
 */
export function recordProblems(entity: EntityName, key: string, values: Record<string, unknown>): Problem[] {
  const out: Problem[] = [];
  for (const rule of ENTITY_DEFS[entity].rules ?? []) {
    const has = (f: string) => values[f] !== undefined && values[f] !== null;
    if (rule.kind === 'chains') {
      for (const p of chainProblems(values, rule.chains, labelsOf(entity))) out.push({ path: p.key, code: 'pb.exceeds', params: p.params });
    } else if (rule.kind === 'required') {
      for (const f of rule.fields) {
        if (!has(f)) out.push({ path: f, code: 'pb.missing', params: { field: labelsOf(entity)[f]!, key: f } });
      }
    } else if (rule.kind === 'register') {
      out.push(...registerProblems(values, labelsOf(entity)));
    } else if (rule.kind === 'exactlyOne') {
      if (rule.fields.filter(has).length !== 1) {
        const [a, b] = rule.fields.map((f) => labelsOf(entity)[f]!);
        out.push({ path: rule.fields[0]!, code: 'pb.exactlyOne', params: { a, b } });
      }
    } else if (rule.kind === 'indicatorRef') {
      const id = values[rule.field];
      const catalog = catalogs[DEFAULT_CATALOG_ID];
      if (has(rule.field) && !(typeof id === 'string' && catalog && findIndicator(catalog, id))) {
        out.push({ path: rule.field, code: 'pb.unknownIndicator', params: { indicator: String(id), catalog: DEFAULT_CATALOG_ID } });
      }
    } else {
      const schema = answerSchemaOf(readKey(ENTITY_DEFS[entity].key, key)?.indicator ?? '');
      if (!schema) continue;
      const whole: Record<string, unknown> = { met: null };
      for (const [k, x] of Object.entries(values)) if (x !== null) whole[k] = x;
      const r = v.safeParse(schema, whole);
      if (!r.success) out.push(...toProblems(r.issues));
    }
  }
  return out;
}

/**
 * The register's rules: recognised → a level, a decision number and date; not recognised →
 * reasons and no level; `validUntil`, when written, 31/12 of the decision's year + 3 (Điều 5.4).
 */
function registerProblems(x: Record<string, unknown>, labels: Record<string, LabelName>): Problem[] {
  const out: Problem[] = [];
  const blank = (f: string) => x[f] === undefined || x[f] === null || (typeof x[f] === 'string' && (x[f] as string).trim() === '');
  if (x.outcome === 'recognised') {
    for (const f of ['level', 'number', 'date']) if (blank(f)) out.push({ path: f, code: 'pb.registerDecision', params: { label: labels[f]! } });
  } else if (x.outcome === 'not-recognised') {
    if (blank('reasons')) out.push({ path: 'reasons', code: 'pb.registerReasons', params: { label: labels.reasons! } });
    if (!blank('level')) out.push({ path: 'level', code: 'pb.registerNoLevel' });
  }
  if (typeof x.date === 'string' && typeof x.validUntil === 'string' && x.validUntil !== validUntil(x.date)) {
    out.push({ path: 'validUntil', code: 'pb.registerValidUntil', params: { label: labels.validUntil!, want: validUntil(x.date) } });
  }
  return out;
}

const labels = new Map<EntityName, ReturnType<typeof fieldLabels>>();
const labelsOf = (entity: EntityName) => {
  let l = labels.get(entity);
  if (!l) labels.set(entity, (l = fieldLabels(entity)));
  return l;
};

/** The field a record problem is about (`familiesRecognized`, `evidence[0].date` → `evidence`). */
export function problemField(path: string): string {
  return /^[A-Za-z0-9_@.-]+?(?=[[.]|$)/.exec(path)?.[0] ?? path;
}

/**
 * The problems an edit is answerable for: those its values bring in, and any on the fields it
 * writes. A problem already there on a field it does not touch stays (two devices' merge may have
 * left it, and a person fixes one field at a time).
 */
export function freshProblems<P extends { path: string }>(before: readonly P[], after: readonly P[], changed: ReadonlySet<string>): P[] {
  const had = new Set(before.map((p) => problemField(p.path)));
  return after.filter((p) => !had.has(problemField(p.path)) || changed.has(problemField(p.path)));
}
