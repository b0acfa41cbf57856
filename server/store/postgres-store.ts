// The PostgreSQL Store (`pg`): the only module that imports the driver. Owns the schema's
// migrations (postgres-migrations.ts, recorded in schema_migrations) and the batch plan's port.
// Each batch is one transaction that first takes its commune's row lock, so the change sequence
// follows commit order and several server processes can share one database. Never writes part of
// a batch; never answers one before its COMMIT has returned.
import pg from 'pg';
import type { EntityState } from '../../src/domain/sync/merge.ts';
import type { EntityName } from '../../src/domain/sync/op.ts';
import { MAX_CHANGES_BYTES, type CommuneInfo } from '../../src/domain/sync/protocol.ts';
import { applyBatchOnAsync, type AsyncBatchPort, type BatchReads, type BatchWrites } from '../batch-apply.ts';
import { stateId } from '../batch-plan.ts';
import { POSTGRES_MIGRATIONS } from './postgres-migrations.ts';
import { addRow, emptyState, statesOfRows } from './state-rows.ts';
import { toCode, toGrant, type CodeRow } from './code-rows.ts';
import type { ApplyResult, CodeRecord, RedeemResult, Store, TokenGrant } from './store.ts';

export interface PostgresStoreOptions {
  /** Connections of this process (default 10, at least 2: an exclusive run holds one). */
  poolSize?: number;
}

/** The advisory-lock namespace of this app (first key of pg_advisory_lock(int, int)). */
const LOCK_SPACE = 0x5848_5400; // "XHT\0"
/** Second key of the migrations' lock; exclusive() names hash to others. */
const MIGRATION_LOCK = 0;

/** SQLSTATEs after which a batch's transaction is run again from the start (nothing of it was kept). */
const RETRY_BATCH = new Set([
  '40001', // serialization failure
  '40P01', // deadlock detected
  '23505', // unique violation: the same opId committed meanwhile by a batch of another commune
]);

// BIGINT columns (seq, times in ms) come back as numbers: every value fits in 2^53.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as pg.CustomTypesConfig['getTypeParser'],
};




// A page of changes: each op's ChangeOp JSON put together in SQL from the stored JSON (as the
// SQLite store does; the columns are JSON already or validated plain tokens), with a running byte
// count so that rows past the byte budget are not even sent. The first row over the budget still
// comes (the second row, when the first alone is over it), which tells the caller there is more.
const CHANGES_SQL = `
  SELECT seq, j FROM (
    SELECT seq, j, sum(octet_length(j)) OVER (ORDER BY seq) - octet_length(j) AS before, row_number() OVER (ORDER BY seq) AS n
    FROM (
      SELECT seq, '{"seq":' || seq || ',"opId":"' || op_id || '","entity":"' || entity || '","key":"' || key || '","fields":' || fields
        || ',"hlc":"' || hlc || '"' || CASE WHEN prev IS NULL THEN '' ELSE ',"prev":' || prev END || '}' AS j
      FROM ops WHERE commune = $1 AND seq > $2 ORDER BY seq LIMIT $3
    ) page
  ) counted WHERE n <= 2 OR before <= $4 ORDER BY seq`;

// Everything a batch reads after its commune's lock is held, in one round trip.
// A record's state is one row per write (a row of NULLs for a record with none: see STATE_SQL).
const BATCH_READS_SQL = `
  SELECT 0 AS k, op_id AS a, content_hash AS b, NULL AS c, NULL AS d, NULL AS e, NULL AS f, NULL AS g, NULL AS h FROM ops WHERE op_id = ANY($1::text[])
  UNION ALL
  SELECT 1, e.entity, e.key, w.field, w.node, w.value, w.hlc, w.op_id, w.prev
  FROM entities e LEFT JOIN entity_writes w ON w.entity = e.entity AND w.key = e.key
  WHERE (e.entity, e.key) IN (SELECT * FROM unnest($2::text[], $3::text[]))
  UNION ALL
  SELECT 2, receipt, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM batches WHERE commune = $4 AND device_id = $5 AND batch_id = $6 AND content_hash = $7`;

/** One entity/key's merged state: one row per write, or one of NULLs for a record with none. */
const STATE_SQL = `SELECT w.field, w.node, w.value, w.hlc, w.op_id, w.prev FROM entities e
  LEFT JOIN entity_writes w ON w.entity = e.entity AND w.key = e.key WHERE e.entity = $1 AND e.key = $2`;

