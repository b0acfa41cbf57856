// `npm run bench`: builds the app into a bench-owned folder, serves it on loopback, measures it
// (sizes, Lighthouse mobile, engine, browser storage, server) and prints ONE JSON document, also
// written to bench/results/latest.json. Timings are reported, never asserted; only `--check`
// (deterministic sizes against bench/budgets.json) may fail. Kills everything it starts, by handle.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { buildApp, checkBudgets, measureBundle, type Budget, type BudgetCheck, type BundleReport } from './bundle.ts';
import { closeAllBrowsers, measureSite, type LighthouseSummary, type SiteReport } from './lighthouse.ts';
import { buildPeer, PEER_LABEL } from './peer/build.ts';
import { sleep, stopChild, within } from './proc.ts';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(BENCH_DIR, '..');
const LOOPBACK = '127.0.0.1';

type Unavailable = { available: false; reason: string };
const unavailable = (reason: string): Unavailable => ({ available: false, reason });

// ---------------------------------------------------------------------------------------------
// Command line

interface Options {
  check: boolean;
  urls: string[];
  peerDirs: string[];
  /** Measure the bundled peer (bench/peer: ODK Web Forms) beside the app. */
  peer: boolean;
  outDir: string | null;
  runs: number;
  only: Set<Part> | null;
  /** Whole-run limit; no new step starts after it, each step has its own cap too. */
  budgetSeconds: number;
  write: boolean;
  part: string | null;
  partOut: string | null;
}

const PARTS = ['bundle', 'lighthouse', 'engine', 'storage', 'server', 'stores', 'sync', 'import', 'evidence', 'province'] as const;
type Part = (typeof PARTS)[number];

const USAGE = `npm run bench [-- options]
  (no option)          build, serve, measure everything, print JSON, write bench/results/latest.json
  --check              only the deterministic sizes against bench/budgets.json; exit 1 when over
  --url <url>          also run the Lighthouse part against <url> (a peer on loopback), with ratios
  --peer-dir <folder>  serve a built static site from <folder> on loopback and measure it like --url
  --no-peer            skip the bundled peer (bench/peer: ODK Web Forms, installed into bench/.peer)
  --runs <n>           Lighthouse runs per visit kind, median reported (default 3)
  --only <a,b>         parts to run: ${PARTS.join(', ')}
  --out-dir <folder>   where the app is built (default bench/.dist; --check uses a temp folder)
  --no-write           do not write bench/results/latest.json (a run with --only never writes it)
  --budget-seconds <s> whole-run limit (default 660)`;

function parseArgs(argv: string[]): Options {
  const o: Options = { check: false, urls: [], peerDirs: [], peer: true, outDir: null, runs: 3, only: null, budgetSeconds: 660, write: true, part: null, partOut: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    switch (a) {
      case '--check': o.check = true; break;
      case '--url': o.urls.push(value()); break;
      case '--peer-dir': o.peerDirs.push(resolve(value())); break;
      case '--no-peer': o.peer = false; break;
      case '--out-dir': o.outDir = resolve(value()); break;
      case '--runs': o.runs = Math.max(1, Math.min(9, Number.parseInt(value(), 10) || 1)); break;
      case '--only': {
        const list = value().split(',').map((s) => s.trim()).filter(Boolean);
        for (const p of list) if (!(PARTS as readonly string[]).includes(p)) throw new Error(`--only: unknown part "${p}" (${PARTS.join(', ')})`);
        o.only = new Set(list as Part[]);
        break;
      }
      case '--budget-seconds': o.budgetSeconds = Number(value()); break;
      case '--no-write': o.write = false; break;
      case '--part': o.part = value(); break;
      case '--part-out': o.partOut = value(); break;
      case '-h': case '--help': process.stdout.write(USAGE + '\n'); process.exit(0);
      // eslint-disable-next-line no-fallthrough
      default: throw new Error(`unknown option ${a}\n${USAGE}`);
    }
  }
  return o;
}

const T0 = Date.now();
const log = (line: string): void => { process.stderr.write(`[${String(Math.round((Date.now() - T0) / 1000)).padStart(3)} s] ${line}\n`); };
const kB = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;

