// Bench of the server on both stores, side by side in one run: the same devices and batches
// against (1) one server process on SQLite, (2) one on PostgreSQL, (3) two processes on one
// PostgreSQL database, each device talking to one of them (as behind a balancer). Reported as
// ratios within the run: PostgreSQL ÷ SQLite, two processes ÷ one.
// Each configuration: a fresh database with 50 communes and 300 devices; capacity (every device
// sends 8 batches of 50 ops back to back, one in flight each), then latency at one offered load
// for all three (half the lowest capacity of the run, so none is measured overloaded; open loop,
// random moments).
// PostgreSQL is a throwaway cluster of Debian's PostgreSQL (pg_virtualenv, fsync on, as the
// tests use); without it the bench says so and runs SQLite only. Traffic only to 127.0.0.1.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { clusterUrl, freshDatabase, sql } from '../test/server/pg-helpers.ts';
import { freePort } from '../test/server/free-port.ts';
import { stopChild } from './proc.ts';
import {
  OPS_PER_BATCH, batchSender, cpuMsOf, deviceAgent, enrolAll, memoryOf, prepareDb, quantile, round1, sleep, startChild, type Dev,
} from './server.ts';

const DEVICES = 300;
/** Batches each device sends in the capacity phase (120 000 ops: long enough to average the shared machine's noise). */
const BATCHES_PER_DEVICE = 8;
const LATENCY_MS = 10_000;
const THIS_FILE = fileURLToPath(import.meta.url);

export interface StoreRun {
  store: 'sqlite' | 'postgres';
  processes: 1 | 2;
  /** Ops written per second with every device sending back to back. */
  ingestOpsPerSec: number;
  /** Batch latency in that phase: queueing behind the other devices. */
  saturatedP50Ms: number;
  saturatedP99Ms: number;
  /** Batch latency at the run's common offered load (offeredOpsPerSec). */
  p50Ms: number;
  p99Ms: number;
  offeredOpsPerSec: number;
  /** CPU of the capacity phase: the server processes (PostgreSQL's own not counted) and the load generator. */
  serverCpuMs: number;
  clientCpuMs: number;
  wallMs: number;
  /** Peak resident memory of each server process. */
  peakRssMb: number[];
  /** PostgreSQL: what the database grew by in the capacity phase ÷ the ops written (tables and indexes; for sizing). */
  storedBytesPerOp: number | null;
  errors: number;
  complete: boolean;
}

export interface StoresBench {
  runs: StoreRun[];
  /** Within this run: PostgreSQL (one process) ÷ SQLite, and two PostgreSQL processes ÷ one. */
  ratios: {
    ingestPostgresOverSqlite: number | null;
    ingestTwoProcessesOverOne: number | null;
    p99PostgresOverSqlite: number | null;
    p99TwoProcessesOverOne: number | null;
  };
  postgres: { available: true; version: string; fsync: 'on'; poolSizePerProcess: number } | { available: false; reason: string };
  devices: number;
  opsPerBatch: number;
  cpus: number;
}

const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || b === 0 ? null : Math.round((a / b) * 100) / 100);

interface Setup {
  store: 'sqlite' | 'postgres';
  processes: 1 | 2;
  servers: { child: ChildProcess; url: string }[];
  devices: Dev[];
  sender: ReturnType<typeof batchSender>;
  /** The database's size on disk (PostgreSQL; null for SQLite, whose WAL makes the file size say little). */
  size: () => Promise<number | null>;
  drop: () => Promise<void>;
}

