// The one door to storage: openStore() picks the engine from the settings — PostgreSQL when
// DATABASE_URL is set, else the embedded SQLite file at DB_PATH — and hands back the same Store.
// The PostgreSQL module (the only one that imports `pg`) is loaded only when it is chosen.
import { resolve } from 'node:path';
import { openSqliteStore } from './sqlite-store.ts';
import type { Store } from './store.ts';

export type * from './store.ts';

export interface StoreSettings {
  /** postgres://… — PostgreSQL; null or empty: SQLite at dbPath. */
  databaseUrl?: string | null;
  dbPath: string;
  /** Connections of this process to PostgreSQL (default 10). */
  poolSize?: number;
}

export interface OpenOptions {
  /** A server: start the SQLite writer thread now rather than at the first batch. */
  serving?: boolean;
}

/** Opens (creating and migrating) the store the settings name. */
export async function openStore(settings: StoreSettings, options: OpenOptions = {}): Promise<Store> {
  if (settings.databaseUrl) {
    const { openPostgresStore } = await import('./postgres-store.ts');
    return openPostgresStore(settings.databaseUrl, { poolSize: settings.poolSize });
  }
  return openSqliteStore(settings.dbPath === ':memory:' ? ':memory:' : resolve(settings.dbPath), { startWriter: options.serving ?? false });
}

/** Where the data lives, for logs and banners (never the password of a URL). */
export function storeLocation(settings: StoreSettings): string {
  if (!settings.databaseUrl) return resolve(settings.dbPath);
  try {
    const u = new URL(settings.databaseUrl);
    return `${u.protocol}//${u.username ? `${u.username}@` : ''}${u.host}${u.pathname}`;
  } catch {
    return 'postgresql';
  }
}
