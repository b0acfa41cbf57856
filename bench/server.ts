// Bench of the sync server: a real server process on loopback with a throwaway SQLite file.
// 1. The floor: raw better-sqlite3 writing the same ops into the same table with the same
//    durability (the store's pragmas: WAL, synchronous=FULL) and batch size, one transaction per
//    batch; run before and after the server phases, the mean is the floor.
// 2. Ingest at capacity: 500 devices each sending 50-op batches back to back (one in flight each);
//    reported as ops/s and as a ratio of the floor.
// 3. Latency at half that capacity (open loop, random moments): p50/p99 per batch.
// 4. Push-and-pull at 100, 200, 500 and 1 000 devices on a fresh server: each device waits
//    0.5–1.5 s, pushes 20 ops, pulls what changed in its commune; p50/p99 and errors per level.
// Traffic only to 127.0.0.1; every loop bounded in count and time; stops by itself.
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { issueCode } from '../server/codes.ts';
import { silentLogger } from '../server/log.ts';
import { startServer } from '../server/server.ts';
import { opContentHash } from '../server/batch-apply.ts';
import { openStore, type StoreSettings } from '../server/store/index.ts';
import { SQLITE_PRAGMAS, migrate } from '../server/store/sqlite-store.ts';
import { formatHlc } from '../src/domain/sync/hlc.ts';
import { newOpId } from '../src/domain/sync/op-id.ts';
import type { Op } from '../src/domain/sync/op.ts';
import type { ChangesResponse, EnrollResponse, SyncResponse } from '../src/domain/sync/protocol.ts';
import { stopChild } from './proc.ts';

const DEVICES = 500;
export const COMMUNES = 50;
const VILLAGES = 10;
export const BATCHES_PER_DEVICE = 4;
export const OPS_PER_BATCH = 50;
/** The capacity phase stops after this even if not every batch was sent. */
const MAX_LOAD_MS = 60_000;
/** Length of the half-capacity phase that measures latency. */
const HALF_LOAD_MS = 20_000;
/** Push-and-pull: device counts, how long each level runs, ops per push, pause between rounds. */
const PROFILE_LEVELS = [100, 200, 500, 1000] as const;
const PROFILE_MS = 8_000;
const PROFILE_OPS = 20;
const PROFILE_PAUSE_MS: [number, number] = [500, 1500];

interface Quantiles { p50Ms: number; p99Ms: number }

export interface LoadLevel {
  devices: number;
  seconds: number;
  /** Rounds completed (one push and one pull each). */
  rounds: number;
  opsPushedPerSec: number;
  opsPulledPerSec: number;
  /** Every request of the level, pushes and pulls together. */
  p50Ms: number;
  p99Ms: number;
  push: Quantiles;
  pull: Quantiles;
  /** Requests that failed (network error or a status other than 200). */
  errors: number;
  /** CPU time of the load generator and of the server process (all threads) during the level. */
  cpu: { clientMs: number; serverMs: number; wallMs: number };
}

export interface ServerBench {
  /** Ops written per second with all 500 devices sending back to back (capacity). */
  ingestOpsPerSec: number;
  /** Raw better-sqlite3, same table, durability and batch size, one transaction per batch. */
  floorOpsPerSec: number;
  /** ingestOpsPerSec ÷ floorOpsPerSec (target ≥ 0.8). */
  ingestOverFloor: number;
  /** The two floor runs (before and after the server phases): their spread is the machine's noise. */
  floorRuns: number[];
  /**
   * CPU time of the capacity phase: the load generator (this process: 500 devices' requests) and
   * the server process (event loop, writer thread, zlib pool), against its wall time. On a 2-core
   * machine both share the cores, which the floor (one thread, nothing else) never does.
   */
  ingestCpu: { clientMs: number; serverMs: number; wallMs: number };
  /** Batch latency with the 500 devices sending at half the capacity, at random moments. */
  p50Ms: number;
  p99Ms: number;
  devices: 500;
  /** Resident memory of the server process at the end of the load (peak in peakRssMb). */
  rssMb: number;
  peakRssMb: number;
  ops: number;
  batches: number;
  opsPerBatch: number;
  seconds: number;
  halfLoadBatches: number;
  /** Batch latency during the capacity phase: queueing behind 499 others, i.e. 500 ÷ throughput. */
  saturatedP50Ms: number;
  saturatedP99Ms: number;
  /** Failed requests (each retried up to 3 times). */
  errors: number;
  complete: boolean;
  /** Push-and-pull profile (targets: p99 < 1 s at 500 devices). */
  pushPull: LoadLevel[];
  pushPullRssMb: number;
}

