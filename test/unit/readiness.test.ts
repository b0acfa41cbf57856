// Table-driven tests of the readiness engine as TT25 is written (issue #11): every indicator at
// both levels — at the threshold, one below, with denominators that are not multiples of 100 —,
// TC5.2 with the difficult area on, off and absent, missing data, the title kept until 31/12 of
// the third year (in force on its last day, gone the day after), and the 12-month rule (one day
// before, on the day, from 29/02). Rewritten from the old tests, whose expectations were the old
// (wrong) reading: 9 provisional indicators, programme ratios as TC5, unset level-2 thresholds.
import { describe, it, expect } from 'vitest';
import { assess } from '../../src/domain/readiness/assess.ts';
import { eligibilityOf, defaultAsOf, heldOn, validUntil } from '../../src/domain/readiness/eligibility.ts';
import { meetsRatio, ratioGap, displayPercent, percentBeside } from '../../src/domain/readiness/ratio.ts';
import { requestPlan } from '../../src/domain/readiness/request.ts';
import { validateAssessInput } from '../../src/domain/readiness/validate.ts';
import { addMonths } from '../../src/domain/schemas/dates.ts';
import { tt25_2023 } from '../../src/domain/catalog/tt25-2023.ts';
import { indicatorsOf } from '../../src/domain/catalog/index.ts';
import type { AssessInput, AssessOutput, IndicatorResult, LevelNo } from '../../src/domain/assess-types.ts';
import { baseInput, level2Input, oneVillage, YES_NO_IDS } from './readiness-fixtures.ts';

function ind(out: AssessOutput, level: LevelNo, id: string): IndicatorResult {
  const r = out.levels.find((l) => l.level === level)!.criteria.flatMap((c) => c.indicators).find((i) => i.id === id);
  if (!r) throw new Error(`no ${id} at level ${level}`);
  return r;
}

/** Runs the engine on an edited base commune, checking first that the input is valid. */
function run(edit: (i: AssessInput) => void, from: () => AssessInput = baseInput): AssessOutput {
  const input = from();
  edit(input);
  const checked = validateAssessInput(input);
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
  return assess(input);
}

describe('the base communes', () => {
  it('the base meets level 1 and not level 2; asOf defaults to 28/02 of the next year', () => {
    const out = run(() => undefined);
    expect(out.level).toBe(1);
    expect(out.eligibleLevel).toBe(1);
    expect(out.eligibility).toBeNull();
    expect(out.held).toBeNull();
    expect(out.levels.map((l) => l.status)).toEqual(['met', 'unmet']);
    expect(out.asOf).toBe('2026-02-28');
    expect(out.catalog).toBe('tt25-2023');
  });

  it('the level-2 commune meets both levels', () => {
    const out = run(() => undefined, level2Input);
    expect(out.levels.map((l) => l.status)).toEqual(['met', 'met']);
    expect(out.level).toBe(2);
    expect(out.eligibleLevel).toBe(2);
  });

  it('lists every criterion and indicator of both levels in catalog order, with the output keys of assess-format.md', () => {
    const out = run(() => undefined);
    const ids = indicatorsOf(tt25_2023).map((i) => i.id);
    expect(ids).toHaveLength(15);
    expect(out.levels.map((l) => l.level)).toEqual([1, 2]);
    for (const l of out.levels) {
      expect(l.criteria.map((c) => c.id)).toEqual(['TC1', 'TC2', 'TC3', 'TC4', 'TC5']);
      expect(l.criteria.flatMap((c) => c.indicators.map((i) => i.id))).toEqual(ids);
      for (const c of l.criteria) for (const i of c.indicators) expect(Object.keys(i)).toEqual(['id', 'status', 'value', 'threshold', 'gap', 'missing']);
    }
    expect(Object.keys(out)).toEqual(['catalog', 'year', 'asOf', 'level', 'eligibleLevel', 'eligibility', 'held', 'levels', 'info']);
  });
});

