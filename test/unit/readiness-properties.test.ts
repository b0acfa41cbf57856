// Properties of the readiness engine over generated communes (fast-check): independent of village
// order, monotone in people recognised / trained / with a degree, unknown never counted as met,
// exact minimal gaps. Rewritten for issue #11 (the circular's TC5: citizens, trained, university).
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { assess } from '../../src/domain/readiness/assess.ts';
import { validateAssessInput } from '../../src/domain/readiness/validate.ts';
import { meetsRatio, ratioGap } from '../../src/domain/readiness/ratio.ts';
import type { AssessInput, AssessOutput, Status, TrainingGap, VillageInput } from '../../src/domain/assess-types.ts';
import { YES_NO_IDS } from './readiness-fixtures.ts';

/** Mostly present, rarely null (no data yet). */
function sometimesNull<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> {
  return fc.oneof({ weight: 80, arbitrary: arb }, { weight: 1, arbitrary: fc.constant(null) });
}

/** total ≥ registered ≥ recognised, each possibly null. */
function chain3(max: number) {
  return fc.nat(max).chain((total) => fc.nat(total).chain((reg) => fc.nat(reg).map((rec) => [total, reg, rec] as const)))
    .chain(([a, b, c]) => fc.tuple(sometimesNull(fc.constant(a)), sometimesNull(fc.constant(b)), sometimesNull(fc.constant(c))));
}

/** A share of `total` mostly near the thresholds (40–90 %), sometimes anywhere. */
function near(total: number, lo: number, hi: number): fc.Arbitrary<number> {
  return fc.oneof(
    { weight: 1, arbitrary: fc.nat(total) },
    { weight: 6, arbitrary: fc.integer({ min: Math.floor(total * lo), max: Math.ceil(total * hi) }).map((x) => Math.min(x, total)) },
  );
}

/** Citizens ≥ recognised; citizens ≥ trained ≥ university; each possibly null. */
const peopleArb = fc.integer({ min: 0, max: 1500 }).chain((c) => fc.tuple(
  fc.constant(c),
  near(c, 0.5, 0.9),
  near(c, 0.35, 0.7).chain((t) => fc.tuple(fc.constant(t), near(t, 0.15, 0.3))),
)).chain(([c, rec, [t, u]]) => fc.tuple(sometimesNull(fc.constant(c)), sometimesNull(fc.constant(rec)), sometimesNull(fc.constant(t)), sometimesNull(fc.constant(u))));

const villageArb: fc.Arbitrary<Omit<VillageInput, 'code'>> = fc.record({
  fam: chain3(420),
  lin: chain3(20),
  people: peopleArb,
  recognised: sometimesNull(fc.constantFrom(true, true, true, false)),
  name: fc.constantFrom('Làng Mạ', 'Gò Ra', 'Nước Lầy', 'Bản Mới'),
}).map(({ fam, lin, people, recognised, name }) => ({
  name,
  households: fam[0], familiesRegistered: fam[1], familiesRecognized: fam[2],
  lineages: lin[0], lineagesRegistered: lin[1], lineagesRecognized: lin[2],
  citizens: people[0], citizensRecognized: people[1], trained: people[2], university: people[3],
  villageRecognized: recognised,
}));

const answerArb = fc.oneof({ weight: 40, arbitrary: fc.constant<boolean | null>(true) }, { weight: 1, arbitrary: fc.constantFrom<boolean | null>(false, null) });

const inputArb: fc.Arbitrary<AssessInput> = fc.record({
  villages: fc.array(villageArb, { maxLength: 25 }),
  units: fc.nat(40).chain((u) => fc.tuple(fc.constant(u), fc.nat(u))),
  preschool: sometimesNull(fc.constantFrom(true, true, true, true, true, true, false)),
  primary: sometimesNull(fc.constantFrom(1, 2, 2, 3, 3, 3, 0)),
  lower: sometimesNull(fc.constantFrom(1, 2, 2, 3, 3, 3, 0)),
  literacy: sometimesNull(fc.constantFrom(1, 2, 2, 2, 2, 0)),
  difficultArea: fc.constantFrom<boolean | undefined>(true, false, undefined),
  answers: fc.tuple(...YES_NO_IDS.map(() => answerArb)),
  decidedOn: fc.option(fc.constantFrom('2022-06-01', '2024-02-29', '2024-03-20', '2025-03-01', '2025-12-31')),
  decidedLevel: fc.constantFrom<1 | 2>(1, 1, 2),
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
  if (g.difficultArea !== undefined) input.figures!.difficultArea = g.difficultArea;
  if (g.decidedOn) input.history = [{ level: g.decidedLevel, decidedOn: g.decidedOn }];
  return input;
});

const RANK: Record<Status, number> = { unmet: 0, unknown: 1, met: 2 };

function statuses(out: AssessOutput) {
  return out.levels.map((l) => l.criteria.flatMap((c) => c.indicators));
}

function tc5(out: AssessOutput, level: 0 | 1, i: 0 | 1) {
  return out.levels[level]!.criteria[4]!.indicators[i]!;
}

