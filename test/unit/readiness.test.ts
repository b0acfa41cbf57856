// Table-driven tests of the readiness engine: every indicator at both levels, ratio boundaries,
// missing data, zero denominators, threshold overrides, aggregation and the 12-month rule.
import { describe, it, expect } from 'vitest';
import { assess } from '../../src/domain/readiness/assess.ts';
import { eligibilityOf, defaultAsOf } from '../../src/domain/readiness/eligibility.ts';
import { meetsRatio, ratioGap, displayPercent } from '../../src/domain/readiness/ratio.ts';
import { addMonths } from '../../src/domain/schemas/dates.ts';
import { tt25_2023 } from '../../src/domain/catalog/tt25-2023.ts';
import { indicatorsOf } from '../../src/domain/catalog/index.ts';
import type { AssessInput, AssessOutput, IndicatorResult, LevelNo, VillageInput } from '../../src/domain/assess-types.ts';
import { baseInput, oneVillage, LEVEL2_THRESHOLDS, YES_NO_IDS } from './readiness-fixtures.ts';

function ind(out: AssessOutput, level: LevelNo, id: string): IndicatorResult {
  const r = out.levels.find((l) => l.level === level)!.criteria.flatMap((c) => c.indicators).find((i) => i.id === id);
  if (!r) throw new Error(`no ${id} at level ${level}`);
  return r;
}

function run(edit: (i: AssessInput) => void): AssessOutput {
  const input = baseInput();
  edit(input);
  return assess(input);
}

describe('the base commune', () => {
  it('meets level 1, level 2 unknown for want of thresholds', () => {
    const out = assess(baseInput());
    expect(out.level).toBe(1);
    expect(out.eligibleLevel).toBe(1);
    expect(out.eligibility).toBeNull();
    expect(out.levels.map((l) => l.status)).toEqual(['met', 'unknown']);
    expect(out.asOf).toBe('2026-02-28');
    expect(out.catalog).toBe('tt25-2023');
  });

  it('lists every criterion and indicator of every level in catalog order', () => {
    const out = assess(baseInput());
    const ids = indicatorsOf(tt25_2023).map((i) => i.id);
    expect(ids).toHaveLength(15);
    for (const l of out.levels) {
      expect(l.criteria.map((c) => c.id)).toEqual(['TC1', 'TC2', 'TC3', 'TC4', 'TC5']);
      expect(l.criteria.flatMap((c) => c.indicators.map((i) => i.id))).toEqual(ids);
    }
  });

  it('meets level 2 with a province\'s level-2 thresholds and figures at level 2', () => {
    const out = run((i) => {
      i.thresholds = LEVEL2_THRESHOLDS;
      i.figures = { ...i.figures, pcgdPrimary: 2, pcgdLowerSecondary: 2, literacy: 2 };
    });
    expect(out.level).toBe(2);
    expect(out.eligibleLevel).toBe(2);
  });
});

describe('yes/no indicators, both levels', () => {
  const cases: { met: boolean | null | undefined; status: string; reason?: string }[] = [
    { met: true, status: 'met' },
    { met: false, status: 'unmet' },
    { met: null, status: 'unknown', reason: 'not-answered' },
    { met: undefined, status: 'unknown', reason: 'not-answered' },
  ];
  for (const id of YES_NO_IDS) {
    for (const c of cases) {
      it(`${id} answered ${String(c.met)} → ${c.status}`, () => {
        const out = run((i) => {
          if (c.met === undefined) delete i.answers![id];
          else i.answers![id] = { met: c.met, note: 'x', evidence: [{ number: '1/KH', date: '2025-01-01' }] };
        });
        for (const level of [1, 2] as const) {
          const r = ind(out, level, id);
          expect(r.status).toBe(c.status);
          expect(r.gap).toBeNull();
          expect(r.reason).toBe(c.reason);
        }
        expect(out.level).toBe(c.status === 'met' ? 1 : 0);
        expect(out.levels[0]!.status).toBe(c.status);
      });
    }
  }

  it('evidence and amount never change the status', () => {
    const a = run((i) => { i.answers!['TC2.1'] = { met: false, amount: 900_000_000, evidence: [{ title: 'Dự toán' }] }; });
    expect(ind(a, 1, 'TC2.1').status).toBe('unmet');
    const b = run((i) => { i.answers!['TC2.1'] = { met: true }; });
    expect(ind(b, 1, 'TC2.1').status).toBe('met');
  });
});