describe('yes/no indicators, both levels', () => {
  const cases: { met: boolean | null | undefined; status: string }[] = [
    { met: true, status: 'met' },
    { met: false, status: 'unmet' },
    { met: null, status: 'unknown' },
    { met: undefined, status: 'unknown' },
  ];
  for (const id of YES_NO_IDS) {
    for (const c of cases) {
      it(`${id} answered ${String(c.met)} → ${c.status} at both levels`, () => {
        const out = run((i) => {
          if (c.met === undefined) delete i.answers![id];
          else i.answers![id] = { met: c.met, note: 'x', evidence: [{ number: '1/KH', date: '2025-01-01', issuer: 'UBND xã', title: 'Kế hoạch' }] };
        });
        for (const level of [1, 2] as const) {
          const r = ind(out, level, id);
          expect(r).toMatchObject({ status: c.status, value: c.met ?? null, threshold: true, gap: null, missing: [] });
        }
        expect(out.level).toBe(c.status === 'met' ? 1 : 0);
        expect(out.levels[0]!.status).toBe(c.status);
      });
    }
  }

  it('evidence and amount never change the status', () => {
    expect(ind(run((i) => { i.answers!['TC2.1'] = { met: false, amount: 900_000_000, evidence: [{ title: 'Dự toán' }] }; }), 1, 'TC2.1').status).toBe('unmet');
    expect(ind(run((i) => { i.answers!['TC2.1'] = { met: true }; }), 1, 'TC2.1').status).toBe('met');
  });
});

describe('TC4: standards of Nghị định 20/2014/NĐ-CP, mức độ 2 (3 at level 2)', () => {
  type Row = { id: string; figure: 'pcgdPreschool5' | 'pcgdPrimary' | 'pcgdLowerSecondary' | 'literacy'; value: number | boolean | null | undefined; l1: string; l2: string };
  const rows: Row[] = [
    { id: 'TC4.1', figure: 'pcgdPreschool5', value: true, l1: 'met', l2: 'met' },
    { id: 'TC4.1', figure: 'pcgdPreschool5', value: false, l1: 'unmet', l2: 'unmet' },
    { id: 'TC4.1', figure: 'pcgdPreschool5', value: null, l1: 'unknown', l2: 'unknown' },
    { id: 'TC4.1', figure: 'pcgdPreschool5', value: undefined, l1: 'unknown', l2: 'unknown' },
    // PCGD tiểu học at mức độ 1 no longer passes level 1 (issue #11).
    { id: 'TC4.2', figure: 'pcgdPrimary', value: 0, l1: 'unmet', l2: 'unmet' },
    { id: 'TC4.2', figure: 'pcgdPrimary', value: 1, l1: 'unmet', l2: 'unmet' },
    { id: 'TC4.2', figure: 'pcgdPrimary', value: 2, l1: 'met', l2: 'unmet' },
    { id: 'TC4.2', figure: 'pcgdPrimary', value: 3, l1: 'met', l2: 'met' },
    { id: 'TC4.2', figure: 'pcgdPrimary', value: null, l1: 'unknown', l2: 'unknown' },
    { id: 'TC4.3', figure: 'pcgdLowerSecondary', value: 1, l1: 'unmet', l2: 'unmet' },
    { id: 'TC4.3', figure: 'pcgdLowerSecondary', value: 2, l1: 'met', l2: 'unmet' },
    { id: 'TC4.3', figure: 'pcgdLowerSecondary', value: 3, l1: 'met', l2: 'met' },
    { id: 'TC4.3', figure: 'pcgdLowerSecondary', value: undefined, l1: 'unknown', l2: 'unknown' },
    { id: 'TC4.4', figure: 'literacy', value: 0, l1: 'unmet', l2: 'unmet' },
    { id: 'TC4.4', figure: 'literacy', value: 1, l1: 'met', l2: 'unmet' },
    { id: 'TC4.4', figure: 'literacy', value: 2, l1: 'met', l2: 'met' },
    { id: 'TC4.4', figure: 'literacy', value: null, l1: 'unknown', l2: 'unknown' },
  ];
  const minimum: Record<string, [number | true, number | true]> = { 'TC4.1': [true, true], 'TC4.2': [2, 3], 'TC4.3': [2, 3], 'TC4.4': [1, 2] };
  for (const r of rows) {
    it(`${r.id} ${r.figure} = ${String(r.value)} → level 1 ${r.l1}, level 2 ${r.l2}`, () => {
      const out = run((i) => {
        if (r.value === undefined) delete i.figures![r.figure];
        else (i.figures as Record<string, unknown>)[r.figure] = r.value;
      }, level2Input);
      for (const [level, want] of [[1, r.l1], [2, r.l2]] as const) {
        expect(ind(out, level, r.id)).toMatchObject({
          status: want, value: r.value ?? null, threshold: minimum[r.id]![level - 1], gap: null, missing: [],
        });
      }
    });
  }

  it('no figures at all: every TC4 indicator unknown, never met', () => {
    const out = run((i) => { delete i.figures; });
    for (const id of ['TC4.1', 'TC4.2', 'TC4.3', 'TC4.4']) expect(ind(out, 1, id).status).toBe('unknown');
    expect(out.level).toBe(0);
  });
});

