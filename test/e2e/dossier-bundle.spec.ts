// The dossier stays out of the first load: in the built app, the scripts index.html loads (and
// everything they import statically) hold neither the `docx` library nor the paper generator;
// both exist as their own chunks for the "Hồ sơ" screen to load on demand.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { dist, firstLoad, lazyChunks } from './helpers/bundle.ts';

/** Markers: the `docx` library, the .docx generator, and the paper model / print view. */
const MARKERS = {
  docxLibrary: 'wordprocessingml.document.main+xml',
  docxGenerator: 'Xã Học Tập',
  paperModel: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  printRoot: 'xd-print-style',
};

test('neither docx nor the dossier generator is in the first-load JavaScript', () => {
  const first = firstLoad();
  expect(first.length).toBeGreaterThan(0);
  for (const file of first) {
    const code = readFileSync(join(dist, file), 'utf8');
    for (const [name, marker] of Object.entries(MARKERS)) {
      if (name === 'docxGenerator') continue; // the app name is everywhere; checked below by chunk
      expect(code.includes(marker), `${name} in first-load ${file}`).toBe(false);
    }
  }
  // They do exist, lazily: otherwise the check above would prove nothing.
  const lazy = lazyChunks(first);
  const holding = (marker: string) => lazy.filter((f) => readFileSync(join(dist, 'assets', f), 'utf8').includes(marker));
  expect(holding(MARKERS.docxLibrary).length).toBeGreaterThan(0);
  expect(holding(MARKERS.paperModel).length).toBeGreaterThan(0);
  expect(holding(MARKERS.printRoot).length).toBeGreaterThan(0);
  // The generator chunk (`new Document({creator: 'Xã Học Tập'…})`) imports the library only dynamically.
  const generator = lazy.filter((f) => {
    const code = readFileSync(join(dist, 'assets', f), 'utf8');
    return code.includes('toArrayBuffer') && code.includes(MARKERS.docxGenerator) && !code.includes(MARKERS.docxLibrary);
  });
  expect(generator.length).toBe(1);
});
