// Starts and stops the HTTP server around the app: used by main.ts, the tests and the bench.
// Owns the listening socket and the store's lifetime; never exits the process itself.
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApp, type AppOptions } from './app.ts';
import { openStore, type Store } from './store/index.ts';
import { openFileStore, type FileStore } from './files/index.ts';

export interface StartOptions extends Omit<AppOptions, 'store'> {
  /** 0 picks a free port. */
  port: number;
  host?: string;
  dbPath: string;
  /** PostgreSQL instead of the SQLite file at dbPath. */
  databaseUrl?: string | null;
  /** Use this store instead of opening dbPath (the caller then owns closing it). */
  store?: Store;
  /** Evidence files: this store (the caller then owns closing it), else openFileStore (filesDir: the shared folder; default: files/ beside dbPath). */
  files?: FileStore;
  filesDir?: string;
  /** Most open connections (default 4096); more are closed on accept. */
  maxConnections?: number;
  /** How long close() lets requests in flight finish before it cuts them (default SHUTDOWN_GRACE_MS). */
  shutdownGraceMs?: number;
}

/**
 * Socket budgets. A client gets 10 s to send its headers and 60 s for a whole request (a 1 MB
 * batch at 2G speed still fits), checked every second rather than Node's 30 s, so thousands of
 * half-open sockets cannot hold the server; a connection that never sends a byte is dropped after
 * the headers time too. Kept-alive idle sockets live 65 s (phones pause between batches).
 */
export const SOCKET_LIMITS = { headersTimeoutMs: 10_000, requestTimeoutMs: 60_000, keepAliveTimeoutMs: 65_000, checkEveryMs: 1_000 } as const;

/**
 * On SIGTERM (a deploy, a restart, an orchestrator moving the process) requests in flight get
 * this long to finish: a batch still being received is read, applied and answered. Under the 30 s
 * an orchestrator usually waits before SIGKILL; a request taking longer is cut, and its batch
 * either committed whole or not at all (the phone's retry, on this or another process, says which).
 */
export const SHUTDOWN_GRACE_MS = 25_000;

export interface RunningServer {
  url: string;
  port: number;
  store: Store;
  /** Where the evidence files are kept. */
  files: FileStore;
  /** Stops accepting, lets requests in flight finish (up to the grace), then closes the store. */
  close(): Promise<void>;
}

export async function startServer(opts: StartOptions): Promise<RunningServer> {
  const store = opts.store ?? (await openStore({ databaseUrl: opts.databaseUrl, dbPath: opts.dbPath }, { serving: true }));
  const files = opts.files ?? openFileStore({ filesDir: opts.filesDir ?? null, dbPath: opts.dbPath });
  const app = createApp({ ...opts, store, files });
  const host = opts.host ?? '127.0.0.1';
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({
      fetch: app.fetch,
      port: opts.port,
      hostname: host,
      serverOptions: {
        headersTimeout: SOCKET_LIMITS.headersTimeoutMs,
        requestTimeout: SOCKET_LIMITS.requestTimeoutMs,
        connectionsCheckingInterval: SOCKET_LIMITS.checkEveryMs,
        // Node's default 5 s races clients that reuse an idle socket (ECONNRESET on a request sent).
        keepAliveTimeout: SOCKET_LIMITS.keepAliveTimeoutMs,
      },
    }, () => resolve(s as Server)) as Server;
    s.once('error', reject);
  });
  server.maxConnections = opts.maxConnections ?? 4096;
  // A socket that connects and never sends a request is not covered by headersTimeout until its
  // first byte: give it the same budget from the moment it connects.
  server.on('connection', (socket) => {
    socket.setTimeout(SOCKET_LIMITS.headersTimeoutMs, () => socket.destroy());
  });
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    store,
    files,
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          // No new connections; kept-alive sockets with no request are closed now, and each busy
          // one as soon as its answer has gone out; what is still busy after the grace is cut.
          const idle = setInterval(() => server.closeIdleConnections(), 50);
          const cut = setTimeout(() => server.closeAllConnections(), opts.shutdownGraceMs ?? SHUTDOWN_GRACE_MS);
          server.close(() => {
            clearInterval(idle);
            clearTimeout(cut);
            resolve();
          });
          server.closeIdleConnections();
        });
        if (!opts.store) await store.close();
        if (!opts.files) await files.close();
      })();
      return closing;
    },
  };
}
