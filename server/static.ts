// Serves the built app from one folder with an SPA fallback to index.html, and the caching each
// file needs: the service worker and the HTML are always revalidated (so an update is seen),
// content-hashed assets are immutable. Never serves a path outside the folder.
import type { Context } from 'hono';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** Vite names built assets `name-<hash>.ext` under assets/; such a file never changes. */
const HASHED = /^\/assets\/.+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

/** Cache-Control for a served path. */
export function cacheControlFor(path: string): string {
  if (HASHED.test(path)) return 'public, max-age=31536000, immutable';
  // sw.js, index.html, the manifest, workbox files and icons: revalidate every time (ETag → 304).
  return 'no-cache';
}

/** A Hono handler for GET/HEAD of the app's files under `root`. */
export function staticHandler(root: string): (c: Context) => Promise<Response> {
  const base = resolve(root);
  const fileOf = async (urlPath: string): Promise<{ path: string; size: number; mtime: number } | null> => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      return null;
    }
    if (decoded.includes('\0')) return null;
    const full = resolve(join(base, decoded));
    if (full !== base && !full.startsWith(base + sep)) return null;
    try {
      const s = await stat(full);
      return s.isFile() ? { path: full, size: s.size, mtime: s.mtimeMs } : null;
    } catch {
      return null;
    }
  };

  return async (c: Context) => {
    const urlPath = c.req.path;
    let served = urlPath;
    let file = urlPath.endsWith('/') ? null : await fileOf(urlPath);
    if (!file) {
      // SPA fallback: a route of the app (no file extension) gets index.html; a missing asset 404s.
      if (extname(urlPath) !== '' && !urlPath.endsWith('.html')) return c.text('Not found', 404);
      served = '/index.html';
      file = await fileOf(served);
      if (!file) return c.text('Not found', 404);
    }
    const etag = `W/"${file.size.toString(36)}-${Math.floor(file.mtime).toString(36)}"`;
    const headers: Record<string, string> = {
      'Content-Type': TYPES[extname(file.path).toLowerCase()] ?? 'application/octet-stream',
      'Cache-Control': cacheControlFor(served),
      ETag: etag,
      'X-Content-Type-Options': 'nosniff',
    };
    if (served.endsWith('/sw.js')) headers['Service-Worker-Allowed'] = '/';
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
    if (c.req.method === 'HEAD') return c.body(null, 200, { ...headers, 'Content-Length': String(file.size) });
    return c.body(new Uint8Array(await readFile(file.path)), 200, headers);
  };
}