describe('TC5.1: citizens recognised "Công dân học tập", 60 % / 80 %', () => {
  // at = ⌈d·t/100⌉ worked out by hand: the first count that meets the threshold.
  const rows: { d: number; level: LevelNo; t: number; at: number }[] = [
    { d: 5, level: 1, t: 60, at: 3 },
    { d: 5, level: 2, t: 80, at: 4 },
    { d: 7, level: 1, t: 60, at: 5 }, // 4,2 needed
    { d: 7, level: 2, t: 80, at: 6 }, // 5,6 needed
    { d: 333, level: 1, t: 60, at: 200 }, // 199,8
    { d: 333, level: 2, t: 80, at: 267 }, // 266,4
    { d: 1234, level: 1, t: 60, at: 741 }, // 740,4
    { d: 1234, level: 2, t: 80, at: 988 }, // 987,2
    { d: 2313, level: 1, t: 60, at: 1388 }, // 1387,8
  ];
  for (const r of rows) {
    const below = Math.min(11, r.at);
    for (const [n, status, gap] of [[r.at, 'met', 0], [r.at - 1, 'unmet', 1], [r.at - below, 'unmet', below]] as const) {
      it(`${n}/${r.d} at level ${r.level} (${r.t} %) → ${status}, gap ${gap}`, () => {
        const out = run((i) => { i.villages = oneVillage({ citizens: r.d, citizensRecognized: n, trained: r.d, university: r.d }); });
        const res = ind(out, r.level, 'TC5.1');
        expect(res).toMatchObject({ status, gap, threshold: r.t, missing: [] });
        expect(res.value).toEqual({ numerator: n, denominator: r.d, percent: displayPercent(n, r.d) });
      });
    }
  }

  it('the difficult area changes nothing for TC5.1', () => {
    for (const difficultArea of [true, false, undefined]) {
      const out = run((i) => {
        i.villages = oneVillage({ citizens: 1234, citizensRecognized: 740 });
        if (difficultArea === undefined) delete i.figures!.difficultArea;
        else i.figures!.difficultArea = difficultArea;
      });
      expect(ind(out, 1, 'TC5.1')).toMatchObject({ status: 'unmet', gap: 1, threshold: 60 });
    }
  });

  it('sums numerators and denominators over the villages (not the mean of the villages\' shares)', () => {
    // 1/1 (100 %) and 59/199 (29,6 %): the mean is 64,8 %, the commune's share 60/200 = 30 %.
    const out = run((i) => {
      i.villages = [
        { code: 'A', citizens: 1, citizensRecognized: 1, trained: 1, university: 1 },
        { code: 'B', citizens: 199, citizensRecognized: 59, trained: 150, university: 40 },
      ];
    });
    expect(ind(out, 1, 'TC5.1')).toMatchObject({ status: 'unmet', value: { numerator: 60, denominator: 200, percent: 30 }, gap: 60 });
  });
});

