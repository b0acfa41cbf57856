// The sync bench page: the app's REAL data layer (src/db) and sync engine (src/sync) in Chromium,
// against the real server that serves this page. Built by bench/sync.ts with Vite into its own
// folder; never part of the app's bundle. Exposes one hook, window.__xhtSyncBench, on this page only.
import { getMeta, getVillageCounts, listVillages, pendingCount, saveVillageCounts, useDatabase } from '../src/db/index.ts';
import { syncEngine, syncNow, type RunResult } from '../src/sync/index.ts';

/** One HTTP exchange the engine made, as seen by the page's fetch (headers received = end). */
interface Exchange {
  method: string;
  path: string;
  status: number;
  startMs: number;
  endMs: number;
}

export interface EnrolResult {
  commune: string;
  role: string;
  deviceId: string;
  /** The first run after enrolment: the commune's existing data pulled down. */
  firstRun: RunResult;
  firstRunMs: number;
  /** GET /changes pages of that run. */
  pages: number;
}

export interface EnqueueResult {
  ops: number;
  enqueueMs: number;
  /** One save (nearest-rank) over all of them, and the mean of the first and the last 1 000. */
  save: { p50Ms: number; p95Ms: number; first1000MeanMs: number; last1000MeanMs: number };
  pending: number;
  keys: number;
  villages: number;
  years: number[];
  fields: string[];
}

export interface PushResult {
  result: RunResult;
  /** First POST /sync sent → pending count at 0 after the last ack, client-side. */
  syncMs: number;
  /** The whole syncNow(): push, then pull (the device's own ops come back, merged as no-ops). */
  syncNowMs: number;
  batches: number;
  batchP50Ms: number;
  batchMaxMs: number;
  /** Sum of the POST /sync round trips (request sent → answer's headers): the rest of syncMs is the client's own work. */
  batchRoundTripsMs: number;
  pages: number;
  pendingAfter: number;
  requestsFailed: number;
}

export interface PullResult {
  result: RunResult;
  pullMs: number;
  pages: number;
  pendingAfter: number;
}

const exchanges: Exchange[] = [];
const realFetch = window.fetch.bind(window);
// The engine calls the global fetch at each request, so this sees every request it makes.
window.fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  const e: Exchange = { method: init?.method ?? 'GET', path: new URL(url, location.href).pathname, status: 0, startMs: performance.now(), endMs: 0 };
  exchanges.push(e);
  try {
    const res = await realFetch(input, init);
    e.status = res.status;
    return res;
  } finally {
    e.endMs = performance.now();
  }
};

const since = (mark: number) => exchanges.slice(mark);
const round = (x: number) => Math.round(x * 10) / 10;

async function enrol(serverUrl: string, code: string, dbName: string): Promise<EnrolResult> {
  useDatabase(dbName);
  // The engine's own enrol (the app's `enroll` also fires a run; here the run is awaited apart).
  const res = await syncEngine().enroll(serverUrl, code);
  const mark = exchanges.length;
  const t = performance.now();
  const firstRun = await syncNow();
  const firstRunMs = performance.now() - t;
  if (!firstRun.ok) throw new Error(`first sync after enrolment failed: ${firstRun.reason} ${firstRun.code}`);
  const pages = since(mark).filter((e) => e.method === 'GET' && e.path.endsWith('/changes')).length;
  return { commune: res.commune.code, role: res.role, deviceId: (await getMeta<string>('deviceId')) ?? '?', firstRun, firstRunMs: Math.round(firstRunMs), pages };
}

/**
 * `n` edits as the village form saves them: one changed field per save, one transaction each,
 * over every village of the commune × `years` × two fields, each value higher than the last (a
 * save that changes nothing writes no op, and the "≤" rules stay satisfied).
 */
