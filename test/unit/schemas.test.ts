// The valibot schemas: readiness input refused as a whole with paths and vi/en messages; entity and
// one-edit field schemas; field-level problems for forms.
import { describe, it, expect } from 'vitest';
import { validateAssessInput } from '../../src/domain/readiness/validate.ts';
import {
  validateVillageCounts, validateCommuneFigures, validateOpFields, isPercent,
} from '../../src/domain/schemas/entities.ts';
import { isRealDate } from '../../src/domain/schemas/dates.ts';
import { formatPath } from '../../src/domain/schemas/problems.ts';
import { demoCommune } from '../../src/domain/demo-commune.ts';
import { assess } from '../../src/domain/readiness/assess.ts';
import { baseInput } from './readiness-fixtures.ts';

type Json = Record<string, any>;

function problemsOf(edit: (i: Json) => void) {
  const input: Json = structuredClone(baseInput());
  edit(input);
  const r = validateAssessInput(input);
  if (r.ok) throw new Error('input was accepted');
  return r.problems;
}

function pathsOf(edit: (i: Json) => void): string[] {
  return problemsOf(edit).map((p) => p.path);
}

describe('validateAssessInput accepts good input', () => {
  it('accepts the base commune and returns it unchanged', () => {
    const r = validateAssessInput(structuredClone(baseInput()));
    expect(r).toEqual({ ok: true, input: baseInput() });
  });

  it('accepts nulls for counts and figures, 29 February of a leap year, a 72.5 % threshold, TC2 amounts', () => {
    const r = validateAssessInput({
      ...baseInput(),
      asOf: '2024-02-29',
      villages: [{ code: 'T01', households: null, familiesRecognized: 3, villageRecognized: null }],
      figures: { units: null, literacy: 0 },
      answers: { 'TC2.1': { met: true, amount: 25_000_000, evidence: [{ number: '1/QĐ', date: '2025-01-02', title: 'Dự toán', note: 'x' }] }, 'TC2.2': { met: null, amount: 0, note: null } },
      thresholds: { 'TC5.1': { 1: 72.5, 2: 80 }, 'TC4.1': { 2: { pcgdPrimary: 2 } }, 'TC4.2': { 1: { literacy: 2 } } },
      history: [{ level: 1, decidedOn: '2024-03-20' }],
    });
    expect(r.ok).toBe(true);
  });

  it('accepts both demo years', () => {
    for (const y of demoCommune.years) expect(validateAssessInput(structuredClone(y)).ok).toBe(true);
  });
});

