// Builds the app into a bench-owned folder and measures what a phone downloads: first-load JS
// and CSS, each lazy chunk, the service worker and its precache. Reads the build; never edits it.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';

/** Bytes of one file or set of files: as stored, gzip -9 and brotli quality 11 (what a server precompresses). */
export interface Sizes {
  raw: number;
  gzip: number;
  brotli: number;
}

export interface FileSizes extends Sizes {
  file: string;
}

export interface LazyChunk extends FileSizes {
  /** Rollup's chunk name (the dynamic import's module, e.g. `charts`), or the file stem. */
  name: string;
  /** Source module that a dynamic import() points at, when the chunk is one. */
  src: string | null;
  dynamicEntry: boolean;
}

export interface BundleReport {
  outDir: string;
  buildMs: number;
  firstLoad: {
    js: Sizes & { files: FileSizes[] };
    css: Sizes & { files: FileSizes[] };
    html: FileSizes;
  };
  lazyChunks: LazyChunk[];
  lazyCss: FileSizes[];
  serviceWorker: FileSizes | null;
  precache: (Sizes & { entries: number; urls: string[] }) | { available: false; reason: string };
  notes: string[];
}

export function sizesOf(buf: Buffer): Sizes {
  return {
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: buf.length } }).length,
  };
}

function sum(files: Sizes[]): Sizes {
  return files.reduce((a, f) => ({ raw: a.raw + f.raw, gzip: a.gzip + f.gzip, brotli: a.brotli + f.brotli }), { raw: 0, gzip: 0, brotli: 0 });
}

/**
 * Runs `vite build` of the repo into `outDir` (never the shared dist/), with Vite's manifest so
 * static and dynamic imports can be told apart. Resolves with the build time; rejects with the log.
 */
