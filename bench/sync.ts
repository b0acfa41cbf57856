// Bench part "sync": 10 000 ops from one client (the app's real src/db + src/sync in Chromium, on-disk
// IndexedDB) to the real server/main.ts on loopback, then pulled by a second fresh client; real codes.
// Reports timings, asserts none; stops everything it started (server, browsers), by handle.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from '@playwright/test';
import { buildIdbPage } from './idb.ts';
import type { EnqueueResult, EnrolResult, PullResult, PushResult, SyncPageApi } from './sync-page.ts';
import { stopChild } from './proc.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const LOOPBACK = '127.0.0.1';
const OPS = 10_000;
/** The demo commune server/main.ts seeds into an empty database, and its two years. */
const COMMUNE = '21085';
const YEARS = [2024, 2025];

export interface SyncBenchContext {
  /** Unused: this part builds its own page. */
  distDir?: string;
  /** Epoch ms by which the part should be done (bench/run.ts); 170 s from now otherwise. */
  deadline?: number;
}

export interface SyncBenchResult {
  available: true;
  ops: number;
  /** 10 000 saveVillageCounts calls in a row, each its own transaction with its outbox op. */
  enqueueMs: number;
  /** One save's time (p50/p95), and the mean of the first and the last 1 000 (with ~9 000 ops pending). */
  save: EnqueueResult['save'];
  /** First POST /sync sent → the outbox empty after the last acknowledgement, client-side. */
  syncMs: number;
  opsPerSec: number;
  batches: number;
  batchP50Ms: number;
  batchMaxMs: number;
  /** Sum of the POST /sync round trips; syncMs minus this is the client's own work (reading, acknowledging the outbox). */
  batchRoundTripsMs: number;
  /** The whole syncNow() of the sending client: its push, then the pull of its own ops back. */
  syncNowMs: number;
  /** A second fresh client (own profile, own device id, own code): one syncNow() pulling everything. */
  pullMs: number;
  pulledOps: number;
  pullPages: number;
  /** Ops the server held before the 10 000 (the seeded demo commune), pulled by both clients. */
  seedOps: number;
  /** Both clients hold the same village counts afterwards. */
  converged: boolean;
  userAgent: string;
  method: string;
}

type Handle = { child: ChildProcess; url: string; code: string };

/** `p`, or a rejection naming `what` when the deadline passes first. */
function bounded<T>(p: Promise<T>, deadline: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error(`${what}: not done by the bench deadline`)), Math.max(0, deadline - Date.now()));
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/** server/main.ts on a free loopback port, its static folder being the bench page; the seed's code read from its banner. */
async function startServer(dbPath: string, staticDir: string, deadline: number): Promise<Handle> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server', 'main.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: LOOPBACK, DB_PATH: dbPath, STATIC_DIR: staticDir, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The banner comes first; after it, one JSON line per request: only a bounded tail is kept.
  let head = '';
  let tail = '';
  const keep = (d: Buffer) => {
    if (head.length < 4000) head += d.toString();
    else tail = (tail + d.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const up = new Promise<Handle>((ok, fail) => {
    const check = () => {
      const code = /one-time\):\s+([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(head)?.[1];
      const url = /"msg":"listening","url":"([^"]+)"/.exec(head)?.[1];
      if (code && url) ok({ child, url, code });
    };
    child.stdout!.on('data', check);
    child.once('exit', (c) => fail(new Error(`server/main.ts exited early (${c}): ${(head + tail).trim().split('\n').slice(-3).join(' | ')}`)));
  });
  return bounded(up, Math.min(deadline, Date.now() + 30_000), 'server/main.ts start (banner with the demo code)');
}

/** A second officer code through the admin CLI, as a person would issue one. */
async function issueCode(dbPath: string, deadline: number): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server', 'admin.ts'), 'issue-code', '--commune', COMMUNE, '--role', 'officer', '--name', 'Máy đo thứ hai', '--db', dbPath], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { out += d.toString(); });
  const status = await bounded(new Promise<number | null>((ok) => child.once('exit', ok)), Math.min(deadline, Date.now() + 30_000), 'admin issue-code').catch((e: unknown) => {
    child.kill('SIGKILL');
    throw e;
  });
  const code = /enrolment code:\s*(\S+)/.exec(out)?.[1];
  if (status !== 0 || !code) throw new Error(`admin issue-code failed (${status}): ${out.trim()}`);
  return code;
}

