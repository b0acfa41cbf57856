// Photo compression for evidence files (issue #15), in real Chromium at 360×740: the app's own
// src/evidence built by Vite with the app's target and worker format (bench/evidence-page.ts),
// fed camera-like JPEGs with EXIF orientation tags. Checked against Chromium's own EXIF handling
// (its decode of the original is the reference picture), in the worker and in the page fallback
// (forced, and when the browser has no Worker), and on plain http (no crypto.subtle). The app
// server of playwright.config.ts is not used; this file serves its own page.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { buildIdbPage, serve } from '../../bench/idb.ts';
import type { EvidencePageApi } from '../../bench/evidence-page.ts';
import { MAX_EVIDENCE_BYTES, PHOTO_TARGET_BYTES } from '../../src/domain/evidence/index.ts';
import { chrome80Problems } from './helpers/chrome80.ts';

type Api = EvidencePageApi;
type Prepared = Extract<Awaited<ReturnType<Api['prepare']>>, { ok: true }>;
type Corners = NonNullable<Prepared['output']>;

let dir = '';
let served: { server: Server; url: string } | null = null;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  dir = mkdtempSync(join(tmpdir(), 'xht-evidence-e2e-'));
  await buildIdbPage(dir, 'evidence-page');
  served = await serve(dir);
});

test.afterAll(async () => {
  if (served) await new Promise<void>((ok) => served!.server.close(() => ok()));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function open(page: Page, url = served!.url): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(() => document.title === 'ready');
}

const call = <K extends keyof Api>(page: Page, name: K, ...args: Parameters<Api[K]>): Promise<Awaited<ReturnType<Api[K]>>> =>
  page.evaluate(([n, a]) => ((window as unknown as { __xhtEvidence: Record<string, (...x: unknown[]) => unknown> }).__xhtEvidence[n as string]!(...(a as unknown[]))), [name, args] as const) as Promise<Awaited<ReturnType<Api[K]>>>;

async function prepared(page: Page, id: string, opts: Parameters<Api['prepare']>[1] = {}): Promise<Prepared> {
  const r = await call(page, 'prepare', id, opts);
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.error)}`);
  return r;
}

const distance = (a: number[], b: number[]) => Math.max(...a.map((x, i) => Math.abs(x - b[i]!)));

/** Each quarter of `ours` shows the colour Chromium shows there for the original (JPEG-close). */
function expectSamePicture(ours: Corners, reference: Corners): void {
  expect(ours.width / ours.height).toBeCloseTo(reference.width / reference.height, 2);
  for (const k of ['tl', 'tr', 'bl', 'br'] as const) {
    const d = distance(ours.colours[k], reference.colours[k]);
    expect(d, `${k}: ours ${ours.colours[k]} vs Chromium ${reference.colours[k]}`).toBeLessThan(40);
  }
}

test('the worker is a classic script Chrome 80 can run, started without type: module', () => {
  const assets = readdirSync(join(dir, 'assets')).filter((f) => /^worker-.*\.js$/.test(f));
  expect(assets).toHaveLength(1);
  const code = readFileSync(join(dir, 'assets', assets[0]!), 'utf8');
  // A classic worker: parses as a script (no import/export), no syntax or built-in newer than
  // Chrome 80, and nothing filled for it (the page's polyfills do not run in a worker).
  expect(chrome80Problems(assets[0]!, code, 'script')).toEqual([]);
  expect(code).not.toMatch(/\bimportScripts\s*\(|https?:\/\//); // loads nothing, from nowhere
  const pageCode = readFileSync(join(dir, 'evidence-page.js'), 'utf8');
  expect(pageCode).toContain(`new Worker(\`/assets/${assets[0]}\``);
  expect(pageCode).not.toMatch(/type:\s*["'`]module["'`]/);
});

test('a 12-megapixel photo stored sideways (EXIF 6) comes out upright, 1200×1600, ≤ 300 KB, with a 180×240 thumbnail, in the worker', async ({ page }) => {
  test.setTimeout(120_000);
  await open(page);
  const { id, bytes } = await call(page, 'makePhoto', { width: 4000, height: 3000, orientation: 6, grain: 0.6, seed: 12 });
  expect(bytes).toBeGreaterThan(2_000_000); // like a phone camera's file
  const native = await call(page, 'native', id);
  expect(native.shown).toMatchObject({ width: 3000, height: 4000 }); // Chromium applies the tag
  const r = await prepared(page, id, { mode: 'worker', withBytes: true });
  expect(r).toMatchObject({ type: 'image/jpeg', width: 1200, height: 1600, thumbnailType: 'image/jpeg', hashMethod: 'webcrypto', name: 'IMG_20261201_101500.jpg' });
  expect(r.photo).toMatchObject({ via: 'worker', orientation: 6, sourceWidth: 4000, sourceHeight: 3000, thumbWidth: 180, thumbHeight: 240 });
  expect(r.size).toBeLessThanOrEqual(PHOTO_TARGET_BYTES);
  expect(r.size).toBe(r.bytesSize);
  expect(r.output).toMatchObject({ width: 1200, height: 1600 });
  expect(r.thumbnail).toMatchObject({ width: 180, height: 240 });
  expectSamePicture(r.output!, native.shown);
  expectSamePicture(r.thumbnail!, native.shown);
  expect(r.stages).toEqual(['read', 'decode', 'resize', 'encode', 'thumbnail', 'hash', 'done']);
  // The identity is the SHA-256 of exactly the bytes returned.
  const out = Buffer.from(r.bytesBase64!, 'base64');
  expect(out.length).toBe(r.size);
  expect(r.sha256).toBe(createHash('sha256').update(out).digest('hex'));
  // What is stored carries no EXIF any more (no location, no orientation left to misapply).
  expect(out.includes(Buffer.from('Exif\0\0'))).toBe(false);
});

