// Properties of the readiness engine over generated communes (fast-check): monotone in recognised
// households, independent of village order, unknown never counted as met, exact minimal gaps.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { assess } from '../../src/domain/readiness/assess.ts';
import { validateAssessInput } from '../../src/domain/readiness/validate.ts';
import { meetsRatio, ratioGap } from '../../src/domain/readiness/ratio.ts';
import type { AssessInput, AssessOutput, Status, VillageInput } from '../../src/domain/assess-types.ts';
import { LEVEL2_THRESHOLDS, YES_NO_IDS } from './readiness-fixtures.ts';

/** Mostly present, rarely null (no data yet). */
function sometimesNull<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> {
  return fc.oneof({ weight: 80, arbitrary: arb }, { weight: 1, arbitrary: fc.constant(null) });
}

/** total ≥ registered ≥ recognised, each possibly null; mostly communes near or above the thresholds. */
function chain3(max: number) {
  const any = fc.nat(max).chain((total) => fc.nat(total).chain((reg) => fc.nat(reg).map((rec) => [total, reg, rec] as const)));
  const good = fc.nat(max).chain((total) => fc.integer({ min: Math.floor(total * 0.85), max: total })
    .chain((reg) => fc.integer({ min: Math.floor(reg * 0.85), max: reg }).map((rec) => [total, reg, rec] as const)));
  return fc.oneof({ weight: 1, arbitrary: any }, { weight: 15, arbitrary: good })
    .chain(([a, b, c]) => fc.tuple(sometimesNull(fc.constant(a)), sometimesNull(fc.constant(b)), sometimesNull(fc.constant(c))));
}

const villageArb: fc.Arbitrary<Omit<VillageInput, 'code'>> = fc.record({
  fam: chain3(420),
  lin: chain3(20),
  cit: fc.nat(1500).chain((c) => fc.tuple(sometimesNull(fc.constant(c)), sometimesNull(fc.nat(c)))),
  recognised: sometimesNull(fc.constantFrom(true, true, true, true, false)),
  name: fc.constantFrom('Làng Mạ', 'Gò Ra', 'Nước Lầy', 'Bản Mới'),
}).map(({ fam, lin, cit, recognised, name }) => ({
  name,
  households: fam[0], familiesRegistered: fam[1], familiesRecognized: fam[2],
  lineages: lin[0], lineagesRegistered: lin[1], lineagesRecognized: lin[2],
  citizens: cit[0], citizensRecognized: cit[1],
  villageRecognized: recognised,
}));

const answerArb = fc.oneof({ weight: 40, arbitrary: fc.constant<boolean | null>(true) }, { weight: 1, arbitrary: fc.constantFrom<boolean | null>(false, null) });

const inputArb: fc.Arbitrary<AssessInput> = fc.record({
  villages: fc.array(villageArb, { maxLength: 25 }),
  units: fc.nat(40).chain((u) => fc.tuple(fc.constant(u), fc.oneof({ weight: 1, arbitrary: fc.nat(u) }, { weight: 4, arbitrary: fc.integer({ min: Math.ceil(u * 0.8), max: u }) }))),
  preschool: sometimesNull(fc.constantFrom(true, true, true, true, true, true, false)),
  primary: sometimesNull(fc.constantFrom(1, 2, 2, 3, 3, 3, 0)),
  lower: sometimesNull(fc.constantFrom(1, 2, 2, 3, 3, 3, 0)),
  literacy: sometimesNull(fc.constantFrom(1, 2, 2, 2, 2, 0)),
  answers: fc.tuple(...YES_NO_IDS.map(() => answerArb)),
  thresholds: fc.oneof(
    fc.constant(undefined),
    fc.constant(LEVEL2_THRESHOLDS),
    fc.integer({ min: 0, max: 1000 }).map((t) => ({ 'TC5.1': { 1: t / 10, 2: Math.min(100, t / 10 + 5) } })),
  ),
  decidedOn: fc.option(fc.constantFrom('2024-02-29', '2024-03-20', '2025-03-01', '2025-12-31')),
}).map((g) => {
  const input: AssessInput = {
    catalog: 'tt25-2023',
    year: 2025,
    commune: { code: '99002', name: 'Xã Sinh Ngẫu Nhiên' },
    villages: g.villages.map((v, i) => ({ code: `V${String(i).padStart(2, '0')}`, ...v })),
    figures: {
      units: g.units[0], unitsRecognized: g.units[1],
      pcgdPreschool5: g.preschool, pcgdPrimary: g.primary, pcgdLowerSecondary: g.lower, literacy: g.literacy,
    },
    answers: Object.fromEntries(YES_NO_IDS.map((id, i) => [id, { met: g.answers[i]! }])),
  };
  if (g.thresholds) input.thresholds = g.thresholds;
  if (g.decidedOn) input.history = [{ level: 1, decidedOn: g.decidedOn }];
  return input;
});

const RANK: Record<Status, number> = { unmet: 0, unknown: 1, met: 2 };

