// The entity registry: every entity that syncs, one file each, listed in registry.ts. Add an
// entity by writing its file and listing it there; its op kind, wire schema, Dexie table,
// export/import and access follow. The first load imports shapes.ts and names.ts only (what
// opens the database and keeps rows); this module brings the whole entries.
import type { CommuneFigures, VillageCounts } from '../assess-types.ts';
import { communeFigures } from './commune-figures.ts';
import { villageCounts } from './village-counts.ts';
import type { EntityDef } from './define.ts';
import type { EntityName } from './names.ts';
import { ENTITY_DEFS } from './registry.ts';

export type { EntityDef, FieldDef, FieldKind, RecordRule, Scope, TableDef } from './define.ts';
export { ENTITY_DEFS } from './registry.ts';
export { ENTITY_SHAPES, type EntityShape } from './shapes.ts';
export { ENTITY, ENTITY_NAMES, isEntityName, type EntityName } from './names.ts';

/** The entry of an entity. */
export function entityDef(name: EntityName): EntityDef<EntityName> {
  return ENTITY_DEFS[name];
}

/** The fields of the readiness input's villages and figures: the registry's, in its order. */
export const COUNT_KEYS = Object.keys(villageCounts.fields) as (keyof VillageCounts)[];
export const FIGURE_KEYS = Object.keys(communeFigures.fields) as (keyof CommuneFigures)[];
