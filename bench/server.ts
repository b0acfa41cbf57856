// Bench of the sync server: a real server process on loopback with a throwaway SQLite file,
// 500 enrolled devices each sending batches one at a time (as the app does). Reports ingest ops/s
// at capacity, p50/p99 batch latency at half capacity, and the server's memory. Bounded in ops and
// in time (≈ 60 s + 20 s of load at most); stops by itself.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { issueCode } from '../server/codes.ts';
import { silentLogger } from '../server/log.ts';
import { startServer } from '../server/server.ts';
import { openSqliteStore } from '../server/store/sqlite-store.ts';
import { formatHlc } from '../src/domain/sync/hlc.ts';
import type { Op } from '../src/domain/sync/op.ts';
import type { EnrollResponse, SyncResponse } from '../src/domain/sync/protocol.ts';
import { stopChild } from './proc.ts';

const DEVICES = 500;
const COMMUNES = 50;
const VILLAGES = 10;
const BATCHES_PER_DEVICE = 4;
const OPS_PER_BATCH = 50;
/** The capacity phase stops after this even if not every batch was sent. */
const MAX_LOAD_MS = 60_000;
/** Length of the half-capacity phase that measures latency. */
const HALF_LOAD_MS = 20_000;

export interface ServerBench {
  /** Ops written per second with all 500 devices sending back to back (capacity). */
  ingestOpsPerSec: number;
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
}

const THIS_FILE = fileURLToPath(import.meta.url);
const ROOT = resolve(dirname(THIS_FILE), '..');