function statuses(out: AssessOutput) {
  return out.levels.map((l) => l.criteria.flatMap((c) => c.indicators));
}

describe('readiness properties', () => {
  it('generated inputs are valid readiness inputs', () => {
    fc.assert(fc.property(inputArb, (input) => {
      const r = validateAssessInput(JSON.parse(JSON.stringify(input)));
      if (!r.ok) throw new Error(JSON.stringify(r.problems));
    }), { numRuns: 200 });
  });

  it('adding recognised households never lowers the level nor any status of TC5.1', () => {
    fc.assert(fc.property(inputArb, fc.nat(), fc.integer({ min: 1, max: 420 }), (input, pick, add) => {
      const eligible = input.villages.filter((v) => typeof v.households === 'number' && typeof v.familiesRecognized === 'number' && v.familiesRecognized < v.households);
      fc.pre(eligible.length > 0);
      const before = assess(input);
      const after: AssessInput = structuredClone(input);
      const v = after.villages.find((x) => x.code === eligible[pick % eligible.length]!.code)!;
      v.familiesRecognized = Math.min(v.households!, v.familiesRecognized! + add);
      if (typeof v.familiesRegistered === 'number' && v.familiesRegistered < v.familiesRecognized) v.familiesRegistered = v.familiesRecognized;
      expect(validateAssessInput(after).ok).toBe(true);
      const out = assess(after);
      expect(out.level).toBeGreaterThanOrEqual(before.level);
      for (const level of [0, 1]) {
        const b = before.levels[level]!.criteria[4]!.indicators[0]!;
        const a = out.levels[level]!.criteria[4]!.indicators[0]!;
        expect(RANK[a.status]).toBeGreaterThanOrEqual(RANK[b.status]);
        if (a.gap !== null && b.gap !== null) expect(a.gap).toBeLessThanOrEqual(b.gap);
      }
    }), { numRuns: 300 });
  });

  it('adding exactly the gap of TC5.1, spread over villages with room, meets TC5.1', () => {
    fc.assert(fc.property(inputArb, (input) => {
      const before = assess(input).levels[0]!.criteria[4]!.indicators[0]!;
      fc.pre(before.status === 'unmet');
      const after: AssessInput = structuredClone(input);
      let left = before.gap!;
      for (const v of after.villages) {
        const add = Math.min(left, v.households! - v.familiesRecognized!);
        v.familiesRecognized! += add;
        v.familiesRegistered = Math.max(v.familiesRegistered ?? 0, v.familiesRecognized!);
        left -= add;
      }
      expect(left).toBe(0);
      expect(assess(after).levels[0]!.criteria[4]!.indicators[0]).toMatchObject({ status: 'met', gap: 0 });
    }), { numRuns: 300 });
  });

  it('the output does not depend on the order of the villages', () => {
    fc.assert(fc.property(inputArb.chain((i) => fc.tuple(fc.constant(i), fc.shuffledSubarray(i.villages, { minLength: i.villages.length, maxLength: i.villages.length }))), ([input, shuffled]) => {
      expect(assess({ ...input, villages: shuffled })).toEqual(assess(input));
    }), { numRuns: 200 });
  });

  it('unknown is never counted as met: a level with an unknown indicator is never met', () => {
    fc.assert(fc.property(inputArb, (input) => {
      const out = assess(input);
      statuses(out).forEach((indicators, i) => {
        const level = out.levels[i]!;
        const all = indicators.map((r) => r.status);
        if (all.includes('unknown')) {
          expect(level.status).not.toBe('met');
          expect(out.level).toBeLessThan(level.level);
        }
        expect(level.status === 'met').toBe(all.every((s) => s === 'met'));
        for (const c of level.criteria) {
          if (c.indicators.some((r) => r.status === 'unknown')) expect(c.status).not.toBe('met');
        }
        for (const r of indicators) if (r.status === 'unknown') expect(r.gap).toBeNull();
      });
      expect(out.eligibleLevel).toBeLessThanOrEqual(out.level);
      expect(out.eligibility === null).toBe(out.eligibleLevel === out.level);
    }), { numRuns: 300 });
  });

  it('the gap is the smallest whole count that meets the threshold, and never more than d − n', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 5000 }).chain((d) => fc.tuple(fc.constant(d), fc.nat(d), fc.integer({ min: 0, max: 1000 }))), ([d, n, tenths]) => {
      const t = tenths / 10;
      const gap = ratioGap(n, d, t);
      expect(gap).toBeGreaterThanOrEqual(0);
      expect(gap).toBeLessThanOrEqual(d - n);
      expect(meetsRatio(n + gap, d, t)).toBe(true);
      if (gap > 0) expect(meetsRatio(n + gap - 1, d, t)).toBe(false);
      expect(gap === 0).toBe(meetsRatio(n, d, t));
      // Reference decision in exact rationals: n/d ≥ tenths/1000.
      expect(meetsRatio(n, d, t)).toBe(BigInt(n) * 1000n >= BigInt(d) * BigInt(tenths));
    }), { numRuns: 2000 });
  });
});