describe('standard indicators', () => {
  const tc41: { figures: Record<string, unknown>; l1: string }[] = [
    { figures: { pcgdPreschool5: true, pcgdPrimary: 1, pcgdLowerSecondary: 1 }, l1: 'met' },
    { figures: { pcgdPreschool5: true, pcgdPrimary: 3, pcgdLowerSecondary: 3 }, l1: 'met' },
    { figures: { pcgdPreschool5: false, pcgdPrimary: 3, pcgdLowerSecondary: 3 }, l1: 'unmet' },
    { figures: { pcgdPreschool5: true, pcgdPrimary: 0, pcgdLowerSecondary: 1 }, l1: 'unmet' },
    { figures: { pcgdPreschool5: true, pcgdPrimary: 1, pcgdLowerSecondary: 0 }, l1: 'unmet' },
    { figures: { pcgdPreschool5: null, pcgdPrimary: 1, pcgdLowerSecondary: 1 }, l1: 'unknown' },
    { figures: { pcgdPreschool5: true, pcgdLowerSecondary: 1 }, l1: 'unknown' },
    // One figure below its minimum decides "unmet" even though another is absent.
    { figures: { pcgdPreschool5: null, pcgdPrimary: 0, pcgdLowerSecondary: 1 }, l1: 'unmet' },
  ];
  for (const c of tc41) {
    it(`TC4.1 ${JSON.stringify(c.figures)} → level 1 ${c.l1}, level 2 unknown (threshold not set)`, () => {
      const out = run((i) => { i.figures = { units: 10, unitsRecognized: 9, literacy: 1, ...c.figures } as AssessInput['figures']; });
      expect(ind(out, 1, 'TC4.1').status).toBe(c.l1);
      expect(ind(out, 1, 'TC4.1').threshold).toEqual({ pcgdPreschool5: true, pcgdPrimary: 1, pcgdLowerSecondary: 1 });
      expect(ind(out, 2, 'TC4.1')).toMatchObject({ status: 'unknown', reason: 'threshold-not-set', threshold: null, gap: null });
    });
  }

  const tc42: [number | null, string][] = [[0, 'unmet'], [1, 'met'], [2, 'met'], [null, 'unknown']];
  for (const [literacy, l1] of tc42) {
    it(`TC4.2 literacy ${literacy} → level 1 ${l1}`, () => {
      const out = run((i) => { i.figures = { ...i.figures, literacy }; });
      expect(ind(out, 1, 'TC4.2').status).toBe(l1);
      expect(ind(out, 2, 'TC4.2').reason).toBe('threshold-not-set');
    });
  }

  it('no figures at all: both standards unknown at level 1', () => {
    const out = run((i) => { delete i.figures; });
    expect(ind(out, 1, 'TC4.1').status).toBe('unknown');
    expect(ind(out, 1, 'TC4.2').status).toBe('unknown');
    expect(ind(out, 1, 'TC5.4')).toMatchObject({ status: 'unknown', reason: 'missing-data', value: null });
  });
});

