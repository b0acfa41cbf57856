// The server's settings from the environment, checked once at start: a wrong value stops the
// start with a reason instead of running half-configured. Pure parsing; reads no files.
import type { RateLimit } from './rate-limit.ts';
import { MAX_COMMUNE_EVIDENCE_BYTES } from '../src/domain/evidence/limits.ts';
import { both, cliText, cliTextEn } from '../src/i18n/cli.ts';

export interface Settings {
  port: number;
  host: string;
  /** PostgreSQL (postgres://…) when set; else the SQLite file at dbPath. */
  databaseUrl: string | null;
  /** Connections of this process to PostgreSQL. */
  poolSize: number;
  dbPath: string;
  /** A folder every server process mounts, for evidence files (the shared-folder store); null: beside the SQLite file. */
  filesDir: string | null;
  staticDir: string;
  /**
   * How many reverse proxies in front of the server append to X-Forwarded-For (0 = none: the
   * socket's address is the client's). The enrolment limiter keys on the client address.
   */
  trustProxy: number;
  /** Other origins the app may sync with (Content-Security-Policy connect-src), besides its own. */
  syncOrigins: string[];
  /** Most open connections; more are closed at once (a flood of idle sockets cannot starve service). */
  maxConnections: number;
  /** Enrolment attempts per client address. */
  enrollRate: RateLimit;
  /** Most bytes of evidence files one commune keeps on the server. */
  communeEvidenceBytes: number;
}

export class SettingsError extends Error {}

function int(env: NodeJS.ProcessEnv, name: string, dflt: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new SettingsError(`${cliText('cli.settingInteger', { name, min, max })} / ${cliTextEn('cli.settingInteger', { min, max })}: ${raw}`);
  return n;
}

/** An origin as CSP and the browser write it: scheme://host[:port], nothing after. */
export function parseOrigin(s: string): string {
  let u: URL;
  try {
    u = new URL(s.trim());
  } catch {
    throw new SettingsError(`SYNC_ORIGINS: ${both('cli.notUrl')}: ${s}`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new SettingsError(`SYNC_ORIGINS: ${both('cli.onlyHttp')}: ${s}`);
  return u.origin;
}

/** DATABASE_URL as given, once it is one PostgreSQL can take; null when unset. */
function databaseUrl(raw: string | undefined): string | null {
  if (raw === undefined || raw.trim() === '') return null;
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    throw new SettingsError(`DATABASE_URL: ${both('cli.notUrl')} (postgres://user:password@host:5432/database)`);
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') throw new SettingsError(`DATABASE_URL: ${both('cli.onlyPostgres')} (${u.protocol})`);
  return raw.trim();
}

/** Reads the settings; throws SettingsError with a Vietnamese and English reason. */
export function readSettings(env: NodeJS.ProcessEnv, defaults: { dbPath: string; staticDir: string }): Settings {
  const trust = env.TRUST_PROXY === 'true' ? 1 : env.TRUST_PROXY === 'false' ? 0 : int(env, 'TRUST_PROXY', 0, 0, 10);
  return {
    port: int(env, 'PORT', 8787, 0, 65535),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: databaseUrl(env.DATABASE_URL),
    poolSize: int(env, 'PG_POOL_SIZE', 10, 2, 1000),
    dbPath: env.DB_PATH ?? defaults.dbPath,
    filesDir: env.FILES_DIR?.trim() ? env.FILES_DIR.trim() : null,
    staticDir: env.STATIC_DIR ?? defaults.staticDir,
    trustProxy: trust,
    syncOrigins: (env.SYNC_ORIGINS ?? '').split(/[\s,]+/).filter(Boolean).map(parseOrigin),
    maxConnections: int(env, 'MAX_CONNECTIONS', 4096, 16, 1_000_000),
    communeEvidenceBytes: int(env, 'COMMUNE_EVIDENCE_MB', MAX_COMMUNE_EVIDENCE_BYTES / 1_000_000, 1, 1_000_000) * 1_000_000,
    enrollRate: { capacity: int(env, 'ENROLL_BURST', 10, 1, 1_000_000), perSecond: int(env, 'ENROLL_PER_MINUTE', 12, 1, 60_000_000) / 60 },
  };
}
