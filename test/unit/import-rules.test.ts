// The import rules of docs/architecture.md, checked on every source file: each folder imports only
// the folders and packages its row of the table lists; nothing under src/ imports server/; only
// src/main.tsx imports the shell (src/ui/app.tsx). The table is read from the document itself, so
// the rule written and the rule checked are one.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface Row {
  folder: string;
  folders: string[];
  packages: string[];
}

/** The rows of the "Folders and what each may import" table. */
function readTable(): Row[] {
  const doc = readFileSync(join(root, 'docs/architecture.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## Folders and what each may import'));
  const rows: Row[] = [];
  for (const line of section.split('\n')) {
    if (!line.startsWith('| `')) continue;
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    const ticks = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
    rows.push({ folder: ticks(cells[0]!)[0]!, folders: ticks(cells[2] ?? ''), packages: ticks(cells[3] ?? '') });
  }
  return rows;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** Every module specifier a file names: static and type imports, re-exports, import(), side effects. */
function specifiers(source: string): string[] {
  const text = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const found = [
    // `from` as a word of code, not inside a string ('from' as a field name).
    ...text.matchAll(/(?<!['"\w])from\s*['"]([^'"]+)['"]/g),
    ...text.matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g),
    ...text.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm),
  ];
  return found.map((m) => m[1]!);
}

function packageOf(spec: string): string {
  if (spec.startsWith('node:')) return 'node:*';
  const parts = spec.split('/');
  return spec.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

const rows = readTable();
/** The row a repository path belongs to: the longest folder (or file) of the table it falls under. */
function rowOf(path: string): Row | undefined {
  return rows
    .filter((r) => (r.folder.endsWith('/') ? path.startsWith(r.folder) : path === r.folder))
    .sort((a, b) => b.folder.length - a.folder.length)[0];
}

const files = ['src', 'server', 'sw']
  .flatMap((d) => walk(join(root, d)))
  .filter((f) => /\.(ts|tsx|mjs)$/.test(f) && !/\.test\.ts$/.test(f))
  .map((f) => relative(root, f));

interface Edge { from: string; to: string; spec: string }
const edges: Edge[] = files.flatMap((from) =>
  specifiers(readFileSync(join(root, from), 'utf8')).map((spec) => ({
    from,
    spec,
    to: spec.startsWith('.') ? normalize(join(dirname(from), spec.replace(/\?.*$/, ''))) : spec,
  })),
);

describe('the import rules of docs/architecture.md', () => {
  it('the table is there and names every folder of the sources', () => {
    expect(rows.length).toBeGreaterThanOrEqual(12);
    expect(files.length).toBeGreaterThan(100);
    expect(files.filter((f) => !rowOf(f))).toEqual([]);
  });

  it('each folder imports only the folders its row lists', () => {
    const bad = edges.filter((e) => e.spec.startsWith('.')).flatMap((e) => {
      const from = rowOf(e.from)!;
      const to = rowOf(e.to);
      if (!to) return [`${e.from} imports ${e.spec}, which is in no row of the table`];
      return to === from || from.folders.includes(to.folder) ? [] : [`${e.from} imports ${e.spec} (${to.folder}), not listed for ${from.folder}`];
    });
    expect(bad).toEqual([]);
  });

  it('each folder uses only the packages its row lists', () => {
    const bad = edges.filter((e) => !e.spec.startsWith('.')).flatMap((e) => {
      const from = rowOf(e.from)!;
      const pkg = packageOf(e.spec);
      // The page's build-time modules (Vite's `virtual:` ids) and the folder's own packages.
      return pkg.startsWith('virtual:') || from.packages.includes(pkg) ? [] : [`${e.from} uses ${pkg}, not listed for ${from.folder}`];
    });
    expect(bad).toEqual([]);
  });

  it('nothing under src/ imports server/', () => {
    expect(edges.filter((e) => e.from.startsWith('src/') && e.to.startsWith('server/')).map((e) => `${e.from} → ${e.spec}`)).toEqual([]);
  });

  it('only src/main.tsx imports the shell (src/ui/app.tsx), and nothing imports src/main.tsx', () => {
    const shell = edges.filter((e) => /^src\/(ui\/app|main)\.tsx$/.test(e.to) && e.from !== 'src/main.tsx');
    expect(shell.map((e) => `${e.from} → ${e.spec}`)).toEqual([]);
    expect(edges.some((e) => e.from === 'src/main.tsx' && e.to === 'src/ui/app.tsx')).toBe(true);
  });
});
