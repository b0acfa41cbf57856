// The one write path (issue 13 item 6): src/db is entered through its index only, and nothing
// outside it opens a transaction, batches saves or reaches for a repository's Dexie instance —
// the sync engine, the import and the screens write through the repository's functions.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, sources } from './source-files.ts';

const outside = sources(join(ROOT, 'src')).filter((p) => !relative(ROOT, p).startsWith('src/db/'));

/** Lines of `files` matching `re`, as "path:line: text". */
function hits(files: string[], re: RegExp): string[] {
  return files.flatMap((p) =>
    readFileSync(p, 'utf8').split('\n').flatMap((line, i) => (re.test(line) ? [`${relative(ROOT, p)}:${i + 1}: ${line.trim()}`] : [])),
  );
}

describe('the write path has one door', () => {
  it('nothing outside src/db opens a Dexie transaction or batches saves', () => {
    expect(hits(outside, /\.transaction\(|\.rw\(|\.batch\(/)).toEqual([]);
  });

  it("nothing outside src/db reaches a repository's database", () => {
    expect(hits(outside, /\.db\.|\bdb\(\)/)).toEqual([]);
  });

  it('src/db is imported through its index only', () => {
    expect(hits([...outside, ...sources(join(ROOT, 'bench'))], /from '(\.\.?\/)+(src\/)?db\/(?!index\.ts')/)).toEqual([]);
  });

  it('the scan sees the sync engine and the import screens', () => {
    const seen = outside.map((p) => relative(ROOT, p));
    expect(seen).toContain('src/sync/engine.ts');
    expect(seen).toContain('src/ui/excel/import-panel.tsx');
  });
});
