// What this phone's enrolment lets the person change: the access policy (src/domain/access), the
// same the server applies, asked with the enrolment stored in meta, so a screen shows read-only
// what the server would refuse. Pure: never reads or saves; the server stays the authority (an op
// it refuses is still shown as refused).
import type { EntityName } from '../domain/sync/op.ts';
import { ROLES, writeRefusal, type Role, type WriteRefusalCode } from '../domain/access/index.ts';
import { ENTITY_DEFS } from '../domain/entities/index.ts';
import { provinceId } from '../domain/keys.ts';

/** The enrolment as stored in meta: null role = a phone not enrolled for this commune (no limits). */
export interface Access {
  role: Role | null;
  /** Người thu thập theo thôn: the village ids they may enter; null = the whole commune. */
  villages: readonly string[] | null;
}

export const FULL_ACCESS: Access = { role: null, villages: null };

/** Why a write is not allowed (the policy's code, which the UI's note words), or null when it is. */
export type ReadOnlyReason = WriteRefusalCode;

/** The access of this phone for `commune`, from the meta values the enrolment stored. */
export function accessFrom(meta: { role?: unknown; villageScope?: unknown; enrolledCommune?: unknown }, commune: string): Access {
  const role = meta.role;
  if (meta.enrolledCommune !== commune || !ROLES.includes(role as Role)) return FULL_ACCESS;
  const scope = Array.isArray(meta.villageScope) ? meta.villageScope.filter((v): v is string => typeof v === 'string') : null;
  return { role: role as Role, villages: role === 'collector' ? scope : null };
}

/**
 * Why `access` may not write `entity` (of `village`, for village-scoped ones; `fields` when the
 * fields matter: recording the meeting, locking or reopening a year is the officer's), or null.
 * A phone not enrolled for the commune writes its own data freely; an enrolled one is asked about
 * its own commune (accessFrom made it for the commune on screen).
 */
export function readOnlyReason(access: Access, entity: EntityName, village?: string, fields?: Readonly<Record<string, unknown>>): ReadOnlyReason | null {
  if (access.role === null) return null;
  // Asked about its own commune, or (a province's record) its own province.
  const own = ENTITY_DEFS[entity].scope === 'province' ? OWN_PROVINCE_ID : '';
  const why = writeRefusal(
    { role: access.role, commune: '', province: OWN_PROVINCE, villages: access.villages },
    { entity, commune: own, ...(village !== undefined ? { village } : {}), ...(fields ? { fields } : {}) },
  );
  return why?.code ?? null;
}

/** Stands for the phone's own province when the policy is asked about it (any name serves). */
const OWN_PROVINCE = 'own';
const OWN_PROVINCE_ID = provinceId(OWN_PROVINCE);

/** The villages in the order a collector needs them: theirs first, each group in its own order. */
export function ownVillagesFirst<T extends { id: string }>(access: Access, villages: readonly T[]): T[] {
  const mine = access.villages;
  if (!mine) return [...villages];
  return [...villages.filter((v) => mine.includes(v.id)), ...villages.filter((v) => !mine.includes(v.id))];
}