const THIS_FILE = fileURLToPath(import.meta.url);
const ROOT = resolve(dirname(THIS_FILE), '..');

const villages = Array.from({ length: VILLAGES }, (_, i) => ({ code: `T${String(i + 1).padStart(2, '0')}`, name: `Thôn ${i + 1}` }));

/** The ops a device sends: village counts of its village over three years, stamped by it. */
export function makeOps(deviceId: string, commune: string, village: string, n: number, walls: Map<string, number>): Op[] {
  let wall = walls.get(deviceId) ?? Date.now() - 3_600_000;
  const ops: Op[] = [];
  for (let k = 0; k < n; k++) {
    ops.push({
      opId: newOpId(wall), // as the app makes them (UUIDv7, by the op's wall time)
      entity: 'villageCounts',
      key: `${commune}/${2023 + (k % 3)}/${village}`,
      fields: { households: 100 + k, familiesRegistered: 50 + (wall % 7), citizens: 300 + k },
      hlc: formatHlc({ wall: wall++, counter: 0, node: deviceId }),
    });
  }
  walls.set(deviceId, wall);
  return ops;
}

/**
 * The floor: the rows the server would write for `batches` × `perBatch` ops, inserted into the
 * store's own `ops` table with its pragmas, one transaction per batch, nothing else.
 */