describe('validateAssessInput refuses bad input with paths', () => {
  const cases: { name: string; edit: (i: Json) => void; path: string; vi?: RegExp }[] = [
    { name: 'unknown root key', edit: (i) => { i.extra = 1; }, path: 'extra', vi: /Trường "extra" không có/ },
    { name: 'unknown village key', edit: (i) => { i.villages[1].household = 3; }, path: 'villages[1].household' },
    { name: 'unknown commune key', edit: (i) => { i.commune.district = 'x'; }, path: 'commune.district' },
    { name: 'fractional count', edit: (i) => { i.villages[3].households = 100.5; }, path: 'villages[3].households', vi: /Tổng số hộ gia đình phải là số nguyên/ },
    { name: 'negative count', edit: (i) => { i.villages[0].lineages = -1; }, path: 'villages[0].lineages', vi: /Tổng số dòng họ không được là số âm/ },
    { name: 'count as text', edit: (i) => { i.villages[0].citizens = '1200'; }, path: 'villages[0].citizens', vi: /phải là một số/ },
    { name: 'recognised > registered', edit: (i) => { i.villages[3].familiesRecognized = 91; }, path: 'villages[3].familiesRecognized', vi: /Số hộ được công nhận "Gia đình học tập" \(91\) không được lớn hơn số hộ đăng ký "Gia đình học tập" \(90\)/ },
    { name: 'registered > households', edit: (i) => { i.villages[2].familiesRegistered = 201; }, path: 'villages[2].familiesRegistered', vi: /không được lớn hơn tổng số hộ gia đình/ },
    { name: 'recognised > households when registered is absent', edit: (i) => { i.villages[2].familiesRegistered = null; i.villages[2].familiesRecognized = 201; }, path: 'villages[2].familiesRecognized' },
    { name: 'lineages recognised > registered', edit: (i) => { i.villages[0].lineagesRecognized = 19; }, path: 'villages[0].lineagesRecognized' },
    { name: 'citizens recognised > citizens', edit: (i) => { i.villages[1].citizensRecognized = 901; }, path: 'villages[1].citizensRecognized', vi: /Số người đạt "Công dân học tập"/ },
    { name: 'villageRecognized not boolean', edit: (i) => { i.villages[1].villageRecognized = 'có'; }, path: 'villages[1].villageRecognized' },
    { name: 'duplicate village code', edit: (i) => { i.villages[2].code = 'T01'; }, path: 'villages[2].code', vi: /Mã thôn "T01" bị trùng/ },
    { name: 'empty village code', edit: (i) => { i.villages[2].code = ' '; }, path: 'villages[2].code' },
    { name: 'missing village code', edit: (i) => { delete i.villages[2].code; }, path: 'villages[2].code', vi: /Thiếu mã thôn/ },
    { name: 'villages not a list', edit: (i) => { i.villages = {}; }, path: 'villages' },
    { name: 'units recognised > units', edit: (i) => { i.figures.unitsRecognized = 11; }, path: 'figures.unitsRecognized', vi: /Số đơn vị được công nhận "Đơn vị học tập" \(11\) không được lớn hơn/ },
    { name: 'primary level 4', edit: (i) => { i.figures.pcgdPrimary = 4; }, path: 'figures.pcgdPrimary', vi: /phải từ 0 đến 3/ },
    { name: 'literacy level 3', edit: (i) => { i.figures.literacy = 3; }, path: 'figures.literacy', vi: /phải từ 0 đến 2/ },
    { name: 'preschool as number', edit: (i) => { i.figures.pcgdPreschool5 = 1; }, path: 'figures.pcgdPreschool5' },
    { name: 'unknown figure', edit: (i) => { i.figures.schools = 3; }, path: 'figures.schools' },
    { name: 'impossible asOf', edit: (i) => { i.asOf = '2025-02-30'; }, path: 'asOf', vi: /ngày có thật/ },
    { name: '29 Feb of a common year', edit: (i) => { i.asOf = '2023-02-29'; }, path: 'asOf' },
    { name: 'date not zero-padded', edit: (i) => { i.asOf = '2025-2-3'; }, path: 'asOf' },
    { name: 'year before 2023', edit: (i) => { i.year = 2022; }, path: 'year', vi: /từ 2023/ },
    { name: 'fractional year', edit: (i) => { i.year = 2025.5; }, path: 'year' },
    { name: 'year as text', edit: (i) => { i.year = '2025'; }, path: 'year' },
    { name: 'unknown catalog', edit: (i) => { i.catalog = 'tt25-2099'; }, path: 'catalog', vi: /tt25-2023/ },
    { name: 'missing commune', edit: (i) => { delete i.commune; }, path: 'commune', vi: /Thiếu xã/ },
    { name: 'empty commune name', edit: (i) => { i.commune.name = ''; }, path: 'commune.name', vi: /Tên xã không được để trống/ },
    { name: 'unknown indicator answered', edit: (i) => { i.answers['TC9.9'] = { met: true }; }, path: 'answers["TC9.9"]', vi: /Không có chỉ tiêu "TC9.9"/ },
    { name: 'answer to a ratio indicator', edit: (i) => { i.answers['TC5.1'] = { met: true }; }, path: 'answers["TC5.1"]', vi: /không phải dạng có\/không/ },
    { name: 'met as text', edit: (i) => { i.answers['TC1.1'].met = 'yes'; }, path: 'answers["TC1.1"].met' },
    { name: 'answer without met', edit: (i) => { i.answers['TC1.1'] = { note: 'x' }; }, path: 'answers["TC1.1"].met' },
    { name: 'amount on an indicator without one', edit: (i) => { i.answers['TC1.1'].amount = 5; }, path: 'answers["TC1.1"].amount', vi: /không có kinh phí/ },
    { name: 'negative amount', edit: (i) => { i.answers['TC2.1'].amount = -5; }, path: 'answers["TC2.1"].amount' },
    { name: 'fractional amount', edit: (i) => { i.answers['TC2.2'].amount = 1.5; }, path: 'answers["TC2.2"].amount' },
    { name: 'bad evidence date', edit: (i) => { i.answers['TC1.2'].evidence = [{ date: '2025-13-01' }]; }, path: 'answers["TC1.2"].evidence[0].date' },
    { name: 'unknown evidence key', edit: (i) => { i.answers['TC1.2'].evidence = [{ url: 'x' }]; }, path: 'answers["TC1.2"].evidence[0].url' },
    { name: 'history level 3', edit: (i) => { i.history = [{ level: 3, decidedOn: '2024-01-01' }]; }, path: 'history[0].level', vi: /phải là 1 hoặc 2/ },
    { name: 'history bad date', edit: (i) => { i.history = [{ level: 1, decidedOn: '2024-04-31' }]; }, path: 'history[0].decidedOn' },
    { name: 'threshold above 100', edit: (i) => { i.thresholds = { 'TC5.1': { 2: 100.5 } }; }, path: 'thresholds["TC5.1"]["2"]', vi: /từ 0 đến 100/ },
    { name: 'negative threshold', edit: (i) => { i.thresholds = { 'TC5.2': { 1: -1 } }; }, path: 'thresholds["TC5.2"]["1"]' },
    { name: 'threshold with two decimals', edit: (i) => { i.thresholds = { 'TC5.3': { 2: 72.55 } }; }, path: 'thresholds["TC5.3"]["2"]', vi: /một chữ số thập phân/ },
    { name: 'threshold for a yes/no indicator', edit: (i) => { i.thresholds = { 'TC1.1': { 1: 50 } }; }, path: 'thresholds["TC1.1"]', vi: /có\/không, không có ngưỡng/ },
    { name: 'threshold for an unknown indicator', edit: (i) => { i.thresholds = { 'TC6.1': { 1: 50 } }; }, path: 'thresholds["TC6.1"]' },
    { name: 'threshold level 3', edit: (i) => { i.thresholds = { 'TC5.1': { 3: 50 } }; }, path: 'thresholds["TC5.1"]["3"]' },
    { name: 'ratio threshold given as minimums', edit: (i) => { i.thresholds = { 'TC5.1': { 2: { households: 1 } } }; }, path: 'thresholds["TC5.1"]["2"]' },
    { name: 'standard threshold given as a percent', edit: (i) => { i.thresholds = { 'TC4.1': { 2: 80 } }; }, path: 'thresholds["TC4.1"]["2"]' },
    { name: 'standard threshold naming another indicator\'s figure', edit: (i) => { i.thresholds = { 'TC4.1': { 2: { literacy: 2 } } }; }, path: 'thresholds["TC4.1"]["2"].literacy' },
    { name: 'standard minimum out of range', edit: (i) => { i.thresholds = { 'TC4.1': { 2: { pcgdPrimary: 4 } } }; }, path: 'thresholds["TC4.1"]["2"].pcgdPrimary' },
  ];
  for (const c of cases) {
    it(`${c.name} → ${c.path}`, () => {
      const problems = problemsOf(c.edit);
      const hit = problems.find((p) => p.path === c.path);
      expect(hit, JSON.stringify(problems)).toBeDefined();
      if (c.vi) expect(hit!.vi).toMatch(c.vi);
      expect(hit!.en.length).toBeGreaterThan(5);
      expect(hit!.vi).not.toBe(hit!.en);
    });
  }

  it('reports every problem at once, not only the first', () => {
    expect(pathsOf((i) => {
      i.year = 1999;
      i.villages[0].households = -1;
      i.villages[2].familiesRecognized = 1000;
      i.figures.literacy = 9;
    })).toEqual(expect.arrayContaining(['year', 'villages[0].households', 'villages[2].familiesRecognized', 'figures.literacy']));
  });

  it('refuses what is not an object', () => {
    for (const bad of [null, [], 'x', 3, [baseInput()]]) {
      const r = validateAssessInput(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.problems[0]!.path).toBe('$');
    }
  });
});

