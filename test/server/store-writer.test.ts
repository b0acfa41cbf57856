// The SQLite store's writer thread: batches handed over in the same turn travel together and are
// committed together, yet each is answered on its own (its receipt, or its refusal), and a store
// closed right after accepting batches still commits and answers every one of them.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../server/store/sqlite-store.ts';
import type { ApplyResult, Store } from '../../server/store/store.ts';
import { formatHlc } from '../../src/domain/sync/hlc.ts';
import { newOpId } from '../../src/domain/sync/op-id.ts';
import type { Op } from '../../src/domain/sync/op.ts';

const C = '40001';
let dir = '';
let path = '';
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'xht-writer-'));
  path = join(dir, 'db.sqlite');
  const s = openSqliteStore(path);
  await s.createCommune({ code: C, name: 'Xã thử', province: 'Tỉnh thử', villages: [{ code: 'T01', name: 'Thôn 1' }] });
  await s.close();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const wall = Date.now() - 60_000;
function batch(device: number, fields: Record<string, number>) {
  const node = `dev-${device}`;
  const ops: Op[] = [{ opId: newOpId(wall), entity: 'villageCounts', key: `${C}/2025/T01`, fields, hlc: formatHlc({ wall: wall + device, counter: 0, node }) }];
  return { commune: C, deviceId: node, batchId: `b-${device}`, tokenId: `t-${device}`, ops, now: Date.now() };
}

describe('the writer thread', () => {
  it('answers each of many batches sent in one turn, refusing only the one that breaks a rule', async () => {
    const store: Store = openSqliteStore(path, { startWriter: true });
    try {
      const inputs = Array.from({ length: 30 }, (_, i) => batch(i, i === 7 ? { citizens: 5, citizensRecognized: 6 } : { households: 100 + i }));
      const results = await Promise.all(inputs.map((x) => store.applyBatch(x)));
      expect(results.map((r) => r.kind)).toEqual(inputs.map((_, i) => (i === 7 ? 'invalid' : 'ok')));
      const receipts = results.filter((r): r is Extract<ApplyResult, { kind: 'ok' }> => r.kind === 'ok').map((r) => r.receipt);
      expect(new Set(receipts).size).toBe(29);
      expect((await store.stats()).ops).toBe(29);
    } finally {
      await store.close();
    }
  });

  it('a store closed right after accepting batches commits and answers them all', async () => {
    const store = openSqliteStore(path, { startWriter: true });
    const pending = Array.from({ length: 12 }, (_, i) => store.applyBatch(batch(i, { households: i })));
    const closed = store.close();
    const results = await Promise.all(pending);
    await closed;
    expect(results.every((r) => r.kind === 'ok')).toBe(true);
    const again = openSqliteStore(path);
    expect((await again.stats()).ops).toBe(12);
    await again.close();
  });

  it('copies what it committed into the database file itself once idle (its own checkpoints, none inside a commit)', async () => {
    const server = openSqliteStore(path, { startWriter: true });
    try {
      let wallNext = wall;
      for (let b = 0; b < 10; b++) {
        const ops: Op[] = Array.from({ length: 50 }, (_, k) => ({ opId: newOpId(wallNext), entity: 'villageCounts', key: `${C}/2025/T01`, fields: { households: b * 50 + k }, hlc: formatHlc({ wall: wallNext++, counter: 0, node: 'dev-1' }) }));
        expect((await server.applyBatch({ commune: C, deviceId: 'dev-1', batchId: `cp-${b}`, tokenId: 't-1', ops, now: Date.now() })).kind).toBe('ok');
      }
      // The database file alone (without its WAL) holds the 500 ops once the writer has checkpointed
      // (SQLite's own checkpoint, off on this connection, would wait for 1000 WAL pages).
      const inFile = () => {
        const copy = join(dir, `copy-${Math.random()}.sqlite`);
        copyFileSync(path, copy);
        const db = new Database(copy, { readonly: true });
        try {
          return (db.prepare('SELECT COUNT(*) AS n FROM ops').get() as { n: number }).n;
        } catch (e) {
          // A copy taken while the checkpoint writes pages can be torn: no answer, look again.
          if ((e as { code?: string }).code === 'SQLITE_CORRUPT') return -1;
          throw e;
        } finally {
          db.close();
        }
      };
      let n = inFile();
      for (let tries = 0; n < 500 && tries < 100; tries++) {
        await new Promise((ok) => setTimeout(ok, 50));
        n = inFile();
      }
      expect(n).toBe(500);
    } finally {
      await server.close();
    }
  });

  it('plans on what another connection committed meanwhile, not on the states it keeps in memory', async () => {
    // The server's writer reads the 2025 dossier (none yet) and a village's counts, and keeps them
    // in memory; then another process on the same file (the admin CLI) locks 2025 and writes the
    // counts. The server's next batch must be refused by that lock, and must merge on the counts
    // as they are stored now.
    const server = openSqliteStore(path, { startWriter: true });
    try {
      expect((await server.applyBatch(batch(1, { households: 10 }))).kind).toBe('ok');
      const cli = openSqliteStore(path);
      const lockOp: Op = { opId: newOpId(wall), entity: 'dossier', key: `${C}/2025`, fields: { locked: true, lockedAt: new Date().toISOString() }, hlc: formatHlc({ wall: wall + 50, counter: 0, node: 'server.import' }) };
      const other = batch(2, { citizens: 40 });
      expect((await cli.applyBatch({ ...other, deviceId: 'server.import', batchId: 'cli', ops: [{ ...other.ops[0]!, hlc: formatHlc({ wall: wall + 49, counter: 0, node: 'server.import' }) }, lockOp] })).kind).toBe('ok');
      await cli.close();
      expect((await server.applyBatch(batch(3, { households: 12 }))).kind).toBe('locked');
      // Reopened with a reason by the CLI again: the server's next batch merges on the CLI's counts.
      const cli2 = openSqliteStore(path);
      const reopen: Op = { opId: newOpId(wall), entity: 'dossier', key: `${C}/2025`, fields: { locked: false, reopenReasons: JSON.stringify([{ at: new Date().toISOString(), reason: 'Sửa số hộ' }]) }, hlc: formatHlc({ wall: wall + 60, counter: 0, node: 'server.import' }) };
      expect((await cli2.applyBatch({ commune: C, deviceId: 'server.import', batchId: 'cli-2', tokenId: 'cli', ops: [reopen], now: Date.now() })).kind).toBe('ok');
      await cli2.close();
      // citizensRecognized 41 > citizens 40 (the CLI's value, unknown to the server's memory): refused.
      const over = await server.applyBatch(batch(4, { citizensRecognized: 41 }));
      expect(over.kind).toBe('invalid');
      expect((await server.applyBatch(batch(5, { citizensRecognized: 40 }))).kind).toBe('ok');
      const state = await server.entityState('villageCounts', `${C}/2025/T01`);
      expect(Object.keys(state!).sort()).toEqual(['citizens', 'citizensRecognized', 'households']);
    } finally {
      await server.close();
    }
  });
});