export function benchFloor(batches = DEVICES * BATCHES_PER_DEVICE, perBatch = OPS_PER_BATCH, cpu?: { ms: number }): number {
  const dir = mkdtempSync(join(tmpdir(), 'xht-bench-floor-'));
  const db = new Database(join(dir, 'floor.sqlite'));
  try {
    for (const p of SQLITE_PRAGMAS) db.pragma(p);
    migrate(db);
    const insert = db.prepare(
      'INSERT INTO ops (commune, seq, op_id, entity, key, fields, hlc, prev, content_hash, device_id, batch_id, token_id, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?)',
    );
    const walls = new Map<string, number>();
    const seqs = new Map<string, number>();
    // Made before the clock starts: the floor is the database's time, not the generator's.
    const work = Array.from({ length: batches }, (_, b) => {
      const device = `bench-${b % DEVICES}`;
      const commune = String(30000 + (b % COMMUNES));
      return { device, commune, batchId: randomUUID(), ops: makeOps(device, commune, villages[b % VILLAGES]!.code, perBatch, walls) };
    });
    const hashes = work.map((w) => w.ops.map((op) => opContentHash(op)));
    const tx = db.transaction((i: number) => {
      const w = work[i]!;
      w.ops.forEach((op, k) => {
        const seq = (seqs.get(w.commune) ?? 0) + 1;
        seqs.set(w.commune, seq);
        insert.run(w.commune, seq, op.opId, op.entity, op.key, JSON.stringify(op.fields), op.hlc, hashes[i]![k]!, w.device, w.batchId, 'floor', Date.now());
      });
    });
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < work.length; i++) tx.immediate(i);
    if (cpu) {
      const used = process.cpuUsage(cpu0);
      cpu.ms = (used.user + used.system) / 1000;
    }
    return Math.round((batches * perBatch) / ((performance.now() - t0) / 1000));
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Makes a database (SQLite file or PostgreSQL) with the bench communes and `devices` enrolment codes. */
export async function prepareDb(settings: StoreSettings, devices: number): Promise<{ commune: string; code: string }[]> {
  const store = await openStore(settings);
  try {
    for (let c = 0; c < COMMUNES; c++) await store.createCommune({ code: String(30000 + c), name: `Xã Bench ${c}`, province: 'Tỉnh Bench', villages });
    const codes: { commune: string; code: string }[] = [];
    for (let d = 0; d < devices; d++) {
      const commune = String(30000 + (d % COMMUNES));
      codes.push({ commune, code: (await issueCode(store, { commune, role: d % 10 === 0 ? 'officer' : 'collector', villages: null, person: `Thiết bị ${d}` })).code });
    }
    return codes;
  } finally {
    await store.close();
  }
}

/** The server as its own process (so its memory is measured alone); resolves with its URL. */
export async function startChild(settings: StoreSettings): Promise<{ child: ChildProcess; url: string }> {
  // BENCH_CPU_PROF=<dir>: the server writes a V8 CPU profile there when it stops (how the batch
  // path was profiled for issue 12; summarise it with `npx tsx bench/profile.ts <file>`).
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${resolve(process.env.BENCH_CPU_PROF)}`] : [];
  const child = spawn(process.execPath, [...prof, '--import', 'tsx', THIS_FILE, '--serve'], {
    cwd: ROOT,
    env: { ...process.env, BENCH_DB_PATH: settings.dbPath, BENCH_DATABASE_URL: settings.databaseUrl ?? '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((ok, fail) => {
    let buf = '';
    const timer = setTimeout(() => fail(new Error('bench server did not start within 30 s')), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const m = /"url":"([^"]+)"/.exec(buf);
      if (m) {
        clearTimeout(timer);
        ok(m[1]!);
      }
    });
    child.once('exit', (code) => fail(new Error(`bench server exited early (${code})`)));
  });
  return { child, url };
}

/** An enrolled bench device and the server process it talks to. */
export interface Dev { url: string; token: string; deviceId: string; commune: string; village: string }

/**
 * The devices' connections for the ingest phases: node:http with kept-alive sockets, one per
 * device. The load generator shares the 2 cores with the server it measures; fetch (undici) costs
 * it about twice the CPU per request, which the server's figure would then pay for.
 */
export let deviceAgent = new Agent({ keepAlive: true, maxSockets: Infinity });

/** One request over deviceAgent; resolves with the status and the body text. */
async function send(method: 'GET' | 'POST', url: string, headers: Record<string, string>, body?: string): Promise<{ status: number; text: string }> {
  const res = await sendRaw(method, url, headers, body);
  return { status: res.status, text: (res.gzip ? await gunzipAsync(res.bytes) : res.bytes).toString('utf8') };
}

/** One request over deviceAgent; the body as it came (gzip when the server compressed it). */
function sendRaw(method: 'GET' | 'POST', url: string, headers: Record<string, string>, body?: string): Promise<{ status: number; bytes: Buffer; gzip: boolean }> {
  return new Promise((ok, fail) => {
    const req = httpRequest(url, { method, agent: deviceAgent, headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, bytes: Buffer.concat(chunks), gzip: res.headers['content-encoding'] === 'gzip' }));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end(body);
  });
}

const gunzipAsync = promisify(gunzip);

/**
 * The cursor and hasMore of a /changes page read from its end (the server writes them last, after
 * the ops): the load generator need not parse every op it pulls. The seq of a commune has no
 * gap, so the ops a page held are nextCursor - since. Parsed in full if the end is not as expected.
 */
function pageEnd(text: string): { nextCursor: number; hasMore: boolean } {
  const m = /"nextCursor":(\d+),"hasMore":(true|false)}$/.exec(text.slice(-64));
  if (m) return { nextCursor: Number(m[1]), hasMore: m[2] === 'true' };
  const page = JSON.parse(text) as ChangesResponse;
  return { nextCursor: page.nextCursor, hasMore: page.hasMore };
}

/** Enrols a device per code (device ids bench-<first + i>) with the server at `url`, and opens its connection. */
export async function enrolAll(url: string, codes: { commune: string; code: string }[], first = 0): Promise<Dev[]> {
  const devices = await mapLimit(codes, 50, async ({ commune, code }, k) => {
    const i = first + k;
    const deviceId = `bench-${i}`;
    const res = await fetch(`${url}/api/v1/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, deviceId }) });
    if (!res.ok) throw new Error(`enrol ${i}: ${res.status} ${await res.text()}`);
    const e = (await res.json()) as EnrollResponse;
    return { url, token: e.token, deviceId, commune, village: villages[i % VILLAGES]!.code };
  });
  // Open every device's connection before timing: a phone connects once (to enrol) and then
  // syncs; counting the TCP handshakes queued behind busy transactions would measure accept().
  await Promise.all(devices.map((d) => send('GET', `${url}/api/v1/me`, { authorization: `Bearer ${d.token}` })));
  return devices;
}

