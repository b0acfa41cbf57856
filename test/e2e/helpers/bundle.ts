// What the built app loads first: index.html's scripts and modulepreloads, closed over their static
// imports (never a dynamic import()). Shared by the specs that keep a feature out of the first load.
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const dist = resolve(process.env.E2E_DIST ?? 'dist');

/** The first-load scripts, as `assets/x.js` paths. */
export function firstLoad(): string[] {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const start = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const seen = new Set<string>();
  const queue = [...start];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(join(dist, file), 'utf8');
    // Static imports only: `import{a}from"./x.js"`, `import"./x.js"`; never `import("./x.js")`.
    for (const m of code.matchAll(/(?:\bfrom|\bimport)\s*["'`]\.\/([^"'`]+\.js)["'`]/g)) queue.push(`assets/${m[1]}`);
  }
  return [...seen];
}

/** The built scripts that are not in the first load, as file names under assets/. */
export function lazyChunks(first = firstLoad()): string[] {
  return readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js') && !first.includes(`assets/${f}`));
}