// ---------------------------------------------------------------------------------------------
// Budgets

interface Target { label: string; min?: number; max?: number; aim?: number; equals?: boolean }
interface BudgetFile { budgets: Record<string, Budget>; targets: Record<string, Target> }

function loadBudgets(): BudgetFile {
  return JSON.parse(readFileSync(join(BENCH_DIR, 'budgets.json'), 'utf8')) as BudgetFile;
}

function evaluateTargets(app: SiteReport | null, targets: Record<string, Target>) {
  const first = app && 'runs' in app.firstVisit ? app.firstVisit : null;
  const offline = app && 'runs' in app.repeatVisitOffline ? app.repeatVisitOffline : null;
  const install = app && 'installable' in app.installability ? app.installability : null;
  const values: Record<string, number | boolean | null> = {
    firstVisitPerformanceScore: first?.performanceScore ?? null,
    offlineRepeatLcpMs: offline && offline.offline.documentFrom !== 'failed' ? offline.lcpMs : null,
    installable: install ? install.installable : null,
  };
  return Object.entries(targets).map(([id, t]) => {
    const value = values[id] ?? null;
    let met: boolean | null = null;
    if (value !== null) {
      if (t.equals !== undefined) met = value === t.equals;
      else if (typeof value === 'number') met = (t.min === undefined || value >= t.min) && (t.max === undefined || value <= t.max);
    }
    const meetsAim = typeof value === 'number' && t.aim !== undefined ? (t.min !== undefined ? value >= t.aim : value <= t.aim) : null;
    return { id, ...t, value, met, meetsAim };
  });
}

// ---------------------------------------------------------------------------------------------
// Serving

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.ico': 'image/x-icon', '.woff2': 'font/woff2',
  '.xml': 'application/xml', '.wasm': 'application/wasm', '.txt': 'text/plain; charset=utf-8',
};

/**
 * A small static server on loopback with an SPA fallback and production-like caching, for a
 * peer folder (and for the app while server/main.ts does not exist yet). `gzip` decides whether
 * text is compressed, so a peer is served the same way as the app.
 */
