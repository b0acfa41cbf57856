// Vite plugin: the page's build ships src/domain/entities/shapes.ts as the plain data it evaluates
// to, so the first load carries each entity's key, table and year lock without the registry's
// entries (their fields, rules and labels stay in the lazy chunks that read them). The values are
// the module's own, computed from the registry at build time: nothing is written twice. Build
// only: `npm run dev`, the tests and the workers run the module as written.
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import * as shapes from '../src/domain/entities/shapes.ts';

/** The module the plugin replaces. */
export const SHAPES_MODULE = fileURLToPath(new URL('../src/domain/entities/shapes.ts', import.meta.url));

/** The module's exports as source: each one's value as a literal (they are data only). */
export function shapesSource(exports: Record<string, unknown> = shapes): string {
  return Object.entries(exports)
    .map(([name, value]) => {
      const json = JSON.stringify(value);
      // A value JSON cannot say as it is (a function, undefined, a Map) would ship changed: refuse it.
      if (json === undefined || JSON.stringify(JSON.parse(json)) !== JSON.stringify(value) || !isPlain(value)) throw new Error(`${SHAPES_MODULE}: export ${name} is not plain data`);
      return `export const ${name} = /* @__PURE__ */ JSON.parse(${JSON.stringify(json)});\n`;
    })
    .join('');
}

function isPlain(v: unknown): boolean {
  if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) return true;
  if (Array.isArray(v)) return v.every(isPlain);
  if (typeof v !== 'object' || Object.getPrototypeOf(v) !== Object.prototype) return false;
  return Object.values(v as object).every(isPlain);
}

export function entityShapes(): Plugin {
  return {
    name: 'xht-entity-shapes',
    apply: 'build',
    enforce: 'pre',
    load(id) {
      return id.split('?')[0] === SHAPES_MODULE ? shapesSource() : null;
    },
  };
}
