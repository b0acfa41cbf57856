// Lighthouse mobile runs of one site (first visit, installability, repeat visit offline) with
// Debian's Chromium, launched and killed here by process group. Measures only; never asserts a
// timing and never touches anything but the loopback sites it is given.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import lighthouse from 'lighthouse';
import { sleep, stopChild, within } from './proc.ts';

export const CHROMIUM = process.env.BENCH_CHROMIUM ?? '/usr/bin/chromium';

/** Figures of one Lighthouse run; null when Lighthouse did not produce that audit. */
export interface LighthouseFigures {
  performanceScore: number | null;
  fcpMs: number | null;
  lcpMs: number | null;
  tbtMs: number | null;
  /** Time to Interactive: computed by Lighthouse 12 but no longer part of the score. */
  ttiMs: number | null;
  speedIndexMs: number | null;
  cls: number | null;
  totalTransferBytes: number | null;
  requests: number | null;
  runtimeError: string | null;
  warnings: string[];
}

/** Median of several runs, plus each run's score so the spread is visible. */
export interface LighthouseSummary extends LighthouseFigures {
  runs: number;
  scores: Array<number | null>;
  lcpRunsMs: Array<number | null>;
  throttling: string;
}

export interface Installability {
  manifestUrl: string | null;
  manifestErrors: string[];
  /** Chromium's own verdict (Page.getInstallabilityErrors); empty means installable. */
  installabilityErrors: string[];
  serviceWorkerActivated: boolean;
  controlledAfterReload: boolean;
  manifestChecks: Record<string, boolean>;
  installable: boolean;
  error?: string;
}

export interface OfflineCheck {
  /** How the document reached the page with the network cut: 'service-worker', 'disk-cache', 'network' or 'failed'. */
  documentFrom: string;
  subresources: { serviceWorker: number; diskCache: number; failed: number; other: number };
  /** Visible text length of the page body after load, so a blank or error page is not counted as working. */
  bodyTextLength: number;
  title: string;
}

export interface SiteReport {
  url: string;
  firstVisit: LighthouseSummary | { available: false; reason: string };
  installability: Installability | { available: false; reason: string };
  repeatVisitOffline: (LighthouseSummary & { offline: OfflineCheck }) | { available: false; reason: string };
  browser: string | null;
  durationMs: number;
}

export interface SiteOptions {
  runs: number;
  /** Deadline (epoch ms) after which no new Lighthouse run is started. */
  deadline: number;
  log: (line: string) => void;
}

// Quiet, deterministic browser: nothing but the site under test may use the network or the CPU.
const CHROMIUM_FLAGS = [
  '--headless=new',
  '--no-sandbox', // the bench runs as root here
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-default-apps',
  '--disable-extensions',
  '--disable-sync',
  '--disable-client-side-phishing-detection',
  '--disable-features=Translate,OptimizationHints,MediaRouter,InterestFeedContentSuggestions,CalculateNativeWinOcclusion',
  '--disable-renderer-backgrounding',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--metrics-recording-only',
  '--mute-audio',
  '--no-first-run',
  '--no-default-browser-check',
  '--password-store=basic',
];