/** A fresh database with the bench communes and devices, and `processes` servers on it; devices split evenly, each pinned to one (a balancer's sticky choice). */
async function setUp(store: 'sqlite' | 'postgres', processes: 1 | 2, dir: string): Promise<Setup> {
  const db = store === 'postgres' ? await freshDatabase() : null;
  const settings = db ? { databaseUrl: db.url, dbPath: '' } : { dbPath: join(dir, `bench-${processes}.sqlite`) };
  const codes = await prepareDb(settings, DEVICES);
  const servers = await Promise.all(Array.from({ length: processes }, () => startChild(settings)));
  const devices: Dev[] = [];
  for (const [k, s] of servers.entries()) {
    const mine = codes.filter((_c, i) => i % processes === k);
    devices.push(...(await enrolAll(s.url, mine, k * DEVICES)));
  }
  return {
    store, processes, servers, devices, sender: batchSender(),
    size: async () => (db ? Number((await sql<{ n: string }>(db.url, 'SELECT pg_database_size(current_database()) AS n'))[0]!.n) : null),
    async drop() {
      for (const s of servers) await stopChild(s.child, false);
      await db?.drop();
    },
  };
}

/** Capacity: every device sends its batches back to back, one in flight each. */
async function capacity(s: Setup) {
  const saturated: number[] = [];
  let batches = 0;
  const cpuOf = () => s.servers.reduce((n, x) => n + cpuMsOf(x.child.pid!), 0);
  const size0 = await s.size();
  const cpu0 = { client: process.cpuUsage(), server: cpuOf() };
  const t0 = performance.now();
  await Promise.all(s.devices.map(async (d) => {
    for (let b = 0; b < BATCHES_PER_DEVICE; b++) {
      const ms = await s.sender.send(d);
      if (ms !== null) {
        saturated.push(ms);
        batches += 1;
      }
    }
  }));
  const seconds = (performance.now() - t0) / 1000;
  const client = process.cpuUsage(cpu0.client);
  saturated.sort((a, b) => a - b);
  const size1 = await s.size();
  return {
    storedBytesPerOp: size0 === null || size1 === null ? null : Math.round((size1 - size0) / (batches * OPS_PER_BATCH)),
    ingestOpsPerSec: Math.round((batches * OPS_PER_BATCH) / seconds),
    saturatedP50Ms: round1(quantile(saturated, 0.5)),
    saturatedP99Ms: round1(quantile(saturated, 0.99)),
    serverCpuMs: Math.round(cpuOf() - cpu0.server),
    clientCpuMs: Math.round((client.user + client.system) / 1000),
    wallMs: Math.round(seconds * 1000),
    complete: batches === DEVICES * BATCHES_PER_DEVICE,
  };
}

/** Latency at `rate` ops/s offered at random moments (open loop, like phones coming online). */
async function latency(s: Setup, rate: number): Promise<{ p50Ms: number; p99Ms: number }> {
  const planned = Math.max(1, Math.round(((rate / OPS_PER_BATCH) * LATENCY_MS) / 1000));
  const plan = new Map<Dev, number[]>();
  for (let i = 0; i < planned; i++) {
    const d = s.devices[Math.floor(Math.random() * s.devices.length)]!;
    plan.set(d, [...(plan.get(d) ?? []), Math.random() * LATENCY_MS]);
  }
  const latencies: number[] = [];
  const t0 = performance.now();
  await Promise.all([...plan.entries()].map(async ([d, times]) => {
    for (const at of times.sort((x, y) => x - y)) {
      const wait = t0 + at - performance.now();
      if (wait > 0) await sleep(wait);
      const ms = await s.sender.send(d);
      if (ms !== null) latencies.push(ms);
    }
  }));
  latencies.sort((a, b) => a - b);
  return { p50Ms: round1(quantile(latencies, 0.5)), p99Ms: round1(quantile(latencies, 0.99)) };
}