describe('entity schemas', () => {
  it('validateVillageCounts gives field-level problems for forms', () => {
    expect(validateVillageCounts({ households: 100, familiesRegistered: 90, familiesRecognized: 90 })).toEqual([]);
    expect(validateVillageCounts({})).toEqual([]);
    expect(validateVillageCounts({ households: 100, familiesRegistered: 90, familiesRecognized: 95 })).toEqual([{
      path: 'familiesRecognized',
      vi: 'Số hộ được công nhận "Gia đình học tập" (95) không được lớn hơn số hộ đăng ký "Gia đình học tập" (90)',
      en: 'Households recognised as Learning Family (95) must not exceed households registered as Learning Family (90)',
    }]);
    expect(validateVillageCounts({ lineages: 2, lineagesRegistered: 3, citizens: 5, citizensRecognized: 6 }).map((p) => p.path))
      .toEqual(['lineagesRegistered', 'citizensRecognized']);
    expect(validateVillageCounts({ households: 1.5, code: 'T01' }).map((p) => p.path)).toEqual(['households', 'code']);
  });

  it('validateCommuneFigures checks unitsRecognized ≤ units', () => {
    expect(validateCommuneFigures({ units: 3, unitsRecognized: 3 })).toEqual([]);
    expect(validateCommuneFigures({ units: 3, unitsRecognized: 4 })[0]!.path).toBe('unitsRecognized');
  });

  const opCases: { entity: Parameters<typeof validateOpFields>[0]; good: unknown[]; bad: [unknown, string][] }[] = [
    { entity: 'villageCounts', good: [{ households: 12 }, { familiesRecognized: null }, {}], bad: [[{ households: -1 }, 'households'], [{ total: 1 }, 'total'], [{ villageRecognized: 1 }, 'villageRecognized']] },
    { entity: 'communeFigures', good: [{ pcgdPrimary: 3 }, { units: null }], bad: [[{ literacy: 2.5 }, 'literacy'], [{ pcgdLowerSecondary: 4 }, 'pcgdLowerSecondary']] },
    { entity: 'answer', good: [{ met: true }, { met: null, note: 'x' }, { evidence: [{ title: 'KH' }] }, { amount: 1000 }], bad: [[{ met: 'yes' }, 'met'], [{ evidence: [{ date: '2025-02-29' }] }, 'evidence[0].date'], [{ amount: -1 }, 'amount']] },
    { entity: 'commune', good: [{ name: 'Xã Ba Tô' }, { recipient: 'Sở GD&ĐT Quảng Ngãi', dossierDeadline: '02-28', decisionDeadline: '03-31' }], bad: [[{ name: '' }, 'name'], [{ dossierDeadline: '02-30' }, 'dossierDeadline'], [{ submitBy: '02-28' }, 'submitBy'], [{ code: 'x' }, 'code']] },
    { entity: 'village', good: [{ name: 'Thôn Làng Mạ', order: 3 }, { archived: true }], bad: [[{ order: -1 }, 'order'], [{ households: 3 }, 'households']] },
    { entity: 'thresholds', good: [{ 'TC5.1@2': 80 }, { 'TC5.1@2': null }, { 'TC4.1@2': { pcgdPrimary: 2 } }], bad: [[{ 'TC5.1@2': 100.1 }, '["TC5.1@2"]'], [{ 'TC1.1@1': 1 }, '["TC1.1@1"]'], [{ 'TC5.1@3': 70 }, '["TC5.1@3"]']] },
    { entity: 'decision', good: [{ level: 1, decidedOn: '2024-03-20', number: '123/QĐ-UBND' }], bad: [[{ level: 0 }, 'level'], [{ decidedOn: '20/03/2024' }, 'decidedOn']] },
  ];
  for (const c of opCases) {
    it(`op fields of ${c.entity}`, () => {
      for (const g of c.good) expect(validateOpFields(c.entity, g), JSON.stringify(g)).toEqual([]);
      for (const [b, path] of c.bad) expect(validateOpFields(c.entity, b).map((p) => p.path), JSON.stringify(b)).toContain(path);
    });
  }
});

