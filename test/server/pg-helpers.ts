// PostgreSQL for the tests: a fresh database per caller in the throwaway cluster that
// test/pg.sh starts (pg_virtualenv sets PGHOST, PGPORT, PGUSER, PGPASSWORD), dropped afterwards.
// Fails loudly outside that cluster: a PostgreSQL test never passes by skipping.
import { randomUUID } from 'node:crypto';
import pg from 'pg';

/** The cluster's URL for database `name` (the maintenance database by default). */
export function clusterUrl(name = process.env.PGDATABASE ?? 'postgres'): string {
  const { PGHOST, PGPORT, PGUSER, PGPASSWORD } = process.env;
  if (!PGHOST || !PGPORT || !PGUSER) {
    throw new Error('PostgreSQL tests run in a throwaway cluster: npm run test:pg (test/pg.sh, pg_virtualenv); PGHOST/PGPORT/PGUSER are not set');
  }
  const auth = `${encodeURIComponent(PGUSER)}${PGPASSWORD ? `:${encodeURIComponent(PGPASSWORD)}` : ''}@`;
  return `postgres://${auth}${PGHOST}:${PGPORT}/${name}`;
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: clusterUrl() });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export interface TestDatabase {
  url: string;
  name: string;
  /** Drops it, ending any session still on it. */
  drop(): Promise<void>;
}

/** A new, empty database in the test cluster. */
export async function freshDatabase(): Promise<TestDatabase> {
  const name = `xht_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`));
  let dropped = false;
  return {
    url: clusterUrl(name),
    name,
    async drop() {
      if (dropped) return;
      dropped = true;
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** Runs one statement on a database (what an operator would type in psql). */
export async function sql<R extends pg.QueryResultRow = pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<R[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<R>(text, values)).rows;
  } finally {
    await c.end();
  }
}
