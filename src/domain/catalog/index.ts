// Registry of criteria catalogs by version id, and lookups over a catalog's indicators.
// Pure data access: never changes a catalog (assessments record the version they used).

import type { LevelNo } from '../assess-types.ts';
import type { Catalog, CriterionDef, IndicatorDef, Text } from './types.ts';
import { tt25_2023 } from './tt25-2023.ts';

export type * from './types.ts';
export { tt25_2023 } from './tt25-2023.ts';

/** Every catalog the engine knows, by version id. */
export const catalogs: Readonly<Record<string, Catalog>> = { 'tt25-2023': tt25_2023 };

/** The catalog new assessments use. */
export const DEFAULT_CATALOG_ID = 'tt25-2023';

/** The catalog with that id, or undefined. */
export function getCatalog(id: string): Catalog | undefined {
  return Object.prototype.hasOwnProperty.call(catalogs, id) ? catalogs[id] : undefined;
}

/** Every indicator of a catalog, in catalog order. */
export function indicatorsOf(catalog: Catalog): IndicatorDef[] {
  return catalog.criteria.flatMap((c) => c.indicators);
}

const byIdCache = new WeakMap<Catalog, Map<string, IndicatorDef>>();

/** The indicator with that id in the catalog, or undefined. */
export function findIndicator(catalog: Catalog, id: string): IndicatorDef | undefined {
  let map = byIdCache.get(catalog);
  if (!map) {
    map = new Map(indicatorsOf(catalog).map((i) => [i.id, i]));
    byIdCache.set(catalog, map);
  }
  return map.get(id);
}

/** The criterion with that id, or undefined. */
export function findCriterion(catalog: Catalog, id: string): CriterionDef | undefined {
  return catalog.criteria.find((c) => c.id === id);
}

/** The circular's wording of an indicator at a level (level 2 rewords TC4 and TC5). */
export function indicatorText(ind: IndicatorDef, level: LevelNo = 1): Text {
  return level === 2 && ind.level2Text ? ind.level2Text : ind.text;
}