describe('ratio indicators: boundaries one below, at, one above', () => {
  type Row = { id: string; threshold: number; num: number; den: number; status: 'met' | 'unmet'; gap: number };
  const make = (id: string, threshold: number, den: number, at: number): Row[] => [
    { id, threshold, den, num: at - 1, status: 'unmet', gap: 1 },
    { id, threshold, den, num: at, status: 'met', gap: 0 },
    { id, threshold, den, num: at + 1, status: 'met', gap: 0 },
  ];
  const rows: Row[] = [
    ...make('TC5.1', 70, 1000, 700),
    ...make('TC5.1', 70, 7, 5), // 4.9 needed → 5
    ...make('TC5.2', 65, 100, 65),
    ...make('TC5.2', 65, 3, 2), // 1.95 → 2
    ...make('TC5.4', 80, 15, 12),
    ...make('TC5.4', 80, 14, 12), // 11.2 → 12
  ];

  function inputFor(r: Row, threshold?: number): AssessInput {
    const input = baseInput();
    if (r.id === 'TC5.1') input.villages = oneVillage({ households: r.den, familiesRegistered: r.den, familiesRecognized: r.num });
    if (r.id === 'TC5.2') input.villages = oneVillage({ lineages: r.den, lineagesRegistered: r.den, lineagesRecognized: r.num });
    if (r.id === 'TC5.4') input.figures = { ...input.figures, units: r.den, unitsRecognized: r.num };
    if (threshold !== undefined) input.thresholds = { [r.id]: { 1: threshold } };
    return input;
  }

  for (const r of rows) {
    it(`${r.id}: ${r.num}/${r.den} at ${r.threshold}% → ${r.status}, gap ${r.gap}`, () => {
      const out = assess(inputFor(r));
      const res = ind(out, 1, r.id);
      expect(res.status).toBe(r.status);
      expect(res.gap).toBe(r.gap);
      expect(res.threshold).toBe(r.threshold);
      expect(res.value).toMatchObject({ numerator: r.num, denominator: r.den });
      expect(ind(out, 2, r.id)).toMatchObject({ status: 'unknown', reason: 'threshold-not-set', gap: null });
    });
  }

  it('TC5.3 counts recognised villages: 13 of 20 at 65 % met, 12 not (gap 1)', () => {
    const twenty = (recognised: number): VillageInput[] =>
      Array.from({ length: 20 }, (_, k) => ({ code: `V${String(k).padStart(2, '0')}`, households: 10, familiesRegistered: 10, familiesRecognized: 10, lineages: 1, lineagesRegistered: 1, lineagesRecognized: 1, villageRecognized: k < recognised }));
    for (const [n, status, gap] of [[12, 'unmet', 1], [13, 'met', 0], [14, 'met', 0], [5, 'unmet', 8]] as const) {
      const out = run((i) => { i.villages = twenty(n); });
      expect(ind(out, 1, 'TC5.3')).toMatchObject({ status, gap, value: { numerator: n, denominator: 20 } });
    }
  });

  it('a decimal threshold of 72.5 % is decided exactly: 145/200 met, 144/200 not', () => {
    for (const [num, status, gap] of [[144, 'unmet', 1], [145, 'met', 0], [146, 'met', 0], [100, 'unmet', 45]] as const) {
      const out = assess(inputFor({ id: 'TC5.1', threshold: 72.5, den: 200, num, status, gap }, 72.5));
      expect(ind(out, 1, 'TC5.1')).toMatchObject({ status, gap, threshold: 72.5, thresholdSource: 'override' });
    }
  });

  it('thresholds whose floating-point product is inexact are still exact (57.3 %, 33.3 %)', () => {
    expect(meetsRatio(573, 1000, 57.3)).toBe(true);
    expect(meetsRatio(572, 1000, 57.3)).toBe(false);
    expect(meetsRatio(1, 3, 33.3)).toBe(true);
    expect(meetsRatio(1, 3, 33.4)).toBe(false);
    expect(ratioGap(0, 3, 33.4)).toBe(2);
    expect(meetsRatio(29, 100, 29)).toBe(true); // 0.29 * 100 = 28.999999999999996 in floating point
    expect(ratioGap(28, 100, 29)).toBe(1);
  });

  it('0 % is met with nothing recognised and 100 % needs everything', () => {
    expect(meetsRatio(0, 50, 0)).toBe(true);
    expect(ratioGap(0, 50, 0)).toBe(0);
    expect(meetsRatio(49, 50, 100)).toBe(false);
    expect(ratioGap(49, 50, 100)).toBe(1);
    expect(ratioGap(0, 50, 100)).toBe(50);
  });

  it('huge counts fall back to exact big-integer arithmetic', () => {
    const d = 9_000_000_000_000;
    expect(meetsRatio(d * 0.7, d, 70)).toBe(true);
    expect(meetsRatio(d * 0.7 - 1, d, 70)).toBe(false);
    expect(ratioGap(d * 0.7 - 1, d, 70)).toBe(1);
  });

  it('percent is rounded half up to one decimal for display', () => {
    expect(displayPercent(95, 310)).toBe(30.6);
    expect(displayPercent(1, 8)).toBe(12.5);
    expect(displayPercent(1, 16)).toBe(6.3); // 6.25 → 6.3
    expect(displayPercent(699, 1000)).toBe(69.9);
    expect(displayPercent(6999, 10000)).toBe(70); // shows 70 but…
    expect(meetsRatio(6999, 10000, 70)).toBe(false); // …the status is decided exactly
    expect(displayPercent(0, 0)).toBeNull();
  });
});