export async function benchServer(): Promise<ServerBench> {
  const dir = mkdtempSync(join(tmpdir(), 'xht-bench-server-'));
  const dbPath = join(dir, 'bench.sqlite');
  let child: ChildProcess | undefined;
  try {
    // Communes and codes go straight into the store; enrolment is then done over HTTP.
    const store = openSqliteStore(dbPath);
    const codes: { commune: string; code: string }[] = [];
    const villages = Array.from({ length: VILLAGES }, (_, i) => ({ code: `T${String(i + 1).padStart(2, '0')}`, name: `Thôn ${i + 1}` }));
    for (let c = 0; c < COMMUNES; c++) {
      const code = String(30000 + c);
      await store.createCommune({ code, name: `Xã Bench ${c}`, province: 'Tỉnh Bench', villages });
    }
    for (let d = 0; d < DEVICES; d++) {
      const commune = String(30000 + (d % COMMUNES));
      codes.push({ commune, code: (await issueCode(store, { commune, role: d % 10 === 0 ? 'officer' : 'collector', villages: null, person: `Thiết bị ${d}` })).code });
    }
    await store.close();

    child = spawn(process.execPath, ['--import', 'tsx', THIS_FILE, '--serve'], {
      cwd: ROOT,
      env: { ...process.env, BENCH_DB_PATH: dbPath },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const url = await new Promise<string>((ok, fail) => {
      let buf = '';
      const timer = setTimeout(() => fail(new Error('bench server did not start within 30 s')), 30_000);
      child!.stdout!.on('data', (d: Buffer) => {
        buf += d.toString();
        const m = /"url":"([^"]+)"/.exec(buf);
        if (m) {
          clearTimeout(timer);
          ok(m[1]!);
        }
      });
      child!.once('exit', (code) => fail(new Error(`bench server exited early (${code})`)));
    });

    const devices = await mapLimit(codes, 50, async ({ commune, code }, i) => {
      const deviceId = `bench-${i}`;
      const res = await fetch(`${url}/api/v1/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, deviceId }) });
      if (!res.ok) throw new Error(`enrol ${i}: ${res.status} ${await res.text()}`);
      const e = (await res.json()) as EnrollResponse;
      return { token: e.token, deviceId, commune, village: villages[i % VILLAGES]!.code };
    });

    // Open every device's connection before timing: a phone connects once (to enrol) and then
    // syncs; counting 500 TCP handshakes queued behind busy transactions would measure accept().
    await Promise.all(devices.map(async (d) => (await fetch(`${url}/api/v1/me`, { headers: { authorization: `Bearer ${d.token}` } })).arrayBuffer()));

    type Dev = (typeof devices)[number];
    let errors = 0;
    const walls = new Map<string, number>();
    /** Sends one batch of OPS_PER_BATCH ops; returns its latency in ms, or null when it failed. */
    const sendBatch = async (d: Dev): Promise<number | null> => {
      let wall = walls.get(d.deviceId) ?? Date.now();
      const batchOps: Op[] = [];
      for (let k = 0; k < OPS_PER_BATCH; k++) {
        batchOps.push({
          opId: randomUUID(),
          entity: 'villageCounts',
          key: `${d.commune}/${2023 + (k % 3)}/${d.village}`,
          fields: { households: 100 + k, familiesRegistered: 50 + (wall % 7), citizens: 300 + k },
          hlc: formatHlc({ wall: wall++, counter: 0, node: d.deviceId }),
        });
      }
      walls.set(d.deviceId, wall);
      const body = JSON.stringify({ deviceId: d.deviceId, batchId: randomUUID(), ops: batchOps });
      const t0 = performance.now();
      // Like the app: a network failure is retried with the same batch (the server dedupes).
      for (let attempt = 0; attempt < 3; attempt++) {
        try {
          const res = await fetch(`${url}/api/v1/sync`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${d.token}` },
            body,
          });
          const answer = (await res.json()) as SyncResponse;
          if (res.ok && answer.applied.length + answer.known.length === OPS_PER_BATCH) return performance.now() - t0;
          errors += 1;
          return null;
        } catch {
          errors += 1;
        }
      }
      return null;
    };

    // Phase 1, capacity: every device sends its batches back to back (one in flight per device).
    // Latency here is only queueing (500 waiting ÷ throughput), so it is reported apart.
    const saturated: number[] = [];
    let batches = 0;
    const start = performance.now();
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
    const ops = batches * OPS_PER_BATCH;
    const capacity = batches / seconds;

    // Phase 2, latency: the same 500 devices send at half that capacity, at random moments
    // (open loop, like phones coming back online one by one), for HALF_LOAD_MS.
    const planned = Math.max(1, Math.round((capacity / 2) * (HALF_LOAD_MS / 1000)));
    const plan = new Map<Dev, number[]>();
    for (let i = 0; i < planned; i++) {
      const d = devices[Math.floor(Math.random() * devices.length)]!;
      plan.set(d, [...(plan.get(d) ?? []), Math.random() * HALF_LOAD_MS]);
    }
    const latencies: number[] = [];
    const t2 = performance.now();
    await Promise.all(
      [...plan.entries()].map(async ([d, times]) => {
        for (const at of times.sort((x, y) => x - y)) {
          const wait = t2 + at - performance.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
          const ms = await sendBatch(d);
          if (ms !== null) latencies.push(ms);
        }
      }),
    );

    const mem = memoryOf(child.pid!);
    latencies.sort((a, b) => a - b);
    saturated.sort((a, b) => a - b);
    return {
      ingestOpsPerSec: Math.round(ops / seconds),
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
      errors,
      complete: batches === DEVICES * BATCHES_PER_DEVICE,
    };
  } finally {
    if (child) await stopChild(child, false);
    rmSync(dir, { recursive: true, force: true });
  }
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Resident and peak memory of a process (Linux /proc; zeros elsewhere). */
function memoryOf(pid: number): { rssMb: number; peakRssMb: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { rssMb: round1(kb('VmRSS') / 1024), peakRssMb: round1(kb('VmHWM') / 1024) };
  } catch {
    return { rssMb: 0, peakRssMb: 0 };
  }
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
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
    log: silentLogger,
    // 500 devices enrol from one loopback address; the per-address guard is for the internet.
    enrollRate: { capacity: 10_000, perSecond: 10_000 },
  });
  process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.argv.includes('--serve')) await serve();
  else process.stdout.write(`${JSON.stringify(await benchServer(), null, 2)}\n`);
}
