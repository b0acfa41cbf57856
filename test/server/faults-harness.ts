// Harness of the fault tests: the real server as a child process (node --import tsx server/main.ts)
// on a SQLite file in a temp folder or on a fresh PostgreSQL database (test/pg.sh's cluster), a
// misbehaving HTTP proxy in front of it, and app clients (the real src/db + src/sync over
// fake-indexeddb). Every process is stopped by its own handle.
import 'fake-indexeddb/auto';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import zlib from 'node:zlib';
import { createRepo, openDatabase, type Repo } from '../../src/db/index.ts';
import { createSyncEngine, type FetchLike, type RunResult, type SyncEngine } from '../../src/sync/index.ts';
import type { ChangeOp, ChangesResponse, Role } from '../../src/domain/sync/protocol.ts';
import { openStore, type Store } from '../../server/store/index.ts';
import { issueCode } from '../../server/codes.ts';
import { freePort } from './free-port.ts';

export { freePort };

/** Which store the server processes of a suite run on. */
export type StoreKind = 'sqlite' | 'postgres';

const ROOT = resolve(import.meta.dirname, '../..');

/** The server as a real process; start again after a kill reuses the same file and port. */
export class ServerProcess {
  readonly dir = mkdtempSync(join(tmpdir(), 'xht-faults-'));
  readonly dbPath = join(this.dir, 'server.sqlite');
  port = 0;
  child: ChildProcess | null = null;
  output = '';
  /** Folder of the built app to serve (the temp folder, i.e. none, by default). */
  staticDir: string | null = null;
  /** The officer code printed by the first start on an empty database. */
  seedCode: string | null = null;

  /**
   * `env` adds server settings (TRUST_PROXY, SYNC_ORIGINS…) to the child's environment;
   * `databaseUrl` puts it on PostgreSQL (`drop` then removes that database when it stops).
   */
  constructor(readonly env: Record<string, string> = {}, readonly db: { databaseUrl?: string; drop?: () => Promise<void> } = {}) {}

  /** A server on a store of this kind: a temp SQLite file, or a fresh PostgreSQL database. */
  static async of(kind: StoreKind, env: Record<string, string> = {}): Promise<ServerProcess> {
    if (kind === 'sqlite') return new ServerProcess(env);
    const { freshDatabase } = await import('./pg-helpers.ts');
    const db = await freshDatabase();
    return new ServerProcess(env, { databaseUrl: db.url, drop: db.drop });
  }

  /**
   * Another server process on the same PostgreSQL database as `other` (its own port and temp
   * folder): what a province with a standby, or a national deployment, runs. The database is
   * dropped when `other` stops.
   */
  static beside(other: ServerProcess, env: Record<string, string> = {}): ServerProcess {
    if (!other.db.databaseUrl) throw new Error('several server processes share a PostgreSQL database, not a SQLite file');
    return new ServerProcess(env, { databaseUrl: other.db.databaseUrl });
  }

  /** The store settings the child runs with. */
  get storeSettings(): { databaseUrl: string | null; dbPath: string } {
    return { databaseUrl: this.db.databaseUrl ?? null, dbPath: this.dbPath };
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (!this.port) this.port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, ...this.env, PORT: String(this.port), HOST: '127.0.0.1', DB_PATH: this.dbPath, DATABASE_URL: this.db.databaseUrl ?? '', STATIC_DIR: this.staticDir ?? this.dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    let out = '';
    await new Promise<void>((res, rej) => {
      const timer = setTimeout(() => rej(new Error(`server did not start:\n${out}`)), 30_000);
      const onData = (d: Buffer) => {
        out += d.toString();
        this.output += d.toString();
        // The banner (with the demo code when this start seeded) is written before this line.
        if (/"msg":"listening"/.test(out)) {
          clearTimeout(timer);
          res();
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', (d: Buffer) => {
        this.output += d.toString();
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        rej(new Error(`server exited with ${code}:\n${this.output}`));
      });
    });
    const m = /\n\n {4}(\S+)\n/.exec(out);
    if (m && !this.seedCode) this.seedCode = m[1]!;
  }

  /** SIGKILL: no shutdown, no flush — a phone network's worst case on the server side. */
  async kill9(): Promise<void> {
    const c = this.child;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGKILL');
    await exited;
    this.child = null;
  }

  /** Sends `signal` and resolves with the exit code once the process has ended. */
  async signal(signal: NodeJS.Signals): Promise<number | null> {
    const c = this.child;
    if (!c || c.exitCode !== null) return c?.exitCode ?? null;
    const exited = new Promise<number | null>((r) => c.once('exit', (code) => r(code)));
    c.kill(signal);
    const code = await exited;
    this.child = null;
    return code;
  }

