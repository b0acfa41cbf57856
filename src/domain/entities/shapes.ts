// FIRST-LOAD. Of each entity, what the phone needs to open its database and keep its rows — its
// key shape, its Dexie table, its year lock — taken from the registry's entries (registry.ts),
// never written twice. The page's build evaluates this module as it builds (build/entity-shapes.ts)
// and ships its value as plain data, so the first load holds these few facts and not the entries'
// fields, rules and labels, which come with the lazy modules that read them. Everywhere else (the
// server, the CLI, the workers, the tests, `npm run dev`) it runs as written. Data only: the build
// replaces the whole module by its exports' values.
import type { EntityDef } from './define.ts';
import { ENTITY_DEFS } from './registry.ts';

/** What of an entry the first load reads. */
export type EntityShape = Pick<EntityDef, 'key' | 'table' | 'yearLock'>;

/** Each entity's shape, by name, in registry order. */
export const ENTITY_SHAPES = Object.fromEntries(
  Object.entries(ENTITY_DEFS).map(([n, d]: [string, EntityDef]) => [n, { key: d.key, table: d.table, ...(d.yearLock ? { yearLock: d.yearLock } : {}) }]),
) as { readonly [N in keyof typeof ENTITY_DEFS]: EntityShape };
