// Property: pulling the same ops into two phones in any order, in any pages, with duplicates,
// leaves identical rows and the same conflict list (the Dexie side of the order-free merge).
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRepo, openDatabase, type Repo } from '../../src/db/index.ts';
import { formatHlc } from '../../src/domain/sync/hlc.ts';
import type { Op } from '../../src/domain/sync/op.ts';

const NODES = ['dev-a', 'dev-b', 'dev-c'];
const KEYS = ['X1/2025/T01', 'X1/2025/T02'];
const FIELDS = ['households', 'lineages', 'citizens'] as const;

const opArb = fc.record({
  node: fc.constantFrom(...NODES),
  key: fc.constantFrom(...KEYS),
  field: fc.constantFrom(...FIELDS),
  value: fc.integer({ min: 0, max: 5 }),
  wall: fc.integer({ min: 1_750_000_000_000, max: 1_750_000_000_004 }),
  counter: fc.integer({ min: 0, max: 2 }),
  informed: fc.boolean(),
});

let n = 0;

async function pullInto(ops: Op[], pages: number[][]): Promise<{ rows: unknown; conflicts: unknown; repo: Repo }> {
  const repo = createRepo(openDatabase(`merge-prop-${++n}`));
  for (const page of pages) await repo.applyRemoteOps(page.map((i) => ops[i]!));
  const rows = (await repo.db.villageCounts.orderBy(['commune', 'year', 'village']).toArray()).map(({ updatedAt: _u, ...r }) => r);
  const conflicts = (await repo.listConflicts())
    .map((c) => `${c.key}|${c.field}|${c.winnerOpId}|${c.loserOpId}`)
    .sort();
  return { rows, conflicts, repo };
}

describe('merge into Dexie is order-free', () => {
  it('any order, paging and duplication of the same ops gives the same rows and conflicts', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(opArb, { minLength: 1, maxLength: 12 }),
        fc.func(fc.integer()),
        fc.func(fc.integer()),
        async (specs, orderA, orderB) => {
          const ops: Op[] = specs.map((s, i) => {
            const op: Op = { opId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, entity: 'villageCounts', key: s.key, fields: { [s.field]: s.value }, hlc: formatHlc({ wall: s.wall, counter: s.counter, node: s.node }) };
            // "informed": the writer had seen the value stamped just before its own
            if (s.informed && s.wall > 1_750_000_000_000) op.prev = { [s.field]: formatHlc({ wall: s.wall - 1, counter: 0, node: NODES[0]! }) };
            return op;
          });
          const idx = ops.map((_, i) => i);
          const shuffle = (f: (i: number) => number) => [...idx, ...idx.filter((i) => f(i) % 3 === 0)].sort((x, y) => f(x * 7 + 1) - f(y * 7 + 1) || x - y);
          const a = shuffle(orderA);
          const b = shuffle(orderB);
          const pagesA = [a.slice(0, 3), a.slice(3)];
          const pagesB = b.map((i) => [i]);
          const ra = await pullInto(ops, pagesA);
          const rb = await pullInto(ops, pagesB);
          try {
            expect(rb.rows).toEqual(ra.rows);
            expect(rb.conflicts).toEqual(ra.conflicts);
          } finally {
            ra.repo.db.close();
            rb.repo.db.close();
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