  async stop(): Promise<void> {
    const c = this.child;
    if (c && c.exitCode === null) {
      const exited = new Promise((r) => c.once('exit', r));
      c.kill('SIGTERM');
      const t = setTimeout(() => c.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(t);
    }
    this.child = null;
    rmSync(this.dir, { recursive: true, force: true });
    await this.db.drop?.();
  }

  /** One-time enrolment codes made through the store (another connection to the server's database). */
  async issueCodes(commune: string, count: number, role: Role = 'officer', villages: string[] | null = null): Promise<string[]> {
    const store = await openStore(this.storeSettings);
    try {
      const out: string[] = [];
      for (let i = 0; i < count; i++) out.push((await issueCode(store, { commune, role, villages, person: `Người thử ${i + 1}` })).code);
      return out;
    } finally {
      await store.close();
    }
  }

  /** Row counts of the server's database, read beside the running server. */
  async stats(): Promise<Awaited<ReturnType<Store['stats']>>> {
    const store = await openStore(this.storeSettings);
    try {
      return await store.stats();
    } finally {
      await store.close();
    }
  }
}

/** What the proxy does with one request. */
export type ProxyMode =
  | 'pass'
  /** Forward, let the server commit and answer, then cut the client's connection (answer lost). */
  | 'drop-answer'
  /** Forward twice (a duplicated delivery); the client gets the second answer. */
  | 'duplicate'
  /** Forward, wait for the answer, SIGKILL the server, cut the client (committed, then died). */
  | 'kill-after-commit'
  /** Forward, SIGKILL the server at once, cut the client (may or may not have committed). */
  | 'kill-in-flight';

export interface SeenRequest {
  method: string;
  path: string;
  body: string;
  /** Which of the proxy's servers it went to (index into its targets). */
  target?: number;
  /** What the server answered (also when the proxy then withheld it). */
  status?: number;
  response?: string;
}

/**
 * An HTTP proxy in front of one server, or a balancer in front of several on one database,
 * whose behaviour per request a test decides. Like a reverse proxy's failover (nginx
 * proxy_next_upstream error), a request that finds its server refusing connections (killed)
 * goes to the next one; a request cut after it was sent is not re-sent (the phone retries it).
 */
export class FaultProxy {
  port = 0;
  private server: http.Server | null = null;
  readonly seen: SeenRequest[] = [];
  readonly targets: ServerProcess[];
  decide: (r: SeenRequest, index: number) => ProxyMode = () => 'pass';
  /** Which server a request goes to first: in turn by default. */
  pick: (r: SeenRequest, index: number) => number = (_r, index) => index % this.targets.length;

  constructor(target: ServerProcess | ServerProcess[]) {
    this.targets = Array.isArray(target) ? target : [target];
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  private forward(target: ServerProcess, req: http.IncomingMessage, body: Buffer, onSent?: () => void): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
    return new Promise((res, rej) => {
      const headers = { ...req.headers, host: `127.0.0.1:${target.port}`, connection: 'close' };
      const up = http.request({ host: '127.0.0.1', port: target.port, method: req.method, path: req.url, headers, agent: false }, (r) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => res({ status: r.statusCode ?? 502, headers: r.headers, body: Buffer.concat(chunks) }));
        r.on('error', rej);
      });
      up.on('error', rej);
      up.end(body, onSent);
    });
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const seen: SeenRequest = { method: req.method ?? 'GET', path: req.url ?? '/', body: body.toString() };
    const index = this.seen.push(seen) - 1;
    const first = this.pick(seen, index);
    seen.target = first;
    const mode = this.decide(seen, index);
    try {
      for (let i = 0; ; i++) {
        seen.target = (first + i) % this.targets.length;
        const target = this.targets[seen.target]!;
        try {
          if (mode === 'kill-in-flight') {
            await this.forward(target, req, body, () => void target.kill9()).catch(() => null);
            req.socket.destroy();
            return;
          }
          if (mode === 'duplicate') await this.forward(target, req, body);
          const up = await this.forward(target, req, body);
          seen.status = up.status;
          seen.response = decoded(up.body, up.headers['content-encoding']);
          if (mode === 'drop-answer') {
            req.socket.destroy();
            return;
          }
          if (mode === 'kill-after-commit') {
            await target.kill9();
            req.socket.destroy();
            return;
          }
          const headers: Record<string, string> = {};
          for (const h of ['content-type', 'content-encoding', 'vary', 'retry-after', 'www-authenticate']) {
            const v = up.headers[h];
            if (typeof v === 'string') headers[h] = v;
          }
          res.writeHead(up.status, headers);
          res.end(up.body);
          return;
        } catch (e) {
          // Refused: nothing reached that server; the next one may take it.
          if ((e as NodeJS.ErrnoException).code !== 'ECONNREFUSED' || i + 1 >= this.targets.length) throw e;
        }
      }
    } catch {
      // No server took it: what a reverse proxy answers then.
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html>502 Bad Gateway</html>');
    }
  }

  async stop(): Promise<void> {
    const s = this.server;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((r) => s.close(() => r()));
  }

  /** The batchIds of the sync requests seen, in order. */
  syncBatchIds(): string[] {
    return this.syncs().map((r) => (JSON.parse(r.body) as { batchId: string }).batchId);
  }

  /** The sync requests seen, in order. */
  syncs(): SeenRequest[] {
    return this.seen.filter((r) => r.path.startsWith('/api/v1/sync'));
  }
}