describe('helpers', () => {
  it('isRealDate', () => {
    expect(['2024-02-29', '2025-12-31', '2025-01-01'].every(isRealDate)).toBe(true);
    expect(['2025-02-29', '2025-04-31', '2025-00-10', '2025-1-01', '25-01-01', '', 20250101].some(isRealDate)).toBe(false);
  });

  it('isPercent allows at most one decimal between 0 and 100', () => {
    expect([0, 100, 72.5, 57.3, 0.1, 99.9].every(isPercent)).toBe(true);
    expect([-0.1, 100.1, 72.55, NaN, Infinity, '70'].some(isPercent)).toBe(false);
  });

  it('formatPath quotes keys that are not identifiers', () => {
    expect(formatPath(['villages', 3, 'familiesRecognized'])).toBe('villages[3].familiesRecognized');
    expect(formatPath(['answers', 'TC1.1', 'met'])).toBe('answers["TC1.1"].met');
    expect(formatPath([])).toBe('$');
  });
});

describe('demo commune', () => {
  it('is shaped like a real commune: 12 villages of 40–420 households, two years', () => {
    expect(demoCommune.villages).toHaveLength(12);
    expect(demoCommune.years.map((y) => y.year)).toEqual([2024, 2025]);
    for (const y of demoCommune.years) {
      expect(y.villages.map((v) => v.code).sort()).toEqual(demoCommune.villages.map((v) => v.code).sort());
      for (const v of y.villages) {
        expect(v.households).toBeGreaterThanOrEqual(40);
        expect(v.households).toBeLessThanOrEqual(420);
      }
    }
  });

  it('2025 is close to level 1 with real gaps; 2024 is further', () => {
    const [y2024, y2025] = demoCommune.years.map((y) => assess(y));
    const short = (o: typeof y2025) => o!.levels[0]!.criteria.flatMap((c) => c.indicators).filter((i) => i.status !== 'met').map((i) => i.id);
    expect(y2025!.level).toBe(0);
    expect(short(y2025)).toEqual(['TC5.1', 'TC5.4']);
    expect(short(y2024).length).toBeGreaterThan(2);
  });
});
