// The batch plan as a pure function (server/batch-apply.ts) over a port held in memory: what it
// asks the store to read, what it decides, and the receipt drawn again when a store finds it taken.
// The stores themselves are checked by the contract suite (store-contract.ts).
import { describe, expect, it } from 'vitest';
import { applyBatchOn, decideBatch, legacyContentHash, prepareBatch, type BatchPort, type BatchReads, type BatchWrites } from '../../server/batch-apply.ts';
import { stateId } from '../../server/batch-plan.ts';
import type { ApplyBatchInput } from '../../server/store/store.ts';
import { formatHlc } from '../../src/domain/sync/hlc.ts';
import type { EntityState } from '../../src/domain/sync/merge.ts';
import { newOpId } from '../../src/domain/sync/op-id.ts';
import type { Op } from '../../src/domain/sync/op.ts';

let wall = Date.UTC(2026, 0, 5);
const op = (key: string, fields: Op['fields'], entity: Op['entity'] = 'villageCounts', node = 'dev-a'): Op => ({
  opId: newOpId(wall), entity, key, fields, hlc: formatHlc({ wall: wall++, counter: 0, node }),
});
const input = (ops: Op[], batchId = 'b-1'): ApplyBatchInput => ({ commune: '21085', deviceId: 'dev-a', batchId, tokenId: 't-1', ops, now: 1 });
const reads = (over: Partial<BatchReads> = {}): BatchReads => ({ seq: 7, held: new Map(), states: new Map(), receipt: null, ...over });

/** A port over maps, counting what it is asked. */
function memoryPort(taken: Set<string> = new Set()) {
  const written: BatchWrites[] = [];
  const held = new Map<string, string>();
  let seq = 0;
  const port: BatchPort = {
    read: () => reads({ seq, held }),
    write(w, redraw) {
      written.push(w);
      for (const o of w.ops) held.set(o.opId, o.contentHash);
      if (w.seq !== null) seq = w.seq;
      if (!w.receipt) return null;
      let r = w.receipt.receipt;
      while (taken.has(r)) r = redraw();
      taken.add(r);
      return r;
    },
  };
  return { port, written };
}

describe('the batch plan over its port', () => {
  it('asks for each op\'s id, its own state and its year\'s dossier, once each', () => {
    const ops = [op('21085/2025/T01', { households: 1 }), op('21085/2025/T01', { households: 2 }), op('21085/2025/T02', { households: 3 }), op('21085/T03', { name: 'Thôn Ba' }, 'village')];
    const p = prepareBatch(input(ops));
    expect(p.needs.opIds).toEqual(ops.map((o) => o.opId));
    expect(p.needs.states).toEqual([
      { entity: 'villageCounts', key: '21085/2025/T01' },
      { entity: 'dossier', key: '21085/2025' },
      { entity: 'villageCounts', key: '21085/2025/T02' },
      { entity: 'village', key: '21085/T03' },
    ]);
    expect(p.needs.receipt).toMatchObject({ commune: '21085', deviceId: 'dev-a', batchId: 'b-1' });
  });

  it('numbers new ops on from the commune\'s seq, writes the merged states they touch and a receipt', () => {
    const ops = [op('21085/2025/T01', { households: 1 }), op('21085/2025/T02', { households: 2 }), op('21085/2025/T01', { citizens: 9 })];
    const d = decideBatch(prepareBatch(input(ops)), reads(), () => 'RCPT0001');
    expect(d.result).toEqual({ kind: 'ok', applied: ops.map((o) => o.opId), known: [], receipt: 'RCPT0001', cursor: 10 });
    expect(d.writes!.ops.map((o) => [o.seq, o.opId])).toEqual([[8, ops[0]!.opId], [9, ops[1]!.opId], [10, ops[2]!.opId]]);
    expect(d.writes!.entities.map((e) => [e.key, e.seq])).toEqual([['21085/2025/T01', 10], ['21085/2025/T02', 9]]);
    expect(d.writes!.seq).toBe(10);
    expect(d.writes!.receipt).toMatchObject({ receipt: 'RCPT0001', ops: 3, batchId: 'b-1' });
  });

  it('a batch held in full with its receipt writes nothing; a held op of the old hash counts as held', () => {
    const [a] = [op('21085/2025/T01', { households: 1 })];
    const p = prepareBatch(input([a!]));
    const held = decideBatch(p, reads({ held: new Map([[a!.opId, p.ops[0]!.hash]]), receipt: 'OLD00001' }));
    expect(held).toEqual({ result: { kind: 'ok', applied: [], known: [a!.opId], receipt: 'OLD00001', cursor: 7 }, writes: null });
    const legacy = decideBatch(p, reads({ held: new Map([[a!.opId, legacyContentHash(a!)]]), receipt: 'OLD00001' }));
    expect(legacy.result).toMatchObject({ known: [a!.opId] });
    const other = decideBatch(p, reads({ held: new Map([[a!.opId, 'f'.repeat(64)]]) }));
    expect(other).toEqual({ result: { kind: 'conflict', opIds: [a!.opId] }, writes: null });
  });

  it('plans on the states read: a rule broken by the merged values refuses the batch, writing nothing', () => {
    const key = '21085/2025/T01';
    const state: EntityState = { citizens: { 'dev-b': { value: 10, hlc: formatHlc({ wall: 1, counter: 0, node: 'dev-b' }), opId: newOpId(1) } } };
    const d = decideBatch(prepareBatch(input([op(key, { citizensRecognized: 11 })])), reads({ states: new Map([[stateId('villageCounts', key), state]]) }));
    expect(d.result.kind).toBe('invalid');
    expect(d.writes).toBeNull();
  });

  it('a receipt the store finds taken is drawn again, and the answer carries the one recorded', () => {
    const { port, written } = memoryPort();
    const first = applyBatchOn(port, input([op('21085/2025/T01', { households: 1 })], 'b-1'));
    expect(first.kind === 'ok' && first.receipt).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    const taken = new Set<string>();
    const { port: tight } = memoryPort(taken);
    const draws: string[] = [];
    const orig = tight.write;
    tight.write = (w, redraw) => {
      taken.add(w.receipt!.receipt); // another batch holds the drawn receipt already
      return orig(w, () => {
        const r = redraw();
        draws.push(r);
        return r;
      });
    };
    const second = applyBatchOn(tight, input([op('21085/2025/T01', { households: 2 })], 'b-2'));
    expect(draws).toHaveLength(1);
    expect(second).toMatchObject({ kind: 'ok', receipt: draws[0] });
    expect(written).toHaveLength(1);
  });

  it('an unknown commune or an op stamped by another device is an error, before anything is written', () => {
    const { port, written } = memoryPort();
    expect(() => decideBatch(prepareBatch(input([op('99999/2025/T01', { households: 1 })])), reads({ seq: undefined }))).toThrow(/unknown commune/);
    expect(() => applyBatchOn(port, input([op('21085/2025/T01', { households: 1 }, 'villageCounts', 'dev-b')]))).toThrow(/not stamped by device dev-a/);
    expect(written).toEqual([]);
  });
});
