// The evidence page: the app's REAL photo compression (src/evidence, worker and page fallback) in
// Chromium, for the bench (bench/evidence.ts) and the e2e test (test/e2e/evidence.spec.ts). Built
// by Vite with the app's target and worker format; never part of the app's bundle. Holds the big
// photos in the page (by id) so only small answers cross to Node. One hook: window.__xhtEvidence.
import { prepareEvidenceFile, sha256Hex, type CompressMode, type PreparedEvidence } from '../src/evidence/index.ts';
import { sha256HexFallback, sha256HexSubtle } from '../src/evidence/hash/sha256.ts';
import { colourAt, makeCameraJpeg, type PhotoOptions } from '../test/fixtures/evidence/photo.ts';
import { stat, type Stat } from './stat.ts';

type Rgb = [number, number, number];
/** Sample points (fractions) of the four quarters: top-left, top-right, bottom-left, bottom-right. */
const POINTS: Record<'tl' | 'tr' | 'bl' | 'br', [number, number]> = { tl: [0.25, 0.25], tr: [0.75, 0.25], bl: [0.25, 0.75], br: [0.75, 0.75] };

const files = new Map<string, Blob>();
let nextId = 1;

async function corners(blob: Blob, nativeOrientation = true): Promise<{ width: number; height: number; colours: Record<keyof typeof POINTS, Rgb> }> {
  // Chromium's own EXIF handling ('from-image', its default today) is the reference picture.
  const bmp = await createImageBitmap(blob, nativeOrientation ? undefined : ({ imageOrientation: 'none' } as ImageBitmapOptions));
  const colours = Object.fromEntries(Object.entries(POINTS).map(([k, [x, y]]) => [k, colourAt(bmp, x, y)])) as Record<keyof typeof POINTS, Rgb>;
  const out = { width: bmp.width, height: bmp.height, colours };
  bmp.close();
  return out;
}

const b64 = async (blob: Blob): Promise<string> => {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
};