/** Minimal CDP client over Chromium's --remote-debugging-pipe (NUL-delimited JSON on fds 3/4). */
class CdpPipe {
  private nextId = 1;
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; method: string }>();
  private listeners: Array<(msg: { method: string; params: Record<string, unknown>; sessionId?: string }) => void> = [];
  private buffer = '';
  constructor(private readonly out: Writable, input: Readable) {
    input.setEncoding('utf8');
    input.on('data', (chunk: string) => {
      this.buffer += chunk;
      let end: number;
      while ((end = this.buffer.indexOf('\0')) >= 0) {
        const raw = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 1);
        this.dispatch(JSON.parse(raw) as Record<string, unknown>);
      }
    });
    input.on('close', () => {
      for (const p of this.pending.values()) p.reject(new Error(`Chromium closed during ${p.method}`));
      this.pending.clear();
    });
  }
  private dispatch(msg: Record<string, unknown>): void {
    if (typeof msg.id === 'number') {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      const error = msg.error as { message?: string } | undefined;
      if (error) p.reject(new Error(`${p.method}: ${error.message ?? 'CDP error'}`));
      else p.resolve(msg.result);
      return;
    }
    if (typeof msg.method === 'string') {
      const ev = { method: msg.method, params: (msg.params ?? {}) as Record<string, unknown>, ...(typeof msg.sessionId === 'string' ? { sessionId: msg.sessionId } : {}) };
      for (const l of this.listeners) l(ev);
    }
  }
  send<T = Record<string, unknown>>(method: string, params: Record<string, unknown> = {}, sessionId?: string, timeoutMs = 30_000): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method}: no answer in ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        method,
        resolve: (v) => { clearTimeout(timer); resolve(v as T); },
        reject: (e) => { clearTimeout(timer); reject(e); },
      });
      this.out.write(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }) + '\0');
    });
  }
  on(listener: (msg: { method: string; params: Record<string, unknown>; sessionId?: string }) => void): () => void {
    this.listeners.push(listener);
    return () => { this.listeners = this.listeners.filter((l) => l !== listener); };
  }
}

interface Browser {
  port: number;
  cdp: CdpPipe;
  close: () => Promise<void>;
}

/** Browsers running now, so an interrupted bench can end them (they are in their own process group). */
const running = new Set<Browser>();

/** Profile folders in use, removed by `closeAllBrowsers` when a run is interrupted. */
const profiles = new Set<string>();

/** Ends every Chromium this module started and has not closed yet, and removes their profiles. */
export async function closeAllBrowsers(): Promise<void> {
  await Promise.allSettled([...running].map((b) => b.close()));
  for (const p of profiles) rmSync(p, { recursive: true, force: true });
}