describe('TC5.2: trained and university shares, ordinary and difficult-area thresholds', () => {
  const d = 1234;
  // ⌈d·t/100⌉ by hand for each threshold.
  const cases: { level: LevelNo; area: boolean | undefined; t: number; u: number; atT: number; atU: number }[] = [
    { level: 1, area: undefined, t: 50, u: 12, atT: 617, atU: 149 }, // 617; 148,08
    { level: 1, area: false, t: 50, u: 12, atT: 617, atU: 149 },
    { level: 1, area: true, t: 40, u: 10, atT: 494, atU: 124 }, // 493,6; 123,4
    { level: 2, area: undefined, t: 60, u: 15, atT: 741, atU: 186 }, // 740,4; 185,1
    { level: 2, area: false, t: 60, u: 15, atT: 741, atU: 186 },
    { level: 2, area: true, t: 50, u: 12, atT: 617, atU: 149 },
  ];
  for (const c of cases) {
    const area = c.area === undefined ? 'absent' : c.area ? 'on' : 'off';
    const table: { trained: number; university: number; status: string; gap: { trained: number; university: number } }[] = [
      { trained: c.atT, university: c.atU, status: 'met', gap: { trained: 0, university: 0 } },
      { trained: c.atT - 1, university: c.atU, status: 'unmet', gap: { trained: 1, university: 0 } },
      { trained: c.atT, university: c.atU - 1, status: 'unmet', gap: { trained: 0, university: 1 } },
      { trained: c.atT - 30, university: c.atU - 7, status: 'unmet', gap: { trained: 30, university: 7 } },
    ];
    for (const row of table) {
      it(`level ${c.level}, difficult area ${area}: ${row.trained} trained, ${row.university} university of ${d} → ${row.status}`, () => {
        const out = run((i) => {
          i.villages = oneVillage({ citizens: d, citizensRecognized: d, trained: row.trained, university: row.university });
          if (c.area === undefined) delete i.figures!.difficultArea;
          else i.figures!.difficultArea = c.area;
        });
        const r = ind(out, c.level, 'TC5.2');
        expect(r).toMatchObject({
          status: row.status,
          threshold: { trained: c.t, university: c.u, difficultArea: c.area === true },
          gap: row.gap,
          missing: [],
        });
        expect(r.value).toEqual({
          trained: { numerator: row.trained, denominator: d, percent: displayPercent(row.trained, d) },
          university: { numerator: row.university, denominator: d, percent: displayPercent(row.university, d) },
        });
      });
    }
  }

  it('a trained person who gains a degree closes the university gap without changing the trained one', () => {
    const before = run((i) => { i.villages = oneVillage({ citizens: 1000, citizensRecognized: 1000, trained: 500, university: 110 }); });
    const after = run((i) => { i.villages = oneVillage({ citizens: 1000, citizensRecognized: 1000, trained: 500, university: 111 }); });
    expect(ind(before, 1, 'TC5.2').gap).toEqual({ trained: 0, university: 10 });
    expect(ind(after, 1, 'TC5.2').gap).toEqual({ trained: 0, university: 9 });
  });

  it('the difficult-area sample of the reference: 43 % / 10,5 % meets level 1 only because of the area', () => {
    const input = baseInput();
    input.villages = oneVillage({ citizens: 1000, citizensRecognized: 700, trained: 430, university: 105 });
    const on = assess({ ...input, figures: { ...input.figures, difficultArea: true } });
    const off = assess({ ...input, figures: { ...input.figures, difficultArea: false } });
    expect(ind(on, 1, 'TC5.2').status).toBe('met');
    expect(ind(off, 1, 'TC5.2')).toMatchObject({ status: 'unmet', gap: { trained: 70, university: 15 } });
  });
});