describe('missing data and zero denominators', () => {
  it('a village without a figure makes the ratio unknown, names it, and reports the rest', () => {
    const out = run((i) => {
      i.villages[2]!.familiesRecognized = null;
      delete i.villages[0]!.households;
    });
    const r = ind(out, 1, 'TC5.1');
    expect(r).toMatchObject({ status: 'unknown', reason: 'missing-data', gap: null, missing: ['T01', 'T03'] });
    expect(r.value).toEqual({ numerator: 320, denominator: 400, percent: 80 });
    expect(out.level).toBe(0);
    expect(out.levels[0]!.status).toBe('unknown');
  });

  it('missing data is unknown even when the villages with data already reach the threshold', () => {
    const out = run((i) => { i.villages[3]!.villageRecognized = null; });
    expect(ind(out, 1, 'TC5.3')).toMatchObject({ status: 'unknown', missing: ['T04'], value: { numerator: 3, denominator: 3 } });
  });

  it('missing codes are sorted, whatever the villages\' order', () => {
    const out = run((i) => {
      i.villages.reverse();
      for (const v of i.villages) v.lineages = null;
    });
    expect(ind(out, 1, 'TC5.2').missing).toEqual(['T01', 'T02', 'T03', 'T04']);
  });

  it('no villages: every village ratio is unknown (zero denominator), not met', () => {
    const out = run((i) => { i.villages = []; });
    for (const id of ['TC5.1', 'TC5.2', 'TC5.3']) {
      expect(ind(out, 1, id)).toMatchObject({ status: 'unknown', reason: 'zero-denominator', gap: null, missing: [] });
    }
    expect(out.level).toBe(0);
    expect(out.info.citizens).toEqual({ numerator: 0, denominator: 0, percent: null, target: 40, missing: [] });
  });

  it('zero households or zero units make the indicator unknown', () => {
    const a = run((i) => { i.villages = oneVillage({ households: 0, familiesRegistered: 0, familiesRecognized: 0 }); });
    expect(ind(a, 1, 'TC5.1')).toMatchObject({ status: 'unknown', reason: 'zero-denominator', gap: null });
    const b = run((i) => { i.figures = { ...i.figures, units: 0, unitsRecognized: 0 }; });
    expect(ind(b, 1, 'TC5.4')).toMatchObject({ status: 'unknown', reason: 'zero-denominator' });
  });
});