test('all eight EXIF orientations, both byte orders, match what Chromium shows — worker and page fallback', async ({ page }) => {
  test.setTimeout(120_000);
  await open(page);
  for (let o = 1; o <= 8; o++) {
    const { id } = await call(page, 'makePhoto', { width: 640, height: 480, orientation: o, byteOrder: o % 2 ? 'MM' : 'II' });
    const native = await call(page, 'native', id);
    for (const mode of ['worker', 'page'] as const) {
      const r = await prepared(page, id, { mode });
      expect(r.photo!.via, `orientation ${o}`).toBe(mode);
      expect(r.photo!.orientation).toBe(o);
      expect({ o, mode, w: r.width, h: r.height }).toEqual({ o, mode, w: native.shown.width, h: native.shown.height });
      expectSamePicture(r.output!, native.shown);
      expectSamePicture(r.thumbnail!, native.shown);
    }
    await call(page, 'drop', id);
  }
});

test('the page fallback, forced: the same 12-megapixel photo gives the same picture and the same size limits', async ({ page }) => {
  test.setTimeout(120_000);
  await open(page);
  const { id } = await call(page, 'makePhoto', { width: 4000, height: 3000, orientation: 8, grain: 0.6, seed: 8 });
  const native = await call(page, 'native', id);
  const onPage = await prepared(page, id, { mode: 'page' });
  expect(onPage.photo).toMatchObject({ via: 'page', pageReason: 'asked for', orientation: 8 });
  expect(onPage).toMatchObject({ width: 1200, height: 1600 });
  expect(onPage.size).toBeLessThanOrEqual(PHOTO_TARGET_BYTES);
  expectSamePicture(onPage.output!, native.shown);
  const inWorker = await prepared(page, id, { mode: 'worker' });
  // Same steps on both canvases: the same size and JPEG quality (the bytes may differ by encoder).
  expect({ w: inWorker.width, h: inWorker.height, q: inWorker.photo!.quality }).toEqual({ w: onPage.width, h: onPage.height, q: onPage.photo!.quality });
});

test('a browser without Worker falls back to the page by itself', async ({ page }) => {
  await page.addInitScript(() => { Reflect.deleteProperty(globalThis, 'Worker'); });
  await open(page);
  expect(await page.evaluate(() => typeof (globalThis as { Worker?: unknown }).Worker)).toBe('undefined');
  const { id } = await call(page, 'makePhoto', { width: 2000, height: 1500, orientation: 3 });
  const native = await call(page, 'native', id);
  const r = await prepared(page, id);
  expect(r.photo).toMatchObject({ via: 'page', pageReason: 'no Worker' });
  expect(r).toMatchObject({ width: 1600, height: 1200 });
  expectSamePicture(r.output!, native.shown);
});

test('a worker script that fails to load: the page takes over for this photo and the next', async ({ page }) => {
  await page.route('**/assets/worker-*.js', (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: 'throw new Error("old engine")' }));
  await open(page);
  const { id } = await call(page, 'makePhoto', { width: 800, height: 600, orientation: 6 });
  const first = await prepared(page, id);
  expect(first.photo!.via).toBe('page');
  expect(first.photo!.pageReason).toMatch(/^worker failed/);
  expect(first).toMatchObject({ width: 600, height: 800 });
  const second = await prepared(page, id);
  expect(second.photo!.via).toBe('page');
});

test('a person who gives up mid-photo stops it (worker and page); the next photo goes through', async ({ page }) => {
  test.setTimeout(90_000);
  await open(page);
  const { id } = await call(page, 'makePhoto', { width: 4000, height: 3000, orientation: 6, grain: 0.6 });
  for (const mode of ['worker', 'page'] as const) {
    const x = await call(page, 'prepare', id, { mode, abortAfterMs: 20, name: 'IMG_dung.jpg' });
    expect(x.ok, mode).toBe(false);
    if (!x.ok) expect(x.error).toMatchObject({ code: 'aborted', message: 'Đã dừng xử lý tệp “IMG_dung.jpg”.' });
  }
  const r = await prepared(page, id, { mode: 'worker' });
  expect(r).toMatchObject({ width: 1200, height: 1600 });
});

