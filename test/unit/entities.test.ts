// The entity registry (src/domain/entities): every entry is whole (key, labels, table), and what
// derives from it — the op kinds, the wire's field schemas, the fast path, the Dexie tables, the
// record rules — follows the entry and nothing else.
import * as fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { ENTITY_DEFS, ENTITY_NAMES, isEntityName, type EntityName } from '../../src/domain/entities/index.ts';
import { KEY_SHAPES } from '../../src/domain/keys.ts';
import { fastFieldsOf, fieldLabel, opFieldsSchema } from '../../src/domain/schemas/fields.ts';
import { hasRecordRules } from '../../src/domain/schemas/record-rules.ts';
import { OpSchema } from '../../src/domain/sync/protocol.ts';
import { V1_STORES, V2_CHANGES, V3_STORES, V5_CHANGES, V6_CHANGES, V6_ENTITIES, currentStores } from '../../src/db/db.ts';
import { keyOfRow, parseKey, storeOf } from '../../src/db/entities.ts';

describe('each entry', () => {
  it.each(ENTITY_NAMES)('%s is whole: a key property per key part, a glossary label per field', (name) => {
    const def = ENTITY_DEFS[name];
    expect(def.name).toBe(name);
    expect(def.table.keyProps).toHaveLength(KEY_SHAPES[def.key].length);
    expect(def.label.vi && def.label.en).toBeTruthy();
    for (const [f, d] of Object.entries(def.fields)) expect(() => fieldLabel(f, d)).not.toThrow();
    expect(def.writers.length).toBeGreaterThan(0);
  });

  it('only names of the registry are entities', () => {
    expect(ENTITY_NAMES.every(isEntityName)).toBe(true);
    for (const x of ['thresholds', '__proto__', 'constructor', 'toString', '', 1, null]) expect(isEntityName(x)).toBe(false);
  });
});

describe('derived from the entries', () => {
  it('the op kinds of the wire are the registry’s names', () => {
    const op = (entity: string) => ({ opId: '00000000-0000-4000-8000-000000000001', entity, key: 'x', fields: {}, hlc: '001730000000000-000000-dev' });
    for (const e of ENTITY_NAMES) expect(v.safeParse(OpSchema, op(e)).success).toBe(true);
    expect(v.safeParse(OpSchema, op('thresholds')).success).toBe(false);
  });

  it('the Dexie tables of this release are the ones versions 1–7 built (no table changed without a version)', () => {
    const { thresholds: _gone, ...v2 } = V2_CHANGES as Record<string, string>;
    expect(V3_STORES).toEqual({ ...V1_STORES, ...v2 });
    expect(currentStores(V6_ENTITIES)).toEqual({ ...V3_STORES, ...V5_CHANGES, ...V6_CHANGES });
    // Version 7 (issue 14) only adds the review's tables.
    expect(currentStores()).toEqual({
      ...V3_STORES, ...V5_CHANGES, ...V6_CHANGES,
      submissions: '[commune+year+version], [commune+year], commune',
      stateChanges: '[commune+year+step], [commune+year], commune',
      reviews: '[commune+year+version+indicator], [commune+year], commune',
      councils: '[province+year], province',
      register: '[commune+year], commune',
      provinceSettings: '[province+year], province',
    });
  });

  it.each(ENTITY_NAMES)('%s: a row key and an op key are one another', (name) => {
    const parts = { commune: '21085', village: 'T01', year: 2025, indicator: 'TC1.1', decision: 'd1', attachment: 'a1', version: 2, step: 3, province: 'p:quang-ngai' };
    const key = KEY_SHAPES[ENTITY_DEFS[name].key].map((p) => String(parts[p])).join('/');
    const row = parseKey(name, key)!;
    expect(row).not.toBeNull();
    expect(keyOfRow(name, row)).toBe(key);
    expect(storeOf(name).split(', ')[0]).toMatch(/^\[?\w/);
  });

  it.each(ENTITY_NAMES)('%s: the field schema takes each declared field and refuses any other', (name) => {
    const def = ENTITY_DEFS[name];
    const schema = opFieldsSchema(name);
    if ('openFields' in def) {
      expect(v.safeParse(schema, { narrSituation: 'x', locked: true, n: 1, c: null }).success).toBe(true);
      expect(v.safeParse(schema, { 'not a name': 'x' }).success).toBe(false);
      return;
    }
    for (const [f, d] of Object.entries(def.fields)) {
      if (d.clearable) expect(v.safeParse(schema, { [f]: null }).success, f).toBe(true);
      else expect(v.safeParse(schema, { [f]: null }).success, f).toBe(d.kind === 'met');
    }
    expect(v.safeParse(schema, { notAField: 1 }).success).toBe(false);
    expect(v.safeParse(schema, []).success).toBe(false);
  });

  it('entries with cross-field rules, and only those, have record rules', () => {
    for (const e of ENTITY_NAMES) expect(hasRecordRules(e), e).toBe((ENTITY_DEFS[e].rules ?? []).length > 0);
  });

  // The server's fast path of an entity of counts and flags gives exactly the schema's output.
  const fastOnes = ENTITY_NAMES.filter((e) => fastFieldsOf(e) !== null);
  it('has a fast path exactly for the entities of counts and flags', () => {
    expect(fastOnes).toEqual(['villageCounts']);
  });
  it.each(fastOnes)('%s: the fast path agrees with the schema on any input', (name: EntityName) => {
    const fast = fastFieldsOf(name)!;
    const schema = opFieldsSchema(name);
    const names = Object.keys(ENTITY_DEFS[name].fields);
    const value = fc.oneof(fc.constant(null), fc.boolean(), fc.integer({ min: -3, max: 1e6 }), fc.double(), fc.string(), fc.constant(undefined));
    const fields = fc.dictionary(fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 4 })), value, { maxKeys: 6 });
    fc.assert(fc.property(fc.oneof(fields, fc.anything()), (input) => {
      const f = fast(input);
      const r = v.safeParse(schema, input);
      if (f !== undefined) {
        expect(r.success).toBe(true);
        expect(JSON.stringify(f)).toBe(JSON.stringify(r.output));
      }
    }), { numRuns: 500 });
  });
});
