// Bench part "import": the app's sheet import in Chromium at 4× CPU slowdown (DevTools throttling
// of the page, as Lighthouse's mobile profile) — a 60-village .xlsx read in the sheet worker and
// its dry run against IndexedDB (parse and preview), plus the same parse on the throttled main
// thread. Builds bench/import-page.ts with Vite into a temp folder (never the app's bundle).
// Reports timings, asserts none; closes the browser and the server it started.
import { pathToFileURL } from 'node:url';
import { onBenchPage } from './idb.ts';
import type { ImportBenchOptions, ImportBenchResult } from './import-page.ts';

export interface ImportBenchContext {
  distDir?: string;
  deadline?: number;
  options?: Partial<ImportBenchOptions>;
}

const DEFAULTS: ImportBenchOptions = { villages: 60, runs: 10 };
/** Lighthouse's mobile profile slows the CPU 4×. */
const CPU_SLOWDOWN = 4;

/** The bench: what `npm run bench` calls for the "import" part. */
export async function benchImport(ctx: ImportBenchContext = {}): Promise<ImportBenchResult & { cpuSlowdown: number; method: string }> {
  const o = { ...DEFAULTS, ...(ctx.options ?? {}) };
  const result = await onBenchPage('import-page', ctx, (page) =>
    page.evaluate((opts) => (window as unknown as { __xhtImportBench: { run(o: ImportBenchOptions): Promise<ImportBenchResult> } }).__xhtImportBench.run(opts), o),
  { cpuSlowdown: CPU_SLOWDOWN, capMs: 140_000 });
  return {
    ...result,
    cpuSlowdown: CPU_SLOWDOWN,
    method: `Chromium (${result.userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? '?'}) headless at ${CPU_SLOWDOWN}× CPU slowdown (DevTools Emulation.setCPUThrottlingRate on the page), 360×740; bench/import-page.ts built by Vite: ${o.villages} villages stored through loadAssessInput, the app's own villages' table of the year (src/export, a third of the villages changed) read ${o.runs} times after one unmeasured round: through the sheet worker (src/ui/excel/read-in-worker.ts, as the app does), then the dry run (previewVillageImport: IndexedDB + plan), and the same read on the throttled main thread; nearest-rank percentiles. Whether the throttling also reaches the worker is Chromium's business: parseOnMainThread is the figure for one slowed core.`,
  };
}

// `npx tsx bench/import.ts` prints the part alone.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = await benchImport();
  process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
}
