// Who may read and write what: ONE policy for the server (server/auth.ts) and the app
// (src/ui/access.ts), from the registry's scope and writers (src/domain/entities) and the year
// lock's rule (isLockAct). Answers are codes with parameters, never sentences: the server and the
// screens word them. Pure; first-load safe (data and small functions only).
import { ENTITY_DEFS, ENTITY_NAMES, type EntityName, ENTITY } from '../entities/index.ts';
import { isProvinceKey, provinceId } from '../keys.ts';
import { DOSSIER_STATES, type DossierState } from '../review/codes.ts';
import { moveRoleRefusal, type Move } from '../review/states.ts';
import { isLockAct } from '../sync/year-lock.ts';
import type { Role } from './roles.ts';

/** Who is asking: a device's enrolment. */
export interface Principal {
  role: Role;
  /**
   * The commune (id) the enrolment is for; a province reviewer's is its province's id
   * (`p:quang-ngai`, keys.ts provinceId) or, for codes issued before issue 14, the commune its code named.
   */
  commune: string;
  /** The province of that commune: a reviewer reads every commune of it, those added later too. */
  province: string | null;
  /** Người thu thập theo thôn: the village ids they may enter; null = the whole commune. */
  villages: readonly string[] | null;
}

/** What is read: one commune's data (its province, when known), or a province's own (`commune` its id). */
export interface ReadTarget {
  commune: string;
  province: string | null;
}

/** What is written: one op of an entity of a commune (its village for village-scoped entities). */
export interface WriteTarget {
  entity: EntityName;
  /** The key's first part: the commune, or the province's id for a province's own record. */
  commune: string;
  /** The commune's province (the reviewer's reach); null when unknown. */
  province?: string | null;
  /** The village the record belongs to (scope `village`). */
  village?: string;
  /** The fields written, when they matter (recording the meeting, locking or reopening a year). */
  fields?: Readonly<Record<string, unknown>>;
  /** The year of the record is locked (the dossier of its year says so). */
  yearLocked?: boolean;
}

/** Why a read is refused. */
export type ReadRefusal = { code: 'otherCommune' } | { code: 'otherProvince' };

/** Why a write is refused, most general first. */
export type WriteRefusal =
  /** The role writes nothing at all (chair; a reviewer until review data exist). */
  | { code: 'readOnlyRole' }
  /** The data belong to another commune. */
  | { code: 'otherCommune' }
  /** The data belong to a commune of another province. */
  | { code: 'otherProvince' }
  /** Only the commune officer writes this entity. */
  | { code: 'officerOnly' }
  /** The role writes other entities, not this one. */
  | { code: 'notWriter'; writers: readonly Role[] }
  /** Recording the meeting, locking or reopening the year is the officer's (Điều 9.1.c). */
  | { code: 'lockOfficerOnly' }
  /** A village collector writes only their villages' data; `village` when one was named. */
  | { code: 'villageScope'; village?: string }
  /** The year is locked: reopen it (officer, with a reason) first. */
  | { code: 'yearLocked' }
  /** No move of a dossier joins these two states. */
  | { code: 'moveNone'; from: DossierState; to: DossierState }
  /** This role does not make this move of a dossier (`roles` do: the officer or chair sends, the reviewer decides). */
  | { code: 'moveRole'; move: Move; roles: readonly Role[] };

export type WriteRefusalCode = WriteRefusal['code'];
export type ReadRefusalCode = ReadRefusal['code'];

/** Roles that write some entity of the registry. */
const WRITING_ROLES: ReadonlySet<Role> = new Set(ENTITY_NAMES.flatMap((e) => [...ENTITY_DEFS[e].writers]));

/** Whether a role writes anything at all (the server refuses a batch of any other whole). */
export function writesAnything(role: Role): boolean {
  return WRITING_ROLES.has(role);
}

/**
 * Entities the commune keeps (its figures, answers, villages, dossier: every writer a collector or
 * an officer). A role that writes none of them (the chair, the reviewer) is told it only reads them.
 */
const DATA_ROLES: ReadonlySet<Role> = new Set<Role>(['collector', 'officer']);
const COMMUNE_DATA: ReadonlySet<EntityName> = new Set(ENTITY_NAMES.filter((e) => ENTITY_DEFS[e].writers.every((w) => DATA_ROLES.has(w))));

/** Roles whose reach is a province, not one commune. */
const PROVINCE_ROLES: ReadonlySet<Role> = new Set<Role>(['reviewer']);

/** Whether a role reads every commune of its province (GET /me lists them). */
export function readsProvince(role: Role): boolean {
  return PROVINCE_ROLES.has(role);
}

/** The province id of a principal (its province's own records start with it), or null. */
const provinceOf = (p: Principal): string | null => (p.province ? provinceId(p.province) : null);

/** Whether `p` may read `t`, or why not. */
export function readRefusal(p: Principal, t: ReadTarget): ReadRefusal | null {
  // A province's own records (its settings, its council): its reviewers' and its communes'.
  if (isProvinceKey(t.commune)) return t.commune === provinceOf(p) ? null : { code: 'otherProvince' };
  if (PROVINCE_ROLES.has(p.role)) {
    return t.commune === p.commune || (p.province !== null && t.province === p.province) ? null : { code: 'otherProvince' };
  }
  return t.commune === p.commune ? null : { code: 'otherCommune' };
}

/** Whether `p` may write `t`, or why not (the first reason, most general first). */
export function writeRefusal(p: Principal, t: WriteTarget): WriteRefusal | null {
  if (!writesAnything(p.role) || (!DATA_ROLES.has(p.role) && COMMUNE_DATA.has(t.entity))) return { code: 'readOnlyRole' };
  const def = ENTITY_DEFS[t.entity];
  // A province's record is written under the province's id, a commune's under the commune's.
  if ((def.scope === 'province') !== isProvinceKey(t.commune)) return def.scope === 'province' ? { code: 'otherProvince' } : { code: 'otherCommune' };
  const reach = readRefusal(p, { commune: t.commune, province: t.province ?? null });
  if (reach) return reach;
  if (!def.writers.includes(p.role)) {
    return def.writers.length === 1 && def.writers[0] === 'officer' ? { code: 'officerOnly' } : { code: 'notWriter', writers: def.writers };
  }
  if (t.entity === ENTITY.stateChange && t.fields) {
    const { from, to } = t.fields;
    if (isState(from) && isState(to)) {
      const why = moveRoleRefusal(p.role, from, to);
      if (why) return why as WriteRefusal;
    }
  }
  if (p.role !== 'officer' && t.fields && isLockAct(t.entity, t.fields)) return { code: 'lockOfficerOnly' };
  if (p.villages) {
    if (def.scope !== 'village') return { code: 'villageScope' };
    if (t.village === undefined || !p.villages.includes(t.village)) return t.village === undefined ? { code: 'villageScope' } : { code: 'villageScope', village: t.village };
  }
  if (t.yearLocked && def.yearLock === 'frozen') return { code: 'yearLocked' };
  return null;
}

const isState = (x: unknown): x is DossierState => typeof x === 'string' && (DOSSIER_STATES as readonly string[]).includes(x);
