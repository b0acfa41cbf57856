// Starts and stops the HTTP server around the app: used by main.ts, the tests and the bench.
// Owns the listening socket and the store's lifetime; never exits the process itself.
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApp, type AppOptions } from './app.ts';
import { openSqliteStore } from './store/sqlite-store.ts';
import type { Store } from './store/store.ts';

export interface StartOptions extends Omit<AppOptions, 'store'> {
  /** 0 picks a free port. */
  port: number;
  host?: string;
  dbPath: string;
  /** Use this store instead of opening dbPath (the caller then owns closing it). */
  store?: Store;
}

export interface RunningServer {
  url: string;
  port: number;
  store: Store;
  /** Stops accepting, ends open connections, closes the store. */
  close(): Promise<void>;
}

export async function startServer(opts: StartOptions): Promise<RunningServer> {
  const store = opts.store ?? openSqliteStore(opts.dbPath);
  const app = createApp({ ...opts, store });
  const host = opts.host ?? '127.0.0.1';
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: opts.port, hostname: host }, () => resolve(s as Server)) as Server;
    s.once('error', reject);
  });
  // Node closes an idle kept-alive socket after 5 s, racing clients that reuse it (ECONNRESET on
  // a request already sent). Phones on slow links pause longer than that between batches.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    store,
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
          // Requests in flight get a moment to finish (a batch commits or not, never half).
          setTimeout(() => server.closeAllConnections(), 2000).unref();
        });
        if (!opts.store) await store.close();
      })();
      return closing;
    },
  };
}