const api = {
  /** Draws a camera JPEG; returns its id and size. */
  async makePhoto(o: PhotoOptions): Promise<{ id: string; bytes: number }> {
    const blob = await makeCameraJpeg(o);
    const id = `photo-${nextId++}`;
    files.set(id, blob);
    return { id, bytes: blob.size };
  },
  /** Keeps bytes sent from Node (a fixture file) under an id. */
  put(base64: string, type: string): string {
    const bin = atob(base64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    const id = `file-${nextId++}`;
    files.set(id, new Blob([bytes], { type }));
    return id;
  },
  /** Makes an empty, text, or cut-off file of a kind, for the refusals. */
  makeBytes(kind: 'empty' | 'text' | 'heic' | 'big-pdf' | 'cut-pdf', size = 0): string {
    const id = `file-${nextId++}`;
    const enc = new TextEncoder();
    let parts: BlobPart[] = [];
    if (kind === 'text') parts = [enc.encode('Biên bản họp thôn\n')];
    if (kind === 'heic') parts = [new Uint8Array([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x68, 0x65, 0x69, 0x63, 0, 0, 0, 0])];
    if (kind === 'big-pdf') parts = [enc.encode('%PDF-1.4\n'), new Uint8Array(size), enc.encode('\n%%EOF\n')];
    if (kind === 'cut-pdf') parts = [enc.encode('%PDF-1.4\n'), new Uint8Array(size)];
    files.set(id, new Blob(parts));
    return id;
  },
  /** Runs prepareEvidenceFile on a kept file; answers what a test checks, never the big bytes. */
  async prepare(id: string, opts: { mode?: CompressMode; name?: string; withBytes?: boolean; abortAfterMs?: number } = {}) {
    const blob = files.get(id);
    if (!blob) throw new Error(`no file ${id}`);
    const file = new File([blob], opts.name ?? 'IMG_20261201_101500.jpg', { type: blob.type });
    const stages: string[] = [];
    const t = performance.now();
    let r: PreparedEvidence;
    try {
      const ac = new AbortController();
      if (opts.abortAfterMs !== undefined) setTimeout(() => ac.abort(), opts.abortAfterMs);
      r = await prepareEvidenceFile(file, { mode: opts.mode, signal: ac.signal, onProgress: (p) => { if (stages[stages.length - 1] !== p.stage) stages.push(p.stage); } });
    } catch (e) {
      const err = e as { code?: string; message: string; messageEn?: string; name: string };
      return { ok: false as const, error: { name: err.name, code: err.code, message: err.message, messageEn: err.messageEn } };
    }
    const totalMs = performance.now() - t;
    const out = r.type === 'image/jpeg' ? await corners(r.bytes) : null;
    const thumb = r.thumbnail ? await corners(r.thumbnail) : null;
    return {
      ok: true as const,
      totalMs,
      stages,
      type: r.type,
      size: r.size,
      bytesSize: r.bytes.size,
      sha256: r.sha256,
      name: r.name,
      width: r.width,
      height: r.height,
      hashMethod: r.hashMethod,
      photo: r.photo,
      thumbnailSize: r.thumbnail?.size ?? null,
      output: out,
      thumbnail: thumb,
      bytesBase64: opts.withBytes ? await b64(r.bytes) : undefined,
      thumbnailType: r.thumbnail?.type ?? null,
    };
  },
  /** How Chromium itself shows a kept file (its EXIF applied), and its stored pixels (EXIF ignored). */
  async native(id: string) {
    const blob = files.get(id)!;
    return { shown: await corners(blob, true), stored: await corners(blob, false) };
  },
  /** Both SHA-256 paths over a kept file (WebCrypto may be missing: then null). */
  async hashes(id: string) {
    const blob = files.get(id)!;
    let subtle: string | null = null;
    try { subtle = await sha256HexSubtle(blob); } catch { subtle = null; }
    return { subtle, fallback: await sha256HexFallback(blob), chosen: await sha256Hex(blob), secure: self.isSecureContext };
  },
  drop(id: string): void {
    files.delete(id);
  },
};

export interface EvidenceBenchOptions {
  /** Kept photo to compress (from makePhoto). */
  id: string;
  mode: 'worker' | 'page';
  runs: number;
}

export interface EvidenceBenchRun {
  mode: 'worker' | 'page';
  totalMs: Stat;
  decodeMs: Stat;
  resizeMs: Stat;
  encodeMs: Stat;
  thumbnailMs: Stat;
  hashMs: Stat;
  output: { bytes: number; width: number; height: number; quality: number; encodes: number; thumbnailBytes: number; thumbWidth: number; thumbHeight: number };
  /** Longest task of the page's own thread while compressing (the screen frozen that long); null without the Long Tasks API. */
  longestMainThreadTaskMs: number | null;
}

/** Compresses the kept photo `runs` times in one mode, after one unmeasured run (worker start-up, caches). */
async function bench(o: EvidenceBenchOptions): Promise<EvidenceBenchRun> {
  const blob = files.get(o.id)!;
  const file = new File([blob], 'IMG_bench.jpg', { type: 'image/jpeg' });
  await prepareEvidenceFile(file, { mode: o.mode });
  const tasks: number[] = [];
  let observer: PerformanceObserver | null = null;
  try {
    observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) tasks.push(e.duration); });
    observer.observe({ type: 'longtask', buffered: false });
  } catch {
    observer = null;
  }
  const rows: PreparedEvidence[] = [];
  const totals: number[] = [];
  for (let i = 0; i < o.runs; i++) {
    const t = performance.now();
    rows.push(await prepareEvidenceFile(file, { mode: o.mode }));
    totals.push(performance.now() - t);
  }
  await new Promise((ok) => setTimeout(ok, 50)); // let the observer deliver the last entries
  observer?.disconnect();
  const of = (k: 'decodeMs' | 'resizeMs' | 'encodeMs' | 'thumbnailMs' | 'hashMs') => stat(rows.map((r) => r.photo!.timings[k]));
  const last = rows[rows.length - 1]!;
  return {
    mode: o.mode,
    totalMs: stat(totals),
    decodeMs: of('decodeMs'),
    resizeMs: of('resizeMs'),
    encodeMs: of('encodeMs'),
    thumbnailMs: of('thumbnailMs'),
    hashMs: of('hashMs'),
    output: { bytes: last.size, width: last.width!, height: last.height!, quality: last.photo!.quality, encodes: last.photo!.encodes, thumbnailBytes: last.thumbnail!.size, thumbWidth: last.photo!.thumbWidth, thumbHeight: last.photo!.thumbHeight },
    longestMainThreadTaskMs: observer ? Math.round(Math.max(0, ...tasks)) : null,
  };
}

/**
 * A fixed amount of plain JavaScript work, in the page or in a worker: the fastest of three runs
 * after a warm-up, in ms. Timed at two throttling rates it says how much slower that thread got.
 */
async function spin(where: 'page' | 'worker'): Promise<number> {
  const work = 'let x=0;for(let i=0;i<3e7;i++){x=(x+i*7)%1000003}return x';
  const once = `const t=performance.now();(function(){${work}})();return performance.now()-t`;
  if (where === 'page') {
    const f = new Function(once) as () => number;
    f();
    return Math.min(f(), f(), f());
  }
  const src = `const f=new Function(${JSON.stringify(once)});onmessage=()=>{f();postMessage(Math.min(f(),f(),f()))}`;
  const url = URL.createObjectURL(new Blob([src], { type: 'text/javascript' }));
  const w = new Worker(url);
  try {
    return await new Promise<number>((ok) => { w.onmessage = (e) => ok(e.data as number); w.postMessage(0); });
  } finally {
    w.terminate();
    URL.revokeObjectURL(url);
  }
}

const benchApi = { bench, spin };

export type EvidencePageApi = typeof api & typeof benchApi;
(window as unknown as { __xhtEvidence: EvidencePageApi }).__xhtEvidence = { ...api, ...benchApi };
document.title = 'ready';
