// The valibot schemas: readiness input refused as a whole with paths and vi/en messages; entity and
// one-edit field schemas; field-level problems for forms. Updated for issue #11: the year starts in
// 2024, asOf is after the year, no decision after asOf, no `thresholds` (nor its entity), TC5.2's
// `trained ≤ citizens`, `university ≤ trained`, `difficultArea`, evidence with its issuer.
import { describe, it, expect } from 'vitest';
import { validateAssessInput } from '../../src/domain/readiness/validate.ts';
import {
  validateVillageCounts, validateCommuneFigures, validateOpFields,
} from '../../src/domain/schemas/entities.ts';
import { isRealDate } from '../../src/domain/schemas/dates.ts';
import { formatPath } from '../../src/domain/schemas/problems.ts';
import { demoCommune } from '../../src/domain/demo-commune.ts';
import { assess } from '../../src/domain/readiness/assess.ts';
import { baseInput } from './readiness-fixtures.ts';
import { bothWords } from '../../src/i18n/refusals.ts';

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

  it('accepts nulls for counts and figures, 29 February of a leap year, TC2 amounts, evidence with its issuer', () => {
    const r = validateAssessInput({
      ...baseInput(),
      year: 2027,
      asOf: '2028-02-29',
      villages: [{ code: 'T01', households: null, familiesRecognized: 3, villageRecognized: null, citizens: 10, trained: null, university: 10 }],
      figures: { units: null, literacy: 0, difficultArea: null },
      answers: { 'TC2.1': { met: true, amount: 25_000_000, evidence: [{ number: '1/QĐ', date: '2025-01-02', issuer: 'UBND xã', title: 'Dự toán' }] }, 'TC2.2': { met: null, amount: 0, note: null } },
      history: [{ level: 1, decidedOn: '2024-03-20' }, { level: 2, decidedOn: '2028-02-29' }],
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
    { name: 'citizens recognised > citizens', edit: (i) => { i.villages[1].citizensRecognized = 901; }, path: 'villages[1].citizensRecognized', vi: /Số người đạt danh hiệu "Công dân học tập" \(901\) không được lớn hơn số người từ 15 tuổi trở lên \(900\)/ },
    { name: 'trained > citizens', edit: (i) => { i.villages[1].trained = 901; i.villages[1].university = 0; }, path: 'villages[1].trained', vi: /Số người được đào tạo trình độ chuyên môn kỹ thuật \(901\) không được lớn hơn số người từ 15 tuổi trở lên \(900\)/ },
    { name: 'university > trained', edit: (i) => { i.villages[2].university = 341; }, path: 'villages[2].university', vi: /Số người có trình độ đại học trở lên \(341\) không được lớn hơn số người được đào tạo trình độ chuyên môn kỹ thuật \(340\)/ },
    { name: 'university > citizens with trained absent', edit: (i) => { i.villages[2].trained = null; i.villages[2].university = 601; }, path: 'villages[2].university', vi: /số người từ 15 tuổi trở lên \(600\)/ },
    { name: 'fractional trained', edit: (i) => { i.villages[0].trained = 10.5; }, path: 'villages[0].trained', vi: /phải là số nguyên/ },
    { name: 'difficultArea as text', edit: (i) => { i.figures.difficultArea = 'không'; }, path: 'figures.difficultArea', vi: /Xã thuộc vùng khó khăn phải là có hoặc không/ },
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
    { name: 'year before 2024', edit: (i) => { i.year = 2023; }, path: 'year', vi: /từ 2024 trở đi/ },
    { name: 'asOf inside the year', edit: (i) => { i.asOf = '2025-06-30'; }, path: 'asOf', vi: /phải sau năm đánh giá 2025: từ ngày 01\/01\/2026/ },
    { name: 'asOf on 31 December of the year', edit: (i) => { i.asOf = '2025-12-31'; }, path: 'asOf' },
    { name: 'asOf before the year', edit: (i) => { i.asOf = '2024-03-01'; }, path: 'asOf' },
    { name: 'a decision after asOf', edit: (i) => { i.asOf = '2026-01-15'; i.history = [{ level: 1, decidedOn: '2024-01-01' }, { level: 2, decidedOn: '2026-01-16' }]; }, path: 'history[1].decidedOn', vi: /\(2026-01-16\) sau ngày gửi hồ sơ \(2026-01-15\)/ },
    { name: 'a decision after the default asOf', edit: (i) => { i.history = [{ level: 1, decidedOn: '2026-03-01' }]; }, path: 'history[0].decidedOn', vi: /2026-02-28/ },
    { name: 'a thresholds key, even empty', edit: (i) => { i.thresholds = {}; }, path: 'thresholds', vi: /các ngưỡng là của Thông tư 25\/2023\/TT-BGDĐT/ },
    { name: 'a thresholds key with a province value', edit: (i) => { i.thresholds = { 'TC5.1': { 1: 70 } }; }, path: 'thresholds' },
    { name: 'fractional year', edit: (i) => { i.year = 2025.5; }, path: 'year' },
    { name: 'year as text', edit: (i) => { i.year = '2025'; }, path: 'year' },
    { name: 'unknown catalog', edit: (i) => { i.catalog = 'tt25-2099'; }, path: 'catalog', vi: /tt25-2023/ },
    { name: 'missing commune', edit: (i) => { delete i.commune; }, path: 'commune', vi: /Thiếu xã/ },
    { name: 'empty commune name', edit: (i) => { i.commune.name = ''; }, path: 'commune.name', vi: /Tên xã không được để trống/ },
    { name: 'unknown indicator answered', edit: (i) => { i.answers['TC9.9'] = { met: true }; }, path: 'answers["TC9.9"]', vi: /Không có chỉ tiêu "TC9.9"/ },
    { name: 'answer to a ratio indicator', edit: (i) => { i.answers['TC5.1'] = { met: true }; }, path: 'answers["TC5.1"]', vi: /không phải dạng có\/không/ },
    { name: 'answer to TC5.2', edit: (i) => { i.answers['TC5.2'] = { met: true }; }, path: 'answers["TC5.2"]', vi: /không phải dạng có\/không/ },
    { name: 'answer to a standard indicator', edit: (i) => { i.answers['TC4.4'] = { met: false }; }, path: 'answers["TC4.4"]', vi: /không phải dạng có\/không/ },
    { name: 'an indicator the old reference had', edit: (i) => { i.answers['TC5.4'] = { met: true }; }, path: 'answers["TC5.4"]', vi: /Không có chỉ tiêu "TC5.4"/ },
    { name: 'evidence with a note (not part of the input)', edit: (i) => { i.answers['TC1.2'].evidence = [{ title: 'KH', note: 'x' }]; }, path: 'answers["TC1.2"].evidence[0].note' },
    { name: 'met as text', edit: (i) => { i.answers['TC1.1'].met = 'yes'; }, path: 'answers["TC1.1"].met' },
    { name: 'answer without met', edit: (i) => { i.answers['TC1.1'] = { note: 'x' }; }, path: 'answers["TC1.1"].met' },
    { name: 'amount on an indicator without one', edit: (i) => { i.answers['TC1.1'].amount = 5; }, path: 'answers["TC1.1"].amount', vi: /không có kinh phí/ },
    { name: 'negative amount', edit: (i) => { i.answers['TC2.1'].amount = -5; }, path: 'answers["TC2.1"].amount' },
    { name: 'fractional amount', edit: (i) => { i.answers['TC2.2'].amount = 1.5; }, path: 'answers["TC2.2"].amount' },
    { name: 'bad evidence date', edit: (i) => { i.answers['TC1.2'].evidence = [{ date: '2025-13-01' }]; }, path: 'answers["TC1.2"].evidence[0].date' },
    { name: 'unknown evidence key', edit: (i) => { i.answers['TC1.2'].evidence = [{ url: 'x' }]; }, path: 'answers["TC1.2"].evidence[0].url' },
    { name: 'history level 3', edit: (i) => { i.history = [{ level: 3, decidedOn: '2024-01-01' }]; }, path: 'history[0].level', vi: /phải là 1 hoặc 2/ },
    { name: 'history bad date', edit: (i) => { i.history = [{ level: 1, decidedOn: '2024-04-31' }]; }, path: 'history[0].decidedOn' },
  ];
  for (const c of cases) {
    it(`${c.name} → ${c.path}`, () => {
      const problems = problemsOf(c.edit);
      const hit = problems.find((p) => p.path === c.path);
      expect(hit, JSON.stringify(problems)).toBeDefined();
      const { vi, en } = bothWords(hit!);
      if (c.vi) expect(vi).toMatch(c.vi);
      expect(en.length).toBeGreaterThan(5);
      expect(vi).not.toBe(en);
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
    expect(validateVillageCounts({ households: 100, familiesRegistered: 90, familiesRecognized: 95 }).map((p) => ({ path: p.path, ...bothWords(p) }))).toEqual([{
      path: 'familiesRecognized',
      vi: 'Số hộ được công nhận "Gia đình học tập" (95) không được lớn hơn số hộ đăng ký "Gia đình học tập" (90)',
      en: 'Households recognised as Learning Family (95) must not exceed households registered as Learning Family (90)',
    }]);
    expect(validateVillageCounts({ lineages: 2, lineagesRegistered: 3, citizens: 5, citizensRecognized: 6 }).map((p) => p.path))
      .toEqual(['lineagesRegistered', 'citizensRecognized']);
    expect(validateVillageCounts({ citizens: 10, trained: 11, university: 12 }).map((p) => p.path)).toEqual(['trained', 'university']);
    expect(validateVillageCounts({ citizens: 10, trained: 8, university: 8 })).toEqual([]);
    expect(validateVillageCounts({ households: 1.5, code: 'T01' }).map((p) => p.path)).toEqual(['households', 'code']);
  });

  it('validateCommuneFigures checks unitsRecognized ≤ units', () => {
    expect(validateCommuneFigures({ units: 3, unitsRecognized: 3 })).toEqual([]);
    expect(validateCommuneFigures({ units: 3, unitsRecognized: 4 })[0]!.path).toBe('unitsRecognized');
  });

  const opCases: { entity: Parameters<typeof validateOpFields>[0]; good: unknown[]; bad: [unknown, string][] }[] = [
    { entity: 'villageCounts', good: [{ households: 12 }, { familiesRecognized: null }, {}, { trained: 5, university: null }], bad: [[{ households: -1 }, 'households'], [{ total: 1 }, 'total'], [{ villageRecognized: 1 }, 'villageRecognized'], [{ university: '3' }, 'university']] },
    { entity: 'communeFigures', good: [{ pcgdPrimary: 3 }, { units: null }, { difficultArea: true }, { difficultArea: null }], bad: [[{ literacy: 2.5 }, 'literacy'], [{ pcgdLowerSecondary: 4 }, 'pcgdLowerSecondary'], [{ difficultArea: 1 }, 'difficultArea']] },
    // Stored evidence keeps the note older releases allowed, so no queued op of theirs is refused.
    { entity: 'answer', good: [{ met: true }, { met: null, note: 'x' }, { evidence: [{ title: 'KH' }] }, { evidence: [{ number: '1/KH', issuer: 'UBND xã', note: 'x' }] }, { amount: 1000 }], bad: [[{ met: 'yes' }, 'met'], [{ evidence: [{ date: '2025-02-29' }] }, 'evidence[0].date'], [{ amount: -1 }, 'amount']] },
    { entity: 'commune', good: [{ name: 'Xã Ba Tô' }, { recipient: 'Sở GD&ĐT Quảng Ngãi', dossierDeadline: '02-28', decisionDeadline: '03-31' }], bad: [[{ name: '' }, 'name'], [{ dossierDeadline: '02-30' }, 'dossierDeadline'], [{ submitBy: '02-28' }, 'submitBy'], [{ mergedInto: 'x' }, 'mergedInto'], [{ code: 'mã xã' }, 'code']] },
    { entity: 'village', good: [{ name: 'Thôn Làng Mạ', order: 3 }, { archived: true }], bad: [[{ order: -1 }, 'order'], [{ households: 3 }, 'households'], [{ code: '' }, 'code'], [{ inCommune: null }, 'inCommune']] },
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

  it('2025 is one village short of level 1 ("Công dân học tập"); 2024 is further', () => {
    const [y2024, y2025] = demoCommune.years.map((y) => assess(y));
    const short = (o: typeof y2025) => o!.levels[0]!.criteria.flatMap((c) => c.indicators).filter((i) => i.status !== 'met');
    expect(y2025!.level).toBe(0);
    expect(short(y2025).map((i) => [i.id, i.status, i.gap])).toEqual([['TC5.1', 'unmet', 31]]);
    const input = demoCommune.years[1]!;
    const below = input.villages.filter((v) => (v.citizensRecognized as number) * 100 < (v.citizens as number) * 60);
    expect(below.map((v) => v.name)).toEqual(['Thôn Làng Rêu']);
    expect(short(y2024).length).toBeGreaterThan(2);
  });
});