async function serveStatic(rootDir: string, gzip: boolean): Promise<{ url: string; close: () => Promise<void> }> {
  const base = resolve(rootDir);
  const gzCache = new Map<string, Buffer>();
  const server: Server = createHttpServer((req, res) => {
    let path: string;
    try { path = decodeURIComponent((req.url ?? '/').split('?')[0]!); } catch { res.writeHead(400).end(); return; }
    let file = resolve(join(base, path));
    if (file !== base && !file.startsWith(base + sep)) { res.writeHead(403).end(); return; }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      if (extname(path) !== '' || !existsSync(join(base, 'index.html'))) { res.writeHead(404).end('not found'); return; }
      file = join(base, 'index.html');
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const hashed = /[-.][A-Za-z0-9_-]{8,}\.(js|css|png|svg|woff2)$/.test(file) && !file.endsWith('sw.js');
    const headers: Record<string, string> = { 'content-type': type, 'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache' };
    if (gzip && /^(text|application\/(javascript|json|manifest|xml))|svg/.test(type) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      let body = gzCache.get(file);
      if (!body) { body = gzipSync(readFileSync(file), { level: 9 }); gzCache.set(file, body); }
      res.writeHead(200, { ...headers, 'content-encoding': 'gzip', 'content-length': String(body.length), vary: 'accept-encoding' });
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    }
    res.writeHead(200, { ...headers, 'content-length': String(statSync(file).size) });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  await new Promise<void>((ok) => server.listen(0, LOOPBACK, ok));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('static server: no port');
  return {
    url: `http://${LOOPBACK}:${address.port}/`,
    close: () => new Promise<void>((ok) => { server.closeAllConnections(); server.close(() => ok()); }),
  };
}

async function freePort(): Promise<number> {
  const s = createNetServer();
  await new Promise<void>((ok) => s.listen(0, LOOPBACK, ok));
  const address = s.address();
  await new Promise<void>((ok) => s.close(() => ok()));
  if (!address || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

interface AppServer { url: string; kind: string; note?: string; close: () => Promise<void> }

/**
 * Starts the sync server (server/main.ts) on a free loopback port with a throwaway database,
 * serving the bench build. Falls back to the bench's static server, and says why, when the
 * server does not exist yet or does not answer.
 */
async function startAppServer(distDir: string, workDir: string): Promise<AppServer> {
  const main = join(ROOT, 'server', 'main.ts');
  let why = 'server/main.ts does not exist yet';
  if (existsSync(main)) {
    const port = await freePort();
    const logFile = join(workDir, 'server.log');
    let out = '';
    const child = spawn(process.execPath, ['--import', 'tsx', main], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), HOST: LOOPBACK, DB_PATH: join(workDir, 'bench.sqlite'), STATIC_DIR: distDir, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (d: Buffer) => { out = (out + d.toString()).slice(-200_000); };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const url = `http://${LOOPBACK}:${port}/`;
    const started = Date.now();
    while (Date.now() - started < 30_000 && child.exitCode === null) {
      try {
        const r = await fetch(url, { signal: AbortSignal.timeout(2000) });
        const body = await r.text();
        if (r.ok && /<html/i.test(body)) {
          return { url, kind: 'server/main.ts', close: async () => { await stopChild(child, false); writeFileSync(logFile, out); } };
        }
      } catch { /* not up yet */ }
      await sleep(250);
    }
    await stopChild(child, false);
    writeFileSync(logFile, out);
    why = `server/main.ts did not serve index.html within 30 s (exit ${child.exitCode ?? 'none'}): ${out.trim().split('\n').slice(-3).join(' | ')}`;
  }
  const s = await serveStatic(distDir, true);
  return { url: s.url, kind: 'bench static server (fallback)', note: why, close: s.close };
}

/** What encoding the app's server used for its first-load JS, so peers are served alike. */
async function observedEncoding(url: string, bundle: BundleReport | null): Promise<string> {
  const js = bundle?.firstLoad.js.files[0]?.file;
  try {
    const r = await fetch(new URL(js ?? '', url), { headers: { 'accept-encoding': 'gzip, deflate, br' }, signal: AbortSignal.timeout(5000) });
    await r.arrayBuffer();
    return r.headers.get('content-encoding') ?? 'identity';
  } catch (e) {
    return `unknown (${(e as Error).message})`;
  }
}

// ---------------------------------------------------------------------------------------------
// Parts written by others (bench/engine.ts, bench/idb.ts, bench/server.ts, bench/sync.ts, bench/import.ts), each run in its own
// process with a time cap, so a hang or a crash costs that figure and nothing else.

interface PartSpec { part: Part; file: string; fns: string[]; capSeconds: number; what: string }
const OTHER_PARTS: PartSpec[] = [
  { part: 'engine', file: 'engine.ts', fns: ['benchEngine'], capSeconds: 120, what: 'readiness engine: 100-village commune (median) and 1 000 communes' },
  { part: 'storage', file: 'idb.ts', fns: ['benchIdb', 'benchStorage', 'benchBrowserStorage', 'benchIndexedDb'], capSeconds: 180, what: 'IndexedDB in Chromium: save one village, load the dashboard with 5 years × 50 villages' },
  { part: 'server', file: 'server.ts', fns: ['benchServer'], capSeconds: 240, what: 'sync server on loopback: raw SQLite floor, ingest ops/s and its ratio to the floor, p50/p99 with 500 devices, push-and-pull at 100–1 000 devices, memory' },
  { part: 'stores', file: 'stores.ts', fns: ['benchStores'], capSeconds: 300, what: 'the server on both stores side by side: SQLite, PostgreSQL, and two processes on one PostgreSQL (throwaway cluster, fsync on); ingest ops/s, p50/p99 at one offered load, ratios within the run; SQLite only, saying so, without PostgreSQL' },
  { part: 'sync', file: 'sync.ts', fns: ['benchSync'], capSeconds: 210, what: 'end to end: 10 000 ops synced from one client in Chromium to the server, and pulled by a fresh client' },
  { part: 'import', file: 'import.ts', fns: ['benchImport'], capSeconds: 150, what: 'sheet import in Chromium at 4× CPU slowdown: a 60-village .xlsx read in the worker, and its dry run' },
  { part: 'province', file: 'province.ts', fns: ['benchProvince'], capSeconds: 300, what: 'a province of 168 communes × 24 villages on the real server: its assessment of every commune (ratio to the engine alone), the register, the reviewer\'s first pull in Chromium (time, bytes), opening the province\'s list offline at 4× CPU slowdown' },
  { part: 'evidence', file: 'evidence.ts', fns: ['benchEvidence'], capSeconds: 330, what: 'evidence photos in Chromium at 4× CPU slowdown: a 12-megapixel photo compressed to ≤ 300 KB with its thumbnail, in the worker and on the page; 20 photos uploaded by the app\'s queue to a real server under slow 4G' },
];

/** Part processes running now (each leads its own process group), for an interrupted bench. */
const runningParts = new Set<ChildProcess>();

/** Child mode: import one part, call its bench function, write what it returned as JSON. */
async function runPartChild(name: string, outFile: string): Promise<void> {
  const spec = OTHER_PARTS.find((p) => p.part === name);
  if (!spec) throw new Error(`unknown part ${name}`);
  const mod = (await import(pathToFileURL(join(BENCH_DIR, spec.file)).href)) as Record<string, unknown>;
  let fnName = spec.fns.find((f) => typeof mod[f] === 'function');
  if (!fnName) {
    const candidates = Object.keys(mod).filter((k) => /^bench/.test(k) && typeof mod[k] === 'function');
    if (candidates.length === 1) fnName = candidates[0];
  }
  if (!fnName) throw new Error(`bench/${spec.file} exports none of ${spec.fns.join(', ')}`);
  const fn = mod[fnName] as (ctx: Record<string, unknown>) => unknown;
  const ctx = { distDir: process.env.BENCH_DIST, deadline: Number(process.env.BENCH_PART_DEADLINE) };
  const result = await fn(ctx);
  writeFileSync(outFile, JSON.stringify({ fn: fnName, result }));
}

async function runPart(spec: PartSpec, env: Record<string, string>, deadline: number, workDir: string): Promise<Record<string, unknown>> {
  const file = join(BENCH_DIR, spec.file);
  if (!existsSync(file)) return { ...unavailable(`bench/${spec.file} is not in the tree yet`), measures: spec.what };
  const capMs = Math.min(spec.capSeconds * 1000, deadline - Date.now());
  if (capMs < 10_000) return { ...unavailable('bench time budget used up before this part could run'), measures: spec.what };
  const outFile = join(workDir, `${spec.part}.json`);
  const started = Date.now();
  log(`${spec.part}: running bench/${spec.file} (cap ${Math.round(capMs / 1000)} s)`);
  const child = spawn(process.execPath, ['--import', 'tsx', join(BENCH_DIR, 'run.ts'), '--part', spec.part, '--part-out', outFile], {
    cwd: ROOT,
    env: { ...process.env, ...env, BENCH_PART_DEADLINE: String(started + capMs) },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so whatever it starts is ended with it on timeout
  });
  runningParts.add(child);
  child.once('exit', () => runningParts.delete(child));
  let tail = '';
  const keep = (d: Buffer) => {
    const text = d.toString();
    tail = (tail + text).slice(-3000);
    for (const line of text.split('\n')) if (line.trim()) log(`  [${spec.part}] ${line}`);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
  const code = await within(exited, capMs);
  if (code === 'timeout') {
    await stopChild(child, true);
    return { ...unavailable(`bench/${spec.file} did not finish within ${Math.round(capMs / 1000)} s`), measures: spec.what };
  }
  // The part exited; end anything it left behind in its group.
  try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* nothing left */ }
  if (code !== 0 || !existsSync(outFile)) {
    const reason = tail.trim().split('\n').filter((l) => l.trim()).slice(-3).join(' | ');
    return { ...unavailable(`bench/${spec.file} failed (exit ${code}): ${reason}`), measures: spec.what };
  }
  const { fn, result } = JSON.parse(readFileSync(outFile, 'utf8')) as { fn: string; result: unknown };
  const body = result && typeof result === 'object' && !Array.isArray(result) ? (result as Record<string, unknown>) : { value: result };
  return { available: true, ...body, source: `bench/${spec.file} ${fn}()`, durationMs: Date.now() - started };
}

// ---------------------------------------------------------------------------------------------
// Ratios against peers

const RATIO_KEYS = ['performanceScore', 'fcpMs', 'lcpMs', 'tbtMs', 'ttiMs', 'speedIndexMs', 'totalTransferBytes', 'requests'] as const;

function ratios(app: LighthouseSummary | Unavailable, peer: LighthouseSummary | Unavailable): Record<string, number | null> | Unavailable {
  if (!('runs' in app) || !('runs' in peer)) return unavailable('one side has no figures');
  const failedOffline = (x: LighthouseSummary) => 'offline' in x && (x as LighthouseSummary & { offline: { documentFrom: string } }).offline.documentFrom === 'failed';
  if (failedOffline(peer) && !failedOffline(app)) return unavailable('the peer does not load offline at all; the app does');
  if (failedOffline(app)) return unavailable('the app does not load offline');
  const out: Record<string, number | null> = {};
  for (const k of RATIO_KEYS) {
    const a = app[k];
    const p = peer[k];
    out[k] = a === null || p === null || p === 0 ? null : Math.round((a / p) * 1000) / 1000;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

function gitCommit(): string | null {
  try {
    const head = readFileSync(join(ROOT, '.git', 'HEAD'), 'utf8').trim();
    if (!head.startsWith('ref: ')) return head.slice(0, 12);
    const ref = head.slice(5);
    const loose = join(ROOT, '.git', ref);
    if (existsSync(loose)) return readFileSync(loose, 'utf8').trim().slice(0, 12);
    const packed = readFileSync(join(ROOT, '.git', 'packed-refs'), 'utf8').split('\n').find((l) => l.endsWith(' ' + ref));
    return packed ? packed.slice(0, 12) : null;
  } catch {
    return null;
  }
}

/** Whether tracked files differ from the commit, so a result is not pinned on the wrong commit. */
function trackedChanges(): string[] | null {
  const r = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8', timeout: 10_000 });
  return r.status === 0 ? r.stdout.split('\n').filter(Boolean).map((l) => l.slice(3)) : null;
}

function printCheck(checks: BudgetCheck[]): void {
  for (const c of checks) {
    const value = c.value === null ? `not measured (${c.reason ?? '?'})` : kB(c.value);
    const aim = c.aim === null ? '' : `, aim ${kB(c.aim)}${c.meetsAim ? ' ✓' : ''}`;
    log(`${c.ok ? 'ok  ' : 'OVER'}  ${c.label.padEnd(26)} ${value.padStart(10)}  budget ${kB(c.max)}${aim}`);
  }
}

function printSummary(doc: Record<string, unknown>, bundle: BundleReport | null, app: SiteReport | null): void {
  log('');
  log('— summary (full figures in the JSON) —');
  if (bundle) {
    log(`first-load JS ${kB(bundle.firstLoad.js.gzip)} gzip / ${kB(bundle.firstLoad.js.brotli)} br; CSS ${kB(bundle.firstLoad.css.gzip)} gzip; precache ${'entries' in bundle.precache ? `${kB(bundle.precache.gzip)} gzip in ${bundle.precache.entries} entries` : 'n/a'}`);
    for (const c of bundle.lazyChunks) log(`  lazy ${c.name.padEnd(24)} ${kB(c.gzip).padStart(9)} gzip  ${c.file}`);
  }
  if (app) {
    const f = app.firstVisit;
    if ('runs' in f) log(`first visit: score ${f.performanceScore}, FCP ${f.fcpMs} ms, LCP ${f.lcpMs} ms, TBT ${f.tbtMs} ms, TTI ${f.ttiMs} ms, transfer ${f.totalTransferBytes} B`);
    else log(`first visit: n/a (${f.reason})`);
    const o = app.repeatVisitOffline;
    if ('runs' in o) log(`repeat visit offline: LCP ${o.lcpMs} ms, document from ${o.offline.documentFrom}${o.runtimeError ? `, ${o.runtimeError}` : ''}`);
    else log(`repeat visit offline: n/a (${o.reason})`);
    const i = app.installability;
    log(`installable: ${'installable' in i ? `${i.installable}${i.installable ? '' : ` (${[...Object.entries(i.manifestChecks).filter(([, v]) => !v).map(([k]) => k), ...i.installabilityErrors].join(', ')})`}` : `n/a (${i.reason})`}`);
  }
  const lh = doc.lighthouse as { peers?: Array<Record<string, unknown>> } | undefined;
  for (const peer of lh?.peers ?? []) {
    const f = peer.firstVisit as LighthouseSummary | Unavailable | undefined;
    const o = peer.repeatVisitOffline as (LighthouseSummary & { offline: { documentFrom: string } }) | Unavailable | undefined;
    if (!f) { log(`peer ${String(peer.label)}: n/a (${String(peer.reason)})`); continue; }
    log(`peer ${String(peer.label)}: first visit ${'runs' in f ? `score ${f.performanceScore}, LCP ${f.lcpMs} ms, transfer ${f.totalTransferBytes} B` : `n/a (${f.reason})`}; offline ${o && 'runs' in o ? `document from ${o.offline.documentFrom}, LCP ${o.lcpMs ?? '–'} ms` : 'n/a'}`);
    log(`  app ÷ peer: ${JSON.stringify(peer.appOverPeer)}`);
  }
  for (const k of ['engine', 'browserStorage', 'server', 'serverStores', 'sync', 'import', 'evidence'] as const) {
    const v = doc[k] as Record<string, unknown> | undefined;
    if (v) log(`${k}: ${v.available === false ? `n/a (${String(v.reason)})` : JSON.stringify(Object.fromEntries(Object.entries(v).filter(([key]) => !['available', 'source', 'durationMs'].includes(key))))}`);
  }
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.part) {
    await runPartChild(opts.part, opts.partOut ?? join(tmpdir(), `bench-${opts.part}.json`));
    return;
  }
  const started = Date.now();
  const deadline = started + opts.budgetSeconds * 1000;
  const want = (p: Part) => (opts.check ? p === 'bundle' : !opts.only || opts.only.has(p));
  const budgets = loadBudgets();
  const workDir = mkdtempSync(join(tmpdir(), 'xht-bench-'));
  const outDir = opts.outDir ?? (opts.check ? join(workDir, 'dist') : join(BENCH_DIR, '.dist'));
  if (opts.outDir === join(ROOT, 'dist')) log('warning: building into dist/, which others may be using');

  const cleanups: Array<() => Promise<void>> = [];
  let interrupted = false;
  const onSignal = (sig: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    log(`${sig}: stopping what the bench started`);
    const all = [...cleanups.map((c) => c()), closeAllBrowsers(), ...[...runningParts].map((c) => stopChild(c, true))];
    void Promise.allSettled(all).finally(() => { rmSync(workDir, { recursive: true, force: true }); process.exit(130); });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    // 1. Build and sizes. The Lighthouse part needs the build too.
    let bundle: BundleReport | null = null;
    let bundleError: string | null = null;
    const needBuild = want('bundle') || want('lighthouse');
    if (needBuild) {
      log(`build: vite build → ${outDir}`);
      try {
        const ms = await buildApp(ROOT, outDir, join(workDir, 'build.log'));
        bundle = measureBundle(outDir, ms);
        log(`build: ${ms} ms`);
      } catch (e) {
        bundleError = (e as Error).message;
        if (!opts.check) log(`build failed: ${bundleError}`);
      }
    }
    const checks = bundle ? checkBudgets(bundle, budgets.budgets) : [];

    if (opts.check) {
      if (!bundle) {
        log(`bench --check: the app could not be built, so its sizes are unknown.\n${bundleError ?? ''}`);
        process.exitCode = 1;
        return;
      }
      printCheck(checks);
      for (const n of bundle.notes) log(`note: ${n}`);
      const over = checks.filter((c) => !c.ok);
      if (over.length) {
        log(`\nbench --check: ${over.length} budget(s) exceeded: ${over.map((c) => c.value === null ? `${c.label} could not be measured` : `${c.label} is ${kB(c.value)}, over its ${kB(c.max)} budget by ${kB(c.value - c.max)}`).join('; ')}.`);
        log('Move what the first screen does not need behind a dynamic import(), or raise the budget in bench/budgets.json with the reason in bench/README.md.');
        process.exitCode = 1;
      } else {
        log('bench --check: all sizes within budget');
      }
      return;
    }

    const doc: Record<string, unknown> = {
      schema: 1,
      generatedAt: new Date().toISOString(),
      commit: gitCommit(),
      uncommittedChanges: trackedChanges(),
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? null, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, loadAverageAtStart: loadavg().map((x) => Math.round(x * 100) / 100) },
      options: { runs: opts.runs, only: opts.only ? [...opts.only] : null, urls: opts.urls, peerDirs: opts.peerDirs, peer: opts.peer },
    };
    doc.bundle = bundle ?? unavailable(want('bundle') ? `build failed: ${bundleError}` : 'not requested (--only)');
    doc.budgets = bundle ? { ok: checks.every((c) => c.ok), checks } : unavailable('no build');

    // 2. Parts written beside this file by the engine, storage and server work. They run first:
    //    their cost is fixed, while Lighthouse takes fewer runs when time is short.
    const partEnv: Record<string, string> = bundle ? { BENCH_DIST: outDir } : {};
    const results: Record<string, unknown> = {};
    // Time is kept for at least one Lighthouse run of each visit kind after the parts.
    const partsDeadline = want('lighthouse') ? deadline - 170_000 : deadline;
    for (const spec of OTHER_PARTS) {
      results[spec.part] = want(spec.part) ? await runPart(spec, partEnv, partsDeadline, workDir) : { ...unavailable('not requested (--only)'), measures: spec.what };
    }
    doc.engine = results.engine;
    doc.browserStorage = results.storage;
    doc.server = results.server;
    doc.serverStores = results.stores;
    doc.sync = results.sync;
    doc.import = results.import;
    doc.evidence = results.evidence;
    doc.province = results.province;

    // 3. Serve the build and measure it with Lighthouse; peers the same way.
    let app: SiteReport | null = null;
    let appServer: AppServer | null = null;
    if (bundle && want('lighthouse')) {
      appServer = await startAppServer(outDir, workDir);
      cleanups.push(appServer.close);
      log(`serving the build at ${appServer.url} with ${appServer.kind}${appServer.note ? ` (${appServer.note})` : ''}`);
    }
    if (want('lighthouse')) {
      if (!appServer) {
        doc.lighthouse = unavailable(`no build to serve: ${bundleError}`);
      } else {
        const encoding = await observedEncoding(appServer.url, bundle);
        // Keep time for at least one run of each peer.
        const peerCount = opts.urls.length + opts.peerDirs.length + (opts.peer ? 1 : 0);
        const siteOpts = { runs: opts.runs, deadline: deadline - (peerCount ? 120_000 : 20_000), log };
        log(`lighthouse: app at ${appServer.url} (${opts.runs} run(s) per visit kind)`);
        app = await measureSite(appServer.url, siteOpts);
        const peers: unknown[] = [];
        const peerTargets: Array<{ label: string; url: string; close?: () => Promise<void> }> = opts.urls.map((u) => ({ label: u, url: u }));
        const dirs = opts.peerDirs.map((dir) => ({ label: dir, dir }));
        if (opts.peer) {
          try {
            dirs.unshift({ label: PEER_LABEL, dir: await buildPeer(log) });
          } catch (e) {
            peers.push({ label: PEER_LABEL, ...unavailable(`peer could not be installed or built: ${(e as Error).message}`) });
          }
        }
        for (const { label, dir } of dirs) {
          if (!existsSync(join(dir, 'index.html'))) { peers.push({ label, ...unavailable(`no index.html in ${dir}`) }); continue; }
          // Served like the app (same compression), so the ratio compares the sites, not the servers.
          const s = await serveStatic(dir, encoding === 'gzip');
          cleanups.push(s.close);
          peerTargets.push({ label, url: s.url, close: s.close });
        }
        for (const peer of peerTargets) {
          if (Date.now() > deadline - 90_000) {
            peers.push({ label: peer.label, ...unavailable('bench time budget too short to measure this peer') });
            if (peer.close) await peer.close();
            continue;
          }
          log(`lighthouse: peer ${peer.label} at ${peer.url}`);
          const r = await measureSite(peer.url, { ...siteOpts, deadline: deadline - 20_000 });
          if (peer.close) await peer.close();
          peers.push({
            label: peer.label,
            ...r,
            appOverPeer: { firstVisit: ratios(app.firstVisit, r.firstVisit), repeatVisitOffline: ratios(app.repeatVisitOffline, r.repeatVisitOffline) },
          });
        }
        doc.lighthouse = {
          profile: 'Lighthouse default (mobile): Moto G Power–sized screen, simulated slow 4G (150 ms RTT, 1.6 Mbps), 4× CPU slowdown',
          lighthouseVersion: JSON.parse(readFileSync(join(ROOT, 'node_modules', 'lighthouse', 'package.json'), 'utf8')).version as string,
          servedBy: appServer.kind,
          ...(appServer.note ? { servedByNote: appServer.note } : {}),
          contentEncoding: encoding,
          notes: [
            'TTI (ttiMs) is Lighthouse 12\'s "interactive" audit: still computed, no longer part of the score.',
            'Lighthouse 12 has no PWA category: installability is checked through Chromium itself (Page.getAppManifest, Page.getInstallabilityErrors) plus an active service worker controlling the page after a reload.',
            'Repeat visit offline: same browser profile as the first visit (service worker and caches kept), every request sent to a proxy that drops it, Lighthouse run without storage reset, with devtools (observed) throttling of the CPU only (4×; there is no network to throttle); "offline.documentFrom" says what served the page.',
            'appOverPeer: the app\'s figure divided by the peer\'s; below 1 means the app is faster or smaller (above 1 for performanceScore means the app scores higher).',
          ],
          app,
          peers,
        };
      }
    } else {
      doc.lighthouse = unavailable('not requested (--only)');
    }

    if (appServer) { await appServer.close(); cleanups.splice(cleanups.indexOf(appServer.close), 1); }
    doc.targets = evaluateTargets(app, budgets.targets);
    doc.durationSeconds = Math.round((Date.now() - started) / 1000);
    (doc.machine as Record<string, unknown>).loadAverageAtEnd = loadavg().map((x) => Math.round(x * 100) / 100);

    // An interrupted run (its parts ended early by the signal handler) must not pose as a result.
    if (interrupted) return;
    const json = JSON.stringify(doc, null, 2) + '\n';
    // A partial run (--only) would pose as the latest full result; it is printed, not written.
    const write = opts.write && opts.only === null;
    if (write) {
      mkdirSync(join(BENCH_DIR, 'results'), { recursive: true });
      writeFileSync(join(BENCH_DIR, 'results', 'latest.json'), json);
    }
    printSummary(doc, bundle, app);
    log(`bench: ${doc.durationSeconds} s${write ? ', written to bench/results/latest.json' : opts.only ? ' (partial run: bench/results/latest.json left as it was)' : ''}`);
    process.stdout.write(json);
  } finally {
    await Promise.allSettled(cleanups.map((c) => c()));
    rmSync(workDir, { recursive: true, force: true });
  }
}

// Run only as a program, so tests can import the pure helpers above.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main()
    .catch((e: unknown) => {
      log(`bench: ${(e as Error).stack ?? String(e)}`);
      process.exitCode = 1;
    })
    // Whatever a library left open (a socket, a timer), the bench ends once its work is done.
    .finally(() => setTimeout(() => process.exit(), 3000).unref());
}
