// The merged state per field and device (SQLite schema v4, issue 12 item 8) on a file of an older
// release whose states hold what the fixtures happen not to (crafted-states.ts), and a record with
// no field written at all. The release's own file (96506a9) is given such states the way that
// release stored them (one JSON per record), then opened by this version's store: every state
// reads back write for write, and the next batch merges on top of the migrated writes, adding
// one row.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openSqliteStore } from '../../server/store/sqlite-store.ts';
import type { Store } from '../../server/store/store.ts';
import { CRAFTED_STATE, laterOpId, laterStamp } from './crafted-states.ts';

const FIXTURE = join(import.meta.dirname, '../fixtures/release-96506a9/server.sqlite');
let dir = '';
let store: Store;
let commune = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'xht-state-rows-'));
  const file = join(dir, 'server.sqlite');
  copyFileSync(FIXTURE, file);
  const db = new Database(file);
  try {
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    commune = (db.prepare('SELECT code FROM communes').get() as { code: string }).code;
    const ins = db.prepare('INSERT INTO entities (entity, key, commune, state, seq) VALUES (?, ?, ?, ?, ?)');
    ins.run('villageCounts', `${commune}/2021/T01`, commune, JSON.stringify(CRAFTED_STATE), 1);
    ins.run('villageCounts', `${commune}/2021/T02`, commune, '{}', 2);
  } finally {
    db.close();
  }
  store = openSqliteStore(file);
});
afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('reads every migrated state back write for write, prev and every kind of value kept', async () => {
  expect({ ...(await store.entityState('villageCounts', `${commune}/2021/T01`)) }).toEqual(CRAFTED_STATE);
  // A record whose state held no write is still a record (not "no such record").
  expect({ ...(await store.entityState('villageCounts', `${commune}/2021/T02`)) }).toEqual({});
  expect(await store.entityState('villageCounts', `${commune}/2021/T03`)).toBeNull();
});

it('merges the next batch on top of the migrated writes: only the new write is added', async () => {
  const key = `${commune}/2021/T01`;
  const hlc = laterStamp('phoneC');
  const r = await store.applyBatch({
    commune, deviceId: 'phoneC', batchId: 'b-1', tokenId: 'tok', now: Date.now(),
    ops: [{ opId: laterOpId(), entity: 'villageCounts', key, fields: { households: 121 }, hlc }],
  });
  expect(r.kind).toBe('ok');
  const rows = () => {
    const db = new Database(join(dir, 'server.sqlite'), { readonly: true });
    try {
      return (db.prepare('SELECT COUNT(*) AS n FROM entity_writes WHERE entity = ? AND key = ?').get('villageCounts', key) as { n: number }).n;
    } finally {
      db.close();
    }
  };
  expect(rows()).toBe(7);
  const state = await store.entityState('villageCounts', key);
  expect({ ...state!.households }).toEqual({ ...CRAFTED_STATE.households, phoneC: { value: 121, hlc, opId: expect.any(String) } });
  expect({ ...state, households: undefined }).toEqual({ ...CRAFTED_STATE, households: undefined });
});