/** All configurations this machine can run, in one process and one time window. */
async function runAll(postgres: StoresBench['postgres']): Promise<StoresBench> {
  const dir = mkdtempSync(join(tmpdir(), 'xht-bench-stores-'));
  try {
    const runs: StoreRun[] = [];
    // Capacity of each configuration in turn (the others idle), then latency for each at one
    // offered load: half the lowest capacity of the run, so no configuration is measured overloaded.
    const kinds: [Setup['store'], Setup['processes']][] = postgres.available ? [['sqlite', 1], ['postgres', 1], ['postgres', 2]] : [['sqlite', 1]];
    const setups: Setup[] = [];
    try {
      const caps = [];
      for (const [store, processes] of kinds) {
        const s = await setUp(store, processes, dir);
        setups.push(s);
        caps.push(await capacity(s));
      }
      const rate = Math.min(...caps.map((c) => c.ingestOpsPerSec)) / 2;
      for (const [i, s] of setups.entries()) {
        const lat = await latency(s, rate);
        runs.push({
          store: s.store, processes: s.processes, ...caps[i]!, ...lat, offeredOpsPerSec: Math.round(rate),
          peakRssMb: s.servers.map((x) => memoryOf(x.child.pid!).peakRssMb),
          errors: s.sender.errors,
        });
      }
    } finally {
      for (const s of setups) await s.drop();
    }
    deviceAgent.destroy();
    const [sqlite, pg1, pg2] = runs;
    return {
      runs,
      ratios: {
        ingestPostgresOverSqlite: ratio(pg1?.ingestOpsPerSec, sqlite?.ingestOpsPerSec),
        ingestTwoProcessesOverOne: ratio(pg2?.ingestOpsPerSec, pg1?.ingestOpsPerSec),
        p99PostgresOverSqlite: ratio(pg1?.p99Ms, sqlite?.p99Ms),
        p99TwoProcessesOverOne: ratio(pg2?.p99Ms, pg1?.p99Ms),
      },
      postgres,
      devices: DEVICES,
      opsPerBatch: OPS_PER_BATCH,
      cpus: cpus().length,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Inside the throwaway cluster (PGHOST… set by pg_virtualenv): everything, PostgreSQL included. */
async function inCluster(): Promise<StoresBench> {
  const [row] = await sql<{ server_version: string }>(clusterUrl(), 'SHOW server_version');
  return runAll({ available: true, version: row!.server_version, fsync: 'on', poolSizePerProcess: 10 });
}

function hasPgVirtualenv(): boolean {
  return (process.env.PATH ?? '').split(':').some((d) => {
    try {
      accessSync(join(d, 'pg_virtualenv'), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** The bench part: in a throwaway PostgreSQL cluster when one can be made, else SQLite only, saying why. */
export async function benchStores(): Promise<StoresBench> {
  if (process.env.PGHOST) return inCluster();
  if (!hasPgVirtualenv()) {
    return runAll({ available: false, reason: 'PostgreSQL is not installed (pg_virtualenv missing; apt-get install -y postgresql): SQLite only' });
  }
  const out = join(mkdtempSync(join(tmpdir(), 'xht-bench-stores-out-')), 'stores.json');
  // A port of its own (as test/pg.sh), so a cluster already on 5432 is no obstacle.
  const port = await freePort();
  const child = spawn('pg_virtualenv', ['-t', '-c', `-p ${port}`, '-o', 'fsync=on', '-o', 'max_connections=200', '--', process.execPath, '--import', 'tsx', THIS_FILE, '--out', out], {
    // pg_virtualenv talks on stdout; ours carries only the JSON.
    stdio: ['ignore', process.stderr, 'inherit'],
  });
  const code = await new Promise<number | null>((ok) => child.once('exit', ok));
  if (code !== 0) throw new Error(`the PostgreSQL bench cluster failed (pg_virtualenv exit ${code})`);
  try {
    return JSON.parse(readFileSync(out, 'utf8')) as StoresBench;
  } finally {
    rmSync(join(out, '..'), { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const i = process.argv.indexOf('--out');
  const result = await benchStores();
  const text = `${JSON.stringify(result, null, 2)}\n`;
  if (i > 0) writeFileSync(process.argv[i + 1]!, text);
  else process.stdout.write(text);
}
