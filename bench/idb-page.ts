// The IndexedDB bench page: runs the app's REAL data layer (src/db) and readiness engine in
// Chromium and times them. Built by bench/idb.ts into its own folder with Vite; never part of the
// app's bundle. Exposes one hook, window.__xhtIdbBench, on this page only.
import { buildAssessInput, loadAssessInput, saveVillageCounts, useDatabase, pendingCount } from '../src/db/index.ts';
import { assess } from '../src/domain/readiness/index.ts';
import type { AssessInput, VillageInput } from '../src/domain/assess-types.ts';
import { stat, type Stat } from './stat.ts';

export interface IdbBenchOptions {
  years: number;
  villages: number;
  saveRuns: number;
  loadRuns: number;
}

export type { Stat };

export interface IdbBenchResult {
  dataset: { commune: string; years: number[]; villagesPerYear: number; opsQueued: number };
  seedMs: number;
  saveVillageCounts: Stat;
  loadDashboardYear: Stat;
  loadDashboardAllYears: Stat;
  storageBytes: number | null;
  userAgent: string;
}

/** A plausible commune year: 50 villages of 60–400 households, counts within the rules. */
function yearInput(code: string, year: number, villages: number): AssessInput {
  const vs: VillageInput[] = [];
  for (let i = 0; i < villages; i++) {
    const households = 60 + ((i * 37 + year) % 340);
    const registered = Math.floor(households * 0.8);
    const lineages = 3 + (i % 10);
    const citizens = households * 3;
    vs.push({
      code: `T${String(i + 1).padStart(2, '0')}`, name: `Thôn ${i + 1}`,
      households, familiesRegistered: registered, familiesRecognized: Math.floor(registered * 0.9),
      lineages, lineagesRegistered: lineages - 1, lineagesRecognized: lineages - 2,
      citizens, citizensRecognized: Math.floor(citizens * 0.35), villageRecognized: i % 3 !== 0,
    });
  }
  return {
    catalog: 'tt25-2023', year, commune: { code, name: 'Xã Thử Nghiệm', province: 'Tỉnh Thử' }, villages: vs,
    figures: { units: 15, unitsRecognized: 11, pcgdPreschool5: true, pcgdPrimary: 2, pcgdLowerSecondary: 1, literacy: 2 },
    answers: { 'TC1.1': { met: true, evidence: [{ number: '15/KH-UBND', date: `${year}-01-10`, title: 'Kế hoạch' }] }, 'TC2.1': { met: true, amount: 30_000_000 } },
  };
}

async function run(o: IdbBenchOptions): Promise<IdbBenchResult> {
  const code = 'B0001';
  useDatabase(`xht-bench-${Date.now()}`);
  // Years start at 2023, the first year TT25 applies to.
  const years = Array.from({ length: o.years }, (_, i) => 2023 + i);
  const t0 = performance.now();
  for (const y of years) await loadAssessInput(yearInput(code, y, o.villages));
  const seedMs = performance.now() - t0;

  const last = years[years.length - 1]!;
  const saves: number[] = [];
  for (let i = 0; i < o.saveRuns; i++) {
    const v = `T${String((i % o.villages) + 1).padStart(2, '0')}`;
    const t = performance.now();
    // One village's counts as the form saves them: one changed field per keystroke-save.
    await saveVillageCounts(code, last, v, { households: 1000 + i });
    saves.push(performance.now() - t);
  }

  const loadYear: number[] = [];
  for (let i = 0; i < o.loadRuns; i++) {
    const t = performance.now();
    assess(await buildAssessInput(code, last));
    loadYear.push(performance.now() - t);
  }
  const loadAll: number[] = [];
  for (let i = 0; i < Math.max(1, Math.floor(o.loadRuns / 2)); i++) {
    const t = performance.now();
    for (const y of years) assess(await buildAssessInput(code, y));
    loadAll.push(performance.now() - t);
  }
  let storageBytes: number | null = null;
  try {
    storageBytes = (await navigator.storage.estimate()).usage ?? null;
  } catch {
    storageBytes = null;
  }
  return {
    dataset: { commune: code, years, villagesPerYear: o.villages, opsQueued: await pendingCount() },
    seedMs: Math.round(seedMs),
    saveVillageCounts: stat(saves),
    loadDashboardYear: stat(loadYear),
    loadDashboardAllYears: stat(loadAll),
    storageBytes,
    userAgent: navigator.userAgent,
  };
}

(window as unknown as { __xhtIdbBench: { run: typeof run } }).__xhtIdbBench = { run };
document.title = 'ready';
