// What the dashboard shows, computed from the engine's input and output: per-village ratios and
// completeness, the thresholds to draw, the year-over-year series. Pure; never judges a level
// itself (the readiness engine does) and never touches Dexie or the DOM.
import type { AssessInput, AssessOutput, IndicatorResult, LevelNo, RatioValue, Status, VillageInput } from '../../domain/assess-types.ts';
import { findIndicator, getCatalog } from '../../domain/catalog/index.ts';
import { ratioThreshold } from '../../domain/readiness/thresholds.ts';

/** The learning-model ratios drawn per village. */
export type RatioKey = 'families' | 'lineages' | 'citizens';
export const RATIO_KEYS: readonly RatioKey[] = ['families', 'lineages', 'citizens'];

/** Indicator that judges each ratio (citizens is information only, never in the level). */
export const RATIO_INDICATOR: Record<RatioKey, string | null> = { families: 'TC5.1', lineages: 'TC5.2', citizens: null };

const RATIO_FIELDS: Record<RatioKey, { num: keyof VillageInput; den: keyof VillageInput }> = {
  families: { num: 'familiesRecognized', den: 'households' },
  lineages: { num: 'lineagesRecognized', den: 'lineages' },
  citizens: { num: 'citizensRecognized', den: 'citizens' },
};

/** The glossary's nine counts of one village in one year (`villageCounts`). */
export const COUNT_FIELDS = [
  'households', 'familiesRegistered', 'familiesRecognized',
  'lineages', 'lineagesRegistered', 'lineagesRecognized',
  'citizens', 'citizensRecognized', 'villageRecognized',
] as const satisfies readonly (keyof VillageInput)[];

export interface VillageRatio {
  numerator: number;
  denominator: number;
  percent: number;
}

export interface VillageRow {
  code: string;
  name: string;
  /** How many of the nine counts are entered. */
  filled: number;
  state: 'empty' | 'partial' | 'complete';
  /** Thôn được công nhận "Cộng đồng học tập" cấp thôn; null = not answered. */
  recognized: boolean | null;
  ratios: Record<RatioKey, VillageRatio | null>;
}

function present(v: unknown): boolean {
  return v !== null && v !== undefined;
}

function ratioOf(v: VillageInput, key: RatioKey): VillageRatio | null {
  const { num, den } = RATIO_FIELDS[key];
  const n = v[num];
  const d = v[den];
  if (typeof n !== 'number' || typeof d !== 'number' || d === 0) return null;
  return { numerator: n, denominator: d, percent: (n * 100) / d };
}

/** One row per village of the input, in the input's order. */
export function villageRows(input: AssessInput): VillageRow[] {
  return input.villages.map((v) => {
    const filled = COUNT_FIELDS.filter((f) => present(v[f])).length;
    return {
      code: v.code,
      name: v.name || v.code,
      filled,
      state: filled === 0 ? 'empty' : filled === COUNT_FIELDS.length ? 'complete' : 'partial',
      recognized: typeof v.villageRecognized === 'boolean' ? v.villageRecognized : null,
      ratios: { families: ratioOf(v, 'families'), lineages: ratioOf(v, 'lineages'), citizens: ratioOf(v, 'citizens') },
    };
  });
}

export interface Completeness {
  total: number;
  empty: number;
  partial: number;
  complete: number;
  /** Villages answered as recognised "Cộng đồng học tập" cấp thôn. */
  recognized: number;
}

/** Data completeness over the villages ("3/12 thôn chưa nhập"). */
export function completeness(rows: readonly VillageRow[]): Completeness {
  return {
    total: rows.length,
    empty: rows.filter((r) => r.state === 'empty').length,
    partial: rows.filter((r) => r.state === 'partial').length,
    complete: rows.filter((r) => r.state === 'complete').length,
    recognized: rows.filter((r) => r.recognized === true).length,
  };
}

/** The engine's result for one indicator at one level, if listed. */
export function indicatorAt(output: AssessOutput, level: LevelNo, id: string): IndicatorResult | undefined {
  for (const l of output.levels) {
    if (l.level !== level) continue;
    for (const c of l.criteria) {
      const found = c.indicators.find((i) => i.id === id);
      if (found) return found;
    }
  }
  return undefined;
}

/** A percent threshold used by the engine for a ratio indicator at a level; null when not set. */
export function thresholdAt(output: AssessOutput, level: LevelNo, id: string): number | null {
  const t = indicatorAt(output, level, id)?.threshold;
  return typeof t === 'number' ? t : null;
}