// A batch's ops, merged states and the commune's new seq in one statement (data-modifying CTEs
// all run); its main part records the receipt, or nothing when it is taken (then drawn again).
const BATCH_WRITE_CTE = `
  WITH o AS (
    INSERT INTO ops (commune, seq, op_id, entity, key, fields, hlc, prev, content_hash, device_id, batch_id, token_id, received_at)
    SELECT $1, u.seq, u.op_id, u.entity, u.key, u.fields, u.hlc, u.prev, u.content_hash, $2, $3, $4, $5
    FROM unnest($6::int8[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[])
      AS u (seq, op_id, entity, key, fields, hlc, prev, content_hash)
  ), e AS (
    INSERT INTO entities (entity, key, commune, seq)
    SELECT u.entity, u.key, $1, u.seq FROM unnest($14::text[], $15::text[], $16::int8[]) AS u (entity, key, seq)
    ON CONFLICT (entity, key) DO UPDATE SET seq = excluded.seq
  ), w AS (
    INSERT INTO entity_writes (entity, key, field, node, value, hlc, op_id, prev)
    SELECT * FROM unnest($17::text[], $18::text[], $19::text[], $20::text[], $21::text[], $22::text[], $23::text[], $24::text[])
    ON CONFLICT (entity, key, field, node) DO UPDATE SET value = excluded.value, hlc = excluded.hlc, op_id = excluded.op_id, prev = excluded.prev
  ), s AS (
    UPDATE communes SET seq = $25 WHERE id = $1 AND $25::int8 IS NOT NULL
  )`;
const BATCH_WRITE_SQL = `${BATCH_WRITE_CTE}
  INSERT INTO batches (commune, device_id, batch_id, content_hash, receipt, token_id, ops, received_at)
  SELECT $1, $2, $3, $26, $27, $4, $28, $5 WHERE $27::text IS NOT NULL
  ON CONFLICT (receipt) DO NOTHING RETURNING receipt`;
const INSERT_RECEIPT_SQL = `INSERT INTO batches (commune, device_id, batch_id, content_hash, receipt, token_id, ops, received_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (receipt) DO NOTHING RETURNING receipt`;

/** The written states' rows of a batch as the eight column arrays of BATCH_WRITE_SQL's `unnest`. */
function writeColumns(entities: BatchWrites['entities']): string[][] {
  const cols: (string | null)[][] = [[], [], [], [], [], [], [], []];
  for (const e of entities) {
    for (const r of e.writes) [e.entity, e.key, r.field, r.node, r.valueJson, r.hlc, r.opId, r.prev].forEach((v, i) => cols[i]!.push(v));
  }
  return cols as string[][];
}