/** Only the floor and the capacity phase (`--ingest`, to profile or compare the batch path alone). */
export async function benchIngest(): Promise<Pick<ServerBench, 'ingestOpsPerSec' | 'floorOpsPerSec' | 'ingestOverFloor' | 'floorRuns' | 'ingestCpu' | 'saturatedP50Ms' | 'errors' | 'complete'>> {
  const full = await benchServer({ latency: false, pushPull: false });
  const { ingestOpsPerSec, floorOpsPerSec, ingestOverFloor, floorRuns, ingestCpu, saturatedP50Ms, errors, complete } = full;
  return { ingestOpsPerSec, floorOpsPerSec, ingestOverFloor, floorRuns, ingestCpu, saturatedP50Ms, errors, complete };
}

/**
 * Sends one batch of OPS_PER_BATCH ops of a device to its server; resolves with its latency in
 * ms, or null when it failed (counted in `errors`). Like the app, a network failure is retried
 * with the same batch (the server dedupes). `queue` makes a device's next bodies before the clock
 * starts (the load generator shares the 2 cores with the server it measures), in the order it
 * sends them, on its own clock; a device with none queued makes its body when it sends.
 */
export function batchSender(): { send: (d: Dev) => Promise<number | null>; queue: (d: Dev, n: number) => void; readonly errors: number } {
  let errors = 0;
  const walls = new Map<string, number>();
  const queued = new Map<Dev, string[]>();
  const bodyOf = (d: Dev) => JSON.stringify({ deviceId: d.deviceId, batchId: randomUUID(), ops: makeOps(d.deviceId, d.commune, d.village, OPS_PER_BATCH, walls) });
  return {
    get errors() { return errors; },
    queue(d: Dev, n: number): void {
      const list = queued.get(d) ?? [];
      for (let i = 0; i < n; i++) list.push(bodyOf(d));
      queued.set(d, list);
    },
    async send(d: Dev): Promise<number | null> {
      const body = queued.get(d)?.shift() ?? bodyOf(d);
      const t0 = performance.now();
      for (let attempt = 0; attempt < 3; attempt++) {
        try {
          const res = await send('POST', `${d.url}/api/v1/sync`, { 'content-type': 'application/json', authorization: `Bearer ${d.token}` }, body);
          const answer = JSON.parse(res.text) as SyncResponse;
          if (res.status === 200 && answer.applied.length + answer.known.length === OPS_PER_BATCH) return performance.now() - t0;
          errors += 1;
          return null;
        } catch {
          errors += 1;
        }
      }
      return null;
    },
  };
}

