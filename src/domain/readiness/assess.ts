// The readiness engine: a pure function of (catalog, one year's commune data) → statuses, gaps,
// level, eligible level and the title held, per docs/domain/assess-format.md. Never reads the
// clock, the DOM or storage; never counts missing data as met; independent of the villages' order.

import type {
  AssessInput, AssessOutput, CriterionResult, IndicatorResult, LevelNo, LevelResult, ProgrammeRatio, RatioValue,
  Status, VillageInput,
} from '../assess-types.ts';
import { getCatalog } from '../catalog/index.ts';
import type {
  Catalog, IndicatorDef, ProgrammeKey, RatioIndicator, StandardIndicator, TrainingIndicator, YesNoIndicator,
} from '../catalog/types.ts';
import { defaultAsOf, eligibilityOf, heldOn } from './eligibility.ts';
import { displayPercent, meetsRatio, ratioGap } from './ratio.ts';

export interface AssessOptions {
  /** Use this catalog instead of the one the input names. */
  catalog?: Catalog;
}

function isCount(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

function byCode(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Σ over the villages that have every one of `keys`; the others are `missing` (sorted codes). */
function sumVillages<K extends keyof VillageInput>(villages: readonly VillageInput[], keys: readonly K[]) {
  const sums = keys.map(() => 0);
  const missing: string[] = [];
  for (const v of villages) {
    if (keys.every((k) => isCount(v[k]))) keys.forEach((k, i) => (sums[i]! += v[k] as number));
    else missing.push(v.code);
  }
  return { sums, missing: missing.sort(byCode) };
}

function ratio(n: number, d: number): RatioValue {
  return { numerator: n, denominator: d, percent: displayPercent(n, d) };
}

function result(id: string, status: Status, value: IndicatorResult['value'], threshold: IndicatorResult['threshold'], gap: IndicatorResult['gap'], missing: string[]): IndicatorResult {
  return { id, status, value, threshold, gap, missing };
}

function judgeYesNo(ind: YesNoIndicator, input: AssessInput): IndicatorResult {
  const met = input.answers?.[ind.id]?.met ?? null;
  return result(ind.id, met === null ? 'unknown' : met ? 'met' : 'unmet', met, true, null, []);
}

function judgeStandard(ind: StandardIndicator, level: LevelNo, input: AssessInput): IndicatorResult {
  const min = ind.minimum[level];
  const got = input.figures?.[ind.figure];
  const value = got === undefined ? null : got;
  let status: Status;
  if (value === null) status = 'unknown';
  else if (min === true) status = value === true ? 'met' : 'unmet';
  else status = typeof value === 'number' && value >= min ? 'met' : 'unmet';
  return result(ind.id, status, value, min, null, []);
}

/** What TC5.1 reads, independent of the level. */
interface CitizenReading { value: RatioValue; missing: string[] }
/** What TC5.2 reads, independent of the level. */
interface TrainingReading { trained: RatioValue; university: RatioValue; missing: string[] }

function readCitizens(ind: RatioIndicator, input: AssessInput): CitizenReading {
  const s = sumVillages(input.villages, [ind.numerator, ind.denominator]);
  return { value: ratio(s.sums[0]!, s.sums[1]!), missing: s.missing };
}

function readTraining(ind: TrainingIndicator, input: AssessInput): TrainingReading {
  const s = sumVillages(input.villages, ['trained', 'university', ind.denominator]);
  return { trained: ratio(s.sums[0]!, s.sums[2]!), university: ratio(s.sums[1]!, s.sums[2]!), missing: s.missing };
}

function judgeRatio(ind: RatioIndicator, level: LevelNo, r: CitizenReading): IndicatorResult {
  const t = ind.thresholds[level];
  const { value, missing } = r;
  if (missing.length > 0 || value.denominator === 0) return result(ind.id, 'unknown', value, t, null, missing);
  const met = meetsRatio(value.numerator, value.denominator, t);
  return result(ind.id, met ? 'met' : 'unmet', value, t, met ? 0 : ratioGap(value.numerator, value.denominator, t), missing);
}

function judgeTraining(ind: TrainingIndicator, level: LevelNo, r: TrainingReading, input: AssessInput): IndicatorResult {
  const difficultArea = input.figures?.difficultArea === true;
  const shares = (difficultArea ? ind.difficultAreaThresholds : ind.thresholds)[level];
  const threshold = { trained: shares.trained, university: shares.university, difficultArea };
  const value = { trained: r.trained, university: r.university };
  const d = r.trained.denominator;
  if (r.missing.length > 0 || d === 0) return result(ind.id, 'unknown', value, threshold, null, r.missing);
  const gap = {
    trained: ratioGap(r.trained.numerator, d, shares.trained),
    university: ratioGap(r.university.numerator, d, shares.university),
  };
  const met = meetsRatio(r.trained.numerator, d, shares.trained) && meetsRatio(r.university.numerator, d, shares.university);
  return result(ind.id, met ? 'met' : 'unmet', value, threshold, gap, r.missing);
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

/** The programme ratios of `info`: each null when no village or figure gives it. */
function programmes(catalog: Catalog, input: AssessInput): AssessOutput['info'] {
  const target = (k: ProgrammeKey) => catalog.programmes.targets.find((p) => p.key === k)?.target ?? 0;
  const of = (k: ProgrammeKey, n: number, d: number, any: boolean): ProgrammeRatio | null =>
    any ? { ...ratio(n, d), target: target(k) } : null;
  const fam = sumVillages(input.villages, ['familiesRecognized', 'households']);
  const lin = sumVillages(input.villages, ['lineagesRecognized', 'lineages']);
  let vn = 0;
  let vd = 0;
  for (const v of input.villages) {
    if (typeof v.villageRecognized !== 'boolean') continue;
    vd++;
    if (v.villageRecognized) vn++;
  }
  const un = input.figures?.unitsRecognized;
  const ud = input.figures?.units;
  const haveUnits = isCount(un) && isCount(ud);
  return {
    families: of('families', fam.sums[0]!, fam.sums[1]!, fam.missing.length < input.villages.length),
    lineages: of('lineages', lin.sums[0]!, lin.sums[1]!, lin.missing.length < input.villages.length),
    villages: of('villages', vn, vd, vd > 0),
    units: of('units', haveUnits ? un : 0, haveUnits ? ud : 0, haveUnits),
  };
}

/** Readiness of one commune for one year at every level of the catalog. Input must be valid. */
export function assess(input: AssessInput, options: AssessOptions = {}): AssessOutput {
  const catalog = options.catalog ?? getCatalog(input.catalog);
  if (!catalog) throw new Error(`unknown catalog: ${input.catalog}`);
  const asOf = input.asOf ?? defaultAsOf(input.year);

  // The sums over the villages do not depend on the level: read each once.
  const citizens = new Map<string, CitizenReading>();
  const training = new Map<string, TrainingReading>();
  for (const c of catalog.criteria) {
    for (const ind of c.indicators) {
      if (ind.kind === 'ratio') citizens.set(ind.id, readCitizens(ind, input));
      else if (ind.kind === 'training') training.set(ind.id, readTraining(ind, input));
    }
  }
  const judge = (ind: IndicatorDef, level: LevelNo): IndicatorResult => {
    switch (ind.kind) {
      case 'yes-no': return judgeYesNo(ind, input);
      case 'standard': return judgeStandard(ind, level, input);
      case 'ratio': return judgeRatio(ind, level, citizens.get(ind.id)!);
      case 'training': return judgeTraining(ind, level, training.get(ind.id)!, input);
    }
  };

  const levels: LevelResult[] = catalog.levels.map(({ level }) => {
    const criteria: CriterionResult[] = catalog.criteria.map((c) => {
      const indicators = c.indicators.map((ind) => judge(ind, level));
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
  return {
    catalog: catalog.id,
    year: input.year,
    asOf,
    level,
    eligibleLevel,
    eligibility,
    held: heldOn(input.history, asOf),
    levels,
    info: programmes(catalog, input),
  };
}
