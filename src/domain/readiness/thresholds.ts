// Which threshold applies to an indicator at a level: the catalog's, or an override's.
// Pure lookup; never invents a threshold the catalog and the overrides leave unset.

import type { LevelNo, ThresholdOverrides } from '../assess-types.ts';
import type { RatioIndicator, StandardIndicator, StandardMinimums } from '../catalog/types.ts';

export interface Resolved<T> {
  value: T | null;
  source: 'catalog' | 'override';
}

function overrideOf(overrides: ThresholdOverrides | undefined, id: string, level: LevelNo) {
  const byLevel = overrides?.[id];
  return byLevel ? byLevel[String(level) as '1' | '2'] : undefined;
}

/** The percent of a ratio indicator at a level; null = not set. */
export function ratioThreshold(ind: RatioIndicator, level: LevelNo, overrides?: ThresholdOverrides): Resolved<number> {
  const o = overrideOf(overrides, ind.id, level);
  if (typeof o === 'number') return { value: o, source: 'override' };
  return { value: ind.thresholds[level], source: 'catalog' };
}

/**
 * The minimums of a standard indicator at a level. An override names the keys it replaces; the
 * keys it leaves out keep that level's minimum, or level 1's (itself after its own override)
 * where that level has none.
 */
export function standardThreshold(ind: StandardIndicator, level: LevelNo, overrides?: ThresholdOverrides): Resolved<StandardMinimums> {
  const o = overrideOf(overrides, ind.id, level);
  if (o === undefined || typeof o === 'number') return { value: ind.thresholds[level], source: 'catalog' };
  const base = ind.thresholds[level] ?? (level === 1 ? null : standardThreshold(ind, 1, overrides).value) ?? {};
  const merged: StandardMinimums = { ...base };
  for (const f of ind.figures) if (f in o) merged[f] = o[f] as number | boolean;
  return { value: merged, source: 'override' };
}
