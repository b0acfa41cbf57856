// The readiness engine: a pure function of (catalog, one year's commune data) → statuses, gaps,
// level and eligible level, per docs/domain/assess-format.md. Never reads the clock, the DOM or
// storage; never counts missing data as met; output is independent of the villages' order.

import type {
  AssessInput, AssessOutput, CriterionResult, IndicatorResult, LevelNo, LevelResult, RatioValue, Status,
  UnknownReason, VillageInput,
} from '../assess-types.ts';
import { getCatalog } from '../catalog/index.ts';
import type { Catalog, IndicatorDef, RatioIndicator, StandardIndicator, YesNoIndicator } from '../catalog/types.ts';
import { defaultAsOf, eligibilityOf } from './eligibility.ts';
import { displayPercent, meetsRatio, ratioGap } from './ratio.ts';
import { ratioThreshold, standardThreshold } from './thresholds.ts';

export interface AssessOptions {
  /** Use this catalog instead of the one the input names (e.g. a province profile). */
  catalog?: Catalog;
}


function isCount(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

function byCode(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Σ numerator / Σ denominator over the villages that have both; the others are `missing`. */
function sumVillages(villages: readonly VillageInput[], num: keyof VillageInput, den: keyof VillageInput) {
  let n = 0;
  let d = 0;
  const missing: string[] = [];
  for (const v of villages) {
    const a = v[num];
    const b = v[den];
    if (isCount(a) && isCount(b)) {
      n += a;
      d += b;
    } else missing.push(v.code);
  }
  return { n, d, missing: missing.sort(byCode) };
}

/** What a ratio indicator reads, independent of the level. */
interface RatioReading {
  value: RatioValue | null;
  missing: string[];
}

function readRatio(ind: RatioIndicator, input: AssessInput): RatioReading {
  const src = ind.source;
  if (src.scope === 'figures') {
    const n = input.figures?.[src.numerator];
    const d = input.figures?.[src.denominator];
    if (!isCount(n) || !isCount(d)) return { value: null, missing: [] };
    return { value: { numerator: n, denominator: d, percent: displayPercent(n, d) }, missing: [] };
  }
  if (src.scope === 'village-flag') {
    let n = 0;
    let d = 0;
    const missing: string[] = [];
    for (const v of input.villages) {
      const f = v[src.flag];
      if (typeof f === 'boolean') {
        d++;
        if (f) n++;
      } else missing.push(v.code);
    }
    return { value: { numerator: n, denominator: d, percent: displayPercent(n, d) }, missing: missing.sort(byCode) };
  }
  const s = sumVillages(input.villages, src.numerator, src.denominator);
  return { value: { numerator: s.n, denominator: s.d, percent: displayPercent(s.n, s.d) }, missing: s.missing };
}

/** An indicator result with its keys in the order of assess-format.md. */
function result(
  ind: IndicatorDef, status: Status, value: IndicatorResult['value'], threshold: IndicatorResult['threshold'],
  gap: number | null, missing: string[], reason?: UnknownReason, thresholdSource?: 'catalog' | 'override',
): IndicatorResult {
  const r: IndicatorResult = { id: ind.id, status, provisional: ind.provisional, value, threshold, gap, missing };
  if (reason) r.reason = reason;
  if (thresholdSource) r.thresholdSource = thresholdSource;
  return r;
}

function judgeRatio(ind: RatioIndicator, level: LevelNo, reading: RatioReading, input: AssessInput): IndicatorResult {
  const t = ratioThreshold(ind, level, input.thresholds);
  const { value, missing } = reading;
  const unknown = (reason: UnknownReason) => result(ind, 'unknown', value, t.value, null, missing, reason, t.source);
  if (t.value === null) return unknown('threshold-not-set');
  if (value === null || missing.length > 0) return unknown('missing-data');
  if (value.denominator === 0) return unknown('zero-denominator');
  const met = meetsRatio(value.numerator, value.denominator, t.value);
  const gap = met ? 0 : ratioGap(value.numerator, value.denominator, t.value);
  return result(ind, met ? 'met' : 'unmet', value, t.value, gap, missing, undefined, t.source);
}

function judgeStandard(ind: StandardIndicator, level: LevelNo, input: AssessInput): IndicatorResult {
  const t = standardThreshold(ind, level, input.thresholds);
  const value: Record<string, number | boolean | null> = {};
  for (const f of ind.figures) value[f] = input.figures?.[f] ?? null;
  if (t.value === null) return result(ind, 'unknown', value, null, null, [], 'threshold-not-set', t.source);
  let anyMissing = false;
  let anyUnmet = false;
  for (const f of ind.figures) {
    const min = t.value[f];
    if (min === undefined) continue;
    const got = value[f];
    if (got === null || got === undefined) anyMissing = true;
    else if (typeof min === 'boolean') {
      if (min && got !== true) anyUnmet = true;
    } else if (typeof got !== 'number' || got < min) anyUnmet = true;
  }
  // Any figure below its minimum decides "unmet" even when another figure is absent.
  const status: Status = anyUnmet ? 'unmet' : anyMissing ? 'unknown' : 'met';
  return result(ind, status, value, t.value, null, [], status === 'unknown' ? 'missing-data' : undefined, t.source);
}

function judgeYesNo(ind: YesNoIndicator, input: AssessInput): IndicatorResult {
  const met = input.answers?.[ind.id]?.met ?? null;
  if (met === null) return result(ind, 'unknown', null, true, null, [], 'not-answered');
  return result(ind, met ? 'met' : 'unmet', met, true, null, []);
}

/** met when all are met, unmet when any is unmet, else unknown (unknown never counts as met). */
export function combine(statuses: readonly Status[]): Status {
  let unknown = false;
  for (const s of statuses) {
    if (s === 'unmet') return 'unmet';
    if (s === 'unknown') unknown = true;
  }
  return unknown ? 'unknown' : 'met';
}

function judge(ind: IndicatorDef, level: LevelNo, input: AssessInput, readings: Map<string, RatioReading>): IndicatorResult {
  switch (ind.kind) {
    case 'yes-no':
      return judgeYesNo(ind, input);
    case 'standard':
      return judgeStandard(ind, level, input);
    case 'ratio':
      return judgeRatio(ind, level, readings.get(ind.id)!, input);
  }
}

/** Readiness of one commune for one year at every level of the catalog. Input must be valid. */
export function assess(input: AssessInput, options: AssessOptions = {}): AssessOutput {
  const catalog = options.catalog ?? getCatalog(input.catalog);
  if (!catalog) throw new Error(`unknown catalog: ${input.catalog}`);
  const asOf = input.asOf ?? defaultAsOf(input.year);

  // A ratio's sums do not depend on the level: read each once.
  const readings = new Map<string, RatioReading>();
  for (const c of catalog.criteria) for (const ind of c.indicators) if (ind.kind === 'ratio') readings.set(ind.id, readRatio(ind, input));

  const levels: LevelResult[] = catalog.levels.map(({ level }) => {
    const criteria: CriterionResult[] = catalog.criteria.map((c) => {
      const indicators = c.indicators.map((ind) => judge(ind, level, input, readings));
      return { id: c.id, status: combine(indicators.map((i) => i.status)), indicators };
    });
    return { level, status: combine(criteria.map((c) => c.status)), criteria };
  });

  // The highest level met whose lower level is met too.
  let level: 0 | LevelNo = 0;
  for (const l of levels) {
    if (l.status !== 'met') break;
    level = l.level;
  }
  const { eligibleLevel, eligibility } = eligibilityOf(level, input.history, asOf);

  const cit = sumVillages(input.villages, 'citizensRecognized', 'citizens');
  return {
    catalog: catalog.id,
    year: input.year,
    asOf,
    level,
    eligibleLevel,
    eligibility,
    levels,
    info: {
      citizens: {
        numerator: cit.n, denominator: cit.d, percent: displayPercent(cit.n, cit.d),
        target: catalog.info.citizens.target, missing: cit.missing,
      },
    },
  };
}