/** A response body as text, undoing the server's compression. */
function decoded(body: Buffer, encoding: string | undefined): string {
  if (encoding === 'gzip') return zlib.gunzipSync(body).toString();
  if (encoding === 'br') return zlib.brotliDecompressSync(body).toString();
  if (encoding === 'deflate') return zlib.inflateSync(body).toString();
  return body.toString();
}

const nodeFetch: FetchLike = (url, init) => fetch(url, init);

export interface Client {
  name: string;
  repo: Repo;
  engine: SyncEngine;
  /** Wall clock offset of this "phone" (ms). */
  skewMs: number;
  close(): void;
}

let dbSeq = 0;

/** A phone: its own IndexedDB (fake), the real repository and sync engine, a clock possibly off. */
export function makeClient(name: string, skewMs: number | (() => number) = 0, opts: { maxOps?: number } = {}): Client {
  // A function lets a test correct the phone's date mid-way.
  const skew = typeof skewMs === 'function' ? skewMs : () => skewMs;
  const now = () => Date.now() + skew();
  const repo = createRepo(openDatabase(`faults-${name}-${process.pid}-${++dbSeq}`), { now });
  const engine = createSyncEngine({
    repo,
    fetch: nodeFetch,
    now,
    isOnline: () => true,
    timeoutMs: 10_000,
    maxAttempts: 3,
    backoff: { baseMs: 20, capMs: 300 },
    ...opts,
  });
  return { name, repo, engine, skewMs: skew(), close: () => repo.db.close() };
}

/** Runs sync like the app's timer would, until the outbox is empty and a run succeeded. */
export async function syncUntilDone(c: Client, maxRuns = 60): Promise<RunResult> {
  let last: RunResult | null = null;
  for (let i = 0; i < maxRuns; i++) {
    last = await c.engine.syncNow();
    if (last.ok && (await c.repo.pendingCount()) === 0) return last;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${c.name} did not finish syncing: ${JSON.stringify(last)}`);
}

/** Every op the server holds for a commune, read through the API with a token. */
export async function serverOps(url: string, token: string): Promise<ChangeOp[]> {
  const out: ChangeOp[] = [];
  let since = 0;
  for (;;) {
    const r = await fetch(`${url}/api/v1/changes?since=${since}&limit=1000`, { headers: { authorization: `Bearer ${token}` } });
    if (r.status !== 200) throw new Error(`changes ${r.status}`);
    const page = (await r.json()) as ChangesResponse;
    out.push(...page.ops);
    if (!page.hasMore || page.ops.length === 0) return out;
    since = page.nextCursor;
  }
}

/** A token for reading the server directly (enrols a throwaway device). */
export async function observerToken(url: string, code: string): Promise<string> {
  const r = await fetch(`${url}/api/v1/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, deviceId: 'observer' }) });
  if (r.status !== 200) throw new Error(`enrol ${r.status} ${await r.text()}`);
  return ((await r.json()) as { token: string }).token;
}

/** The synced data of a commune on a client, without device-local bookkeeping. */
export async function snapshot(c: Client, commune: string): Promise<unknown> {
  const db = c.repo.db;
  const strip = <T extends object>(rows: T[]) => rows.map((r) => {
    const { updatedAt: _u, ...rest } = r as T & { updatedAt?: string };
    return rest;
  });
  return {
    commune: await db.communes.get(commune),
    villages: await db.villages.where('commune').equals(commune).sortBy('code'),
    villageCounts: strip(await db.villageCounts.where('commune').equals(commune).toArray()),
    communeFigures: await db.communeFigures.where('commune').equals(commune).toArray(),
    answers: await db.answers.where('commune').equals(commune).toArray(),
    dossiers: await db.dossiers.where('commune').equals(commune).toArray(),
    decisions: await db.decisions.where('commune').equals(commune).toArray(),
  };
}
