// The tt25-2023 catalog against its reference, shared/domain/criteria-tt25-commune.md: every row of
// the indicator table is read from the file and compared with the typed data.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { catalogs, getCatalog, findIndicator, indicatorsOf, DEFAULT_CATALOG_ID } from '../../src/domain/catalog/index.ts';
import { tt25_2023 } from '../../src/domain/catalog/tt25-2023.ts';
import type { RatioIndicator, StandardIndicator } from '../../src/domain/catalog/types.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const reference = readFileSync(resolve(repoRoot, 'docs/domain/criteria-tt25-commune.md'), 'utf8');

interface Row {
  id: string; criterion: string; text: string; kind: string; reads: string; level1: string; level2: string; status: string;
}

const rows: Row[] = reference.split('\n')
  .filter((l) => /^\| TC\d\.\d /.test(l))
  .map((l) => {
    const cells = l.split('|').slice(1, -1).map((c) => c.trim());
    const [id, criterion, text, kind, reads, level1, level2, status] = cells as [string, string, string, string, string, string, string, string];
    return { id, criterion, text, kind, reads, level1, level2, status };
  });

const FIGURE = { preschool5: 'pcgdPreschool5', primary: 'pcgdPrimary', lowerSecondary: 'pcgdLowerSecondary', literacy: 'literacy' } as Record<string, string>;

/** "preschool5 = true, primary ≥ 1" → { pcgdPreschool5: true, pcgdPrimary: 1 } */
function minimums(cell: string): Record<string, number | boolean> {
  const out: Record<string, number | boolean> = {};
  for (const part of cell.split(',')) {
    const m = /^\s*(\w+)\s*(=|≥)\s*(\w+)\s*$/.exec(part);
    if (!m) throw new Error(`cannot read minimum "${part}"`);
    out[FIGURE[m[1]!] ?? m[1]!] = m[3] === 'true' ? true : Number(m[3]);
  }
  return out;
}

describe('catalog tt25-2023 against criteria-tt25-commune.md', () => {
  it('has the 15 indicators of the reference, in its order, under 5 criteria', () => {
    expect(rows).toHaveLength(15);
    expect(indicatorsOf(tt25_2023).map((i) => i.id)).toEqual(rows.map((r) => r.id));
    expect(tt25_2023.criteria.map((c) => c.id)).toEqual(['TC1', 'TC2', 'TC3', 'TC4', 'TC5']);
    for (const c of tt25_2023.criteria) for (const i of c.indicators) expect(i.criterion).toBe(c.id);
  });

  it('names each criterion as the reference does', () => {
    for (const r of rows.filter((x) => /^TC\d /.test(x.criterion))) {
      const [cid, ...name] = r.criterion.split(' ');
      expect(tt25_2023.criteria.find((c) => c.id === cid)!.text.vi).toBe(name.join(' '));
    }
  });

  for (const r of rows) {
    it(`${r.id}: text, kind, data, thresholds and status as written`, () => {
      const ind = findIndicator(tt25_2023, r.id)!;
      expect(ind.text.vi).toBe(r.text);
      expect(ind.text.en.length).toBeGreaterThan(10);
      expect(ind.provisional).toBe(r.status === 'provisional');
      if (r.kind.startsWith('yes/no')) {
        expect(ind.kind).toBe('yes-no');
        expect(ind.kind === 'yes-no' && ind.hasAmount).toBe(r.kind.includes('amount'));
        expect(r.reads).toBe('answer');
        expect([r.level1, r.level2]).toEqual(['yes', 'yes']);
      } else if (r.kind.startsWith('standard')) {
        const s = ind as StandardIndicator;
        expect(s.kind).toBe('standard');
        expect(s.thresholds[1]).toEqual(minimums(r.level1));
        expect(s.thresholds[2]).toEqual(r.level2 === 'not set' ? null : minimums(r.level2));
        const read = r.reads.replace('figures.', '').split(',').map((x) => x.trim());
        expect([...s.figures]).toEqual(read);
      } else {
        const q = ind as RatioIndicator;
        expect(q.kind).toBe('ratio');
        expect(q.thresholds[1]).toBe(Number(/≥ ([\d.]+) %/.exec(r.level1)![1]));
        expect(q.thresholds[2]).toBe(r.level2 === 'not set' ? null : Number(/≥ ([\d.]+) %/.exec(r.level2)![1]));
        const src = q.source;
        if (src.scope === 'villages') expect(r.reads).toBe(`Σ ${src.numerator} / Σ ${src.denominator}`);
        else if (src.scope === 'village-flag') expect(r.reads).toBe(`count(${src.flag}) / count(villages)`);
        else expect(r.reads).toBe(`figures.${src.numerator} / figures.${src.denominator}`);
        expect(q.gapPhrase.vi.startsWith(q.noun.vi)).toBe(true);
        // The gap phrase names the same recognition as the indicator's own wording.
        expect(ind.text.vi).toContain(q.gapPhrase.vi.slice(q.noun.vi.length + 1));
      }
    });
  }

  it('has two levels labelled as the glossary says, and the 40 % Learning Citizen target', () => {
    expect(tt25_2023.levels.map((l) => l.label.vi)).toEqual(['Mức độ 1 (Khá)', 'Mức độ 2 (Tốt)']);
    expect(tt25_2023.info.citizens.target).toBe(40);
  });

  it('is registered under its version id', () => {
    expect(catalogs['tt25-2023']).toBe(tt25_2023);
    expect(getCatalog(DEFAULT_CATALOG_ID)).toBe(tt25_2023);
    expect(getCatalog('tt25-2024')).toBeUndefined();
    expect(getCatalog('toString')).toBeUndefined();
  });
});
