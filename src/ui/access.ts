// What this phone's enrolment lets the person change, mirroring the server's rule (server/auth.ts
// writeRefusal), so a screen shows read-only what the server would refuse. Pure: never reads or
// saves; the server stays the authority (an op it refuses is still shown as refused).
import type { EntityName } from '../domain/sync/op.ts';
import type { Role } from '../domain/sync/protocol.ts';

/** The enrolment as stored in meta: null role = a phone not enrolled for this commune (no limits). */
export interface Access {
  role: Role | null;
  /** Người thu thập theo thôn: the village codes they may enter; null = the whole commune. */
  villages: readonly string[] | null;
}

export const FULL_ACCESS: Access = { role: null, villages: null };

/** Entities only a commune officer may change (server/auth.ts OFFICER_ONLY). */
const OFFICER_ONLY: ReadonlySet<EntityName> = new Set<EntityName>(['commune', 'decision']);
/** Entities keyed by a village (server/auth.ts VILLAGE_KEYED). */
const VILLAGE_KEYED: ReadonlySet<EntityName> = new Set<EntityName>(['village', 'villageCounts']);

/** Why a write is not allowed (a string key of the UI's note), or null when it is. */
export type ReadOnlyReason = 'readOnlyRole' | 'officerOnly' | 'villageScope';

/** The access of this phone for `commune`, from the meta values the enrolment stored. */
export function accessFrom(meta: { role?: unknown; villageScope?: unknown; enrolledCommune?: unknown }, commune: string): Access {
  const role = meta.role;
  if (meta.enrolledCommune !== commune || (role !== 'collector' && role !== 'officer' && role !== 'chair' && role !== 'reviewer')) {
    return FULL_ACCESS;
  }
  const scope = Array.isArray(meta.villageScope) ? meta.villageScope.filter((v): v is string => typeof v === 'string') : null;
  return { role, villages: role === 'collector' ? scope : null };
}

/** Why `access` may not write `entity` (of `village`, for village-keyed ones), or null when it may. */
export function readOnlyReason(access: Access, entity: EntityName, village?: string): ReadOnlyReason | null {
  const { role } = access;
  if (role === null || role === 'officer') return null;
  if (role !== 'collector') return 'readOnlyRole';
  if (OFFICER_ONLY.has(entity)) return 'officerOnly';
  if (!access.villages) return null;
  if (!VILLAGE_KEYED.has(entity)) return 'villageScope';
  return village !== undefined && access.villages.includes(village) ? null : 'villageScope';
}

/** The villages in the order a collector needs them: theirs first, each group in its own order. */
export function ownVillagesFirst<T extends { code: string }>(access: Access, villages: readonly T[]): T[] {
  const mine = access.villages;
  if (!mine) return [...villages];
  return [...villages.filter((v) => mine.includes(v.code)), ...villages.filter((v) => !mine.includes(v.code))];
}
