// The spreadsheet code stays out of the first load: the built app's first-load scripts hold neither
// read-excel-file, write-excel-file, the sheet reader nor the import panel; the reader runs in its
// own worker script, and every one of them is precached, so the import works offline.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { dist, firstLoad, lazyChunks } from './helpers/bundle.ts';

/** A string each piece carries: the reader library, the writer library, our reader, the panel. */
const MARKERS = {
  readExcelFile: 'XLS_FILE_NOT_SUPPORTED',
  writeExcelFile: '[write-excel-file]',
  sheetReader: 'EncryptedPackage',
  importPanel: 'xi-preview-h',
};

test('neither spreadsheet library nor the import is in the first-load JavaScript; the reader is a precached worker', () => {
  const first = firstLoad();
  expect(first.length).toBeGreaterThan(0);
  for (const file of first) {
    const code = readFileSync(join(dist, file), 'utf8');
    for (const [name, marker] of Object.entries(MARKERS)) expect(code.includes(marker), `${name} in first-load ${file}`).toBe(false);
  }
  const lazy = lazyChunks(first);
  const holding = (marker: string) => lazy.filter((f) => readFileSync(join(dist, 'assets', f), 'utf8').includes(marker));
  // The reader and its library are in the worker script (started by `new Worker(new URL(...))`).
  const workers = holding(MARKERS.readExcelFile);
  expect(workers.length).toBe(1);
  expect(holding(MARKERS.sheetReader)).toContain(workers[0]);
  expect(lazy.some((f) => readFileSync(join(dist, 'assets', f), 'utf8').includes(`/assets/${workers[0]}`))).toBe(true);
  expect(holding(MARKERS.writeExcelFile).length).toBe(1);
  expect(holding(MARKERS.importPanel).length).toBe(1);
  const sw = readFileSync(join(dist, 'sw.js'), 'utf8');
  for (const f of [...workers, ...holding(MARKERS.writeExcelFile), ...holding(MARKERS.importPanel)]) expect(sw, `${f} precached`).toContain(`assets/${f}`);
});