export async function benchServer(phases: { latency?: boolean; pushPull?: boolean } = {}): Promise<ServerBench> {
  const dir = mkdtempSync(join(tmpdir(), 'xht-bench-server-'));
  const children: ChildProcess[] = [];
  try {
    const floorBefore = benchFloor();
    const codes = await prepareDb({ dbPath: join(dir, 'bench.sqlite') }, DEVICES);
    const first = await startChild({ dbPath: join(dir, 'bench.sqlite') });
    children.push(first.child);
    const { url } = first;
    const devices = await enrolAll(url, codes);

    const sender = batchSender();
    const sendBatch = sender.send;
    for (const d of devices) sender.queue(d, BATCHES_PER_DEVICE);

    // Phase 1, capacity: every device sends its batches back to back (one in flight per device).
    // Latency here is only queueing (500 waiting ÷ throughput), so it is reported apart.
    const saturated: number[] = [];
    let batches = 0;
    const cpuBefore = { client: process.cpuUsage(), server: cpuMsOf(first.child.pid!) };
    const start = performance.now();
    const startUs = monoUs();
    const deadline = start + MAX_LOAD_MS;
    await Promise.all(
      devices.map(async (d) => {
        for (let b = 0; b < BATCHES_PER_DEVICE && performance.now() < deadline; b++) {
          const ms = await sendBatch(d);
          if (ms !== null) {
            saturated.push(ms);
            batches += 1;
          }
        }
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    markPhase('ingest', startUs);
    const clientCpu = process.cpuUsage(cpuBefore.client);
    const ingestCpu = {
      clientMs: Math.round((clientCpu.user + clientCpu.system) / 1000),
      serverMs: Math.round(cpuMsOf(first.child.pid!) - cpuBefore.server),
      wallMs: Math.round(seconds * 1000),
    };
    const ops = batches * OPS_PER_BATCH;
    const capacity = batches / seconds;

    // Phase 2, latency: the same 500 devices send at half that capacity, at random moments
    // (open loop, like phones coming back online one by one), for HALF_LOAD_MS.
    const planned = phases.latency === false ? 0 : Math.max(1, Math.round((capacity / 2) * (HALF_LOAD_MS / 1000)));
    const plan = new Map<Dev, number[]>();
    for (let i = 0; i < planned; i++) {
      const d = devices[Math.floor(Math.random() * devices.length)]!;
      plan.set(d, [...(plan.get(d) ?? []), Math.random() * HALF_LOAD_MS]);
    }
    for (const [d, times] of plan) sender.queue(d, times.length);
    const latencies: number[] = [];
    const t2 = performance.now();
    const t2Us = monoUs();
    await Promise.all(
      [...plan.entries()].map(async ([d, times]) => {
        for (const at of times.sort((x, y) => x - y)) {
          const wait = t2 + at - performance.now();
          if (wait > 0) await sleep(wait);
          const ms = await sendBatch(d);
          if (ms !== null) latencies.push(ms);
        }
      }),
    );
    if (planned > 0) markPhase('latency', t2Us);
    const mem = memoryOf(first.child.pid!);
    deviceAgent.destroy();
    deviceAgent = new Agent({ keepAlive: true, maxSockets: Infinity }); // the next server's
    await stopChild(first.child, false);
    children.length = 0;
    const floorAfter = benchFloor();

    // Phase 3, push and pull on a fresh server with 1 000 devices enrolled.
    const profile = phases.pushPull === false ? { levels: [], rssMb: 0 } : await pushPullProfile(join(dir, 'profile.sqlite'), children);

    latencies.sort((a, b) => a - b);
    saturated.sort((a, b) => a - b);
    const floor = Math.round((floorBefore + floorAfter) / 2);
    const ingest = Math.round(ops / seconds);
    return {
      ingestOpsPerSec: ingest,
      floorOpsPerSec: floor,
      ingestOverFloor: Math.round((ingest / floor) * 100) / 100,
      floorRuns: [floorBefore, floorAfter],
      ingestCpu,
      p50Ms: round1(quantile(latencies, 0.5)),
      p99Ms: round1(quantile(latencies, 0.99)),
      devices: DEVICES,
      rssMb: mem.rssMb,
      peakRssMb: mem.peakRssMb,
      ops,
      batches,
      opsPerBatch: OPS_PER_BATCH,
      seconds: round1(seconds),
      halfLoadBatches: latencies.length,
      saturatedP50Ms: round1(quantile(saturated, 0.5)),
      saturatedP99Ms: round1(quantile(saturated, 0.99)),
      errors: sender.errors,
      complete: batches === DEVICES * BATCHES_PER_DEVICE,
      pushPull: profile.levels,
      pushPullRssMb: profile.rssMb,
    };
  } finally {
    for (const c of children) await stopChild(c, false);
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Push and pull as the app does it: each device, in a loop, waits 0.5–1.5 s, pushes PROFILE_OPS
 * ops, then pulls its commune's changes from its cursor (all pages). Levels run one after the
 * other on one server, each for PROFILE_MS; a level's devices are the first N enrolled.
 */
async function pushPullProfile(dbPath: string, children: ChildProcess[]): Promise<{ levels: LoadLevel[]; rssMb: number }> {
  const most = PROFILE_LEVELS[PROFILE_LEVELS.length - 1]!;
  const codes = await prepareDb({ dbPath }, most);
  const { child, url } = await startChild({ dbPath });
  children.push(child);
  const devices = await enrolAll(url, codes);
  const walls = new Map<string, number>();
  const cursors = new Map<string, number>();
  const levels: LoadLevel[] = [];
  for (const n of PROFILE_LEVELS) {
    const push: number[] = [];
    const pull: number[] = [];
    let errors = 0;
    let rounds = 0;
    let pushed = 0;
    let pulled = 0;
    const t0 = performance.now();
    const t0Us = monoUs();
    const cpu0 = { client: process.cpuUsage(), server: cpuMsOf(child.pid!) };
    const end = t0 + PROFILE_MS;
    const timed = async (f: () => Promise<{ status: number; bytes: Buffer; gzip: boolean }>): Promise<{ bytes: Buffer; gzip: boolean } | null> => {
      try {
        const res = await f();
        if (res.status !== 200) {
          errors += 1;
          return null;
        }
        return res;
      } catch {
        errors += 1;
        return null;
      }
    };
    await Promise.all(
      devices.slice(0, n).map(async (d) => {
        // Every device starts at a random point of its first pause, as phones do.
        await sleep(Math.random() * PROFILE_PAUSE_MS[1]);
        const auth = { authorization: `Bearer ${d.token}` };
        const pushHeaders = { 'content-type': 'application/json', ...auth };
        // A phone's browser asks for gzip, so pages of changes are compressed as they would be.
        const pullHeaders = { ...auth, 'accept-encoding': 'gzip' };
        for (let round = 0; round < 1000 && performance.now() < end; round++) {
          const body = JSON.stringify({ deviceId: d.deviceId, batchId: randomUUID(), ops: makeOps(d.deviceId, d.commune, d.village, PROFILE_OPS, walls) });
          let t = performance.now();
          const p = await timed(() => sendRaw('POST', `${url}/api/v1/sync`, pushHeaders, body));
          if (p) {
            push.push(performance.now() - t);
            pushed += PROFILE_OPS;
          }
          t = performance.now();
          for (let page = 0; page < 50; page++) {
            const since = cursors.get(d.deviceId) ?? 0;
            const res = await timed(() => sendRaw('GET', `${url}/api/v1/changes?since=${since}`, pullHeaders));
            if (!res) break;
            const { nextCursor, hasMore } = pageEnd((res.gzip ? await gunzipAsync(res.bytes) : res.bytes).toString('utf8'));
            cursors.set(d.deviceId, nextCursor);
            pulled += nextCursor - since;
            if (!hasMore) break;
          }
          pull.push(performance.now() - t);
          rounds += 1;
          if (performance.now() < end) await sleep(PROFILE_PAUSE_MS[0] + Math.random() * (PROFILE_PAUSE_MS[1] - PROFILE_PAUSE_MS[0]));
        }
      }),
    );
    const secs = (performance.now() - t0) / 1000;
    markPhase(`pushPull${n}`, t0Us);
    const clientCpu = process.cpuUsage(cpu0.client);
    const cpu = { clientMs: Math.round((clientCpu.user + clientCpu.system) / 1000), serverMs: Math.round(cpuMsOf(child.pid!) - cpu0.server), wallMs: Math.round(secs * 1000) };
    push.sort((a, b) => a - b);
    pull.sort((a, b) => a - b);
    const all = [...push, ...pull].sort((a, b) => a - b);
    levels.push({
      devices: n,
      seconds: round1(secs),
      rounds,
      opsPushedPerSec: Math.round(pushed / secs),
      opsPulledPerSec: Math.round(pulled / secs),
      p50Ms: round1(quantile(all, 0.5)),
      p99Ms: round1(quantile(all, 0.99)),
      push: { p50Ms: round1(quantile(push, 0.5)), p99Ms: round1(quantile(push, 0.99)) },
      pull: { p50Ms: round1(quantile(pull, 0.5)), p99Ms: round1(quantile(pull, 0.99)) },
      errors,
      cpu,
    });
  }
  const rssMb = memoryOf(child.pid!).peakRssMb;
  deviceAgent.destroy();
  deviceAgent = new Agent({ keepAlive: true, maxSockets: Infinity });
  return { levels, rssMb };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Now on CLOCK_MONOTONIC in µs: the clock of a V8 CPU profile's timestamps. */
const monoUs = () => Number(process.hrtime.bigint() / 1000n);

/**
 * With BENCH_CPU_PROF set, records when a phase ran (phases.json beside the profiles), so that
 * `bench/profile.ts <file> 30 <phase>` counts only that phase's samples.
 */
function markPhase(name: string, startUs: number): void {
  const dir = process.env.BENCH_CPU_PROF;
  if (!dir) return;
  const file = join(resolve(dir), 'phases.json');
  let phases: Record<string, { startUs: number; endUs: number }> = {};
  try {
    phases = JSON.parse(readFileSync(file, 'utf8')) as typeof phases;
  } catch {
    // first phase
  }
  phases[name] = { startUs, endUs: monoUs() };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(phases, null, 2));
}

export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

export const round1 = (x: number) => Math.round(x * 10) / 10;

/** User + system CPU time of a process and all its threads so far, in ms (Linux /proc; 0 elsewhere). */
export function cpuMsOf(pid: number): number {
  try {
    // Fields 14 and 15 of /proc/<pid>/stat (after the parenthesised name), in clock ticks (100/s).
    const rest = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(rest[11]) + Number(rest[12])) * 10;
  } catch {
    return 0;
  }
}

/** Resident and peak memory of a process (Linux /proc; zeros elsewhere). */
export function memoryOf(pid: number): { rssMb: number; peakRssMb: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { rssMb: round1(kb('VmRSS') / 1024), peakRssMb: round1(kb('VmHWM') / 1024) };
  } catch {
    return { rssMb: 0, peakRssMb: 0 };
  }
}

export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!, i);
      }
    }),
  );
  return out;
}

