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

/** Everything the indicators and the programme ratios read from the villages, in ONE pass. */
interface VillageSums {
  citizens: Map<string, CitizenReading>;
  training: Map<string, TrainingReading>;
  families: { n: number; d: number; any: boolean };
  lineages: { n: number; d: number; any: boolean };
  villages: { n: number; d: number };
}

/**
 * Sums numerators and denominators over the villages that have every figure an indicator reads;
 * the others are its `missing` (sorted codes). One loop for all: the engine runs on every keystroke
 * of a 30-village commune on a cheap phone.
 */
function sumVillages(catalog: Catalog, villages: readonly VillageInput[]): VillageSums {
  const ratios: { ind: RatioIndicator; n: number; d: number; missing: string[] }[] = [];
  const shares: { ind: TrainingIndicator; t: number; u: number; d: number; missing: string[] }[] = [];
  for (const c of catalog.criteria) {
    for (const ind of c.indicators) {
      if (ind.kind === 'ratio') ratios.push({ ind, n: 0, d: 0, missing: [] });
      else if (ind.kind === 'training') shares.push({ ind, t: 0, u: 0, d: 0, missing: [] });
    }
  }
  const fam = { n: 0, d: 0, any: false };
  const lin = { n: 0, d: 0, any: false };
  const vil = { n: 0, d: 0 };
  for (const v of villages) {
    for (const r of ratios) {
      const n = v[r.ind.numerator];
      const d = v[r.ind.denominator];
      if (isCount(n) && isCount(d)) {
        r.n += n;
        r.d += d;
      } else r.missing.push(v.code);
    }
    for (const s of shares) {
      const t = v.trained;
      const u = v.university;
      const d = v[s.ind.denominator];
      if (isCount(t) && isCount(u) && isCount(d)) {
        s.t += t;
        s.u += u;
        s.d += d;
      } else s.missing.push(v.code);
    }
    if (isCount(v.familiesRecognized) && isCount(v.households)) {
      fam.n += v.familiesRecognized;
      fam.d += v.households;
      fam.any = true;
    }
    if (isCount(v.lineagesRecognized) && isCount(v.lineages)) {
      lin.n += v.lineagesRecognized;
      lin.d += v.lineages;
      lin.any = true;
    }
    if (typeof v.villageRecognized === 'boolean') {
      vil.d++;
      if (v.villageRecognized) vil.n++;
    }
  }
  const sorted = (codes: string[]) => (codes.length > 1 ? codes.sort(byCode) : codes);
  return {
    citizens: new Map(ratios.map((r) => [r.ind.id, { value: ratio(r.n, r.d), missing: sorted(r.missing) }])),
    training: new Map(shares.map((s) => [s.ind.id, { trained: ratio(s.t, s.d), university: ratio(s.u, s.d), missing: sorted(s.missing) }])),
    families: fam,
    lineages: lin,
    villages: vil,
  };
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
function programmes(catalog: Catalog, input: AssessInput, sums: VillageSums): AssessOutput['info'] {
  const target = (k: ProgrammeKey) => catalog.programmes.targets.find((p) => p.key === k)?.target ?? 0;
  const of = (k: ProgrammeKey, n: number, d: number, any: boolean): ProgrammeRatio | null =>
    any ? { ...ratio(n, d), target: target(k) } : null;
  const un = input.figures?.unitsRecognized;
  const ud = input.figures?.units;
  const haveUnits = isCount(un) && isCount(ud);
  return {
    families: of('families', sums.families.n, sums.families.d, sums.families.any),
    lineages: of('lineages', sums.lineages.n, sums.lineages.d, sums.lineages.any),
    villages: of('villages', sums.villages.n, sums.villages.d, sums.villages.d > 0),
    units: of('units', haveUnits ? un : 0, haveUnits ? ud : 0, haveUnits),
  };
}

/** Readiness of one commune for one year at every level of the catalog. Input must be valid. */
export function assess(input: AssessInput, options: AssessOptions = {}): AssessOutput {
  const catalog = options.catalog ?? getCatalog(input.catalog);
  if (!catalog) throw new Error(`unknown catalog: ${input.catalog}`);
  const asOf = input.asOf ?? defaultAsOf(input.year);

  // The sums over the villages do not depend on the level: read them all once.
  const sums = sumVillages(catalog, input.villages);
  const judge = (ind: IndicatorDef, level: LevelNo): IndicatorResult => {
    switch (ind.kind) {
      case 'yes-no': return judgeYesNo(ind, input);
      case 'standard': return judgeStandard(ind, level, input);
      case 'ratio': return judgeRatio(ind, level, sums.citizens.get(ind.id)!);
      case 'training': return judgeTraining(ind, level, sums.training.get(ind.id)!, input);
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
    info: programmes(catalog, input, sums),
  };
}
