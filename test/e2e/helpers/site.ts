// A static site whose folder can be swapped, as a deploy replaces the files on a real server, and
// that may forward /api/* to a real sync server (the same origin for the app and its API), or
// answer 503 for it as when the phone has no signal. For the update and upgrade tests.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

export interface Site {
  server: Server;
  /** The folder served from now on. */
  setRoot(dir: string): void;
  /** While true, /api/* answers 503 (no signal). */
  setApiDown(down: boolean): void;
  /** The site's origin once listening. */
  ready: Promise<string>;
}

/** Serves `root` (swappable); /api/* goes to `api` (an origin) when given. */
export function serve(api?: string): Site {
  let root = '';
  let apiDown = false;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (api && url.pathname.startsWith('/api/')) {
      if (apiDown) {
        res.writeHead(503, { 'Content-Type': 'text/plain' }).end('no signal');
        return;
      }
      const target = new URL(api);
      const up = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } }, (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      });
      up.on('error', () => res.writeHead(502).end('bad gateway'));
      req.pipe(up);
      return;
    }
    const path = decodeURIComponent(url.pathname);
    const file = resolve(root, `.${path === '/' ? '/index.html' : path}`);
    if (!file.startsWith(root + sep) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
    res.end(readFileSync(file));
  });
  const ready = new Promise<string>((ok) => server.listen(0, '127.0.0.1', () => ok(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
  return { server, setRoot: (dir) => void (root = resolve(dir)), setApiDown: (d) => void (apiDown = d), ready };
}
