// The dashboard's view model: per-village ratios, completeness, threshold comparison. Updated for
// issue #11: the lines drawn are the circular's (TC5.1, TC5.2's two shares, difficult area), the
// programme ratios carry their target only, nothing is "tạm tính".
import { describe, expect, it } from 'vitest';
import type { AssessInput, VillageInput } from '../../src/domain/assess-types.ts';
import { demoCommune } from '../../src/domain/demo-commune.ts';
import { findIndicator, tt25_2023 } from '../../src/domain/catalog/index.ts';
import { assess } from '../../src/domain/readiness/index.ts';
import {
  COUNT_FIELDS, completeness, criterionRows, distanceTo, nextLevel, ratioLines, reaches, villageRows, yearSeries,
} from '../../src/ui/dashboard/model.ts';

const full: VillageInput = {
  code: 'T01', name: 'Làng Mạ',
  households: 120, familiesRegistered: 110, familiesRecognized: 90,
  lineages: 6, lineagesRegistered: 5, lineagesRecognized: 4,
  citizens: 310, citizensRecognized: 95, trained: 170, university: 40, villageRecognized: true,
};

function input(villages: VillageInput[]): AssessInput {
  return { catalog: 'tt25-2023', year: 2025, commune: { code: 'X', name: 'Xã X' }, villages };
}

describe('reaches: exact comparison with a percent threshold', () => {
  it.each([
    { n: 70, d: 100, p: 70, want: true },
    { n: 69, d: 100, p: 70, want: false },
    { n: 71, d: 100, p: 70, want: true },
    { n: 2, d: 3, p: 66.7, want: false }, // 66.666… is below 66.7
    { n: 667, d: 1000, p: 66.7, want: true },
    { n: 666, d: 1000, p: 66.7, want: false },
    { n: 0, d: 5, p: 0, want: true },
    { n: 13, d: 20, p: 65, want: true },
    { n: 12, d: 20, p: 65, want: false },
  ])('$n/$d at $p % → $want', ({ n, d, p, want }) => {
    expect(reaches({ numerator: n, denominator: d, percent: (n * 100) / d }, p)).toBe(want);
  });
});

describe('villageRows', () => {
  it('computes each ratio from the village counts', () => {
    const [row] = villageRows(input([full]));
    expect(row?.state).toBe('complete');
    expect(row?.filled).toBe(COUNT_FIELDS.length);
    expect(row?.recognized).toBe(true);
    expect(row?.ratios.families).toEqual({ numerator: 90, denominator: 120, percent: 75 });
    expect(row?.ratios.lineages?.percent).toBeCloseTo((4 * 100) / 6, 10);
    expect(row?.ratios.citizens?.numerator).toBe(95);
    expect(row?.ratios.trained).toEqual({ numerator: 170, denominator: 310, percent: (170 * 100) / 310 });
    expect(row?.ratios.university?.numerator).toBe(40);
  });

  it('has no ratio where a count is missing or the total is 0', () => {
    const rows = villageRows(
      input([
        { code: 'A', name: 'A' },
        { code: 'B', name: 'B', households: 0, familiesRecognized: 0, lineages: 4, lineagesRecognized: null },
        { code: 'C', households: 50, familiesRecognized: 10, villageRecognized: false },
      ]),
    );
    expect(rows.map((r) => r.state)).toEqual(['empty', 'partial', 'partial']);
    expect(rows[0]?.ratios).toEqual({ citizens: null, trained: null, university: null, families: null, lineages: null });
    expect(rows[1]?.ratios.families).toBeNull();
    expect(rows[1]?.ratios.lineages).toBeNull();
    expect(rows[1]?.filled).toBe(3); // a 0 is data; null is not
    expect(rows[2]?.name).toBe('C'); // no name: the code stands in
    expect(rows[2]?.recognized).toBe(false);
    expect(rows[2]?.ratios.families?.percent).toBe(20);
  });

  it('keeps the input order', () => {
    const rows = villageRows(input([{ ...full, code: 'Z' }, { ...full, code: 'A' }]));
    expect(rows.map((r) => r.code)).toEqual(['Z', 'A']);
  });
});

describe('completeness', () => {
  it('counts empty, partial, complete and recognised villages', () => {
    const rows = villageRows(
      input([
        full,
        { ...full, code: 'T02', villageRecognized: false },
        { code: 'T03' },
        { code: 'T04', households: 10 },
        { code: 'T05' },
      ]),
    );
    expect(completeness(rows)).toEqual({ total: 5, empty: 2, partial: 1, complete: 2, recognized: 1 });
  });
});