/** Starts Chromium on a profile folder; `close()` ends its whole process group and waits for it. */
async function launchChromium(profileDir: string, extraFlags: string[] = []): Promise<Browser> {
  const portFile = join(profileDir, 'DevToolsActivePort');
  rmSync(portFile, { force: true });
  const child: ChildProcess = spawn(
    CHROMIUM,
    [...CHROMIUM_FLAGS, ...extraFlags, '--remote-debugging-port=0', '--remote-debugging-pipe', `--user-data-dir=${profileDir}`, 'about:blank'],
    { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'], detached: true },
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => { stderr = (stderr + d.toString()).slice(-4000); });
  const close = async (): Promise<void> => {
    running.delete(browser);
    await stopChild(child, true);
  };
  const cdp = new CdpPipe(child.stdio[3] as Writable, child.stdio[4] as Readable);
  const browser: Browser = { port: 0, cdp, close };
  running.add(browser);
  const started = Date.now();
  while (!existsSync(portFile) || readFileSync(portFile, 'utf8').split('\n')[0] === '') {
    if (child.exitCode !== null || Date.now() - started > 20_000) {
      await close();
      throw new Error(`Chromium did not start: ${stderr.split('\n').filter((l) => !/dbus|unexpected operator/.test(l)).slice(-5).join(' | ')}`);
    }
    await sleep(50);
  }
  browser.port = Number(readFileSync(portFile, 'utf8').split('\n')[0]);
  return browser;
}

/** A TCP listener that drops every connection: pointed at as the proxy, it cuts the page off the network. */
async function startBlackhole(): Promise<{ port: number; close: () => Promise<void> }> {
  const server: Server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('blackhole: no port');
  return { port: address.port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

type Lhr = NonNullable<Awaited<ReturnType<typeof lighthouse>>>['lhr'];

function figuresOf(lhr: Lhr): LighthouseFigures {
  const audit = (id: string) => lhr.audits[id];
  const num = (id: string): number | null => {
    const v = audit(id)?.numericValue;
    return typeof v === 'number' && Number.isFinite(v) ? Math.round(v * 1000) / 1000 : null;
  };
  const score = lhr.categories.performance?.score;
  const items = (audit('network-requests')?.details as { items?: unknown[] } | undefined)?.items;
  let tti = num('interactive');
  if (tti === null) {
    const m = (audit('metrics')?.details as { items?: Array<Record<string, unknown>> } | undefined)?.items?.[0];
    if (m && typeof m.interactive === 'number') tti = m.interactive;
  }
  return {
    performanceScore: typeof score === 'number' ? Math.round(score * 100) : null,
    fcpMs: num('first-contentful-paint'),
    lcpMs: num('largest-contentful-paint'),
    tbtMs: num('total-blocking-time'),
    ttiMs: tti,
    speedIndexMs: num('speed-index'),
    cls: num('cumulative-layout-shift'),
    totalTransferBytes: num('total-byte-weight'),
    requests: Array.isArray(items) ? items.length : null,
    runtimeError: lhr.runtimeError ? `${lhr.runtimeError.code}: ${lhr.runtimeError.message}` : null,
    warnings: lhr.runWarnings.map(String),
  };
}

function median(values: Array<number | null>): number | null {
  const v = values.filter((x): x is number => x !== null).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid]! : Math.round(((v[mid - 1]! + v[mid]!) / 2) * 1000) / 1000;
}

function summarize(runs: LighthouseFigures[], throttling: string): LighthouseSummary {
  const pick = (k: keyof LighthouseFigures) => median(runs.map((r) => r[k] as number | null));
  const failed = runs.map((r) => r.runtimeError).filter((e): e is string => e !== null);
  return {
    performanceScore: pick('performanceScore'),
    fcpMs: pick('fcpMs'),
    lcpMs: pick('lcpMs'),
    tbtMs: pick('tbtMs'),
    ttiMs: pick('ttiMs'),
    speedIndexMs: pick('speedIndexMs'),
    cls: pick('cls'),
    totalTransferBytes: pick('totalTransferBytes'),
    requests: pick('requests'),
    runtimeError: failed.length ? failed.join(' / ') : null,
    warnings: [...new Set(runs.flatMap((r) => r.warnings))],
    runs: runs.length,
    scores: runs.map((r) => r.performanceScore),
    lcpRunsMs: runs.map((r) => r.lcpMs),
    throttling,
  };
}

const LH_BASE = {
  output: 'json' as const,
  logLevel: 'error' as const,
  onlyCategories: ['performance'],
  // TTI left the score in Lighthouse 10 but the audit still exists; ask for it by name.
  onlyAudits: ['interactive', 'metrics', 'network-requests', 'total-byte-weight'],
  maxWaitForLoad: 45_000,
};

async function lighthouseRuns(url: string, port: number, runs: number, deadline: number, extra: Record<string, unknown>, log: (l: string) => void, label: string): Promise<LighthouseFigures[]> {
  const results: LighthouseFigures[] = [];
  for (let i = 0; i < runs; i++) {
    if (i > 0 && Date.now() > deadline) {
      log(`  ${label}: deadline reached after ${i} run(s)`);
      break;
    }
    const t = Date.now();
    // Bounded: a run that hangs is abandoned (the caller then closes the browser under it).
    const result = await within(lighthouse(url, { ...LH_BASE, ...extra, port }), 150_000);
    if (result === 'timeout') throw new Error('a Lighthouse run did not finish within 150 s');
    if (!result) throw new Error('Lighthouse returned no result');
    const f = figuresOf(result.lhr);
    results.push(f);
    log(`  ${label} run ${i + 1}: score ${f.performanceScore ?? '–'}, LCP ${f.lcpMs === null ? '–' : Math.round(f.lcpMs)} ms${f.runtimeError ? `, ${f.runtimeError}` : ''} (${Math.round((Date.now() - t) / 1000)} s)`);
  }
  return results;
}

async function openPage(cdp: CdpPipe): Promise<{ sessionId: string; targetId: string }> {
  const { targetId } = await cdp.send<{ targetId: string }>('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await cdp.send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true });
  await cdp.send('Page.enable', {}, sessionId);
  await cdp.send('Runtime.enable', {}, sessionId);
  return { sessionId, targetId };
}

async function navigate(cdp: CdpPipe, sessionId: string, url: string, timeoutMs = 30_000): Promise<void> {
  let off = (): void => undefined;
  const loaded = within(new Promise<void>((resolve) => {
    off = cdp.on((m) => {
      if (m.sessionId === sessionId && m.method === 'Page.loadEventFired') resolve();
    });
  }), timeoutMs).finally(() => off());
  const nav = await cdp.send<{ errorText?: string }>('Page.navigate', { url }, sessionId);
  if (nav.errorText) throw new Error(`navigation failed: ${nav.errorText}`);
  await loaded;
}

async function evaluate<T>(cdp: CdpPipe, sessionId: string, expression: string, timeoutMs = 30_000): Promise<T> {
  const r = await cdp.send<{ result: { value?: T }; exceptionDetails?: { text?: string } }>(
    'Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }, sessionId, timeoutMs,
  );
  if (r.exceptionDetails) throw new Error(`evaluate: ${r.exceptionDetails.text ?? 'exception'}`);
  return r.result.value as T;
}

async function warmUp(cdp: CdpPipe, url: string): Promise<void> {
  const { sessionId, targetId } = await openPage(cdp);
  try {
    await navigate(cdp, sessionId, url, 15_000);
  } finally {
    await cdp.send('Target.closeTarget', { targetId }).catch(() => undefined);
  }
}

/**
 * Visits the site once with the network on, waits for its service worker to activate and
 * take control, and asks Chromium whether it would offer to install the app.
 */
async function installAndCheck(cdp: CdpPipe, url: string): Promise<Installability> {
  const { sessionId, targetId } = await openPage(cdp);
  try {
    await navigate(cdp, sessionId, url);
    // A service worker that precaches the shell activates only after the precache is complete.
    const state = await evaluate<string>(cdp, sessionId, `(async () => {
      if (!('serviceWorker' in navigator)) return 'unsupported';
      // A page that registers no worker within 5 s after load is not waited for any longer.
      let registered = null;
      for (let i = 0; i < 50 && !registered; i++) {
        registered = await navigator.serviceWorker.getRegistration();
        if (!registered) await new Promise((r) => setTimeout(r, 100));
      }
      if (!registered) return 'none';
      const timeout = new Promise((r) => setTimeout(() => r(null), 20000));
      const reg = await Promise.race([navigator.serviceWorker.ready, timeout]);
      if (!reg) return (await navigator.serviceWorker.getRegistration()) ? 'registered-not-active' : 'none';
      const sw = reg.active;
      if (sw && sw.state !== 'activated') await Promise.race([new Promise((r) => sw.addEventListener('statechange', () => sw.state === 'activated' && r(null))), timeout]);
      return reg.active ? reg.active.state : 'none';
    })()`, 30_000);
    await navigate(cdp, sessionId, url);
    const controlled = await evaluate<boolean>(cdp, sessionId, `!!(navigator.serviceWorker && navigator.serviceWorker.controller)`);
    const manifest = await cdp.send<{ url: string; errors: Array<{ message: string; critical: number }>; data?: string }>('Page.getAppManifest', {}, sessionId);
    let installabilityErrors: string[] = [];
    try {
      const r = await cdp.send<{ installabilityErrors: Array<{ errorId: string; errorArguments: Array<{ name: string; value: string }> }> }>('Page.getInstallabilityErrors', {}, sessionId);
      installabilityErrors = r.installabilityErrors.map((e) => [e.errorId, ...e.errorArguments.map((a) => `${a.name}=${a.value}`)].join(' '));
    } catch (e) {
      installabilityErrors = [`not reported by this Chromium: ${(e as Error).message}`];
    }
    const data = manifest.data ? (JSON.parse(manifest.data) as Record<string, unknown>) : null;
    const icons = Array.isArray(data?.icons) ? (data.icons as Array<{ sizes?: string; type?: string; purpose?: string }>) : [];
    const hasIcon = (size: string) => icons.some((i) => (i.sizes ?? '').split(/\s+/).includes(size) && (i.purpose ?? 'any').split(/\s+/).includes('any'));
    const checks: Record<string, boolean> = {
      manifestPresent: Boolean(manifest.url && data),
      nameOrShortName: Boolean(data && (data.name || data.short_name)),
      startUrl: Boolean(data && data.start_url),
      displayStandaloneOrBetter: Boolean(data && ['standalone', 'fullscreen', 'minimal-ui'].includes(String(data.display))),
      icon192: hasIcon('192x192'),
      icon512: hasIcon('512x512'),
      serviceWorkerActivated: state === 'activated',
      controlsPageAfterReload: controlled,
    };
    return {
      manifestUrl: manifest.url || null,
      manifestErrors: manifest.errors.map((e) => `${e.critical ? 'critical: ' : ''}${e.message}`),
      installabilityErrors,
      serviceWorkerActivated: state === 'activated',
      controlledAfterReload: controlled,
      manifestChecks: checks,
      installable: Object.values(checks).every(Boolean) && installabilityErrors.length === 0,
      ...(state !== 'activated' ? { error: `service worker: ${state}` } : {}),
    };
  } finally {
    await cdp.send('Target.closeTarget', { targetId }).catch(() => undefined);
  }
}

/** Loads the page once with the network cut and records where each response came from. */
async function offlineCheck(cdp: CdpPipe, url: string): Promise<OfflineCheck> {
  const { sessionId, targetId } = await openPage(cdp);
  const sources = new Map<string, string>();
  let documentFrom = 'failed';
  let documentRequestId: string | null = null;
  const off = cdp.on((m) => {
    if (m.sessionId !== sessionId) return;
    const p = m.params as { requestId?: string; type?: string; response?: { fromServiceWorker?: boolean; fromDiskCache?: boolean } };
    if (m.method === 'Network.requestWillBeSent' && p.type === 'Document' && documentRequestId === null) documentRequestId = p.requestId ?? null;
    if (m.method === 'Network.responseReceived' && p.requestId && p.response) {
      const from = p.response.fromServiceWorker ? 'service-worker' : p.response.fromDiskCache ? 'disk-cache' : 'network';
      sources.set(p.requestId, from);
      if (p.requestId === documentRequestId || p.type === 'Document') documentFrom = from;
    }
    if (m.method === 'Network.loadingFailed' && p.requestId) sources.set(p.requestId, 'failed');
  });
  try {
    await cdp.send('Network.enable', {}, sessionId);
    await navigate(cdp, sessionId, url).catch(() => undefined);
    await sleep(1500); // let the app's own first render and lazy requests settle
    const page = await evaluate<{ title: string; text: number }>(cdp, sessionId, `({ title: document.title, text: (document.body ? document.body.innerText.trim().length : 0) })`).catch(() => ({ title: '', text: 0 }));
    const subresources = { serviceWorker: 0, diskCache: 0, failed: 0, other: 0 };
    for (const [id, from] of sources) {
      if (id === documentRequestId) continue;
      if (from === 'service-worker') subresources.serviceWorker++;
      else if (from === 'disk-cache') subresources.diskCache++;
      else if (from === 'failed') subresources.failed++;
      else subresources.other++;
    }
    return { documentFrom, subresources, bodyTextLength: page.text, title: page.title };
  } finally {
    off();
    await cdp.send('Target.closeTarget', { targetId }).catch(() => undefined);
  }
}

/**
 * Measures one site: cold first visit (Lighthouse mobile defaults: simulated slow 4G, 4× CPU),
 * installability, then a repeat visit with the network cut, served by whatever the first visit
 * left (service worker, HTTP cache), timed with real 4× CPU throttling.
 */
export async function measureSite(url: string, opts: SiteOptions): Promise<SiteReport> {
  const started = Date.now();
  const profile = mkdtempSync(join(tmpdir(), 'xht-bench-chromium-'));
  profiles.add(profile);
  const report: SiteReport = {
    url,
    firstVisit: { available: false, reason: 'not run' },
    installability: { available: false, reason: 'not run' },
    repeatVisitOffline: { available: false, reason: 'not run' },
    browser: null,
    durationMs: 0,
  };
  let browser: Browser | null = null;
  let blackhole: { port: number; close: () => Promise<void> } | null = null;
  try {
    browser = await launchChromium(profile);
    report.browser = (await browser.cdp.send<{ product: string }>('Browser.getVersion')).product;
    // One plain visit first, so the browser process is warm as on a phone that already runs
    // Chrome; Lighthouse then wipes the origin's storage and HTTP cache, so each run stays cold.
    await warmUp(browser.cdp, url).catch(() => undefined);
    try {
      // Lighthouse's default storage reset clears the origin's caches and service workers first.
      // Lighthouse keeps IndexedDB and localStorage by default; a first visit must not find the
      // data of the warm-up or of the run before, so every storage type is cleared.
      const runs = await lighthouseRuns(url, browser.port, opts.runs, opts.deadline, { clearStorageTypes: ['all'] }, opts.log, 'first visit');
      report.firstVisit = summarize(runs, 'simulated (Lighthouse mobile default: slow 4G 150 ms RTT, 1.6 Mbps, 4× CPU)');
    } catch (e) {
      report.firstVisit = { available: false, reason: `Lighthouse failed: ${(e as Error).message}` };
    }
    try {
      report.installability = await installAndCheck(browser.cdp, url);
    } catch (e) {
      report.installability = { available: false, reason: `install check failed: ${(e as Error).message}` };
    }
    await browser.close();
    browser = null;

    if (Date.now() > opts.deadline) {
      report.repeatVisitOffline = { available: false, reason: 'bench deadline reached before the offline run' };
    } else {
      // Same profile (service worker and caches kept), every request sent to a proxy that drops
      // it: the page sees what a phone without signal sees. Lighthouse's own network emulation
      // cannot be used for this, it forces `offline: false` on every run.
      blackhole = await startBlackhole();
      browser = await launchChromium(profile, [`--proxy-server=http://127.0.0.1:${blackhole.port}`, '--proxy-bypass-list=<-loopback>']);
      try {
        const offline = await offlineCheck(browser.cdp, url);
        // A page that does not load offline at all needs one run to record how it fails, not three.
        const runs = await lighthouseRuns(url, browser.port, offline.documentFrom === 'failed' ? 1 : opts.runs, opts.deadline, {
          disableStorageReset: true,
          // Simulated throttling would replay these cache hits as slow-4G downloads; measure what
          // happens instead, with the CPU slowed 4× as on a cheap phone (the network is cut anyway).
          throttlingMethod: 'devtools',
          // The network is cut, so only the CPU is slowed; no latency is added to cache hits.
          throttling: { cpuSlowdownMultiplier: 4, requestLatencyMs: 0, downloadThroughputKbps: 0, uploadThroughputKbps: 0, rttMs: 0, throughputKbps: 0 },
        }, opts.log, 'repeat visit offline');
        report.repeatVisitOffline = { ...summarize(runs, 'devtools (observed) with 4× CPU slowdown; network cut'), offline };
      } catch (e) {
        report.repeatVisitOffline = { available: false, reason: `offline run failed: ${(e as Error).message}` };
      }
    }
  } catch (e) {
    if (!('runs' in report.firstVisit)) report.firstVisit = { available: false, reason: (e as Error).message };
  } finally {
    if (browser) await browser.close();
    if (blackhole) await blackhole.close();
    rmSync(profile, { recursive: true, force: true });
    profiles.delete(profile);
    report.durationMs = Date.now() - started;
  }
  return report;
}