/** The server side of the bench, in its own process so its memory is measured alone. */
async function serve(): Promise<void> {
  const server = await startServer({
    port: 0,
    dbPath: process.env.BENCH_DB_PATH!,
    databaseUrl: process.env.BENCH_DATABASE_URL || null,
    log: silentLogger,
    // The devices enrol from one loopback address; the per-address guard is for the internet.
    enrollRate: { capacity: 10_000, perSecond: 10_000 },
  });
  process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.argv.includes('--serve')) await serve();
  else if (process.argv.includes('--floor')) process.stdout.write(`${JSON.stringify({ floorOpsPerSec: benchFloor() })}\n`);
  else if (process.argv.includes('--ingest')) process.stdout.write(`${JSON.stringify(await benchIngest(), null, 2)}\n`);
  else if (process.argv.includes('--push-pull')) {
    // Only phase 4 (to profile it: BENCH_CPU_PROF=dir npx tsx bench/server.ts --push-pull).
    const dir = mkdtempSync(join(tmpdir(), 'xht-bench-pp-'));
    const children: ChildProcess[] = [];
    try {
      process.stdout.write(`${JSON.stringify(await pushPullProfile(join(dir, 'p.sqlite'), children), null, 2)}\n`);
    } finally {
      for (const c of children) await stopChild(c, false);
      rmSync(dir, { recursive: true, force: true });
    }
  }
  else process.stdout.write(`${JSON.stringify(await benchServer(), null, 2)}\n`);
}