describe('missing data and zero denominators', () => {
  it('a village without a figure makes the indicator unknown, names it, and reports the rest', () => {
    const out = run((i) => { i.villages[1]!.citizensRecognized = null; });
    const r = ind(out, 1, 'TC5.1');
    expect(r).toMatchObject({ status: 'unknown', gap: null, missing: ['T02'] });
    expect(r.value).toEqual({ numerator: 1400, denominator: 2100, percent: 66.7 });
    expect(ind(out, 1, 'TC5.2').status).toBe('met'); // TC5.2 does not read citizensRecognized
    expect(out.level).toBe(0);
  });

  it('TC5.2 is unknown when a village lacks trained or university, with both shares over the rest', () => {
    const out = run((i) => { delete i.villages[2]!.university; i.villages[3]!.trained = null; });
    const r = ind(out, 1, 'TC5.2');
    expect(r).toMatchObject({ status: 'unknown', gap: null, missing: ['T03', 'T04'] });
    expect(r.value).toEqual({
      trained: { numerator: 1200, denominator: 2100, percent: 57.1 },
      university: { numerator: 280, denominator: 2100, percent: 13.3 },
    });
  });

  it('a missing citizens count makes both TC5.1 and TC5.2 unknown', () => {
    const out = run((i) => { i.villages[0]!.citizens = null; });
    expect(ind(out, 1, 'TC5.1').missing).toEqual(['T01']);
    expect(ind(out, 1, 'TC5.2').missing).toEqual(['T01']);
  });

  it('missing data is unknown even when the villages with data already reach the threshold', () => {
    const out = run((i) => { i.villages.push({ code: 'T05', name: 'Chưa nhập' }); });
    expect(ind(out, 1, 'TC5.1')).toMatchObject({ status: 'unknown', missing: ['T05'] });
  });

  it('no villages, or no citizens counted: unknown (zero denominator), never met', () => {
    const none = run((i) => { i.villages = []; });
    expect(ind(none, 1, 'TC5.1')).toMatchObject({ status: 'unknown', gap: null, missing: [], value: { numerator: 0, denominator: 0, percent: null } });
    expect(ind(none, 1, 'TC5.2')).toMatchObject({ status: 'unknown', gap: null });
    const zero = run((i) => { i.villages = oneVillage({ citizens: 0, citizensRecognized: 0, trained: 0, university: 0 }); });
    expect(ind(zero, 2, 'TC5.1').status).toBe('unknown');
    expect(ind(zero, 2, 'TC5.2').status).toBe('unknown');
  });
});

describe('criteria and levels', () => {
  it('a criterion is unmet when any indicator is unmet, even with another unknown', () => {
    const out = run((i) => { i.answers!['TC1.1'] = { met: false }; i.answers!['TC1.2'] = { met: null }; });
    expect(out.levels[0]!.criteria[0]).toMatchObject({ id: 'TC1', status: 'unmet' });
    expect(out.levels[0]!.status).toBe('unmet');
  });

  it('a criterion is unknown when none is unmet and one is unknown', () => {
    const out = run((i) => { i.answers!['TC3.2'] = { met: null }; });
    expect(out.levels[0]!.criteria[2]!.status).toBe('unknown');
    expect(out.levels[0]!.status).toBe('unknown');
    expect(out.level).toBe(0);
  });

  it('level 2 needs level 1: a level-2 commune with one level-1 yes/no unmet is level 0', () => {
    const out = run((i) => { i.answers!['TC2.3'] = { met: false }; }, level2Input);
    expect(out.levels.map((l) => l.status)).toEqual(['unmet', 'unmet']);
    expect(out.level).toBe(0);
  });

  it('the programme ratios are information, never in the level', () => {
    const out = run((i) => { for (const v of i.villages) { v.familiesRecognized = 0; v.villageRecognized = false; } i.figures!.unitsRecognized = 0; });
    expect(out.level).toBe(1);
    expect(out.info).toEqual({
      families: { numerator: 0, denominator: 1000, percent: 0, target: 70 },
      lineages: { numerator: 40, denominator: 50, percent: 80, target: 65 },
      villages: { numerator: 0, denominator: 4, percent: 0, target: 65 },
      units: { numerator: 0, denominator: 10, percent: 0, target: 80 },
    });
  });

  it('each programme ratio is null when no village or figure gives it', () => {
    const out = assess({ ...baseInput(), villages: [{ code: 'T01' }], figures: {} });
    expect(out.info).toEqual({ families: null, lineages: null, villages: null, units: null });
  });
});

