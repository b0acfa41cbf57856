// Build of the page and the service worker. Custom steps live in named plugin files.
/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';
import { entityShapes } from './build/entity-shapes.ts';
import { readFileSync } from 'node:fs';

// The version a cadre sees on the data screen ("Phiên bản ứng dụng 0.1.0"), from package.json.
process.env.VITE_APP_VERSION ??= (JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string }).version;

export default defineConfig({
  plugins: [
    preact(),
    // The first load gets the entities' shapes as data, not the registry's entries.
    entityShapes(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'sw',
      filename: 'sw.ts',
      injectRegister: false,
      registerType: 'prompt',
      // Classic script: module service workers need Chrome 91+, our floor is Chrome 80.
      injectManifest: {
        rollupFormat: 'iife',
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,woff2}'],
        // Lazy chunks (charts, dossier export) and the papers' print font are precached too so
        // they work offline, but they are not part of the first load.
        maximumFileSizeToCacheInBytes: 2 * 1024 * 1024,
      },
      manifest: {
        name: 'Xã Học Tập — Cộng đồng học tập cấp xã',
        short_name: 'Xã Học Tập',
        description: 'Tự đánh giá "Cộng đồng học tập" cấp xã theo Thông tư 25/2023/TT-BGDĐT, dùng được khi không có mạng.',
        lang: 'vi',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#0b5394',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/icon-512-maskable.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      devOptions: { enabled: false },
    }),
  ],
  // Web workers (photo compression, src/evidence) as classic scripts, like the service worker:
  // Vite then starts them without `type: 'module'` in the build (any Chrome with workers) and as
  // modules in `npm run dev`. Written out although it is Vite 8's default: the bench and e2e pages
  // read it from here (bench/idb.ts buildIdbPage).
  worker: { format: 'iife' },
  build: {
    // Cheap Android phones may run a Chrome years old; Vite 8's default is newer.
    target: 'chrome80',
    cssTarget: 'chrome80',
    rolldownOptions: {
      output: {
        codeSplitting: {
          // What the first load needs that lazy chunks share too (preact, the shell's words, the
          // keys, the clock, the merge, the registry), as ONE chunk: left alone, Rolldown cut it
          // into four more first-load chunks, each with its own imports and gzip overhead
          // (≈ 0.6 kB of the first load). Nothing here is only lazy: each module is imported by
          // the entry's static graph (of the registry, only the entities' shapes and names are).
          groups: [{
            name: 'core',
            test: /src\/domain\/(entities\/(shapes|names)\.ts|readiness\/live-decisions\.ts|keys\.ts|fold\.ts|sync\/hlc\.ts|sync\/merge\.ts|review\/codes\.ts)|node_modules\/preact\/|src\/ui\/i18n\/index\.ts|src\/i18n\/(vi\/shell|parts|words)\.ts|preload-helper/,
          }],
        },
      },
    },
  },
  test: {
    // The PostgreSQL tests (*.pg.test.ts) need the throwaway cluster of test/pg.sh (npm run test:pg),
    // which sets XHT_PG; every other run leaves them out.
    include: process.env.XHT_PG ? ['test/server/**/*.pg.test.ts'] : ['test/unit/**/*.test.ts', 'test/server/**/*.test.ts', 'src/**/*.test.ts'],
    exclude: process.env.XHT_PG ? [] : ['**/node_modules/**', '**/*.pg.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
