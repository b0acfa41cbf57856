// The page's build ships the entities' shapes (src/domain/entities/shapes.ts) as the data the
// module evaluates to (build/entity-shapes.ts): what it ships must be that data, exactly, and a
// value that plain data cannot carry must stop the build rather than ship changed.
import { describe, expect, it } from 'vitest';
import { SHAPES_MODULE, entityShapes, shapesSource } from '../../build/entity-shapes.ts';
import * as shapes from '../../src/domain/entities/shapes.ts';
import { ENTITY_DEFS, ENTITY_SHAPES } from '../../src/domain/entities/index.ts';

const evaluate = async (source: string) => (await import(`data:text/javascript,${encodeURIComponent(source)}`)) as Record<string, unknown>;

describe('the entities’ shapes as the build ships them', () => {
  it('are the module’s own exports, value for value', async () => {
    const shipped = await evaluate(shapesSource());
    expect(Object.keys(shipped).sort()).toEqual(Object.keys(shapes).sort());
    expect(shipped.ENTITY_SHAPES).toEqual(ENTITY_SHAPES);
  });

  it('hold each entry’s key, table and year lock, for every entity of the registry', () => {
    expect(Object.keys(ENTITY_SHAPES)).toEqual(Object.keys(ENTITY_DEFS));
    for (const [name, def] of Object.entries(ENTITY_DEFS)) {
      expect(ENTITY_SHAPES[name as keyof typeof ENTITY_SHAPES]).toEqual({ key: def.key, table: def.table, ...('yearLock' in def ? { yearLock: def.yearLock } : {}) });
    }
  });

  it('replace that module only, in the build only', () => {
    const p = entityShapes();
    expect(p.apply).toBe('build');
    const load = p.load as (id: string) => string | null;
    expect(load(SHAPES_MODULE)).toBe(shapesSource());
    expect(load(`${SHAPES_MODULE}?v=1`)).toBe(shapesSource());
    expect(load(SHAPES_MODULE.replace('shapes.ts', 'names.ts'))).toBeNull();
  });

  it('refuse what plain data cannot carry', () => {
    expect(() => shapesSource({ A: { f: () => 1 } })).toThrow(/not plain data/);
    expect(() => shapesSource({ A: { at: new Date(0) } })).toThrow(/not plain data/);
    expect(() => shapesSource({ A: { m: new Map() } })).toThrow(/not plain data/);
    expect(() => shapesSource({ A: { u: undefined } })).toThrow(/not plain data/);
    expect(shapesSource({ A: { n: null, s: 'x', l: [1, 'y'] } })).toContain('export const A');
  });
});