/** Connects to `url`, brings its schema up to date (once, whoever else starts) and opens the store. */
export async function openPostgresStore(url: string, opts: PostgresStoreOptions = {}): Promise<Store> {
  const pool = new pg.Pool({
    connectionString: url,
    max: Math.max(2, opts.poolSize ?? 10),
    types,
    application_name: 'xa-hoc-tap',
    // A transaction left open (a process stopped, not killed) must not hold a commune's lock for ever.
    options: '-c idle_in_transaction_session_timeout=60000',
  });
  // An idle connection dropped by the server (a restart, a failover) is taken out of the pool; the
  // next query opens another. Without a listener the error would end the process.
  pool.on('error', () => {});
  try {
    await migrate(pool);
  } catch (e) {
    await pool.end();
    throw e;
  }

  /** Runs fn in one transaction; again from the start after an error in `retryOn` (at most 5 times). */
  const tx = async <T>(fn: (c: pg.PoolClient) => Promise<T>, retryOn: ReadonlySet<string> = new Set()): Promise<T> => {
    for (let attempt = 0; ; attempt++) {
      const c = await pool.connect();
      let broken: Error | undefined;
      try {
        await c.query('BEGIN');
        const out = await fn(c);
        await c.query('COMMIT');
        return out;
      } catch (e) {
        await c.query('ROLLBACK').catch((why: Error) => {
          broken = why; // the connection is gone: do not hand it out again
        });
        if (attempt < 5 && retryOn.has((e as { code?: string }).code ?? '')) continue;
        throw e;
      } finally {
        c.release(broken);
      }
    }
  };

  const portOf = (c: pg.PoolClient): AsyncBatchPort => ({
    async read(needs) {
      // The commune's row lock first, alone: every read after it sees what the batch before it
      // in this commune committed (READ COMMITTED takes a new snapshot per statement).
      const lock = await c.query<{ seq: number }>({ name: 'xht-batch-lock', text: 'SELECT seq FROM communes WHERE id = $1 FOR UPDATE', values: [needs.commune] });
      const reads: BatchReads & { held: Map<string, string>; states: Map<string, EntityState> } = { seq: lock.rows[0]?.seq, held: new Map(), states: new Map(), receipt: null };
      if (reads.seq === undefined) return reads;
      const r = needs.receipt;
      type Row = { k: number; a: string; b: string | null; c: string | null; d: string | null; e: string | null; f: string | null; g: string | null; h: string | null };
      const rows = await c.query<Row>({
        name: 'xht-batch-reads',
        text: BATCH_READS_SQL,
        values: [needs.opIds, needs.states.map((s) => s.entity), needs.states.map((s) => s.key), r.commune, r.deviceId, r.batchId, r.contentHash],
      });
      for (const row of rows.rows) {
        if (row.k === 0) reads.held.set(row.a, row.b!);
        else if (row.k === 1) {
          const id = stateId(row.a as EntityName, row.b!);
          let state = reads.states.get(id);
          if (!state) reads.states.set(id, (state = emptyState()));
          if (row.c !== null) addRow(state, row.c, row.d!, row.e!, row.f!, row.g!, row.h);
        }
        else reads.receipt = row.a;
      }
      return reads;
    },
    async write(w, redraw) {
      const first = w.ops[0];
      const r = w.receipt;
      const res = await c.query<{ receipt: string }>({
        name: 'xht-batch-write',
        text: BATCH_WRITE_SQL,
        values: [
          w.commune, first?.deviceId ?? r?.deviceId ?? '', first?.batchId ?? r?.batchId ?? '', first?.tokenId ?? r?.tokenId ?? '', first?.receivedAt ?? r?.receivedAt ?? 0,
          w.ops.map((o) => o.seq), w.ops.map((o) => o.opId), w.ops.map((o) => o.entity), w.ops.map((o) => o.key),
          w.ops.map((o) => o.fieldsJson), w.ops.map((o) => o.hlc), w.ops.map((o) => o.prevJson), w.ops.map((o) => o.contentHash),
          w.entities.map((e) => e.entity), w.entities.map((e) => e.key), w.entities.map((e) => e.seq),
          ...writeColumns(w.entities),
          w.seq,
          r?.contentHash ?? null, r?.receipt ?? null, r?.ops ?? 0,
        ],
      });
      if (!r) return null;
      if (res.rows.length) return res.rows[0]!.receipt;
      // The drawn receipt is another batch's (one in 10^12): draw until one is free.
      for (;;) {
        const receipt = redraw();
        const again = await c.query<{ receipt: string }>(INSERT_RECEIPT_SQL, [r.commune, r.deviceId, r.batchId, r.contentHash, receipt, r.tokenId, r.ops, r.receivedAt]);
        if (again.rows.length) return receipt;
      }
    },
  });

  type VillageInfo = CommuneInfo['villages'][number];
  const villagesOf = async (q: pg.Pool | pg.PoolClient, ids: string[]): Promise<Map<string, VillageInfo[]>> => {
    const out = new Map<string, VillageInfo[]>(ids.map((c) => [c, []]));
    const res = await q.query<{ commune: string; id: string; code: string; name: string }>('SELECT commune, id, code, name FROM villages WHERE commune = ANY($1::text[]) ORDER BY commune, ord, id', [ids]);
    for (const v of res.rows) out.get(v.commune)!.push({ id: v.id, code: v.code, name: v.name });
    return out;
  };
  type CommuneRowPg = { id: string; code: string; name: string; province: string };
  const communesOf = async (rows: CommuneRowPg[]): Promise<CommuneInfo[]> => {
    const villages = await villagesOf(pool, rows.map((r) => r.id));
    return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, province: r.province, villages: villages.get(r.id)! }));
  };
  const GRANT_SQL = 'SELECT codes.*, communes.province AS province FROM codes JOIN communes ON communes.id = codes.commune WHERE token_hash = $1 AND revoked_at IS NULL';

  const inFlight = new Set<Promise<unknown>>();
  let closed = false;

  return {
    kind: 'postgres',
    async createCommune(c) {
      await tx(async (q) => {
        const id = c.id ?? c.code;
        await q.query('INSERT INTO communes (id, code, name, province, created_at) VALUES ($1, $2, $3, $4, $5)', [id, c.code, c.name, c.province, Date.now()]);
        await q.query(
          'INSERT INTO villages (commune, id, code, name, ord) SELECT $1, u.id, u.code, u.name, u.ord - 1 FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS u (id, code, name, ord)',
          [id, c.villages.map((v) => v.id ?? v.code), c.villages.map((v) => v.code), c.villages.map((v) => v.name)],
        );
      });
    },
    async getCommune(id) {
      const res = await pool.query<CommuneRowPg>('SELECT id, code, name, province FROM communes WHERE id = $1', [id]);
      return res.rows.length ? (await communesOf(res.rows))[0]! : null;
    },
    async listCommunes() {
      // A province's own stream (its records, id `p:…`) is a row of this table but no commune.
      return communesOf((await pool.query<CommuneRowPg>("SELECT id, code, name, province FROM communes WHERE id NOT LIKE 'p:%' ORDER BY id")).rows);
    },
    async communesInProvince(province) {
      return (await pool.query<{ id: string }>("SELECT id FROM communes WHERE province = $1 AND id NOT LIKE 'p:%' ORDER BY id", [province])).rows.map((r) => r.id);
    },
    async communeHeads(province) {
      const res = await pool.query<{ id: string; code: string; name: string; seq: string | number }>('SELECT id, code, name, seq FROM communes WHERE province = $1 ORDER BY id', [province]);
      return res.rows.map((r) => ({ id: r.id, code: r.code, name: r.name, seq: Number(r.seq) }));
    },
    async statesByPrefix(entity, prefix) {
      const res = await pool.query<[string, string | null, string, string, string, string, string | null]>({
        text: `SELECT e.key, w.field, w.node, w.value, w.hlc, w.op_id, w.prev FROM entities e
          LEFT JOIN entity_writes w ON w.entity = e.entity AND w.key = e.key
          WHERE e.entity = $1 AND starts_with(e.key, $2) ORDER BY e.key COLLATE "C"`,
        values: [entity, prefix],
        rowMode: 'array',
      });
      return statesOfRows(res.rows);
    },
    async createCode(rec) {
      await pool.query(
        'INSERT INTO codes (id, code_hash, commune, role, villages, person, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
        [rec.id, rec.codeHash, rec.commune, rec.role, rec.villages ? JSON.stringify(rec.villages) : null, rec.person, rec.now, rec.expiresAt],
      );
    },
    async listCodes(commune) {
      const res = commune
        ? await pool.query<CodeRow>('SELECT * FROM codes WHERE commune = $1 ORDER BY created_at, id', [commune])
        : await pool.query<CodeRow>('SELECT * FROM codes ORDER BY created_at, id');
      return res.rows.map(toCode);
    },
    redeemCode(codeHash, tokenHash, device, now) {
      return tx(async (q): Promise<RedeemResult> => {
        // One device id, one live token: enrolments naming the same device take turns.
        if (device.deviceId !== null) await q.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_SPACE, `device:${device.deviceId}`]);
        const code = await q.query<{ id: string }>(
          'SELECT id FROM codes WHERE code_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $2) FOR UPDATE',
          [codeHash, now],
        );
        if (!code.rows.length) return { kind: 'bad-code' };
        if (device.deviceId !== null) {
          const live = (await q.query<{ id: string; token_hash: string }>(
            'SELECT id, token_hash FROM codes WHERE device_id = $1 AND token_hash IS NOT NULL AND revoked_at IS NULL',
            [device.deviceId],
          )).rows;
          if (live.length && !live.some((t) => t.token_hash === (device.proofTokenHash ?? null))) return { kind: 'device-taken' };
          if (live.length) await q.query('UPDATE codes SET revoked_at = COALESCE(revoked_at, $1) WHERE id = ANY($2::text[])', [now, live.map((t) => t.id)]);
        }
        await q.query('UPDATE codes SET used_at = $1, token_hash = $2, device_id = $3, device_name = $4 WHERE id = $5', [now, tokenHash, device.deviceId, device.deviceName, code.rows[0]!.id]);
        const row = (await q.query<CodeRow & { province: string }>(GRANT_SQL, [tokenHash])).rows[0];
        return row ? { kind: 'ok', grant: toGrant(row) } : { kind: 'bad-code' };
      });
    },
    async tokenGrant(tokenHash) {
      const row = (await pool.query<CodeRow & { province: string }>({ name: 'xht-grant', text: GRANT_SQL, values: [tokenHash] })).rows[0];
      return row ? toGrant(row) : null;
    },
    async revoke(id, now) {
      return (await pool.query('UPDATE codes SET revoked_at = COALESCE(revoked_at, $1) WHERE id = $2', [now, id])).rowCount === 1;
    },
    applyBatch(input) {
      if (closed) return Promise.reject(new Error('store closed'));
      const run: Promise<ApplyResult> = tx((c) => applyBatchOnAsync(portOf(c), input), RETRY_BATCH);
      inFlight.add(run);
      const done = () => inFlight.delete(run);
      run.then(done, done);
      return run;
    },
    async changes(commune, since, limit, maxBytes = MAX_CHANGES_BYTES) {
      const res = await pool.query<{ seq: number; j: string }>({ name: 'xht-changes', text: CHANGES_SQL, values: [commune, since, limit + 1, maxBytes] });
      const json: string[] = [];
      let bytes = 0;
      let hasMore = false;
      let lastSeq: number | null = null;
      for (const { seq, j } of res.rows) {
        const size = Buffer.byteLength(j);
        if (json.length === limit || (json.length > 0 && bytes + size > maxBytes)) {
          hasMore = true;
          break;
        }
        bytes += size;
        json.push(j);
        lastSeq = seq;
      }
      return { json, lastSeq, hasMore };
    },
    async entityState(entity, key) {
      type Row = { field: string | null; node: string; value: string; hlc: string; op_id: string; prev: string | null };
      const rows = (await pool.query<Row>({ name: 'xht-state', text: STATE_SQL, values: [entity, key] })).rows;
      if (!rows.length) return null;
      const state = emptyState();
      for (const r of rows) if (r.field !== null) addRow(state, r.field, r.node, r.value, r.hlc, r.op_id, r.prev);
      return state;
    },
    async exclusive(name, fn) {
      // A session lock on a connection of its own, held while fn runs on the others; a process
      // that dies while holding it loses its session, and with it the lock.
      const c = await pool.connect();
      let broken: Error | undefined;
      try {
        await c.query('SELECT pg_advisory_lock($1, hashtext($2))', [LOCK_SPACE, name]);
        try {
          return await fn();
        } finally {
          await c.query('SELECT pg_advisory_unlock($1, hashtext($2))', [LOCK_SPACE, name]).catch((e: Error) => {
            broken = e;
          });
        }
      } finally {
        c.release(broken);
      }
    },
    async stats() {
      const row = (await pool.query<{ communes: number; ops: number; entities: number; batches: number; tokens: number }>(
        `SELECT (SELECT count(*) FROM communes) AS communes, (SELECT count(*) FROM ops) AS ops, (SELECT count(*) FROM entities) AS entities,
                (SELECT count(*) FROM batches) AS batches, (SELECT count(*) FROM codes WHERE token_hash IS NOT NULL AND revoked_at IS NULL) AS tokens`,
      )).rows[0]!;
      return { communes: row.communes, ops: row.ops, entities: row.entities, batches: row.batches, tokens: row.tokens };
    },
    async close() {
      if (closed) return;
      closed = true;
      // Batches already accepted finish (commit or roll back) before the connections close.
      await Promise.allSettled([...inFlight]);
      await pool.end();
    },
  };
}

/**
 * Brings the database to the current schema: under an advisory lock (two processes starting at
 * once migrate once), every migration not yet in schema_migrations, in order, in one transaction.
 */
async function migrate(pool: pg.Pool): Promise<void> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    await c.query('SELECT pg_advisory_xact_lock($1, $2)', [LOCK_SPACE, MIGRATION_LOCK]);
    await c.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
    )`);
    const done = (await c.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations')).rows[0]!.v ?? 0;
    if (done > POSTGRES_MIGRATIONS.length) {
      throw new Error(`database schema version ${done} is newer than this server knows (${POSTGRES_MIGRATIONS.length})`);
    }
    for (let v = done; v < POSTGRES_MIGRATIONS.length; v++) {
      const m = POSTGRES_MIGRATIONS[v]!;
      await c.query(m.sql);
      await c.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [v + 1, m.name]);
    }
    await c.query('COMMIT');
  } catch (e) {
    await c.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    c.release();
  }
}
