import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { mergeAll, mergeOp, valuesOf, conflictsOf, canonicalJson, type EntityState } from '../../src/domain/sync/merge.ts';
import { formatHlc } from '../../src/domain/sync/hlc.ts';
import type { Op } from '../../src/domain/sync/op.ts';

const hlc = (wall: number, counter: number, node: string) => formatHlc({ wall, counter, node });
let n = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
const op = (key: string, fields: Op['fields'], stamp: string, prev?: Op['prev']): Op => ({
  opId: uuid(),
  entity: 'villageCounts',
  key,
  fields,
  hlc: stamp,
  ...(prev ? { prev } : {}),
});

function snapshot(ops: Op[]) {
  const { states, conflicts } = mergeAll(ops);
  const values = [...states.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, s]) => [id, valuesOf(s.state), s.state]);
  return canonicalJson({ values, conflicts: conflicts.map((c) => [c.key, c.field, c.loser.opId, c.winner.opId]) });
}

describe('per-field last-writer-wins merge', () => {
  it.each([
    ['later stamp wins', [op('x/2025/T1', { households: 1 }, hlc(100, 0, 'a')), op('x/2025/T1', { households: 2 }, hlc(200, 0, 'b'))], { households: 2 }],
    ['fields merge independently', [op('x/2025/T1', { households: 1, lineages: 5 }, hlc(300, 0, 'a')), op('x/2025/T1', { households: 2 }, hlc(200, 0, 'b'))], { households: 1, lineages: 5 }],
    ['equal wall and counter: node breaks the tie', [op('x/2025/T1', { households: 1 }, hlc(100, 0, 'b')), op('x/2025/T1', { households: 2 }, hlc(100, 0, 'a'))], { households: 1 }],
    ['null clears a value when newer', [op('x/2025/T1', { households: 1 }, hlc(100, 0, 'a')), op('x/2025/T1', { households: null }, hlc(100, 1, 'a'))], { households: null }],
  ] as const)('%s', (_name, ops, expected) => {
    const { states } = mergeAll(ops as unknown as Op[]);
    expect(valuesOf([...states.values()][0]!.state)).toEqual(expected);
  });

  it('reports the loser when two devices wrote different values', () => {
    const a = op('x/2025/T1', { households: 10 }, hlc(100, 0, 'a'));
    const b = op('x/2025/T1', { households: 12 }, hlc(200, 0, 'b'));
    const { conflicts } = mergeAll([b, a]);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]!.loser.opId).toBe(a.opId);
    expect(conflicts[0]!.winner.opId).toBe(b.opId);
    expect(conflicts[0]!.field).toBe('households');
  });

  it('no conflict for equal values, own overwrites, or an informed overwrite (prev)', () => {
    const a = op('x/2025/T1', { households: 10 }, hlc(100, 0, 'a'));
    const same = op('x/2025/T1', { households: 10 }, hlc(200, 0, 'b'));
    expect(mergeAll([a, same]).conflicts).toEqual([]);
    const mine = op('x/2025/T1', { households: 11 }, hlc(300, 0, 'a'));
    expect(mergeAll([a, mine]).conflicts).toEqual([]);
    const informed = op('x/2025/T1', { households: 15 }, hlc(400, 0, 'b'), { households: a.hlc });
    expect(mergeAll([a, informed]).conflicts).toEqual([]);
    const blind = op('x/2025/T1', { households: 15 }, hlc(400, 0, 'b'), { households: hlc(50, 0, 'b') });
    expect(mergeAll([a, blind]).conflicts).toHaveLength(1);
  });

  it('reports which fields changed and does not mutate its input', () => {
    const a = op('x/2025/T1', { households: 10, lineages: 2 }, hlc(100, 0, 'a'));
    const first = mergeOp(undefined, a);
    expect(first.changed).toEqual(['households', 'lineages']);
    const frozen = JSON.stringify(first.state);
    const older = op('x/2025/T1', { households: 9 }, hlc(50, 0, 'b'));
    const second = mergeOp(first.state, older);
    expect(second.changed).toEqual([]);
    expect(JSON.stringify(first.state)).toBe(frozen);
    expect(mergeOp(second.state, a).changed).toEqual([]);
  });

  it('any permutation of the same ops, with duplicates, gives the same state and conflicts', () => {
    const nodes = ['a', 'b', 'c'];
    const fields = ['households', 'lineages', 'citizens'];
    const arbOp = fc.record({
      key: fc.constantFrom('x/2025/T1', 'x/2025/T2'),
      wall: fc.integer({ min: 1, max: 5 }),
      counter: fc.integer({ min: 0, max: 2 }),
      node: fc.constantFrom(...nodes),
      fields: fc.dictionary(fc.constantFrom(...fields), fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constant(null)), { minKeys: 1 }),
      prevWall: fc.option(fc.integer({ min: 0, max: 5 })),
      prevNode: fc.constantFrom(...nodes),
    });
    fc.assert(
      fc.property(
        fc.array(arbOp, { minLength: 1, maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.nat(),
        (specs, dupIdx, seed) => {
          const ops = specs.map((s) => {
            const stamp = hlc(s.wall, s.counter, s.node);
            const prev = s.prevWall === null ? undefined : Object.fromEntries(Object.keys(s.fields).map((f) => [f, hlc(s.prevWall!, 0, s.prevNode)]));
            return op(s.key, s.fields, stamp, prev);
          });
          const withDups = [...ops, ...dupIdx.map((i) => ops[i % ops.length]!)];
          const shuffled = fc.sample(fc.shuffledSubarray(withDups, { minLength: withDups.length }), { seed, numRuns: 1 })[0]!;
          const reversed = [...withDups].reverse();
          const base = snapshot(ops);
          expect(snapshot(shuffled)).toBe(base);
          expect(snapshot(reversed)).toBe(base);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('merging in any grouping (state by state) equals merging all at once', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.constantFrom('a', 'b'), fc.integer({ min: 0, max: 2 })), { minLength: 1, maxLength: 10 }), (xs) => {
        const ops = xs.map(([w, node, v]) => op('k/2025/T1', { households: v }, hlc(w, 0, node)));
        let state: EntityState | undefined;
        for (const o of ops) state = mergeOp(state, o).state;
        const all = mergeAll(ops);
        const only = [...all.states.values()][0]!;
        expect(canonicalJson(valuesOf(state!))).toBe(canonicalJson(valuesOf(only.state)));
        expect(conflictsOf('villageCounts', 'k/2025/T1', state!)).toEqual(all.conflicts);
      }),
    );
  });
});
