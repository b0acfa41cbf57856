// The tt25-2023 catalog against its reference, docs/domain/criteria-tt25-commune.md: every table
// row of the 15 indicators is read from the file and compared word for word with the typed data —
// wording at both levels, kind, the figure read, the minimums and the percents (difficult area too).
// Rewritten for issue #11: the reference now transcribes the circular (3 + 3 + 3 + 4 + 2 indicators).
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { catalogs, getCatalog, findIndicator, indicatorText, indicatorsOf, DEFAULT_CATALOG_ID } from '../../src/domain/catalog/index.ts';
import { tt25_2023 } from '../../src/domain/catalog/tt25-2023.ts';
import type { RatioIndicator, StandardIndicator, TrainingIndicator, YesNoIndicator } from '../../src/domain/catalog/types.ts';
import { criterionName, indicatorName } from '../../src/i18n/readiness.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const reference = readFileSync(resolve(repoRoot, 'docs/domain/criteria-tt25-commune.md'), 'utf8');
const lines = reference.split('\n');

/** The cells of every table row whose first cell is an indicator id, in file order. */
const rows = lines
  .filter((l) => /^\| TC\d\.\d /.test(l))
  .map((l) => l.split('|').slice(1, -1).map((c) => c.trim()));
const rowsOf = (id: string) => rows.filter((r) => r[0] === id);

/** The legal wording of a cell: bold marks dropped. */
const plain = (cell: string) => cell.replace(/\*\*/g, '');

/** A level-2 cell that abbreviates the repeated words with "…", as a regex of the whole text. */
function wordingPattern(cell: string): RegExp {
  const parts = plain(cell).split('…').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.*')}$`, 's');
}

const percents = (cell: string) => [...cell.matchAll(/≥ (\d+) %/g)].map((m) => Number(m[1]));