/** Adds people to one village: recognised, trained (and with a degree), kept within the rules. */
function addPeople(input: AssessInput, code: string, what: 'citizensRecognized' | 'trained' | 'university', add: number): AssessInput {
  const after: AssessInput = structuredClone(input);
  const v = after.villages.find((x) => x.code === code)!;
  const c = v.citizens!;
  if (what === 'citizensRecognized') v.citizensRecognized = Math.min(c, v.citizensRecognized! + add);
  if (what === 'trained') v.trained = Math.min(c, v.trained! + add);
  if (what === 'university') {
    // A person who gains a degree is trained too: trained grows with university where needed.
    v.university = Math.min(c, v.university! + add);
    v.trained = Math.max(v.trained!, v.university);
  }
  return after;
}

describe('readiness properties', () => {
  it('generated inputs are valid readiness inputs', () => {
    fc.assert(fc.property(inputArb, (input) => {
      const r = validateAssessInput(JSON.parse(JSON.stringify(input)));
      if (!r.ok) throw new Error(JSON.stringify(r.problems));
    }), { numRuns: 200 });
  });

  for (const what of ['citizensRecognized', 'trained', 'university'] as const) {
    it(`adding people (${what}) never lowers the level, nor any status or gap of TC5`, () => {
      fc.assert(fc.property(inputArb, fc.nat(), fc.integer({ min: 1, max: 500 }), (input, pick, add) => {
        const eligible = input.villages.filter((v) => typeof v.citizens === 'number' && typeof v.citizensRecognized === 'number'
          && typeof v.trained === 'number' && typeof v.university === 'number');
        fc.pre(eligible.length > 0);
        const before = assess(input);
        const after = addPeople(input, eligible[pick % eligible.length]!.code, what, add);
        expect(validateAssessInput(after).ok).toBe(true);
        const out = assess(after);
        expect(out.level).toBeGreaterThanOrEqual(before.level);
        expect(out.eligibleLevel).toBeGreaterThanOrEqual(before.eligibleLevel);
        for (const level of [0, 1] as const) {
          for (const i of [0, 1] as const) {
            const b = tc5(before, level, i);
            const a = tc5(out, level, i);
            expect(RANK[a.status]).toBeGreaterThanOrEqual(RANK[b.status]);
            if (typeof a.gap === 'number' && typeof b.gap === 'number') expect(a.gap).toBeLessThanOrEqual(b.gap);
            if (a.gap && b.gap && typeof a.gap === 'object' && typeof b.gap === 'object') {
              expect((a.gap as TrainingGap).trained).toBeLessThanOrEqual((b.gap as TrainingGap).trained);
              expect((a.gap as TrainingGap).university).toBeLessThanOrEqual((b.gap as TrainingGap).university);
            }
          }
        }
      }), { numRuns: 200 });
    });
  }

  it('adding exactly the gap of TC5.1, spread over villages with room, meets TC5.1', () => {
    fc.assert(fc.property(inputArb, (input) => {
      const before = tc5(assess(input), 0, 0);
      fc.pre(before.status === 'unmet');
      const after: AssessInput = structuredClone(input);
      let left = before.gap as number;
      for (const v of after.villages) {
        const add = Math.min(left, v.citizens! - v.citizensRecognized!);
        v.citizensRecognized! += add;
        left -= add;
      }
      expect(left).toBe(0);
      expect(tc5(assess(after), 0, 0)).toMatchObject({ status: 'met', gap: 0 });
    }), { numRuns: 300 });
  });

  it('adding exactly the two gaps of TC5.2 meets TC5.2', () => {
    fc.assert(fc.property(inputArb, (input) => {
      const before = tc5(assess(input), 0, 1);
      fc.pre(before.status === 'unmet');
      const gap = before.gap as TrainingGap;
      const after: AssessInput = structuredClone(input);
      let trained = gap.trained;
      let university = gap.university;
      for (const v of after.villages) {
        const t = Math.min(trained, v.citizens! - v.trained!);
        v.trained! += t;
        trained -= t;
        const u = Math.min(university, v.trained! - v.university!);
        v.university! += u;
        university -= u;
      }
      fc.pre(trained === 0 && university === 0);
      expect(validateAssessInput(after).ok).toBe(true);
      expect(tc5(assess(after), 0, 1)).toMatchObject({ status: 'met', gap: { trained: 0, university: 0 } });
    }), { numRuns: 300 });
  });

  it('a difficult area never makes TC5.2 harder', () => {
    fc.assert(fc.property(inputArb, (input) => {
      const off = assess({ ...input, figures: { ...input.figures, difficultArea: false } });
      const on = assess({ ...input, figures: { ...input.figures, difficultArea: true } });
      for (const level of [0, 1] as const) expect(RANK[tc5(on, level, 1).status]).toBeGreaterThanOrEqual(RANK[tc5(off, level, 1).status]);
      expect(on.level).toBeGreaterThanOrEqual(off.level);
    }), { numRuns: 200 });
  });

  it('the output does not depend on the order of the villages', () => {
    fc.assert(fc.property(inputArb.chain((i) => fc.tuple(fc.constant(i), fc.shuffledSubarray(i.villages, { minLength: i.villages.length, maxLength: i.villages.length }))), ([input, shuffled]) => {
      expect(assess({ ...input, villages: shuffled })).toEqual(assess(input));
    }), { numRuns: 300 });
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
      if (out.held) expect(out.held.decidedOn <= out.asOf && out.asOf <= out.held.validUntil).toBe(true);
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
