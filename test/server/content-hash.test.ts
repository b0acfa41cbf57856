// The content hash that tells a resent op from a different one under the same opId is stored in
// the log: it must stay what it was defined as (SHA-256 of the JSON of [entity, key, fields, hlc,
// prev ?? null]) however the writer builds it, or every op logged before would turn into a
// conflict when its phone sends it again.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { opContentHash } from '../../server/batch-apply.ts';
import type { Op } from '../../src/domain/sync/op.ts';

const json = fc.jsonValue() as fc.Arbitrary<Op['fields'][string]>;
const op = fc.record({
  opId: fc.uuid(),
  entity: fc.constantFrom('villageCounts', 'answer', 'dossier', 'village') as fc.Arbitrary<Op['entity']>,
  key: fc.string({ minLength: 1, maxLength: 40 }),
  fields: fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), json, { maxKeys: 6 }),
  hlc: fc.string({ minLength: 1, maxLength: 60 }),
  prev: fc.option(fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), fc.string({ maxLength: 40 }), { maxKeys: 3 }), { nil: undefined }),
}, { requiredKeys: ['opId', 'entity', 'key', 'fields', 'hlc'] });

describe('opContentHash', () => {
  it('is SHA-256 of the JSON of [entity, key, fields, hlc, prev ?? null], with or without the JSON handed in', () => {
    fc.assert(fc.property(op, (o) => {
      const want = createHash('sha256').update(JSON.stringify([o.entity, o.key, o.fields, o.hlc, o.prev ?? null])).digest('hex');
      expect(opContentHash(o)).toBe(want);
      expect(opContentHash(o, JSON.stringify(o.fields), o.prev ? JSON.stringify(o.prev) : null)).toBe(want);
    }), { numRuns: 300 });
  });
});