describe('ratio arithmetic', () => {
  it('decides exactly: 60 of 100 at 60 % is met, 59 is not; huge counts use big integers', () => {
    expect(meetsRatio(60, 100, 60)).toBe(true);
    expect(meetsRatio(59, 100, 60)).toBe(false);
    expect(ratioGap(59, 100, 60)).toBe(1);
    expect(ratioGap(0, 0, 60)).toBe(0);
    const big = 2 ** 52;
    expect(meetsRatio(big * 0.5, big, 50)).toBe(true);
    expect(ratioGap(big / 2 - 3, big, 50)).toBe(3);
  });

  it('rounds the percent half up for display only', () => {
    expect(displayPercent(2, 3)).toBe(66.7);
    expect(displayPercent(1, 8)).toBe(12.5);
    expect(displayPercent(1, 0)).toBeNull();
  });

  it('never shows a percent beside a threshold rounded up into it', () => {
    expect(percentBeside(6999, 10000, 70)).toBe(69.99);
    expect(percentBeside(6996, 10000, 70)).toBe(69.96);
    expect(percentBeside(7000, 10000, 70)).toBe(70);
    expect(percentBeside(1351, 2313, 60)).toBe(58.4);
    expect(percentBeside(199999, 200000, 100)).toBe(99.99);
    expect(percentBeside(2, 3, 60)).toBe(66.7);
  });
});

describe('the title held (Điều 5.4): kept until 31/12 of the third year after the decision', () => {
  it('validUntil is 31/12 of the year of the decision + 3', () => {
    expect(validUntil('2025-03-20')).toBe('2028-12-31');
    expect(validUntil('2024-12-31')).toBe('2027-12-31');
  });

  it('in force on its last day, gone the day after', () => {
    const history = [{ level: 1 as const, decidedOn: '2022-05-10' }];
    expect(heldOn(history, '2025-12-31')).toEqual({ level: 1, decidedOn: '2022-05-10', validUntil: '2025-12-31' });
    expect(heldOn(history, '2026-01-01')).toBeNull();
    const last = run((i) => { i.year = 2024; i.asOf = '2025-12-31'; i.history = history; });
    expect(last.held).toEqual({ level: 1, decidedOn: '2022-05-10', validUntil: '2025-12-31' });
    const after = run((i) => { i.asOf = '2026-01-01'; i.history = history; });
    expect(after.held).toBeNull();
  });

  it('in force from the day of the decision', () => {
    expect(heldOn([{ level: 2, decidedOn: '2026-02-20' }], '2026-02-20')?.level).toBe(2);
    expect(heldOn([{ level: 2, decidedOn: '2026-02-21' }], '2026-02-20')).toBeNull();
  });

  it('the highest level in force wins, the latest among equals', () => {
    const history = [
      { level: 1 as const, decidedOn: '2024-03-01' },
      { level: 2 as const, decidedOn: '2023-03-01' },
      { level: 2 as const, decidedOn: '2022-03-01' },
      { level: 2 as const, decidedOn: '2021-03-01' }, // ended 31/12/2024
    ];
    expect(heldOn(history, '2026-02-28')).toEqual({ level: 2, decidedOn: '2023-03-01', validUntil: '2026-12-31' });
    expect(heldOn(history, '2027-01-01')).toEqual({ level: 1, decidedOn: '2024-03-01', validUntil: '2027-12-31' });
  });
});