async function enqueue(commune: string, years: number[], n: number): Promise<EnqueueResult> {
  const villages = (await listVillages(commune)).map((v) => v.code);
  if (villages.length === 0) throw new Error(`no villages for commune ${commune} after the first pull`);
  const fields = ['households', 'citizens'] as const;
  const before = await pendingCount();
  const each: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const v = villages[i % villages.length]!;
    const y = years[Math.floor(i / villages.length) % years.length]!;
    const f = fields[Math.floor(i / (villages.length * years.length)) % fields.length]!;
    const t = performance.now();
    await saveVillageCounts(commune, y, v, { [f]: (f === 'households' ? 5_000 : 20_000) + i });
    each.push(performance.now() - t);
  }
  const enqueueMs = performance.now() - t0;
  const pending = await pendingCount();
  const mean = (xs: number[]) => round(xs.reduce((x, y) => x + y, 0) / Math.max(1, xs.length));
  const sorted = [...each].sort((x, y) => x - y);
  const at = (p: number) => round(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0);
  return {
    ops: pending - before,
    enqueueMs: Math.round(enqueueMs),
    save: { p50Ms: at(0.5), p95Ms: at(0.95), first1000MeanMs: mean(each.slice(0, 1000)), last1000MeanMs: mean(each.slice(-1000)) },
    pending,
    keys: Math.min(n, villages.length * years.length),
    villages: villages.length,
    years,
    fields: [...fields],
  };
}

async function push(): Promise<PushResult> {
  const mark = exchanges.length;
  let lastAck = 0;
  const engine = syncEngine();
  // The engine sets `pending` right after each batch's ackOps commits.
  const unsubscribe = engine.status.subscribe((s) => {
    if (s.pending === 0 && since(mark).some((e) => e.method === 'POST' && e.path.endsWith('/sync')) && lastAck === 0) lastAck = performance.now();
  });
  const t0 = performance.now();
  const result = await syncNow();
  const syncNowMs = performance.now() - t0;
  unsubscribe();
  const mine = since(mark);
  const posts = mine.filter((e) => e.method === 'POST' && e.path.endsWith('/sync'));
  const ok = posts.filter((e) => e.status === 200);
  const lat = ok.map((e) => e.endMs - e.startMs).sort((a, b) => a - b);
  const pendingAfter = await pendingCount();
  if (!result.ok || pendingAfter !== 0 || lastAck === 0) {
    throw new Error(`push did not finish: ${JSON.stringify(result)}; ${pendingAfter} pending; ${posts.length} POST /sync (${posts.map((e) => e.status).join(',')})`);
  }
  return {
    result,
    syncMs: Math.round(lastAck - posts[0]!.startMs),
    syncNowMs: Math.round(syncNowMs),
    batches: ok.length,
    batchP50Ms: round(lat[Math.max(0, Math.ceil(lat.length / 2) - 1)] ?? 0),
    batchMaxMs: round(lat[lat.length - 1] ?? 0),
    batchRoundTripsMs: Math.round(lat.reduce((x, y) => x + y, 0)),
    pages: mine.filter((e) => e.method === 'GET' && e.path.endsWith('/changes')).length,
    pendingAfter,
    requestsFailed: mine.filter((e) => e.status !== 200).length,
  };
}

async function pull(): Promise<PullResult> {
  const mark = exchanges.length;
  const t0 = performance.now();
  const result = await syncNow();
  const pullMs = performance.now() - t0;
  if (!result.ok) throw new Error(`pull failed: ${result.reason} ${result.code}`);
  return {
    result,
    pullMs: Math.round(pullMs),
    pages: since(mark).filter((e) => e.method === 'GET' && e.path.endsWith('/changes')).length,
    pendingAfter: await pendingCount(),
  };
}

/** The village counts of `years` as a stable string, to compare two devices. */
async function digest(commune: string, years: number[]): Promise<string> {
  const rows: string[] = [];
  for (const y of years) {
    for (const r of await getVillageCounts(commune, y)) {
      const { updatedAt: _u, ...rest } = r;
      rows.push(JSON.stringify(Object.fromEntries(Object.entries(rest).sort(([a], [b]) => a.localeCompare(b)))));
    }
  }
  return rows.sort().join('\n');
}

const api = { enrol, enqueue, push, pull, digest, userAgent: () => navigator.userAgent };
export type SyncPageApi = typeof api;
(window as unknown as { __xhtSyncBench: SyncPageApi }).__xhtSyncBench = api;
document.title = 'ready';
