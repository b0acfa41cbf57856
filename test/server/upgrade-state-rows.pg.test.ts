// The merged state per field and device (PostgreSQL migration 3, issue 12 item 8) on a database
// of the schema before it: made by this release's own first two migrations, as a server of that
// release left it (schema_migrations at 2), holding states as it kept them (one JSON per record,
// crafted-states.ts). Opened by this version's store, every state reads back write for write and
// the next batch merges on top of the migrated writes, adding one row.
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openPostgresStore } from '../../server/store/postgres-store.ts';
import { POSTGRES_MIGRATIONS } from '../../server/store/postgres-migrations.ts';
import type { Store } from '../../server/store/store.ts';
import { CRAFTED_STATE, laterOpId, laterStamp } from './crafted-states.ts';
import { freshDatabase, sql, type TestDatabase } from './pg-helpers.ts';

const C = '40001';
let db: TestDatabase;
let store: Store;

beforeAll(async () => {
  db = await freshDatabase();
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  try {
    await c.query('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
    for (const [i, m] of POSTGRES_MIGRATIONS.slice(0, 2).entries()) {
      await c.query(m.sql);
      await c.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [i + 1, m.name]);
    }
    await c.query("INSERT INTO communes (id, code, name, province, created_at) VALUES ($1, $1, 'Xã thử', 'Tỉnh thử', 0)", [C]);
    await c.query('INSERT INTO entities (entity, key, commune, state, seq) VALUES ($1, $2, $3, $4, 1), ($1, $5, $3, $6, 2)', [
      'villageCounts', `${C}/2021/T01`, C, JSON.stringify(CRAFTED_STATE), `${C}/2021/T02`, '{}',
    ]);
  } finally {
    await c.end();
  }
  store = await openPostgresStore(db.url);
});
afterAll(async () => {
  await store?.close();
  await db?.drop();
});

it('migrates to the current schema and reads every state back write for write', async () => {
  expect((await sql<{ v: number }>(db.url, 'SELECT max(version) AS v FROM schema_migrations'))[0]!.v).toBe(POSTGRES_MIGRATIONS.length);
  expect({ ...(await store.entityState('villageCounts', `${C}/2021/T01`)) }).toEqual(CRAFTED_STATE);
  expect({ ...(await store.entityState('villageCounts', `${C}/2021/T02`)) }).toEqual({});
  expect(await store.entityState('villageCounts', `${C}/2021/T03`)).toBeNull();
  const cols = await sql<{ column_name: string }>(db.url, "SELECT column_name FROM information_schema.columns WHERE table_name = 'entities' ORDER BY ordinal_position");
  expect(cols.map((c) => c.column_name)).toEqual(['entity', 'key', 'commune', 'seq']);
});

it('merges the next batch on top of the migrated writes: only the new write is added', async () => {
  const key = `${C}/2021/T01`;
  const hlc = laterStamp('phoneC');
  const r = await store.applyBatch({
    commune: C, deviceId: 'phoneC', batchId: 'b-1', tokenId: 'tok', now: Date.now(),
    ops: [{ opId: laterOpId(), entity: 'villageCounts', key, fields: { households: 121 }, hlc }],
  });
  expect(r.kind).toBe('ok');
  expect((await sql<{ n: string }>(db.url, 'SELECT count(*) AS n FROM entity_writes WHERE entity = $1 AND key = $2', ['villageCounts', key]))[0]!.n).toBe('7');
  const state = await store.entityState('villageCounts', key);
  expect({ ...state!.households }).toEqual({ ...CRAFTED_STATE.households, phoneC: { value: 121, hlc, opId: expect.any(String) } });
  expect({ ...state, households: undefined }).toEqual({ ...CRAFTED_STATE, households: undefined });
});