describe('the 12-month rule between level 1 and level 2', () => {
  const history = [{ level: 1 as const, decidedOn: '2025-03-20' }];

  it('one day before the anniversary: level 1 only, with the date level 2 opens', () => {
    const out = run((i) => { i.asOf = '2026-03-19'; i.history = history; }, level2Input);
    expect(out.level).toBe(2);
    expect(out.eligibleLevel).toBe(1);
    expect(out.eligibility).toEqual({ reason: 'level2-wait', from: '2026-03-20' });
    expect(out.held).toEqual({ level: 1, decidedOn: '2025-03-20', validUntil: '2028-12-31' });
  });

  it('on the anniversary: level 2', () => {
    const out = run((i) => { i.asOf = '2026-03-20'; i.history = history; }, level2Input);
    expect(out.eligibleLevel).toBe(2);
    expect(out.eligibility).toBeNull();
  });

  it('a decision on 29/02 opens level 2 on 28/02 of the next year', () => {
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    const h = [{ level: 1 as const, decidedOn: '2024-02-29' }];
    const before = run((i) => { i.year = 2024; i.asOf = '2025-02-27'; i.history = h; }, level2Input);
    expect(before.eligibility).toEqual({ reason: 'level2-wait', from: '2025-02-28' });
    const on = run((i) => { i.year = 2024; i.asOf = '2025-02-28'; i.history = h; }, level2Input);
    expect(on.eligibleLevel).toBe(2);
  });

  it('uses the latest level-1 decision', () => {
    const e = eligibilityOf(2, [{ level: 1, decidedOn: '2023-01-10' }, { level: 1, decidedOn: '2025-06-01' }], '2026-02-28');
    expect(e).toEqual({ eligibleLevel: 1, eligibility: { reason: 'level2-wait', from: '2026-06-01' } });
  });

  it('no level-1 decision, or a commune at level 0 or 1: no wait', () => {
    expect(eligibilityOf(2, [], '2026-02-28').eligibleLevel).toBe(2);
    expect(eligibilityOf(2, [{ level: 2, decidedOn: '2025-06-01' }], '2026-02-28').eligibleLevel).toBe(2);
    expect(eligibilityOf(1, [{ level: 1, decidedOn: '2025-06-01' }], '2026-02-28')).toEqual({ eligibleLevel: 1, eligibility: null });
    expect(eligibilityOf(0, [{ level: 1, decidedOn: '2025-06-01' }], '2026-02-28')).toEqual({ eligibleLevel: 0, eligibility: null });
  });

  it('asOf defaults to 28 February of the next year', () => {
    expect(defaultAsOf(2025)).toBe('2026-02-28');
    expect(defaultAsOf(2027)).toBe('2028-02-28');
  });
});

