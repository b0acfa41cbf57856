// Bench part "storage": the app's real IndexedDB layer in Chromium — p50/p95 to save one village's
// counts, and to load the dashboard data (buildAssessInput + assess) with 5 years × 50 villages.
// Builds bench/idb-page.ts with Vite into a temp folder (never the app's bundle), serves it on
// loopback, drives Debian's Chromium with Playwright. Reports timings, asserts none.
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Page } from '@playwright/test';
import type { IdbBenchOptions, IdbBenchResult } from './idb-page.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface IdbBenchContext {
  /** Unused: this part builds its own page. */
  distDir?: string;
  deadline?: number;
  options?: Partial<IdbBenchOptions>;
}

const DEFAULTS: IdbBenchOptions = { years: 5, villages: 50, saveRuns: 200, loadRuns: 40 };

/**
 * Builds a bench page (bench/<entry>.ts) into `outDir` (index.html + <entry>.js, and any worker it
 * starts); bench/sync.ts, bench/evidence.ts and the evidence e2e build theirs with it. The build
 * target and the worker format are the app's own (vite.config.ts), so a page runs what ships.
 */
export async function buildIdbPage(outDir: string, entry = 'idb-page'): Promise<void> {
  const { build, loadConfigFromFile } = await import('vite');
  const app = (await loadConfigFromFile({ command: 'build', mode: 'production' }, join(ROOT, 'vite.config.ts'), ROOT, 'silent'))?.config;
  await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    worker: { format: app?.worker?.format ?? 'iife' },
    build: {
      outDir,
      emptyOutDir: true,
      target: app?.build?.target ?? 'chrome80',
      minify: true,
      rollupOptions: { input: join(ROOT, `bench/${entry}.ts`), output: { entryFileNames: `${entry}.js`, format: 'es' } },
    },
  });
  writeFileSync(join(outDir, 'index.html'), `<!doctype html><meta charset="utf-8"><title>loading</title><script type="module" src="/${entry}.js"></script>`);
}

/** Serves `dir` on a free loopback port. */
export function serve(dir: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] === '/' ? '/index.html' : (req.url ?? '/').split('?')[0]!;
    try {
      const body = readFileSync(join(dir, path.replace(/\.\.+/g, '')));
      res.writeHead(200, { 'content-type': path.endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => {
    const port = (server.address() as { port: number }).port;
    ok({ server, url: `http://127.0.0.1:${port}/` });
  }));
}

/**
 * Builds bench/<entry>.ts into a temp folder, serves it, opens it in Chromium at 360×740 and runs
 * `measure` on the page once it says "ready" (optionally at a CPU slowdown); closes everything.
 */
export async function onBenchPage<T>(entry: string, ctx: { deadline?: number }, measure: (page: Page) => Promise<T>, opts: { cpuSlowdown?: number; capMs?: number } = {}): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), `xht-${entry}-`));
  const { chromium } = await import('@playwright/test');
  let served: { server: Server; url: string } | null = null;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    await buildIdbPage(dir, entry);
    served = await serve(dir);
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(served.url);
    await page.waitForFunction(() => document.title === 'ready');
    if (opts.cpuSlowdown) await (await page.context().newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: opts.cpuSlowdown });
    page.setDefaultTimeout(ctx.deadline ? Math.max(10_000, ctx.deadline - Date.now() - 5_000) : (opts.capMs ?? 170_000));
    return await measure(page);
  } finally {
    await browser.close();
    if (served) await new Promise<void>((ok) => served!.server.close(() => ok()));
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The bench: what `npm run bench` calls for the "storage" part. */
export async function benchIdb(ctx: IdbBenchContext = {}): Promise<IdbBenchResult & { method: string }> {
  const o = { ...DEFAULTS, ...(ctx.options ?? {}) };
  const result = await onBenchPage('idb-page', ctx, (page) =>
    page.evaluate((opts) => (window as unknown as { __xhtIdbBench: { run(o: IdbBenchOptions): Promise<IdbBenchResult> } }).__xhtIdbBench.run(opts), o));
  return {
    ...result,
    method: `Chromium (${result.userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? '?'}) headless, real IndexedDB, src/db via bench/idb-page.ts built by Vite; ${o.years} years × ${o.villages} villages seeded through loadAssessInput; ${o.saveRuns} single-field saveVillageCounts (each its own transaction with its outbox op); ${o.loadRuns} loads of buildAssessInput + assess for one year, half as many for all years; nearest-rank percentiles; no CPU throttling.`,
  };
}

// `npx tsx bench/idb.ts` prints the part alone.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = await benchIdb();
  process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
}
