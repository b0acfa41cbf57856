// Bench of the sync server: a real server process on loopback with a throwaway SQLite file,
// 500 enrolled devices each sending batches one at a time (as the app does). Reports ingest ops/s,
// p50/p99 batch latency and the server's memory. Bounded in ops and in time; stops by itself.
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

const DEVICES = 500;
const COMMUNES = 50;
const VILLAGES = 10;
const BATCHES_PER_DEVICE = 4;
const OPS_PER_BATCH = 50;
/** The load phase stops after this even if not every batch was sent. */
const MAX_LOAD_MS = 60_000;

export interface ServerBench {
  ingestOpsPerSec: number;
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

    const latencies: number[] = [];
    let ops = 0;
    let batches = 0;
    let errors = 0;
    const start = performance.now();
    const deadline = start + MAX_LOAD_MS;
    await Promise.all(
      devices.map(async (d) => {
        let wall = Date.now();
        for (let b = 0; b < BATCHES_PER_DEVICE && performance.now() < deadline; b++) {
          const batchOps: Op[] = [];
          for (let k = 0; k < OPS_PER_BATCH; k++) {
            const year = 2023 + (k % 3);
            batchOps.push({
              opId: randomUUID(),
              entity: 'villageCounts',
              key: `${d.commune}/${year}/${d.village}`,
              fields: { households: 100 + k, familiesRegistered: 50 + b, citizens: 300 + k },
              hlc: formatHlc({ wall: wall++, counter: 0, node: d.deviceId }),
            });
          }
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
              latencies.push(performance.now() - t0);
              if (res.ok && answer.applied.length + answer.known.length === OPS_PER_BATCH) {
                ops += OPS_PER_BATCH;
                batches += 1;
              } else errors += 1;
              break;
            } catch {
              errors += 1;
            }
          }
        }
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    const mem = memoryOf(child.pid!);
    latencies.sort((a, b) => a - b);
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
      errors,
      complete: batches === DEVICES * BATCHES_PER_DEVICE,
    };
  } finally {
    if (child && child.exitCode === null) {
      const exited = new Promise((ok) => child!.once('exit', ok));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((ok) => setTimeout(ok, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
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