describe('criteria and levels', () => {
  it('a criterion is unmet when any indicator is unmet, even with another unknown', () => {
    const out = run((i) => {
      i.answers!['TC1.1'] = { met: false };
      i.answers!['TC1.2'] = { met: null };
    });
    const tc1 = out.levels[0]!.criteria[0]!;
    expect(tc1.status).toBe('unmet');
    expect(out.levels[0]!.status).toBe('unmet');
  });

  it('a criterion is unknown when none is unmet and one is unknown', () => {
    const out = run((i) => { i.answers!['TC3.3'] = { met: null }; });
    expect(out.levels[0]!.criteria[2]!.status).toBe('unknown');
    expect(out.levels[0]!.criteria.filter((c) => c.status !== 'met').map((c) => c.id)).toEqual(['TC3']);
  });

  it('level 2 met but level 1 not (stricter level-1 override) gives level 0', () => {
    const out = run((i) => {
      i.thresholds = { ...LEVEL2_THRESHOLDS, 'TC5.1': { 1: 90, 2: 75 } };
      i.figures = { ...i.figures, pcgdPrimary: 2, pcgdLowerSecondary: 2, literacy: 2 };
    });
    expect(out.levels.map((l) => l.status)).toEqual(['unmet', 'met']);
    expect(out.level).toBe(0);
    expect(out.eligibleLevel).toBe(0);
  });

  it('reports the Learning Citizen share beside the indicators, never in the level', () => {
    const out = run((i) => { for (const v of i.villages) v.citizensRecognized = 0; });
    expect(out.info.citizens).toEqual({ numerator: 0, denominator: 3000, percent: 0, target: 40, missing: [] });
    expect(out.level).toBe(1);
    const half = run((i) => { i.villages[1]!.citizens = null; });
    expect(half.info.citizens).toMatchObject({ numerator: 780, denominator: 2100, percent: 37.1, missing: ['T02'] });
  });
});

describe('threshold overrides', () => {
  it('a ratio override replaces one level only and is reported as used', () => {
    const out = run((i) => { i.thresholds = { 'TC5.1': { 2: 80 } }; });
    expect(ind(out, 1, 'TC5.1')).toMatchObject({ threshold: 70, thresholdSource: 'catalog', status: 'met' });
    expect(ind(out, 2, 'TC5.1')).toMatchObject({ threshold: 80, thresholdSource: 'override', status: 'met', gap: 0 });
    const higher = run((i) => { i.thresholds = { 'TC5.1': { 2: 85.5 } }; });
    expect(ind(higher, 2, 'TC5.1')).toMatchObject({ status: 'unmet', gap: 55 });
  });

  it('a level-1 ratio override replaces the catalog default', () => {
    const out = run((i) => { i.thresholds = { 'TC5.1': { 1: 81 } }; });
    expect(ind(out, 1, 'TC5.1')).toMatchObject({ threshold: 81, status: 'unmet', gap: 10 });
  });

  it('a standard override keeps the minimums it does not name (that level\'s, or level 1\'s)', () => {
    const out = run((i) => { i.thresholds = { 'TC4.1': { 2: { pcgdPrimary: 2, pcgdLowerSecondary: 2 } } }; });
    expect(ind(out, 2, 'TC4.1').threshold).toEqual({ pcgdPreschool5: true, pcgdPrimary: 2, pcgdLowerSecondary: 2 });
    expect(ind(out, 2, 'TC4.1').status).toBe('unmet');
    const l1 = run((i) => { i.thresholds = { 'TC4.1': { 1: { pcgdPrimary: 2 } } }; });
    expect(ind(l1, 1, 'TC4.1').threshold).toEqual({ pcgdPreschool5: true, pcgdPrimary: 2, pcgdLowerSecondary: 1 });
    expect(ind(l1, 1, 'TC4.1').status).toBe('unmet');
    expect(ind(l1, 2, 'TC4.1').reason).toBe('threshold-not-set');
  });

  it('a level-2 standard override inherits a level-1 override where level 2 has none', () => {
    const out = run((i) => {
      i.thresholds = { 'TC4.1': { 1: { pcgdPrimary: 2 }, 2: { pcgdLowerSecondary: 3 } } };
      i.figures = { ...i.figures, pcgdPrimary: 2, pcgdLowerSecondary: 3 };
    });
    expect(ind(out, 2, 'TC4.1')).toMatchObject({ status: 'met', threshold: { pcgdPreschool5: true, pcgdPrimary: 2, pcgdLowerSecondary: 3 } });
  });

  it('a boolean minimum of false accepts either answer', () => {
    const out = run((i) => {
      i.thresholds = { 'TC4.1': { 1: { pcgdPreschool5: false } } };
      i.figures = { ...i.figures, pcgdPreschool5: false };
    });
    expect(ind(out, 1, 'TC4.1').status).toBe('met');
  });

  it('TC4.2 level 2 at literacy 2 is unmet with literacy 1', () => {
    const out = run((i) => { i.thresholds = { 'TC4.2': { 2: { literacy: 2 } } }; });
    expect(ind(out, 2, 'TC4.2')).toMatchObject({ status: 'unmet', threshold: { literacy: 2 } });
  });
});