/** A fresh Chromium profile (its own on-disk IndexedDB) with the bench page open. */
async function openClient(profileDir: string, url: string, deadline: number): Promise<{ context: BrowserContext; page: Page }> {
  const { chromium } = await import('@playwright/test');
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    viewport: { width: 360, height: 740 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(Math.max(10_000, deadline - Date.now()));
  await page.goto(url);
  await page.waitForFunction(() => document.title === 'ready');
  return { context, page };
}

type Call = <K extends keyof SyncPageApi>(page: Page, fn: K, ...args: Parameters<SyncPageApi[K]>) => Promise<Awaited<ReturnType<SyncPageApi[K]>>>;

/** The bench: what `npm run bench` calls for the "sync" part. */
export async function benchSync(ctx: SyncBenchContext = {}): Promise<SyncBenchResult> {
  const deadline = ctx.deadline && Number.isFinite(ctx.deadline) && ctx.deadline > 0 ? ctx.deadline - 5_000 : Date.now() + 170_000;
  const dir = mkdtempSync(join(tmpdir(), 'xht-sync-bench-'));
  const started = Date.now();
  // Progress on stderr (bench/run.ts shows it as it comes); stdout carries only the JSON.
  const note = (line: string) => process.stderr.write(`sync +${Math.round((Date.now() - started) / 1000)} s: ${line}\n`);
  const pageDir = join(dir, 'page');
  const dbPath = join(dir, 'server.sqlite');
  let server: Handle | null = null;
  const contexts: BrowserContext[] = [];
  const call: Call = (page, fn, ...args) =>
    bounded(
      page.evaluate(([f, a]) => {
        const api = (window as unknown as { __xhtSyncBench: Record<string, (...x: unknown[]) => unknown> }).__xhtSyncBench;
        return api[f as string]!(...(a as unknown[]));
      }, [fn, args] as const) as Promise<Awaited<ReturnType<SyncPageApi[typeof fn]>>>,
      deadline,
      `page ${String(fn)}`,
    );
  try {
    await bounded(buildIdbPage(pageDir, 'sync-page'), deadline, 'vite build of bench/sync-page.ts');
    server = await startServer(dbPath, pageDir, deadline);
    const secondCode = await issueCode(dbPath, deadline);
    note(`page built, server/main.ts at ${server.url}, two officer codes`);

    // Client A: enrol with the seed's officer code, pull the demo commune, make 10 000 edits, send.
    const a = await openClient(join(dir, 'profile-a'), server.url, deadline);
    contexts.push(a.context);
    const enrolA = (await call(a.page, 'enrol', server.url, server.code, 'xht-sync-bench-a')) as EnrolResult;
    if (enrolA.commune !== COMMUNE) throw new Error(`enrolled into ${enrolA.commune}, expected ${COMMUNE}`);
    const seedOps = enrolA.firstRun.ok ? enrolA.firstRun.pulled : 0;
    note(`client A enrolled, pulled ${seedOps} ops; making ${OPS} edits`);
    const enq = (await call(a.page, 'enqueue', COMMUNE, YEARS, OPS)) as EnqueueResult;
    if (enq.ops !== OPS) throw new Error(`expected ${OPS} ops in the outbox, found ${enq.ops}`);
    note(`${enq.ops} ops pending after ${Math.round(enq.enqueueMs / 1000)} s; syncNow()`);
    const pushed = (await call(a.page, 'push')) as PushResult;
    note(`sent in ${pushed.batches} batches, ${pushed.syncMs} ms to the last ack`);
    const digestA = (await call(a.page, 'digest', COMMUNE, YEARS)) as string;
    const userAgent = (await call(a.page, 'userAgent')) as string;
    await a.context.close();

    // Client B: a fresh profile and device, its own code; one syncNow() pulls everything.
    const b = await openClient(join(dir, 'profile-b'), server.url, deadline);
    contexts.push(b.context);
    // Enrolment's own run is what pulls; enrol() times it apart from the enrolment request.
    const enrolB = (await call(b.page, 'enrol', server.url, secondCode, 'xht-sync-bench-b')) as EnrolResult;
    const pulledOps = enrolB.firstRun.ok ? enrolB.firstRun.pulled : 0;
    note(`client B pulled ${pulledOps} ops in ${enrolB.firstRunMs} ms`);
    const pullPages = enrolB.pages;
    const digestB = (await call(b.page, 'digest', COMMUNE, YEARS)) as string;
    // A second run on B, now up to date, for the cost of a no-op sync.
    const idle = (await call(b.page, 'pull')) as PullResult;
    await b.context.close();

    const opsPerSec = Math.round(OPS / (pushed.syncMs / 1000));
    return {
      available: true,
      ops: OPS,
      enqueueMs: enq.enqueueMs,
      save: enq.save,
      syncMs: pushed.syncMs,
      opsPerSec,
      batches: pushed.batches,
      batchP50Ms: pushed.batchP50Ms,
      batchMaxMs: pushed.batchMaxMs,
      batchRoundTripsMs: pushed.batchRoundTripsMs,
      syncNowMs: pushed.syncNowMs,
      pullMs: enrolB.firstRunMs,
      pulledOps,
      pullPages,
      seedOps,
      converged: digestA === digestB && digestA.length > 0,
      userAgent,
      method:
        `Chromium (${/Chrome\/[\d.]+/.exec(userAgent)?.[0] ?? '?'}) headless, a fresh persistent profile per client (on-disk IndexedDB), ` +
        `page bench/sync-page.ts built by Vite and served by server/main.ts itself (PORT=0 on ${LOOPBACK}, throwaway DB_PATH, demo commune ${COMMUNE} seeded: ${seedOps} ops). ` +
        `Client A enrols with the seed's officer code (syncEngine().enroll), pulls the demo, then makes ${OPS} edits through saveVillageCounts ` +
        `(${enq.villages} villages × ${YEARS.join('/')} × ${enq.fields.join('/')}, each value higher than the last, so every save writes one op, one transaction each, as the village form saves; enqueueMs), ` +
        `then one syncNow(): syncMs runs from the first POST /sync sent to the status showing 0 pending after the last ackOps (client-side; batches of ≤ 500 ops / 256 KB, one in flight), ` +
        `syncNowMs includes the pull that follows (the device's own ops come back, ${pushed.pages} pages). ` +
        `Client B: a new profile and device, enrolled with a code from server/admin.ts issue-code, one syncNow() pulling ${pulledOps} ops (pullMs, pages of 500, LWW merge into IndexedDB); ` +
        `converged compares both clients' village counts; a second, up-to-date run on B took ${idle.pullMs} ms. No CPU or network throttling.`,
    };
  } finally {
    for (const c of contexts) await c.close().catch(() => {});
    if (server) await stopChild(server.child, false);
    rmSync(dir, { recursive: true, force: true });
  }
}

// `npx tsx bench/sync.ts` prints the part alone.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = await benchSync();
  process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
}
