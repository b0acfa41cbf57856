// The SQLite store keeps the recent feed of the communes it wrote in memory (changes-cache.ts) and
// serves pages of changes from it. A page from it must be the page SQLite would give, byte for
// byte, whatever the cursor, count and byte limits; and ops another store wrote to the same
// database in between must still be served (the feed then steps aside).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../server/store/sqlite-store.ts';
import { formatHlc } from '../../src/domain/sync/hlc.ts';
import { newOpId } from '../../src/domain/sync/op-id.ts';
import type { Op } from '../../src/domain/sync/op.ts';

const C = '40001';
let dir = '';
let path = '';
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'xht-feed-'));
  path = join(dir, 'db.sqlite');
  const s = openSqliteStore(path);
  await s.createCommune({ code: C, name: 'Xã thử', province: 'Tỉnh thử', villages: [{ code: 'T01', name: 'Thôn 1' }, { code: 'T02', name: 'Thôn 2' }] });
  await s.close();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

let wall = Date.now() - 600_000;
function batch(device: string, n: number, i: number) {
  const ops: Op[] = Array.from({ length: n }, (_, k) => {
    const op: Op = { opId: newOpId(wall), entity: 'villageCounts', key: `${C}/2025/T0${1 + (k % 2)}`, fields: { households: i * 100 + k, citizens: 500 }, hlc: formatHlc({ wall: wall++, counter: 0, node: device }) };
    if (k % 3 === 0) op.prev = { households: formatHlc({ wall: wall - 5000, counter: 1, node: device }) };
    return op;
  });
  return { commune: C, deviceId: device, batchId: `${device}-${i}`, tokenId: `t-${device}`, ops, now: Date.now() };
}

describe('pages of changes from the recent feed', () => {
  it('are the pages SQLite gives, for every cursor, count and byte limit, also after another store wrote', async () => {
    const writer = openSqliteStore(path, { startWriter: true });
    const other = openSqliteStore(path, { startWriter: true });
    const fresh = () => openSqliteStore(path); // wrote nothing: every page from SQLite
    try {
      for (let i = 0; i < 6; i++) expect((await writer.applyBatch(batch('dev-a', 7, i))).kind).toBe('ok');
      const compare = async () => {
        const reader = fresh();
        try {
          const last = (await reader.changes(C, 0, 1000)).lastSeq!;
          for (let since = 0; since <= last + 1; since++) {
            for (const [limit, maxBytes] of [[1000, 1 << 20], [5, 1 << 20], [1000, 600], [3, 250], [1, 1]] as const) {
              expect(await writer.changes(C, since, limit, maxBytes)).toEqual(await reader.changes(C, since, limit, maxBytes));
            }
          }
          return last;
        } finally {
          await reader.close();
        }
      };
      expect(await compare()).toBe(42);
      // Another store (another process in production) writes: the writer's feed has a gap now.
      expect((await other.applyBatch(batch('dev-b', 4, 0))).kind).toBe('ok');
      expect((await writer.changes(C, 40, 1000)).json.map((j) => (JSON.parse(j) as { seq: number }).seq)).toEqual([41, 42, 43, 44, 45, 46]);
      expect((await writer.applyBatch(batch('dev-a', 5, 6))).kind).toBe('ok');
      expect(await compare()).toBe(51);
    } finally {
      await writer.close();
      await other.close();
    }
  });
});
