// The registry's entries stay out of the first load: the built app's first-load scripts hold each
// entity's table (the database opens with every table declared) but none of the entries' labels,
// which come with the lazy chunks that name records (the sync screen, the schemas, the review).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { ENTITY_DEFS } from '../../src/domain/entities/index.ts';
import { dist, firstLoad, lazyChunks } from './helpers/bundle.ts';

/** Whether `code` holds `text` as a whole string literal (the build writes "…", '…' or `…`). */
const holds = (code: string, text: string) => ['"', "'", '`'].some((q) => code.includes(`${q}${text}${q}`));

test('the first load holds every entity’s table and no entry’s label', () => {
  const first = firstLoad();
  expect(first.length).toBeGreaterThan(0);
  const firstCode = first.map((f) => readFileSync(join(dist, f), 'utf8')).join('\n');
  const lazyCode = lazyChunks(first).map((f) => readFileSync(join(dist, 'assets', f), 'utf8')).join('\n');
  for (const def of Object.values(ENTITY_DEFS)) {
    // The English label: the Vietnamese ones are words the shell may say too ("Xã", "Hồ sơ").
    expect(holds(firstCode, def.table.name), `table ${def.table.name} in the first load`).toBe(true);
    expect(holds(firstCode, def.label.en), `label of ${def.name} in the first load`).toBe(false);
    // It does exist, lazily: otherwise the check above would prove nothing.
    expect(holds(lazyCode, def.label.en), `label of ${def.name} in a lazy chunk`).toBe(true);
  }
});
