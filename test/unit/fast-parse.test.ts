// The server parses every op of every batch; the common shapes take a fast path
// (fastOpEnvelope, fastVillageCountsFields) instead of valibot. They must give exactly the
// schemas' output — same values, same key order (the content hash sees the JSON) — or nothing,
// and never accept what a schema refuses. Checked here against the schemas on generated input.
import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { VillageCountsFieldsSchema, fastVillageCountsFields } from '../../src/domain/schemas/entities.ts';
import { VILLAGE_COUNT_KEYS } from '../../src/domain/schemas/labels.ts';
import { OpSchema, fastOpEnvelope, isKeyRefusal, parseKey } from '../../src/domain/sync/protocol.ts';
import { hasReservedKey, reservedKeyPath } from '../../src/domain/schemas/text.ts';

const sameOutput = (a: unknown, b: unknown) => {
  expect(JSON.stringify(a)).toBe(JSON.stringify(b)); // values and key order
  expect(a).toEqual(b);
};

const anyValue = fc.oneof(
  { arbitrary: fc.nat({ max: 1_000_000 }), weight: 8 },
  { arbitrary: fc.constantFrom(null, true, false), weight: 2 },
  { arbitrary: fc.constantFrom(-1, -0, 0.5, 1.5, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, Infinity, -Infinity, NaN, '12', '', [], {}), weight: 1 },
  { arbitrary: fc.jsonValue(), weight: 1 },
);
const countKey = fc.constantFrom(...VILLAGE_COUNT_KEYS, 'villageRecognized', 'other', '0', 'households ');

describe('fastVillageCountsFields', () => {
  it('gives the schema\'s output or nothing, never accepting what the schema refuses', () => {
    let taken = 0;
    fc.assert(fc.property(fc.oneof(fc.dictionary(countKey, anyValue, { maxKeys: 5 }), fc.array(fc.nat(), { maxLength: 3 }), fc.constant(null)), (fields) => {
      const fast = fastVillageCountsFields(fields);
      const slow = v.safeParse(VillageCountsFieldsSchema, fields);
      if (fast !== undefined) {
        taken++;
        expect(slow.success).toBe(true);
        sameOutput(fast, slow.output);
      }
    }), { numRuns: 3000 });
    expect(taken).toBeGreaterThan(50);
  });

  it('takes the common edit: counts, nulls and the yes/no, in any order', () => {
    fc.assert(fc.property(fc.shuffledSubarray([...VILLAGE_COUNT_KEYS, 'villageRecognized'], { minLength: 1 }), fc.nat(), (keys, n) => {
      const fields = Object.fromEntries(keys.map((k, i) => [k, k === 'villageRecognized' ? n % 2 === 0 : i === 0 ? null : n + i]));
      const fast = fastVillageCountsFields(fields);
      expect(fast).toBeDefined();
      sameOutput(fast, v.parse(VillageCountsFieldsSchema, fields));
    }), { numRuns: 500 });
  });
});

// Mostly valid parts (so the fast path is reached often), each sometimes wrong in its own way.
const valid = <T, U>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<U>) => fc.oneof({ arbitrary: good, weight: 6 }, { arbitrary: bad, weight: 1 });
const hlc = valid(
  fc.tuple(fc.nat({ max: 10 ** 15 - 1 }), fc.nat({ max: 999_999 }), fc.stringMatching(/^[A-Za-z0-9_.:-]{1,64}$/))
    .map(([w, c, n]) => `${String(w).padStart(15, '0')}-${String(c).padStart(6, '0')}-${n}`),
  fc.oneof(fc.string({ maxLength: 30 }), fc.constant('001760000000000-000000-__proto__'), fc.integer()),
);
const fieldName = valid(fc.stringMatching(/^[A-Za-z0-9_.@-]{1,64}$/), fc.string({ maxLength: 70 }));
const envelope = fc.record({
  opId: valid(fc.oneof(fc.uuid(), fc.uuid().map((u) => u.toUpperCase())), fc.string({ maxLength: 40 })),
  entity: valid(fc.constantFrom('villageCounts', 'answer', 'dossier', 'commune'), fc.constantFrom('thresholds', 'constructor', 'toString', 7)),
  key: valid(fc.string({ minLength: 1, maxLength: 60 }), fc.oneof(fc.constant(''), fc.string({ minLength: 199, maxLength: 202 }), fc.integer())),
  fields: valid(fc.dictionary(fieldName, fc.jsonValue(), { maxKeys: 5 }), fc.oneof(fc.array(fc.nat(), { maxLength: 2 }), fc.constant(null), fc.string())),
  hlc,
  prev: fc.option(valid(fc.dictionary(fieldName, hlc, { maxKeys: 3 }), fc.oneof(fc.string(), fc.constant(null), fc.array(hlc))), { nil: undefined, freq: 2 }),
  extra: fc.oneof({ arbitrary: fc.constant(undefined), weight: 8 }, { arbitrary: fc.jsonValue(), weight: 1 }),
}, { requiredKeys: ['opId', 'entity', 'key', 'fields', 'hlc'] }).map((r) => {
  // An absent optional part is left out (JSON has no undefined); an extra key now and then.
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(r)) if (x !== undefined) out[k] = x;
  return out;
});