describe('with the readiness engine on the demo commune', () => {
  const years = demoCommune.years;
  const latest = years[years.length - 1]!;

  it('draws the level lines the engine used: the circular\'s thresholds, difficult area too', () => {
    const tc51 = findIndicator(tt25_2023, 'TC5.1');
    const tc52 = findIndicator(tt25_2023, 'TC5.2');
    if (tc51?.kind !== 'ratio' || tc52?.kind !== 'training') throw new Error('TC5.1 is a ratio, TC5.2 two shares');
    const plain = assess(latest);
    expect(ratioLines(plain, 'citizens')).toEqual({ levels: { 1: tc51.thresholds[1], 2: tc51.thresholds[2] }, target: null, difficultArea: false });
    expect(ratioLines(plain, 'trained').levels).toEqual({ 1: tc52.thresholds[1].trained, 2: tc52.thresholds[2].trained });
    expect(ratioLines(plain, 'university').levels).toEqual({ 1: tc52.thresholds[1].university, 2: tc52.thresholds[2].university });
    const hard = assess({ ...latest, figures: { ...latest.figures, difficultArea: true } });
    expect(ratioLines(hard, 'trained')).toEqual({ levels: { 1: 40, 2: 50 }, target: null, difficultArea: true });
    expect(ratioLines(hard, 'university').levels).toEqual({ 1: 10, 2: 12 });
    expect(ratioLines(hard, 'citizens').difficultArea).toBe(false);
    // Programme ratios are information only: no level line, their target instead.
    expect(ratioLines(plain, 'families')).toEqual({ levels: { 1: null, 2: null }, target: 70, difficultArea: false });
    expect(ratioLines(plain, 'lineages').target).toBe(65);
  });

  it('counts the indicators between the commune and the next level from the engine statuses', () => {
    for (const input of years) {
      const out = assess(input);
      const next = nextLevel(out);
      if (!next) continue;
      const statuses = out.levels.find((l) => l.level === next)!.criteria.flatMap((c) => c.indicators.map((i) => i.status));
      const d = distanceTo(out, next);
      expect(d.unmet).toBe(statuses.filter((s) => s === 'unmet').length);
      expect(d.unknown).toBe(statuses.filter((s) => s === 'unknown').length);
      expect(d.total).toBe(statuses.length - statuses.filter((s) => s === 'met').length);
    }
  });

  it('counts a missing answer as a step to go, never as met', () => {
    const out = assess({ ...latest, answers: { ...latest.answers, 'TC1.1': { met: null } } });
    const before = distanceTo(assess(latest), 1);
    const after = distanceTo(out, 1);
    expect(after.unknown).toBe(before.unknown + 1);
    expect(after.total).toBe(before.total + 1);
  });

  it('lists the five criteria with their status at both levels', () => {
    const out = assess(latest);
    const rows = criterionRows(out);
    expect(rows.map((r) => r.id)).toEqual(tt25_2023.criteria.map((c) => c.id));
    for (const r of rows) {
      for (const level of [1, 2] as const) expect(r.status[level]).toBe(out.levels[level - 1]!.criteria.find((c) => c.id === r.id)!.status);
    }
  });

  it('gives each year its commune-wide ratios, oldest first', () => {
    const outputs = years.map((y) => assess(y)).reverse();
    const series = yearSeries(outputs);
    expect(series.map((p) => p.year)).toEqual(years.map((y) => y.year).sort((a, b) => a - b));
    for (const p of series) {
      const input = years.find((y) => y.year === p.year)!;
      const sum = (k: keyof VillageInput) => input.villages.reduce((s, v) => s + ((v[k] as number | undefined) ?? 0), 0);
      expect(p.families).toBeCloseTo((sum('familiesRecognized') * 100) / sum('households'), 10);
      expect(p.citizens).toBeCloseTo((sum('citizensRecognized') * 100) / sum('citizens'), 10);
      expect(p.trained).toBeCloseTo((sum('trained') * 100) / sum('citizens'), 10);
      expect(p.university).toBeCloseTo((sum('university') * 100) / sum('citizens'), 10);
      const recognized = input.villages.filter((v) => v.villageRecognized === true).length;
      const answered = input.villages.filter((v) => typeof v.villageRecognized === 'boolean').length;
      expect(p.villages).toBeCloseTo((recognized * 100) / answered, 10);
    }
  });
});