export interface RatioLines {
  /** Threshold per level as the engine used it (null = not set: no line). */
  levels: Record<LevelNo, number | null>;
  /** "tạm tính": the catalog's provisional default is in use (no province value replaces it). */
  provisional: Record<LevelNo, boolean>;
  /** Programme target (Công dân học tập), information only. */
  target: number | null;
}

/** Which lines to draw for a ratio: each level's threshold, or the citizens' target. */
export function ratioLines(output: AssessOutput, key: RatioKey, input?: AssessInput): RatioLines {
  const id = RATIO_INDICATOR[key];
  if (!id) return { levels: { 1: null, 2: null }, provisional: { 1: false, 2: false }, target: output.info.citizens.target };
  const catalog = getCatalog(output.catalog);
  const def = catalog ? findIndicator(catalog, id) : undefined;
  const provisional = (level: LevelNo) =>
    def?.kind === 'ratio' && def.provisional && ratioThreshold(def, level, input?.thresholds).source === 'catalog';
  return {
    levels: { 1: thresholdAt(output, 1, id), 2: thresholdAt(output, 2, id) },
    provisional: { 1: provisional(1), 2: provisional(2) },
    target: null,
  };
}

/**
 * Whether a village's ratio reaches a percent threshold, decided exactly as the engine decides
 * a commune's (integer arithmetic on tenths of a percent: 70 of 100 at 70 % reaches it).
 */
export function reaches(r: VillageRatio, percent: number): boolean {
  return r.numerator * 1000 >= Math.round(percent * 10) * r.denominator;
}

/** The level whose distance is shown: the one after the level reached (null at the top). */
export function nextLevel(output: AssessOutput): LevelNo | null {
  return output.level === 0 ? 1 : output.level === 1 ? 2 : null;
}

export interface Distance {
  level: LevelNo;
  unmet: number;
  unknown: number;
  /** unmet + unknown: the indicators that still stand between the commune and the level. */
  total: number;
}

/** How many indicators stand between the commune and `level` ("còn 3 chỉ tiêu"). */
export function distanceTo(output: AssessOutput, level: LevelNo): Distance {
  const l = output.levels.find((x) => x.level === level);
  const inds = l ? l.criteria.flatMap((c) => c.indicators) : [];
  const unmet = inds.filter((i) => i.status === 'unmet').length;
  const unknown = inds.filter((i) => i.status === 'unknown').length;
  return { level, unmet, unknown, total: unmet + unknown };
}

export interface CriterionRow {
  id: string;
  status: Record<LevelNo, Status>;
  /** Any indicator of the criterion is "tạm tính". */
  provisional: boolean;
}

/** Tiêu chí TC1…TC5 with their status at each level, in catalog order. */
export function criterionRows(output: AssessOutput): CriterionRow[] {
  const first = output.levels.find((l) => l.level === 1) ?? output.levels[0];
  if (!first) return [];
  return first.criteria.map((c) => {
    const status = { 1: 'unknown', 2: 'unknown' } as Record<LevelNo, Status>;
    let provisional = false;
    for (const l of output.levels) {
      const found = l.criteria.find((x) => x.id === c.id);
      if (!found) continue;
      status[l.level] = found.status;
      provisional ||= found.indicators.some((i) => i.provisional);
    }
    return { id: c.id, status, provisional };
  });
}

export interface YearPoint {
  year: number;
  families: number | null;
  lineages: number | null;
  citizens: number | null;
  /** Thôn công nhận "Cộng đồng học tập" cấp thôn. */
  villages: number | null;
}

function percentOf(v: IndicatorResult['value'] | RatioValue | undefined): number | null {
  if (v && typeof v === 'object' && 'denominator' in v && typeof v.denominator === 'number') {
    return v.denominator > 0 && typeof v.numerator === 'number' ? (v.numerator * 100) / v.denominator : null;
  }
  return null;
}

/** Commune-wide ratios of each year, oldest first, from each year's engine output. */
export function yearSeries(outputs: readonly AssessOutput[]): YearPoint[] {
  return [...outputs]
    .sort((a, b) => a.year - b.year)
    .map((o) => ({
      year: o.year,
      families: percentOf(indicatorAt(o, 1, 'TC5.1')?.value),
      lineages: percentOf(indicatorAt(o, 1, 'TC5.2')?.value),
      villages: percentOf(indicatorAt(o, 1, 'TC5.3')?.value),
      citizens: percentOf(o.info.citizens),
    }));
}
