// The repository's own source files, for the tests that read the code (write path, one definition).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export const ROOT = join(import.meta.dirname, '../..');

/** Every .ts/.tsx file under `dir` but the tests. */
export function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.ts$/.test(name) ? [p] : [];
  });
}

/** A path from the repository's root. */
export const rel = (p: string): string => relative(ROOT, p);

/** The lines of a file that are code (comment lines left out). */
export const codeLines = (p: string): string[] => readFileSync(p, 'utf8').split('\n').filter((l) => !/^\s*(\/\/|\*|\/\*)/.test(l));