describe('the 12-month rule', () => {
  const level2 = (history: AssessInput['history'], asOf?: string) => run((i) => {
    i.thresholds = LEVEL2_THRESHOLDS;
    i.figures = { ...i.figures, pcgdPrimary: 2, pcgdLowerSecondary: 2, literacy: 2 };
    i.history = history;
    if (asOf) i.asOf = asOf;
  });

  it('one day before the anniversary: level 1 only, with the date it opens', () => {
    const out = level2([{ level: 1, decidedOn: '2024-03-20' }], '2025-03-19');
    expect(out.level).toBe(2);
    expect(out.eligibleLevel).toBe(1);
    expect(out.eligibility).toEqual({ reason: 'level2-wait', from: '2025-03-20' });
  });

  it('on the anniversary: level 2', () => {
    const out = level2([{ level: 1, decidedOn: '2024-03-20' }], '2025-03-20');
    expect(out.eligibleLevel).toBe(2);
    expect(out.eligibility).toBeNull();
  });

  it('a decision on 29 February opens level 2 on 28 February the next year', () => {
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(level2([{ level: 1, decidedOn: '2024-02-29' }], '2025-02-27').eligibility).toEqual({ reason: 'level2-wait', from: '2025-02-28' });
    expect(level2([{ level: 1, decidedOn: '2024-02-29' }], '2025-02-28').eligibleLevel).toBe(2);
    expect(addMonths('2023-02-28', 12)).toBe('2024-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2024-12-15', 1)).toBe('2025-01-15');
    expect(addMonths('2024-08-31', 13)).toBe('2025-09-30');
  });

  it('uses the latest level-1 decision, ignores older ones', () => {
    const out = level2([{ level: 1, decidedOn: '2021-03-01' }, { level: 1, decidedOn: '2025-03-20' }], '2026-02-20');
    expect(out.eligibility).toEqual({ reason: 'level2-wait', from: '2026-03-20' });
  });

  it('a level-2 decision since the level-1 decision lifts the wait', () => {
    const out = level2([{ level: 1, decidedOn: '2024-03-20' }, { level: 2, decidedOn: '2025-04-01' }], '2025-05-01');
    expect(out.eligibleLevel).toBe(2);
  });

  it('no history: the commune may ask at the level it meets', () => {
    expect(level2(undefined).eligibleLevel).toBe(2);
    expect(level2([]).eligibleLevel).toBe(2);
  });

  it('asOf defaults to 28 February of the next year', () => {
    expect(defaultAsOf(2025)).toBe('2026-02-28');
    expect(level2([{ level: 1, decidedOn: '2025-02-28' }]).eligibleLevel).toBe(2);
    expect(level2([{ level: 1, decidedOn: '2025-03-01' }]).eligibility).toEqual({ reason: 'level2-wait', from: '2026-03-01' });
  });

  it('a commune at level 1 or 0 has no eligibility note', () => {
    expect(eligibilityOf(1, [{ level: 1, decidedOn: '2025-12-01' }], '2026-01-01')).toEqual({ eligibleLevel: 1, eligibility: null });
    expect(eligibilityOf(0, [{ level: 1, decidedOn: '2025-12-01' }], '2026-01-01')).toEqual({ eligibleLevel: 0, eligibility: null });
  });
});
