// What the dashboard shows, computed from the engine's input and output: per-village ratios and
// completeness, the thresholds to draw, the year-over-year series. Pure; never judges a level
// itself (the readiness engine does) and never touches Dexie or the DOM.
import type {
  AssessInput, AssessOutput, IndicatorResult, LevelNo, RatioValue, Status, TrainingThreshold, TrainingValue, VillageInput,
} from '../../domain/assess-types.ts';
import { VILLAGE_COUNT_KEYS } from '../../domain/schemas/labels.ts';

/**
 * The ratios drawn per village: the two of the circular (TC5.1, and TC5.2's two shares), then the
 * programme ratios (Quyết định 387/QĐ-TTg), which are information only and never in the level.
 */
export type RatioKey = 'citizens' | 'trained' | 'university' | 'families' | 'lineages';
export const RATIO_KEYS: readonly RatioKey[] = ['citizens', 'trained', 'university', 'families', 'lineages'];

/** The indicator that judges each ratio; null for a programme ratio. */
export const RATIO_INDICATOR: Record<RatioKey, 'TC5.1' | 'TC5.2' | null> = {
  citizens: 'TC5.1', trained: 'TC5.2', university: 'TC5.2', families: null, lineages: null,
};

const RATIO_FIELDS: Record<RatioKey, { num: keyof VillageInput; den: keyof VillageInput }> = {
  citizens: { num: 'citizensRecognized', den: 'citizens' },
  trained: { num: 'trained', den: 'citizens' },
  university: { num: 'university', den: 'citizens' },
  families: { num: 'familiesRecognized', den: 'households' },
  lineages: { num: 'lineagesRecognized', den: 'lineages' },
};

/** The glossary's counts of one village in one year (`villageCounts`). */
export const COUNT_FIELDS = [...VILLAGE_COUNT_KEYS, 'villageRecognized'] as const satisfies readonly (keyof VillageInput)[];

export interface VillageRatio {
  numerator: number;
  denominator: number;
  percent: number;
}

export interface VillageRow {
  code: string;
  name: string;
  /** How many of the counts are entered. */
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
      ratios: Object.fromEntries(RATIO_KEYS.map((k) => [k, ratioOf(v, k)])) as Record<RatioKey, VillageRatio | null>,
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

/** The percent a ratio must reach at a level, as the engine used it (TC5.2: that share's). */
export function thresholdAt(output: AssessOutput, level: LevelNo, key: RatioKey): number | null {
  const id = RATIO_INDICATOR[key];
  if (!id) return null;
  const t = indicatorAt(output, level, id)?.threshold;
  if (typeof t === 'number') return t;
  if (t && typeof t === 'object' && (key === 'trained' || key === 'university')) return (t as TrainingThreshold)[key];
  return null;
}

export interface RatioLines {
  /** Threshold per level as the engine used it (null for a programme ratio). */
  levels: Record<LevelNo, number | null>;
  /** Programme target (information only), for families and lineages. */
  target: number | null;
  /** TC5.2 judged with the thresholds of a commune in a difficult area. */
  difficultArea: boolean;
}

/** Which lines to draw for a ratio: each level's threshold, or the programme target. */
export function ratioLines(output: AssessOutput, key: RatioKey): RatioLines {
  if (!RATIO_INDICATOR[key]) {
    const info = key === 'families' || key === 'lineages' ? output.info[key] : null;
    return { levels: { 1: null, 2: null }, target: info?.target ?? null, difficultArea: false };
  }
  const t = indicatorAt(output, 1, 'TC5.2')?.threshold as TrainingThreshold | undefined;
  return {
    levels: { 1: thresholdAt(output, 1, key), 2: thresholdAt(output, 2, key) },
    target: null,
    difficultArea: key !== 'citizens' && t?.difficultArea === true,
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
}

/** Tiêu chí TC1…TC5 with their status at each level, in catalog order. */
export function criterionRows(output: AssessOutput): CriterionRow[] {
  const first = output.levels.find((l) => l.level === 1) ?? output.levels[0];
  if (!first) return [];
  return first.criteria.map((c) => {
    const status = { 1: 'unknown', 2: 'unknown' } as Record<LevelNo, Status>;
    for (const l of output.levels) {
      const found = l.criteria.find((x) => x.id === c.id);
      if (found) status[l.level] = found.status;
    }
    return { id: c.id, status };
  });
}

export interface YearPoint {
  year: number;
  citizens: number | null;
  trained: number | null;
  university: number | null;
  families: number | null;
  /** Thôn công nhận "Cộng đồng học tập" cấp thôn. */
  villages: number | null;
}

function percentOf(v: RatioValue | null | undefined): number | null {
  return v && v.denominator > 0 ? (v.numerator * 100) / v.denominator : null;
}

function valueOf(r: IndicatorResult | undefined): unknown {
  return r?.value;
}

/** Commune-wide ratios of each year, oldest first, from each year's engine output. */
export function yearSeries(outputs: readonly AssessOutput[]): YearPoint[] {
  return [...outputs]
    .sort((a, b) => a.year - b.year)
    .map((o) => {
      const training = valueOf(indicatorAt(o, 1, 'TC5.2')) as TrainingValue | undefined;
      return {
        year: o.year,
        citizens: percentOf(valueOf(indicatorAt(o, 1, 'TC5.1')) as RatioValue | undefined),
        trained: percentOf(training?.trained),
        university: percentOf(training?.university),
        families: percentOf(o.info.families),
        villages: percentOf(o.info.villages),
      };
    });
}
