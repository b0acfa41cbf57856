// Khóa hồ sơ năm — the year lock as a rule both the phone and the server apply: once a commune's
// dossier of a year says `locked: true`, that year's data takes no edit until the year is reopened
// with a reason. Pure: callers pass the dossier's current values in.
import type { EntityName, JsonValue } from './op.ts';
import { yearKeyOf, yearOfKey, type YearKey } from '../keys.ts';
import { ENTITY_NAMES } from '../entities/names.ts';
import { ENTITY_SHAPES } from '../entities/shapes.ts';

/** Entities a locked year freezes (registry `yearLock: 'frozen'`; the dossier holds the lock itself). */
export const YEAR_LOCKED_ENTITIES: ReadonlySet<EntityName> = new Set(ENTITY_NAMES.filter((e) => ENTITY_SHAPES[e].yearLock === 'frozen'));
/** The entity that holds a year's lock (registry `yearLock: 'lock'`: the dossier). */
const LOCK_HOLDERS: ReadonlySet<EntityName> = new Set(ENTITY_NAMES.filter((e) => ENTITY_SHAPES[e].yearLock === 'lock'));
/** The one entity whose record a year's lock is read from (the dossier). */
export const LOCK_ENTITY: EntityName = [...LOCK_HOLDERS][0]!;

/** Dossier fields only the lock and reopen acts write. */
export const LOCK_FIELDS: ReadonlySet<string> = new Set(['locked', 'lockReason', 'lockedAt', 'reopenReasons']);
/** What a lock act may carry besides: the council meeting it records. */
const LOCK_ACT_FIELDS: ReadonlySet<string> = new Set([...LOCK_FIELDS, 'meetingDate', 'minutesRef']);

/**
 * Whether an op records the self-assessment meeting or locks or reopens its year: a dossier op
 * writing any of LOCK_ACT_FIELDS. The lock follows the meeting the commune People's Committee
 * holds (Điều 9.1.c), so it is the commune's side — the officer (cán bộ phụ trách) — and never
 * a collector's (server/auth.ts and the app's src/ui/access.ts both ask this).
 */
export function isLockAct(entity: EntityName, fields: Readonly<Record<string, unknown>>): boolean {
  return LOCK_HOLDERS.has(entity) && Object.keys(fields).some((f) => LOCK_ACT_FIELDS.has(f));
}

/** The dossier key (`commune/year`) an op's year lock is read from, or null when no lock applies. */
export function lockKeyOf(entity: EntityName, key: string): YearKey | null {
  if (!YEAR_LOCKED_ENTITIES.has(entity) && !LOCK_HOLDERS.has(entity)) return null;
  return yearKeyOf(key);
}

/** Whether a dossier's merged values lock its year. */
export function isLocked(dossier: Record<string, JsonValue> | undefined): boolean {
  return dossier?.locked === true;
}

/** The reasons of reopening as the dossier field holds them (JSON text of `{ at, reason }[]`). */
function reopenReasons(v: JsonValue | undefined): { reason?: unknown }[] {
  if (typeof v !== 'string') return [];
  try {
    const list: unknown = JSON.parse(v);
    return Array.isArray(list) ? (list as { reason?: unknown }[]) : [];
  } catch {
    return [];
  }
}

export interface LockRefusal {
  /** Field the refusal is about (`locked` for a reopen without reason), or null for the whole op. */
  field: string | null;
  /** A problem code of the catalog's part `pb` (src/i18n says it), with the year. */
  code: 'pb.reopenReason' | 'pb.yearLocked';
  params: { year: number };
}

/**
 * Why an op may not change a year whose dossier holds `dossier` (its merged values before the op),
 * or null when it may. While locked, only the lock act (fields of locking, with `locked` itself)
 * is taken; reopening (`locked: false`) must add a reason to `reopenReasons`.
 */
export function lockRefusal(entity: EntityName, key: string, fields: Record<string, JsonValue>, dossier: Record<string, JsonValue> | undefined): LockRefusal | null {
  const lockKey = lockKeyOf(entity, key);
  if (lockKey === null || !isLocked(dossier)) return null;
  const year = yearOfKey(lockKey); // the op's key has passed checkKey: a 4-digit year
  if (LOCK_HOLDERS.has(entity) && Object.prototype.hasOwnProperty.call(fields, 'locked') && Object.keys(fields).every((f) => LOCK_ACT_FIELDS.has(f))) {
    if (fields.locked !== false) return null;
    const before = reopenReasons(dossier?.reopenReasons).length;
    const after = reopenReasons(fields.reopenReasons);
    const added = after.slice(before);
    if (after.length > before && added.every((r) => typeof r.reason === 'string' && r.reason.trim() !== '')) return null;
    return { field: 'reopenReasons', code: 'pb.reopenReason', params: { year: year! } };
  }
  return { field: null, code: 'pb.yearLocked', params: { year: year! } };
}
