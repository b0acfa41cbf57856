// FIRST-LOAD. The entities' names, from their shapes (shapes.ts), for code that names one or
// goes through them all — the first load's as much as the rest's. Data only, no entry.
import { ENTITY_SHAPES } from './shapes.ts';

/** Tên thực thể — the entities that sync. */
export type EntityName = keyof typeof ENTITY_SHAPES;

/**
 * Each entity's name, for code that names one (a save, the demo's ops, the year lock's holder):
 * `ENTITY.villageCounts`, so the string itself stands here and in the entry only.
 */
export const ENTITY = /* @__PURE__ */ Object.fromEntries(Object.keys(ENTITY_SHAPES).map((n) => [n, n])) as { readonly [N in EntityName]: N };

/** The names, in registry order. */
export const ENTITY_NAMES = Object.keys(ENTITY_SHAPES) as EntityName[];

/** Whether `name` is an entity of this release (own keys only: a pulled op may say `__proto__`). */
export function isEntityName(name: unknown): name is EntityName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(ENTITY_SHAPES, name);
}
