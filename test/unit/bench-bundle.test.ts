// Tests of the bench's size accounting (bench/bundle.ts) on a small hand-made build folder:
// what counts as first load, what is lazy, what the precache holds, and the budget verdicts.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBudgets, htmlReferences, measureBundle, precacheUrls, sizesOf, type BundleReport } from '../../bench/bundle.ts';

let dir: string;
const files: Record<string, string> = {
  'index.html': `<!doctype html><html><head>
    <script type="module" crossorigin src="/assets/index-AAAAAAAA.js"></script>
    <link rel="modulepreload" crossorigin href="/assets/vendor-BBBBBBBB.js">
    <link rel="stylesheet" crossorigin href="/assets/index-CCCCCCCC.css">
    <script src="https://cdn.example.org/analytics.js"></script>
    <link rel="manifest" href="/manifest.webmanifest"></head><body></body></html>`,
  'assets/index-AAAAAAAA.js': 'import"./vendor-BBBBBBBB.js";import"./shared-FFFFFFFF.js";' + 'console.log("index");'.repeat(50),
  'assets/vendor-BBBBBBBB.js': 'export const v=1;' + 'function vendor(){return 1}'.repeat(80),
  'assets/shared-FFFFFFFF.js': 'export const s=2;',
  'assets/index-CCCCCCCC.css': 'body{margin:0}'.repeat(20),
  'assets/chart-DDDDDDDD.js': 'import"./chartlib-EEEEEEEE.js";export const chart=1;',
  'assets/chartlib-EEEEEEEE.js': 'export const lib=1;'.repeat(200),
  'assets/chart-GGGGGGGG.css': '.chart{color:red}',
  'manifest.webmanifest': '{"name":"x"}',
  'sw.js': '(function(){precacheAndRoute([{"revision":"r1","url":"index.html"},{"revision":null,"url":"assets/index-AAAAAAAA.js"},'
    + '{"revision":null,"url":"assets/vendor-BBBBBBBB.js"},{"revision":null,"url":"assets/shared-FFFFFFFF.js"},'
    + '{"revision":null,"url":"assets/chart-DDDDDDDD.js"},{"revision":"m","url":"manifest.webmanifest"},{"revision":"m","url":"manifest.webmanifest"}])})()',
  '.vite/manifest.json': JSON.stringify({
    'index.html': { file: 'assets/index-AAAAAAAA.js', name: 'index', src: 'index.html', isEntry: true, imports: ['_vendor-BBBBBBBB.js', '_shared-FFFFFFFF.js'], css: ['assets/index-CCCCCCCC.css'], dynamicImports: ['src/ui/charts/chart.ts'] },
    '_vendor-BBBBBBBB.js': { file: 'assets/vendor-BBBBBBBB.js', name: 'vendor' },
    // A static import Vite did not modulepreload still belongs to the first load.
    '_shared-FFFFFFFF.js': { file: 'assets/shared-FFFFFFFF.js', name: 'shared' },
    'src/ui/charts/chart.ts': { file: 'assets/chart-DDDDDDDD.js', name: 'chart', src: 'src/ui/charts/chart.ts', isDynamicEntry: true, imports: ['_chartlib-EEEEEEEE.js', '_vendor-BBBBBBBB.js'], css: ['assets/chart-GGGGGGGG.css'] },
    '_chartlib-EEEEEEEE.js': { file: 'assets/chartlib-EEEEEEEE.js', name: 'chartlib' },
  }),
};
const len = (f: string) => Buffer.byteLength(files[f]!);
let report: BundleReport;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bench-bundle-test-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  report = measureBundle(dir, 1234);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('measureBundle', () => {
  it('counts index.html scripts, modulepreloads and their static imports as first-load JS, not dynamic imports', () => {
    expect(report.firstLoad.js.files.map((f) => f.file).sort()).toEqual(['assets/index-AAAAAAAA.js', 'assets/shared-FFFFFFFF.js', 'assets/vendor-BBBBBBBB.js']);
    expect(report.firstLoad.js.raw).toBe(len('assets/index-AAAAAAAA.js') + len('assets/shared-FFFFFFFF.js') + len('assets/vendor-BBBBBBBB.js'));
    expect(report.firstLoad.css.files.map((f) => f.file)).toEqual(['assets/index-CCCCCCCC.css']);
  });

  it('sums gzip and brotli sizes of the same files', () => {
    const gz = report.firstLoad.js.files.reduce((a, f) => a + gzipSync(Buffer.from(files[f.file]!), { level: 9 }).length, 0);
    expect(report.firstLoad.js.gzip).toBe(gz);
    expect(report.firstLoad.js.brotli).toBeGreaterThan(0);
    expect(report.firstLoad.js.brotli).toBeLessThan(report.firstLoad.js.raw);
  });

  it('lists each lazy chunk with its name, and lazy CSS apart', () => {
    const lazy = Object.fromEntries(report.lazyChunks.map((c) => [c.file, c]));
    expect(Object.keys(lazy).sort()).toEqual(['assets/chart-DDDDDDDD.js', 'assets/chartlib-EEEEEEEE.js']);
    expect(lazy['assets/chart-DDDDDDDD.js']).toMatchObject({ name: 'chart', src: 'src/ui/charts/chart.ts', dynamicEntry: true, raw: len('assets/chart-DDDDDDDD.js') });
    expect(lazy['assets/chartlib-EEEEEEEE.js']).toMatchObject({ name: 'chartlib', dynamicEntry: false });
    expect(report.lazyCss.map((f) => f.file)).toEqual(['assets/chart-GGGGGGGG.css']);
    expect(report.serviceWorker?.file).toBe('sw.js');
  });

  it('sizes the precache once per URL and notes a lazy chunk that is not precached', () => {
    if (!('entries' in report.precache)) throw new Error(report.precache.reason);
    expect(report.precache.entries).toBe(6);
    const precached = ['index.html', 'assets/index-AAAAAAAA.js', 'assets/vendor-BBBBBBBB.js', 'assets/shared-FFFFFFFF.js', 'assets/chart-DDDDDDDD.js', 'manifest.webmanifest'];
    expect(report.precache.raw).toBe(precached.reduce((a, f) => a + len(f), 0));
    expect(report.notes.join('\n')).toContain('assets/chartlib-EEEEEEEE.js');
  });
});