describe('catalog tt25-2023 against criteria-tt25-commune.md', () => {
  const ids = [...new Set(rows.map((r) => r[0]!))];

  it('has the 15 indicators of the reference, 3 + 3 + 3 + 4 + 2, in its order', () => {
    expect(ids).toHaveLength(15);
    expect(indicatorsOf(tt25_2023).map((i) => i.id)).toEqual(ids);
    expect(tt25_2023.criteria.map((c) => [c.id, c.indicators.length])).toEqual([['TC1', 3], ['TC2', 3], ['TC3', 3], ['TC4', 4], ['TC5', 2]]);
    for (const c of tt25_2023.criteria) for (const i of c.indicators) expect(i.criterion).toBe(c.id);
  });

  it('names each criterion in full as the reference does', () => {
    const headings = lines.filter((l) => /^### TC\d /.test(l)).map((l) => l.replace(/^### /, '').replace(/ \(both levels\)$/, ''));
    expect(headings).toHaveLength(5);
    for (const h of headings) {
      const [id, ...name] = h.split(' ');
      expect(tt25_2023.criteria.find((c) => c.id === id)!.text.vi).toBe(name.join(' '));
    }
  });

  for (const id of ['TC1.1', 'TC1.2', 'TC1.3', 'TC2.1', 'TC2.2', 'TC2.3', 'TC3.1', 'TC3.2', 'TC3.3']) {
    it(`${id}: yes/no, the circular's wording, the same at both levels`, () => {
      const [row] = rowsOf(id);
      const ind = findIndicator(tt25_2023, id) as YesNoIndicator;
      expect(ind.kind).toBe('yes-no');
      expect(ind.text.vi).toBe(row![1]);
      expect(ind.level2Text).toBeUndefined();
      expect(indicatorText(ind, 2)).toBe(ind.text);
      expect(ind.hasAmount).toBe(row![2] === 'yes/no + amount (VND)');
      expect(ind.text.en.length).toBeGreaterThan(20);
    });
  }

  it('TC3.1 reads as the circular words it (issue #11)', () => {
    expect(findIndicator(tt25_2023, 'TC3.1')!.text.vi).toMatch(/^Trung tâm học tập cộng đồng bảo đảm có 01 phòng làm việc được trang bị đầy đủ bàn, ghế, tủ, giá; /);
  });

  for (const id of ['TC4.1', 'TC4.2', 'TC4.3', 'TC4.4']) {
    it(`${id}: a standard of one figure, its wording and minimum at each level`, () => {
      const [row] = rowsOf(id);
      const [, l1, l2, reads, rule] = row!;
      const ind = findIndicator(tt25_2023, id) as StandardIndicator;
      expect(ind.kind).toBe('standard');
      expect(ind.text.vi).toBe(plain(l1!));
      if (l2 === 'same') expect(indicatorText(ind, 2).vi).toBe(ind.text.vi);
      else expect(indicatorText(ind, 2).vi).toMatch(wordingPattern(l2!));
      expect(`\`${ind.figure}\``).toBe(reads);
      const [min1, min2] = rule!.split('/').map((x) => x.trim());
      const read = (m: string) => (m === 'true' ? true : Number(/^≥ (\d)$/.exec(m)![1]));
      expect(ind.minimum).toEqual({ 1: read(min1!), 2: read(min2!) });
      // The level-2 wording names the level-2 minimum ("mức độ 3"), level 1's its own.
      if (typeof ind.minimum[2] === 'number') {
        expect(ind.text.vi).toContain(`mức độ ${ind.minimum[1]} `);
        expect(indicatorText(ind, 2).vi).toContain(`mức độ ${ind.minimum[2]} `);
      }
    });
  }

  it('TC5.1: the share of citizens recognised "Công dân học tập", 60 % / 80 %, the same in a difficult area', () => {
    const [wording, reads] = rowsOf('TC5.1');
    const ind = findIndicator(tt25_2023, 'TC5.1') as RatioIndicator;
    expect(ind.kind).toBe('ratio');
    expect(ind.text.vi).toBe(plain(wording![1]!));
    expect(indicatorText(ind, 2).vi).toMatch(wordingPattern(wording![2]!));
    expect(reads![1]).toBe(`Σ \`${ind.numerator}\` / Σ \`${ind.denominator}\``);
    expect([ind.thresholds[1], ind.thresholds[2]]).toEqual([...percents(reads![2]!), ...percents(reads![3]!)]);
    expect([reads![4], reads![5]]).toEqual(['same', 'same']);
    expect(ind.text.vi).toContain(`${ind.thresholds[1]}%`);
    expect(indicatorText(ind, 2).vi).toContain(`${ind.thresholds[2]}%`);
  });

  it('TC5.2: two shares of citizens (trained, university), ordinary and difficult-area percents at both levels', () => {
    const [wording, reads] = rowsOf('TC5.2');
    const ind = findIndicator(tt25_2023, 'TC5.2') as TrainingIndicator;
    expect(ind.kind).toBe('training');
    expect(ind.text.vi).toBe(plain(wording![1]!));
    expect(indicatorText(ind, 2).vi).toMatch(wordingPattern(wording![2]!));
    expect(reads![1]).toBe('Σ `trained` / Σ `citizens` and Σ `university` / Σ `citizens`');
    const pair = (cell: string) => {
      const [trained, university] = percents(cell);
      return { trained, university };
    };
    expect(ind.thresholds).toEqual({ 1: pair(reads![2]!), 2: pair(reads![3]!) });
    expect(ind.difficultAreaThresholds).toEqual({ 1: pair(reads![4]!), 2: pair(reads![5]!) });
    // The wording carries the same four percents at each level, in the same order.
    const inText = (s: string) => [...s.matchAll(/(\d+)%/g)].map((m) => Number(m[1]));
    for (const level of [1, 2] as const) {
      const t = ind.thresholds[level];
      const d = ind.difficultAreaThresholds[level];
      expect(inText(indicatorText(ind, level).vi)).toEqual([t.trained, t.university, d.trained, d.university]);
    }
  });

  it('carries the programme targets of Quyết định 387/QĐ-TTg as information, not as indicators', () => {
    const text = reference.replace(/\s+/g, ' ');
    const m = /Gia đình học tập (\d+) %, Dòng họ học tập (\d+) %, Cộng đồng học tập cấp thôn (\d+) %, Đơn vị học tập (\d+) %/.exec(text)!;
    expect(tt25_2023.programmes.targets.map((p) => [p.key, p.target])).toEqual([
      ['families', Number(m[1])], ['lineages', Number(m[2])], ['villages', Number(m[3])], ['units', Number(m[4])],
    ]);
    expect(tt25_2023.programmes.source.vi).toContain('387/QĐ-TTg');
  });

  it('says nothing is provisional any more', () => {
    const json = JSON.stringify(tt25_2023);
    expect(json).not.toMatch(/tạm tính|provisional/i);
  });

  it('has two levels labelled as the glossary says', () => {
    expect(tt25_2023.levels.map((l) => l.label.vi)).toEqual(['Mức độ 1 (Khá)', 'Mức độ 2 (Tốt)']);
  });

  it('names an indicator and a criterion as the circular does, the id only as a short form', () => {
    expect(indicatorName('TC5.1')).toBe('Chỉ tiêu 1 của Tiêu chí 5');
    expect(indicatorName('TC4.2', 'en')).toBe('Indicator 2 of Criterion 4');
    expect(criterionName('TC3')).toBe('Tiêu chí 3');
  });

  it('is registered under its version id', () => {
    expect(catalogs['tt25-2023']).toBe(tt25_2023);
    expect(getCatalog(DEFAULT_CATALOG_ID)).toBe(tt25_2023);
    expect(getCatalog('tt25-2024')).toBeUndefined();
    expect(getCatalog('toString')).toBeUndefined();
  });
});
