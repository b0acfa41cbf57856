// The entity registry: every entity that syncs, one file each. Add an entity by writing its file
// and listing it here; its op kind, wire schema, Dexie table, export/import and access follow.
// First-load path (the Dexie tables are read from it): data only.
import type { CommuneFigures, VillageCounts } from '../assess-types.ts';
import { answer } from './answer.ts';
import { attachment } from './attachment.ts';
import { commune } from './commune.ts';
import { communeFigures } from './commune-figures.ts';
import { council } from './council.ts';
import { decision } from './decision.ts';
import { dossier } from './dossier.ts';
import { provinceSettings } from './province-settings.ts';
import { registerEntry } from './register-entry.ts';
import { review } from './review.ts';
import { stateChange } from './state-change.ts';
import { submission } from './submission.ts';
import { village } from './village.ts';
import { villageCounts } from './village-counts.ts';
import type { EntityDef } from './define.ts';

export type { EntityDef, FieldDef, FieldKind, RecordRule, Scope, TableDef } from './define.ts';

/** Every entity, by name, in the order files and screens list them. */
export const ENTITY_DEFS = {
  commune, village, villageCounts, communeFigures, answer, decision, dossier, attachment,
  // The province's review (issue #14): what a commune sent, its states, the verdicts, the council,
  // the register, the province's settings.
  submission, stateChange, review, council, registerEntry, provinceSettings,
} as const;

/** Tên thực thể — the entities that sync. */
export type EntityName = keyof typeof ENTITY_DEFS;

/**
 * Each entity's name, for code that names one (a save, the demo's ops, the year lock's holder):
 * `ENTITY.villageCounts`, so the string itself stands here and in the entry only.
 */
export const ENTITY = /* @__PURE__ */ Object.fromEntries(Object.keys(ENTITY_DEFS).map((n) => [n, n])) as { readonly [N in EntityName]: N };

/** The names, in registry order. */
export const ENTITY_NAMES = Object.keys(ENTITY_DEFS) as EntityName[];

/** The entry of an entity. */
export function entityDef(name: EntityName): EntityDef<EntityName> {
  return ENTITY_DEFS[name];
}

/** Whether `name` is an entity of this release (own keys only: a pulled op may say `__proto__`). */
export function isEntityName(name: unknown): name is EntityName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(ENTITY_DEFS, name);
}

/** The fields of the readiness input's villages and figures: the registry's, in its order. */
export const COUNT_KEYS = Object.keys(villageCounts.fields) as (keyof VillageCounts)[];
export const FIGURE_KEYS = Object.keys(communeFigures.fields) as (keyof CommuneFigures)[];