describe('htmlReferences', () => {
  it('keeps local scripts, modulepreloads and stylesheets, drops other links and remote URLs', () => {
    expect(htmlReferences(files['index.html']!)).toEqual({
      js: ['assets/index-AAAAAAAA.js', 'assets/vendor-BBBBBBBB.js'],
      css: ['assets/index-CCCCCCCC.css'],
    });
  });
});

describe('precacheUrls', () => {
  it.each([
    ['revision first, JSON quotes', '[{"revision":"abc","url":"a.js"},{"revision":null,"url":"/b.css"}]', ['a.js', 'b.css']],
    ['url first, bare keys', '[{url:"a.js",revision:"1"},{url:"a.js",revision:"1"}]', ['a.js']],
    ['template-literal strings', '[{revision:`x`,url:`index.html`}]', ['index.html']],
    ['no manifest', 'self.addEventListener("fetch",()=>{})', []],
  ])('%s', (_name, source, expected) => {
    expect(precacheUrls(source)).toEqual(expected);
  });
});

describe('checkBudgets', () => {
  const budgets = {
    firstLoadJsGzip: { label: 'js', max: 100, aim: 80 },
    precacheGzip: { label: 'precache', max: 1000 },
    unknownFigure: { label: 'x', max: 1 },
  };
  const withJs = (gzip: number, precache: BundleReport['precache'] = { raw: 0, gzip: 500, brotli: 0, entries: 1, urls: [] }): BundleReport => ({
    ...report,
    firstLoad: { ...report.firstLoad, js: { raw: gzip * 3, gzip, brotli: gzip, files: [] } },
    precache,
  });

  it.each([
    [79, true, true],
    [80, true, true],
    [81, true, false],
    [100, true, false],
    [101, false, false],
  ])('first-load JS of %i bytes against max 100 / aim 80: ok %s, meets aim %s', (gzip, ok, meetsAim) => {
    const js = checkBudgets(withJs(gzip), budgets).find((c) => c.id === 'firstLoadJsGzip')!;
    expect(js).toMatchObject({ value: gzip, ok, meetsAim });
  });

  it('fails a figure it cannot measure, with the reason', () => {
    const checks = checkBudgets(withJs(10, { available: false, reason: 'no sw.js in the build' }), budgets);
    expect(checks.find((c) => c.id === 'precacheGzip')).toMatchObject({ value: null, ok: false, reason: 'no sw.js in the build' });
    expect(checks.find((c) => c.id === 'unknownFigure')).toMatchObject({ ok: false });
  });
});

describe('sizesOf', () => {
  it('reports the raw length and smaller compressed sizes for repetitive text', () => {
    const s = sizesOf(Buffer.from('abc'.repeat(1000)));
    expect(s.raw).toBe(3000);
    expect(s.gzip).toBeLessThan(100);
    expect(s.brotli).toBeLessThan(100);
  });
});