export async function buildApp(root: string, outDir: string, logFile: string): Promise<number> {
  const started = Date.now();
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const child = spawn(process.execPath, [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--manifest'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'production', NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  let log = '';
  child.stdout.on('data', (d: Buffer) => { log += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { log += d.toString(); });
  const timer = setTimeout(() => child.kill('SIGKILL'), 5 * 60_000);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  writeFileSync(logFile, log);
  if (code !== 0) {
    // eslint-disable-next-line no-control-regex
    const lines = log.replace(/\x1b\[[0-9;]*m/g, '').split('\n').filter((l) => l.trim() && !/^\s+at /.test(l));
    throw new Error(`vite build failed (exit ${code}):\n${lines.slice(0, 20).join('\n')}`);
  }
  return Date.now() - started;
}

interface ViteManifestChunk {
  file: string;
  name?: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

/** Local URLs index.html loads before the app runs: scripts, modulepreloads, stylesheets. */
export function htmlReferences(html: string): { js: string[]; css: string[] } {
  const js: string[] = [];
  const css: string[] = [];
  for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
    const attr = (name: string) => new RegExp(`\\b${name}\\s*=\\s*["']([^"']+)["']`, 'i').exec(tag)?.[1];
    const isLocal = (u: string) => !/^[a-z]+:|^\/\//i.test(u);
    if (/^<script/i.test(tag)) {
      const src = attr('src');
      if (src && isLocal(src)) js.push(src);
    } else {
      const rel = (attr('rel') ?? '').toLowerCase();
      const href = attr('href');
      if (!href || !isLocal(href)) continue;
      if (rel === 'modulepreload') js.push(href);
      else if (rel === 'stylesheet') css.push(href);
    }
  }
  const clean = (u: string) => u.replace(/^\.?\//, '').split(/[?#]/)[0]!;
  return { js: js.map(clean), css: css.map(clean) };
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    if (entry === '.vite') continue;
    const p = join(dir, entry);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}

/** Rollup names a package's chunk after its file (`dist`, `index`…); name it after the package then. */
function chunkName(chunk: ViteManifestChunk | undefined, stem: string): string {
  const name = chunk?.name ?? stem;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(chunk?.src ?? '')?.[1];
  return pkg && /^(dist|index|esm|lib|module|browser|main)$/.test(name) ? pkg : name;
}

/**
 * Precache list injected into sw.js by vite-plugin-pwa (injectManifest): `[{"revision":…,"url":…}]`.
 * Workbox keys the cache by URL, so repeated URLs (manifest icons are listed twice) count once.
 */
export function precacheUrls(swSource: string): string[] {
  const urls = new Set<string>();
  const entry = /\{\s*"?revision"?\s*:\s*(?:null|"[^"]*"|`[^`]*`)\s*,\s*"?url"?\s*:\s*["`]([^"`]+)["`]\s*\}|\{\s*"?url"?\s*:\s*["`]([^"`]+)["`]\s*,\s*"?revision"?\s*:\s*(?:null|"[^"]*"|`[^`]*`)\s*\}/g;
  for (const m of swSource.matchAll(entry)) urls.add((m[1] ?? m[2])!.replace(/^\//, ''));
  return [...urls];
}

/** Measures a finished build in `outDir`. */
export function measureBundle(outDir: string, buildMs: number): BundleReport {
  const notes: string[] = [];
  const rel = (p: string) => relative(outDir, p).split(sep).join('/');
  const cache = new Map<string, FileSizes>();
  const measure = (file: string): FileSizes => {
    let s = cache.get(file);
    if (!s) {
      s = { file, ...sizesOf(readFileSync(join(outDir, file))) };
      cache.set(file, s);
    }
    return s;
  };

  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const refs = htmlReferences(html);
  const firstJs = new Set(refs.js);
  const firstCss = new Set(refs.css);

  // Vite's manifest gives the static import graph; follow it from the HTML entry so a static
  // import that Vite did not modulepreload is still counted. Dynamic imports are not followed.
  const manifestPath = join(outDir, '.vite', 'manifest.json');
  const manifest: Record<string, ViteManifestChunk> = existsSync(manifestPath) ? JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, ViteManifestChunk> : {};
  if (!existsSync(manifestPath)) notes.push('no .vite/manifest.json: first load taken from index.html alone');
  const visit = (key: string, seen: Set<string>) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) return;
    if (chunk.file.endsWith('.js')) firstJs.add(chunk.file);
    for (const c of chunk.css ?? []) firstCss.add(c);
    for (const i of chunk.imports ?? []) visit(i, seen);
  };
  const seen = new Set<string>();
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry && key.endsWith('.html')) visit(key, seen);

  const swFile = existsSync(join(outDir, 'sw.js')) ? 'sw.js' : null;
  const allFiles = walk(outDir).map(rel);
  const byFile = new Map<string, ViteManifestChunk>();
  for (const chunk of Object.values(manifest)) byFile.set(chunk.file, chunk);

  const lazyChunks: LazyChunk[] = allFiles
    .filter((f) => f.endsWith('.js') && !firstJs.has(f) && f !== swFile && !/^workbox-[\w-]+\.js$/.test(f))
    .map((f) => {
      const chunk = byFile.get(f);
      const stem = f.split('/').pop()!.replace(/-[\w-]{8}\.js$|\.js$/, '');
      return { ...measure(f), name: chunkName(chunk, stem), src: chunk?.src ?? null, dynamicEntry: Boolean(chunk?.isDynamicEntry) };
    })
    .sort((a, b) => b.gzip - a.gzip);
  const lazyCss = allFiles.filter((f) => f.endsWith('.css') && !firstCss.has(f)).map(measure);

  const jsFiles = [...firstJs].filter((f) => existsSync(join(outDir, f))).map(measure);
  const cssFiles = [...firstCss].filter((f) => existsSync(join(outDir, f))).map(measure);
  for (const f of [...firstJs, ...firstCss]) if (!existsSync(join(outDir, f))) notes.push(`index.html references ${f}, which is not in the build`);

  let precache: BundleReport['precache'] = { available: false, reason: 'no sw.js in the build' };
  if (swFile) {
    const urls = precacheUrls(readFileSync(join(outDir, swFile), 'utf8'));
    if (urls.length === 0) {
      precache = { available: false, reason: 'sw.js has no injected precache manifest that this bench can read' };
    } else {
      const missing = urls.filter((u) => !existsSync(join(outDir, u)));
      if (missing.length) notes.push(`precache lists files not in the build: ${missing.join(', ')}`);
      const files = urls.filter((u) => existsSync(join(outDir, u))).map(measure);
      precache = { ...sum(files), entries: urls.length, urls: urls.sort() };
      const notPrecached = lazyChunks.filter((c) => !urls.includes(c.file));
      if (notPrecached.length) notes.push(`lazy chunks not precached (will not load offline unless cached at run time): ${notPrecached.map((c) => c.file).join(', ')}`);
    }
  }

  return {
    outDir,
    buildMs,
    firstLoad: {
      js: { ...sum(jsFiles), files: jsFiles },
      css: { ...sum(cssFiles), files: cssFiles },
      html: measure('index.html'),
    },
    lazyChunks,
    lazyCss,
    serviceWorker: swFile ? measure(swFile) : null,
    precache,
    notes,
  };
}

/** A size budget from bench/budgets.json, in bytes. */
export interface Budget { label: string; max: number; aim?: number }

export interface BudgetCheck { id: string; label: string; value: number | null; max: number; aim: number | null; ok: boolean; meetsAim: boolean | null; reason?: string }

/** Compares the deterministic sizes with their budgets; a figure that cannot be measured fails. */
export function checkBudgets(bundle: BundleReport, budgets: Record<string, Budget>): BudgetCheck[] {
  const precache = 'entries' in bundle.precache ? bundle.precache : null;
  const values: Record<string, { value: number | null; reason?: string }> = {
    firstLoadJsGzip: { value: bundle.firstLoad.js.gzip },
    firstLoadCssGzip: { value: bundle.firstLoad.css.gzip },
    precacheGzip: precache ? { value: precache.gzip } : { value: null, reason: (bundle.precache as { reason: string }).reason },
    precacheRaw: precache ? { value: precache.raw } : { value: null, reason: (bundle.precache as { reason: string }).reason },
  };
  return Object.entries(budgets).map(([id, b]) => {
    const v = values[id] ?? { value: null, reason: 'this bench does not measure it' };
    const ok = v.value !== null && v.value <= b.max;
    return {
      id, label: b.label, value: v.value, max: b.max, aim: b.aim ?? null, ok,
      meetsAim: v.value === null || b.aim === undefined ? null : v.value <= b.aim,
      ...(v.reason ? { reason: v.reason } : {}),
    };
  });
}