describe('fastOpEnvelope', () => {
  it('gives OpSchema\'s output or nothing, never accepting what OpSchema refuses', () => {
    let taken = 0;
    fc.assert(fc.property(envelope, (raw) => {
      const fast = fastOpEnvelope(raw);
      const slow = v.safeParse(OpSchema, raw);
      if (fast !== null) {
        taken++;
        expect(slow.success).toBe(true);
        sameOutput(fast, slow.output);
      }
    }), { numRuns: 5000 });
    expect(taken).toBeGreaterThan(20); // the generator reaches the fast path, not only refusals
  });

  it('takes an op as the app makes it', () => {
    const op = { opId: '0190a3b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b', entity: 'villageCounts', key: '21085/2025/T01', fields: { households: 3 }, hlc: '001760000000000-000000-dev-1', prev: { households: '001750000000000-000003-dev-2' } };
    sameOutput(fastOpEnvelope(op), v.parse(OpSchema, op));
  });
});

describe('hasReservedKey', () => {
  it('says yes exactly when reservedKeyPath finds a path, at any depth, own __proto__ included', () => {
    const reserved = fc.constantFrom('__proto__', 'constructor', 'prototype');
    // JSON text, parsed as the server does: an own "__proto__" key is kept by JSON.parse.
    const withReserved = fc.tuple(fc.jsonValue({ maxDepth: 4 }), reserved, fc.jsonValue({ maxDepth: 2 }), fc.boolean()).map(([base, k, x, nest]) => {
      const inner = `{${JSON.stringify(k)}:${JSON.stringify(x)}}`;
      return JSON.parse(nest ? `{"a":[1,${inner}],"b":${JSON.stringify(base)}}` : `[${JSON.stringify(base)},${inner}]`) as unknown;
    });
    let found = 0;
    fc.assert(fc.property(fc.oneof(fc.jsonValue({ maxDepth: 5 }), withReserved), (x) => {
      const path = reservedKeyPath(x);
      if (path) found++;
      expect(hasReservedKey(x)).toBe(path !== null);
    }), { numRuns: 2000 });
    expect(found).toBeGreaterThan(100);
  });
});

describe('parseKey', () => {
  it('answers a key asked again exactly as the first time (its answers are remembered)', () => {
    const keys = ['21085/2025/T01', '21085/2025/T01', '21085/1999/T01', '21085/2025/constructor', '21085/2025', '21085/2025/T01/x', '21085/2025/T01'];
    const first = keys.map((k) => JSON.stringify(parseKey('villageCounts', k)));
    expect(keys.map((k) => JSON.stringify(parseKey('villageCounts', k)))).toEqual(first);
    expect(parseKey('villageCounts', '21085/2025/T01')).toEqual({ commune: '21085', year: 2025, village: 'T01' });
    expect(isKeyRefusal(parseKey('villageCounts', '21085/1999/T01'))).toBe(true);
    expect(parseKey('villageCounts', '21085/2025/T01', () => false)).toEqual({ commune: '21085', year: 2025, village: 'T01' });
  });
});
