// Readiness engine timings: median of many runs on a 100-village commune, and 1 000 such communes
// in a row. Reports only, never asserts. Runnable alone (`npx tsx bench/engine.ts`) or from run.ts.

import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { assess } from '../src/domain/readiness/assess.ts';
import { validateAssessInput } from '../src/domain/readiness/validate.ts';
import type { AssessInput, VillageInput } from '../src/domain/assess-types.ts';
import { mulberry32 } from '../test/fixtures/rng.ts';

/** Deterministic pseudo-random numbers, so every run measures the same communes. */
const rng = mulberry32;

/** A commune of `n` villages of 40–420 households, answers all given, a level-1 decision in its history. */
export function syntheticCommune(n: number, seed: number): AssessInput {
  const r = rng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const villages: VillageInput[] = Array.from({ length: n }, (_, i) => {
    const households = int(40, 420);
    const familiesRegistered = int(Math.floor(households * 0.7), households);
    const lineages = int(2, 14);
    const lineagesRegistered = int(1, lineages);
    const citizens = households * int(2, 4);
    const trained = int(Math.floor(citizens * 0.4), Math.floor(citizens * 0.7));
    return {
      code: `T${String(i + 1).padStart(3, '0')}`,
      name: `Thôn ${i + 1}`,
      households, familiesRegistered, familiesRecognized: int(Math.floor(familiesRegistered * 0.8), familiesRegistered),
      lineages, lineagesRegistered, lineagesRecognized: int(0, lineagesRegistered),
      citizens, citizensRecognized: int(Math.floor(citizens * 0.5), citizens),
      trained, university: int(Math.floor(trained * 0.15), Math.floor(trained * 0.35)),
      villageRecognized: r() < 0.75,
    };
  });
  return {
    catalog: 'tt25-2023',
    year: 2025,
    commune: { code: String(90000 + seed), name: `Xã Đo ${seed}` },
    villages,
    figures: { units: 15, unitsRecognized: 13, pcgdPreschool5: true, pcgdPrimary: 2, pcgdLowerSecondary: 2, literacy: 2 },
    answers: Object.fromEntries(['TC1.1', 'TC1.2', 'TC1.3', 'TC2.1', 'TC2.2', 'TC2.3', 'TC3.1', 'TC3.2', 'TC3.3'].map((id) => [id, { met: true }])),
    history: [{ level: 1, decidedOn: '2025-03-20' }],
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export interface EngineBench {
  /** Median ms of assess() on one 100-village commune. */
  village100MedianMs: number;
  /** Total ms of assess() on 1 000 different 100-village communes. */
  communes1000Ms: number;
  /** Median ms of validateAssessInput() on the same 100-village commune. */
  validate100MedianMs: number;
  runs: number;
}

/** Times the engine; `deadline` (ms since epoch) stops the repeated runs early if given. */
export async function benchEngine(ctx: { deadline?: number } = {}): Promise<EngineBench> {
  const deadline = Number.isFinite(ctx.deadline) && ctx.deadline ? ctx.deadline : Infinity;
  const one = syntheticCommune(100, 1);
  // Warm up the JIT so the median measures steady state.
  for (let i = 0; i < 50; i++) assess(one);
  const times: number[] = [];
  const validateTimes: number[] = [];
  for (let i = 0; i < 300 && Date.now() < deadline - 5000; i++) {
    let t = performance.now();
    assess(one);
    times.push(performance.now() - t);
    t = performance.now();
    validateAssessInput(one);
    validateTimes.push(performance.now() - t);
  }
  const communes = Array.from({ length: 1000 }, (_, i) => syntheticCommune(100, 1000 + i));
  const start = performance.now();
  let levels = 0;
  for (const c of communes) levels += assess(c).level;
  const communes1000Ms = performance.now() - start;
  if (levels < 0) throw new Error('unreachable'); // keeps the loop's result alive
  return {
    village100MedianMs: round(median(times)),
    communes1000Ms: round(communes1000Ms),
    validate100MedianMs: round(median(validateTimes)),
    runs: times.length,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  benchEngine().then((r) => process.stdout.write(`${JSON.stringify(r, null, 2)}\n`));
}