describe('what the commune should send (criteria-tt25-commune.md, "Recognition history")', () => {
  type Case = {
    name: string;
    from?: () => AssessInput;
    year?: number;
    asOf?: string;
    history?: AssessInput['history'];
    unmet?: boolean;
    want: Record<string, unknown>;
  };
  // Assessment year 2025, asOf 28/02/2026 unless a case says otherwise. A decision of year D is in
  // force until 31/12/(D + 3); its last year of validity is D + 3.
  const cases: Case[] = [
    { name: 'no level met, no title: nothing to ask for', unmet: true, want: { kind: 'none', reason: 'not-met', held: null } },
    {
      name: 'no level met while a title is in force: still nothing',
      unmet: true,
      history: [{ level: 1, decidedOn: '2024-03-20' }],
      want: { kind: 'none', reason: 'not-met', held: { level: 1, validUntil: '2027-12-31' } },
    },
    { name: 'no history: a first request at the eligible level', want: { kind: 'first', level: 1 } },
    { name: 'level 2 met, no history: a first request at level 2', from: level2Input, want: { kind: 'first', level: 2 } },
    {
      name: 'a level-1 title in force, not in its last year: nothing new',
      history: [{ level: 1, decidedOn: '2024-03-20' }],
      want: { kind: 'none', reason: 'in-force', held: { level: 1, decidedOn: '2024-03-20', validUntil: '2027-12-31' } },
    },
    {
      name: 'a level-2 title in force above the eligible level 1: nothing new',
      history: [{ level: 2, decidedOn: '2024-03-20' }],
      want: { kind: 'none', reason: 'in-force', held: { level: 2 } },
    },
    {
      name: 'eligible above the title held: an upgrade',
      from: level2Input,
      history: [{ level: 1, decidedOn: '2024-03-20' }],
      want: { kind: 'upgrade', level: 2, held: { level: 1, validUntil: '2027-12-31' } },
    },
    {
      name: 'eligible above a title in its last year: an upgrade, not a re-recognition',
      from: level2Input,
      history: [{ level: 1, decidedOn: '2023-03-20' }],
      want: { kind: 'upgrade', level: 2, held: { level: 1, validUntil: '2026-12-31' } },
    },
    {
      name: 'level 2 met within 12 months of the level-1 decision: eligible 1, title in force, nothing new',
      from: level2Input,
      history: [{ level: 1, decidedOn: '2025-06-01' }],
      want: { kind: 'none', reason: 'in-force', held: { level: 1 } },
    },
    {
      name: 'the title in force on asOf is in its last year: re-recognition',
      history: [{ level: 1, decidedOn: '2023-03-20' }],
      want: { kind: 'renewal', level: 1, inForce: true, title: { level: 1, decidedOn: '2023-03-20', validUntil: '2026-12-31' } },
    },
    {
      name: 'a level-2 title in its last year, level 1 eligible: re-recognition at level 1',
      history: [{ level: 2, decidedOn: '2023-03-20' }],
      want: { kind: 'renewal', level: 1, inForce: true, title: { level: 2, validUntil: '2026-12-31' } },
    },
    {
      name: 'the same title one assessment year earlier (asOf 2025) is not yet in its last year',
      year: 2024,
      asOf: '2025-02-28',
      history: [{ level: 1, decidedOn: '2023-03-20' }],
      want: { kind: 'none', reason: 'in-force', held: { validUntil: '2026-12-31' } },
    },
    {
      name: 'asOf on the last day of validity: in force, in its last year: re-recognition',
      asOf: '2026-12-31',
      history: [{ level: 1, decidedOn: '2023-03-20' }],
      want: { kind: 'renewal', level: 1, inForce: true, title: { validUntil: '2026-12-31' } },
    },
    {
      name: 'the title ended within the assessment year: re-recognition',
      history: [{ level: 1, decidedOn: '2022-04-01' }],
      want: { kind: 'renewal', level: 1, inForce: false, title: { level: 1, validUntil: '2025-12-31' } },
    },
    {
      name: 'the title ended before the assessment year: a first request',
      history: [{ level: 1, decidedOn: '2021-04-01' }],
      want: { kind: 'first', level: 1 },
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const input = (c.from ?? baseInput)();
      if (c.year) input.year = c.year;
      if (c.asOf) input.asOf = c.asOf;
      if (c.history) input.history = c.history;
      if (c.unmet) input.answers!['TC1.1'] = { met: false };
      const out = assess(input);
      const plan = requestPlan(out, input);
      expect(plan).toMatchObject(c.want);
      if (plan.kind !== 'none' && plan.kind !== 'first') expect(plan.level).toBe(out.eligibleLevel);
    });
  }
});