test('PDFs are kept byte for byte up to 5 MB; above, and other files, are refused in Vietnamese', async ({ page }) => {
  test.setTimeout(90_000);
  await open(page);
  const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'), Buffer.alloc(300_000, 0x20), Buffer.from('\n%%EOF\n')]);
  const id = await call(page, 'put', pdf.toString('base64'), 'application/pdf');
  const r = await prepared(page, id, { name: 'Quyết định 15-QĐ-UBND.pdf', withBytes: true });
  expect(r).toMatchObject({ type: 'application/pdf', size: pdf.length, thumbnailSize: null, name: 'Quyết định 15-QĐ-UBND.pdf' });
  expect(Buffer.from(r.bytesBase64!, 'base64').equals(pdf)).toBe(true);
  expect(r.sha256).toBe(createHash('sha256').update(pdf).digest('hex'));

  const refusals: Array<[string, string, RegExp]> = [
    [await call(page, 'makeBytes', 'big-pdf', MAX_EVIDENCE_BYTES + 1_000_000), 'pdf-too-large', /^Tệp PDF “ho-so.pdf” nặng 6 MB, vượt mức tối đa 5 MB\./],
    [await call(page, 'makeBytes', 'cut-pdf', 50_000), 'pdf-damaged', /không trọn vẹn/],
    [await call(page, 'makeBytes', 'text'), 'unsupported-type', /Chỉ đính kèm được ảnh \(JPG, PNG\) hoặc tệp PDF\.$/],
    [await call(page, 'makeBytes', 'heic'), 'heic-unsupported', /HEIC/],
    [await call(page, 'makeBytes', 'empty'), 'empty-file', /không có nội dung/],
  ];
  for (const [fileId, code, message] of refusals) {
    const x = await call(page, 'prepare', fileId, { name: 'ho-so.pdf' });
    expect(x.ok).toBe(false);
    if (x.ok) continue;
    expect(x.error).toMatchObject({ name: 'EvidenceFileError', code });
    expect(x.error.message).toMatch(message);
  }
});

test('a broken photo is refused with the Vietnamese message, in the worker and on the page', async ({ page }) => {
  await open(page);
  const { id } = await call(page, 'makePhoto', { width: 400, height: 300, orientation: 1 });
  // Keep the header, drop the picture data: the header reads, the decode fails.
  const good = await prepared(page, id, { withBytes: true });
  const bytes = Buffer.from(good.bytesBase64!, 'base64');
  const sos = bytes.indexOf(Buffer.from([0xff, 0xda]));
  const broken = Buffer.concat([bytes.subarray(0, sos + 4), Buffer.alloc(64, 0xff)]);
  const brokenId = await call(page, 'put', broken.toString('base64'), 'image/jpeg');
  for (const mode of ['worker', 'page'] as const) {
    const x = await call(page, 'prepare', brokenId, { mode, name: 'IMG_hong.jpg' });
    expect(x.ok).toBe(false);
    if (!x.ok) expect(x.error).toMatchObject({ code: 'image-unreadable', message: expect.stringMatching(/^Không mở được ảnh “IMG_hong.jpg”/) as unknown as string });
  }
});

test('on plain http (a commune LAN, no crypto.subtle) the JavaScript SHA-256 gives the same digest', async ({ playwright, launchOptions }) => {
  test.setTimeout(120_000);
  const port = new URL(served!.url).port;
  // A name that is not localhost: Chromium then treats the page as not secure, as on a LAN.
  const browser = await playwright.chromium.launch({ ...launchOptions, args: [...(launchOptions.args ?? []), '--host-resolver-rules=MAP xa-hoc-tap.lan 127.0.0.1'] });
  try {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await open(page, `http://xa-hoc-tap.lan:${port}/`);
    expect(await page.evaluate(() => ({ secure: isSecureContext, subtle: typeof crypto.subtle }))).toEqual({ secure: false, subtle: 'undefined' });
    const { id } = await call(page, 'makePhoto', { width: 4000, height: 3000, orientation: 6, grain: 0.6, seed: 12 });
    const r = await prepared(page, id, { mode: 'worker', withBytes: true });
    expect(r.hashMethod).toBe('fallback');
    expect(r.photo!.via).toBe('worker');
    expect(r.sha256).toBe(createHash('sha256').update(Buffer.from(r.bytesBase64!, 'base64')).digest('hex'));
    const h = await call(page, 'hashes', id);
    expect(h.secure).toBe(false);
    expect(h.subtle).toBeNull();
    expect(h.chosen).toBe(h.fallback);
  } finally {
    await browser.close();
  }
  // And on a secure page both paths agree on the same kind of file.
  const secure = await (await playwright.chromium.launch(launchOptions)).newPage();
  try {
    await open(secure);
    const { id } = await call(secure, 'makePhoto', { width: 1200, height: 900, orientation: 1, grain: 0.5 });
    const h = await call(secure, 'hashes', id);
    expect(h.subtle).not.toBeNull();
    expect(h.fallback).toBe(h.subtle);
  } finally {
    await secure.context().browser()!.close();
  }
});
