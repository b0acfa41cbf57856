// The import bench page: the app's REAL sheet import in Chromium — a 60-village .xlsx (the app's
// own export of the year, with changes) read in the sheet worker, the same parse on the page's
// (throttled) main thread, and the dry run against IndexedDB. Built by bench/import.ts with Vite;
// never part of the app's bundle. Exposes one hook, window.__xhtImportBench, on this page only.
import { loadAssessInput, previewVillageImport, useDatabase } from '../src/db/index.ts';
import type { AssessInput, VillageInput } from '../src/domain/assess-types.ts';
import { villagesTableXlsx } from '../src/export/index.ts';
import { SHEET_FIELDS, readVillageFile, upperKeysOf } from '../src/import/index.ts';
import { readSheetInWorker } from '../src/ui/excel/read-in-worker.ts';
import { stat, type Stat } from './stat.ts';

export interface ImportBenchOptions {
  villages: number;
  runs: number;
}

export interface ImportBenchResult {
  dataset: { villages: number; sheetBytes: number; rowsRead: number; changedInPreview: number };
  /** File → read sheet through the Web Worker (what the app does). */
  parseInWorker: Stat;
  /** The same read on the page's main thread: what one throttled core takes for it. */
  parseOnMainThread: Stat;
  /** Read sheet → dry run against IndexedDB (villages and counts loaded, plan made). */
  preview: Stat;
  /** Worker read + dry run: from choosing the file to the preview's data. */
  parseAndPreview: Stat;
  /** Longest main-thread task seen while the worker reads (a long one would freeze the screen). */
  longestMainThreadTaskDuringWorkerParseMs: number | null;
  userAgent: string;
}

/** A commune year of `n` villages whose counts keep every "≤" rule of the schema. */
function communeYear(code: string, year: number, n: number): AssessInput {
  const villages: VillageInput[] = [];
  for (let i = 0; i < n; i++) {
    const v: Record<string, unknown> = { code: `T${String(i + 1).padStart(2, '0')}`, name: `Thôn ${i + 1}` };
    for (const f of SHEET_FIELDS) {
      if (f.kind === 'yesNo') v[f.key] = i % 3 !== 0;
      else {
        const ups = upperKeysOf(f.key).map((u) => v[u]).filter((x): x is number => typeof x === 'number');
        v[f.key] = ups.length ? Math.floor(Math.min(...ups) * (0.7 + (i % 5) / 20)) : 80 + ((i * 37) % 340);
      }
    }
    villages.push(v as unknown as VillageInput);
  }
  return { catalog: 'tt25-2023', year, commune: { code, name: 'Xã Thử Nghiệm', province: 'Tỉnh Thử' }, villages };
}

async function run(o: ImportBenchOptions): Promise<ImportBenchResult> {
  const code = 'B0002';
  const year = 2025;
  useDatabase(`xht-import-bench-${Date.now()}`);
  const stored = communeYear(code, year, o.villages);
  await loadAssessInput(stored);
  // The sheet a cadre sends back: the app's own table of the year with a third of the villages changed.
  const counts = new Map(stored.villages.map(({ code: c, name: _n, ...rest }, i) => {
    const r = rest as Record<string, unknown>;
    return [c, i % 3 === 0 ? { ...r, households: (r.households as number) + 5 } : r];
  }));
  const blob = await villagesTableXlsx({ commune: stored.commune, year, villages: stored.villages.map((v) => ({ code: v.code, name: v.name! })), counts });
  const bytes = new Uint8Array(await blob.arrayBuffer());

  // Long tasks arrive later than they happen: each is kept with its start and matched to the
  // worker reads' time windows afterwards.
  const tasks: { start: number; duration: number }[] = [];
  let longTasks = true;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) tasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: false });
  } catch {
    longTasks = false; // no Long Tasks API
  }
  const windows: [number, number][] = [];

  const inWorker: number[] = [];
  const onMain: number[] = [];
  const previews: number[] = [];
  const both: number[] = [];
  let rowsRead = 0;
  let changed = 0;
  // One unmeasured round first: the worker script and the modules are compiled once per page.
  for (let i = 0; i <= o.runs; i++) {
    const t0 = performance.now();
    const sheet = await readSheetInWorker(new Blob([bytes]));
    const t1 = performance.now();
    const plan = await previewVillageImport(code, year, sheet);
    const t2 = performance.now();
    const t3 = performance.now();
    await readVillageFile(bytes);
    const t4 = performance.now();
    if (i === 0) continue;
    windows.push([t0, t1]);
    inWorker.push(t1 - t0);
    previews.push(t2 - t1);
    both.push(t2 - t0);
    onMain.push(t4 - t3);
    rowsRead = sheet.rows.length;
    changed = plan.tally.changed;
  }
  await new Promise((ok) => setTimeout(ok, 200)); // let the last long-task entries arrive
  const during = tasks.filter((t) => windows.some(([a, b]) => t.start >= a && t.start < b));
  const longest = longTasks ? Math.round(Math.max(0, ...during.map((t) => t.duration))) : null;
  return {
    dataset: { villages: o.villages, sheetBytes: bytes.length, rowsRead, changedInPreview: changed },
    parseInWorker: stat(inWorker),
    parseOnMainThread: stat(onMain),
    preview: stat(previews),
    parseAndPreview: stat(both),
    longestMainThreadTaskDuringWorkerParseMs: longest,
    userAgent: navigator.userAgent,
  };
}

(window as unknown as { __xhtImportBench: { run: typeof run } }).__xhtImportBench = { run };
document.title = 'ready';
