// What every part of the repository shares: the database, the wall clock, the checks (loaded on
// first need), the ONE write-transaction scope, the device-local meta table and this device's HLC
// clock. Only the modules of src/db see it; the app sees the functions repo.ts assembles.
import type { Table } from 'dexie';
import { formatHlc, parseHlc, receive, tick, type Hlc } from '../domain/sync/hlc.ts';
import type { EntityName } from '../domain/sync/op.ts';
import { BOOKKEEPING_STORES, type XhtDb } from './db.ts';
import { tableOf } from './entities.ts';
import { ENTITY_NAMES } from '../domain/entities/names.ts';

export type Checks = typeof import('./validate.ts');
let checksLoading: Promise<Checks> | null = null;
/** Set once the checks have loaded, so code inside a transaction never has to await them. */
let loadedChecks: Checks | null = null;
/**
 * The shared valibot schemas, loaded on first need (they are ~12 KB gzip that first paint does not
 * use). Awaited before a transaction opens: an IndexedDB transaction must not wait on a fetch.
 */
export function loadChecks(): Promise<Checks> {
  return (checksLoading ??= import('./validate.ts').then((m) => (loadedChecks = m)));
}

export type SavesModule = typeof import('./saves.ts');
let savesLoading: Promise<SavesModule> | null = null;
let loadedSaves: SavesModule | null = null;
/**
 * The save functions (saves.ts), loaded on first need like the checks (no first screen saves) and
 * awaited before a write transaction opens, so a save called inside one finds them loaded.
 */
export function loadSaves(): Promise<SavesModule> {
  return (savesLoading ??= import('./saves.ts').then((m) => (loadedSaves = m)));
}

/** Meta keys the app uses (device-local, never synced). */
export type MetaKey =
  | 'deviceId' | 'hlc' | 'currentCommune' | 'currentYear' | 'lang' | 'serverUrl' | 'token'
  | 'lastSyncAt' | 'lastReceipt' | 'persistAsked' | 'pullCursor' | 'role' | 'enrolledCommune'
  | (string & {});

export interface RepoOptions {
  /** Wall clock (ms); tests pass a wrong one to play a phone whose clock is off. */
  now?: () => number;
}

/** Tables every write transaction spans (one scope, so saves can nest inside loaders). */
export const WRITE_TABLES = ['meta', 'outbox', 'conflicts', 'stamps', 'acked', ...ENTITY_NAMES.map(tableOf)];

export type AnyTable = Table<Record<string, unknown>, unknown>;

export interface RepoContext {
  db: XhtDb;
  now: () => number;
  /** The Dexie table of an entity. */
  tbl(entity: EntityName): AnyTable;
  /** Runs `fn` in the one write scope (joins the caller's transaction when there is one). */
  rw<T>(fn: () => Promise<T>): Promise<T>;
  /** The checks, loaded (awaits the first load). */
  checks(): Promise<Checks>;
  /** The checks when loaded (always inside rw(), which loads them before it opens). */
  loadedChecks(): Checks | null;
  getMeta<T = unknown>(key: MetaKey): Promise<T | undefined>;
  setMeta(key: MetaKey, value: unknown): Promise<void>;
  /** This device's id, made once (HLC node and sync deviceId). */
  deviceId(): Promise<string>;
  /** Next local HLC stamp; advanced and stored in the caller's transaction. */
  nextStamp(): Promise<string>;
  /** Moves the local clock past the newest of `stamps` (HLC receive), inside the caller's tx. */
  receiveStamps(stamps: string[]): Promise<void>;
}

export function createContext(db: XhtDb, options: RepoOptions = {}): RepoContext {
  const now = options.now ?? (() => Date.now());
  const tbl = (entity: EntityName) => db.table(tableOf(entity)) as AnyTable;
  // The checks and the saves are loaded before any write transaction opens, so nothing inside one
  // (write() nested in an outer rw) awaits a non-Dexie promise: that would let IndexedDB auto-commit.
  const rw = async <T>(fn: () => Promise<T>): Promise<T> => {
    if (!loadedChecks || !loadedSaves) await Promise.all([loadChecks(), loadSaves()]);
    return db.transaction('rw', WRITE_TABLES, fn);
  };
  const checks = async () => loadedChecks ?? (await loadChecks());

  async function getMeta<T = unknown>(key: MetaKey): Promise<T | undefined> {
    return (await db.meta.get(key))?.value as T | undefined;
  }
  async function setMeta(key: MetaKey, value: unknown): Promise<void> {
    await db.meta.put({ key, value });
  }

  async function deviceId(): Promise<string> {
    return db.transaction('rw', ['meta'], async () => {
      const have = await getMeta<string>('deviceId');
      if (have) return have;
      const id = crypto.randomUUID();
      await setMeta('deviceId', id);
      return id;
    });
  }

  async function nextStamp(): Promise<string> {
    const node = await deviceId();
    const last = await getMeta<string>('hlc');
    const h = tick(last ? parseHlc(last) : null, now(), node);
    const s = formatHlc(h);
    await setMeta('hlc', s);
    return s;
  }

  async function receiveStamps(stamps: string[]): Promise<void> {
    if (stamps.length === 0) return;
    const node = await deviceId();
    let newest: Hlc | null = null;
    for (const s of stamps) {
      const h = parseHlc(s);
      if (!newest || s > formatHlc(newest)) newest = h;
    }
    const lastS = await getMeta<string>('hlc');
    const next = receive(lastS ? parseHlc(lastS) : null, newest!, now(), node);
    const nextS = formatHlc(next);
    if (!lastS || nextS > lastS) await setMeta('hlc', nextS);
  }

  return { db, now, tbl, rw, checks, loadedChecks: () => loadedChecks, getMeta, setMeta, deviceId, nextStamp, receiveStamps };
}
