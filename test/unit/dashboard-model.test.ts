// The dashboard's view model: per-village ratios, completeness, threshold comparison.
import { describe, expect, it } from 'vitest';
import type { AssessInput, VillageInput } from '../../src/domain/assess-types.ts';
import { COUNT_FIELDS, completeness, reaches, villageRows } from '../../src/ui/dashboard/model.ts';

const full: VillageInput = {
  code: 'T01', name: 'Làng Mạ',
  households: 120, familiesRegistered: 110, familiesRecognized: 90,
  lineages: 6, lineagesRegistered: 5, lineagesRecognized: 4,
  citizens: 310, citizensRecognized: 95, villageRecognized: true,
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
    expect(rows[0]?.ratios).toEqual({ families: null, lineages: null, citizens: null });
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
