// The words for readiness results: labels, gap sentences and the ordered actions to reach a level.
import { describe, it, expect } from 'vitest';
import { assess } from '../../src/domain/readiness/assess.ts';
import {
  actionsToReach, gapText, statusLabel, levelLabel, villageDisplayName, formatCount, formatPercent, formatDay,
} from '../../src/domain/readiness/explain.ts';
import { tt25_2023 } from '../../src/domain/catalog/tt25-2023.ts';
import { demoCommune } from '../../src/domain/demo-commune.ts';
import type { AssessInput, AssessOutput, IndicatorResult } from '../../src/domain/assess-types.ts';
import { baseInput, LEVEL2_THRESHOLDS } from './readiness-fixtures.ts';

function ind(out: AssessOutput, level: 1 | 2, id: string): IndicatorResult {
  return out.levels[level - 1]!.criteria.flatMap((c) => c.indicators).find((i) => i.id === id)!;
}

function with_(edit: (i: AssessInput) => void): { input: AssessInput; out: AssessOutput } {
  const input = baseInput();
  edit(input);
  return { input, out: assess(input) };
}

describe('labels', () => {
  it('uses the glossary words', () => {
    expect([statusLabel('met'), statusLabel('unmet'), statusLabel('unknown')]).toEqual(['Đạt', 'Chưa đạt', 'Chưa có dữ liệu']);
    expect([statusLabel('met', 'en'), statusLabel('unmet', 'en'), statusLabel('unknown', 'en')]).toEqual(['Met', 'Not met', 'No data yet']);
    expect([levelLabel(1), levelLabel(2)]).toEqual(['Mức độ 1 (Khá)', 'Mức độ 2 (Tốt)']);
    expect([levelLabel(1, 'en'), levelLabel(2, 'en')]).toEqual(['Level 1 (Good)', 'Level 2 (Very good)']);
  });

  it('formats numbers and dates the vi-VN way', () => {
    expect(formatCount(1234567)).toBe('1.234.567');
    expect(formatCount(1234567, 'en')).toBe('1,234,567');
    expect(formatPercent(72.5)).toBe('72,5%');
    expect(formatPercent(70, 'en')).toBe('70%');
    expect(formatDay('2026-03-20')).toBe('20/03/2026');
  });

  it('names villages as "Thôn …" unless the name already says what it is', () => {
    expect(villageDisplayName({ code: 'T01', name: 'Làng Mạ' })).toBe('Thôn Làng Mạ');
    expect(villageDisplayName({ code: 'T01', name: 'Thôn Làng Mạ' })).toBe('Thôn Làng Mạ');
    expect(villageDisplayName({ code: 'T02', name: 'Bản Mới' })).toBe('Bản Mới');
    expect(villageDisplayName({ code: 'T03', name: 'Tổ dân phố 5' })).toBe('Tổ dân phố 5');
    expect(villageDisplayName({ code: 'T04' })).toBe('Thôn T04');
    expect(villageDisplayName({ code: 'T01', name: 'Làng Mạ' }, 'en')).toBe('Làng Mạ');
  });
});

describe('gapText', () => {
  it('says how many more are needed, in the catalog\'s words', () => {
    const { out } = with_((i) => { i.villages[0]!.familiesRecognized = 297; }); // 777/1000 → still met
    expect(gapText(ind(out, 1, 'TC5.1'), tt25_2023)).toBeNull();
    const short = with_((i) => { i.villages[0]!.familiesRecognized = 197; }); // 677/1000 → 23 short
    expect(gapText(ind(short.out, 1, 'TC5.1'), tt25_2023)).toBe('cần thêm 23 hộ được công nhận "Gia đình học tập"');
    expect(gapText(ind(short.out, 1, 'TC5.1'), tt25_2023, 'en')).toBe('23 more households recognised as "Learning Family" needed');
    const one = with_((i) => { i.villages[0]!.familiesRecognized = 219; });
    expect(gapText(ind(one.out, 1, 'TC5.1'), tt25_2023, 'en')).toBe('1 more household recognised as "Learning Family" needed');
  });

  it('names the villages lacking data, the unset threshold, the unanswered and failed indicators', () => {
    const { input, out } = with_((i) => {
      i.villages[1]!.lineagesRecognized = null;
      i.answers!['TC1.3'] = { met: null };
      i.answers!['TC2.3'] = { met: false };
    });
    expect(gapText(ind(out, 1, 'TC5.2'), tt25_2023, 'vi', { villages: input.villages })).toBe('chưa có số liệu của 1 thôn: Thôn Gò Ra');
    expect(gapText(ind(out, 2, 'TC5.4'), tt25_2023, 'vi', { level: 2 })).toBe('ngưỡng mức độ 2 chưa được cấu hình');
    expect(gapText(ind(out, 1, 'TC1.3'), tt25_2023)).toBe('chưa trả lời');
    expect(gapText(ind(out, 1, 'TC2.3'), tt25_2023)).toBe('xã tự đánh giá là Chưa đạt');
  });

  it('says which standard falls short', () => {
    const { out } = with_((i) => { i.figures = { ...i.figures, pcgdPrimary: 0, pcgdPreschool5: false, literacy: null }; });
    expect(gapText(ind(out, 1, 'TC4.1'), tt25_2023)).toBe(
      'Phổ cập giáo dục mầm non cho trẻ em 5 tuổi: chưa đạt; Mức đạt chuẩn phổ cập giáo dục tiểu học: mức 0, cần từ mức 1 trở lên');
    expect(gapText(ind(out, 1, 'TC4.2'), tt25_2023)).toBe('chưa có số liệu: Mức đạt chuẩn xóa mù chữ');
  });

  it('explains a zero denominator', () => {
    const { out } = with_((i) => { i.figures = { ...i.figures, units: 0, unitsRecognized: 0 }; });
    expect(gapText(ind(out, 1, 'TC5.4'), tt25_2023)).toMatch(/^Tổng số đơn vị .* bằng 0/);
  });
});

describe('actionsToReach', () => {
  it('demo 2025: the smaller relative gap first, split over the villages furthest below 70 %', () => {
    const input = demoCommune.years[1]!;
    const actions = actionsToReach(assess(input), 1, input);
    expect(actions.map((a) => [a.kind, a.indicatorId])).toEqual([['close-gap', 'TC5.1'], ['close-gap', 'TC5.4']]);
    const tc51 = actions[0]!;
    expect(tc51.text).toBe('TC5.1: cần thêm 22 hộ được công nhận "Gia đình học tập" (hiện 69,2%, cần 70%)');
    expect(tc51.villages.reduce((s, v) => s + v.add, 0)).toBe(22);
    // Nước Đang (84/133 = 63 %) is furthest below, then Hồng Hà (194/298 = 65 %).
    expect(tc51.details).toEqual(['Thôn Nước Đang: thêm 10 hộ', 'Thôn Hồng Hà: thêm 12 hộ']);
  });

  it('following the per-village steps closes the gap', () => {
    for (const input of demoCommune.years) {
      const actions = actionsToReach(assess(input), 1, input);
      const after: AssessInput = structuredClone(input);
      for (const a of actions.filter((x) => x.kind === 'close-gap' && x.indicatorId === 'TC5.1')) {
        for (const step of a.villages) {
          const v = after.villages.find((x) => x.code === step.code)!;
          v.familiesRecognized! += step.add;
          v.familiesRegistered = Math.max(v.familiesRegistered!, v.familiesRecognized!);
          expect(v.familiesRecognized!).toBeLessThanOrEqual(v.households!);
        }
      }
      expect(ind(assess(after), 1, 'TC5.1').status).toBe('met');
    }
  });

  it('puts unanswered indicators and missing data before gaps, failed yes/no after', () => {
    const { input, out } = with_((i) => {
      i.answers!['TC3.2'] = { met: null };
      i.answers!['TC1.1'] = { met: false, note: 'Chưa có kế hoạch' };
      i.villages[2]!.households = null;
      i.figures = { ...i.figures, unitsRecognized: 7 };
    });
    const actions = actionsToReach(out, 1, input);
    expect(actions.map((a) => `${a.kind}:${a.indicatorId}`)).toEqual([
      'answer:TC3.2', 'enter-data:TC5.1', 'close-gap:TC5.4', 'meet-yes-no:TC1.1',
    ]);
    expect(actions[1]!.details).toEqual(['Thôn Nước Lầy: Tổng số hộ gia đình']);
    expect(actions[3]!.details).toEqual(['Chưa có kế hoạch']);
  });

  it('for level 2: unset thresholds, then the 12-month wait', () => {
    const { input, out } = with_((i) => {
      i.thresholds = { ...LEVEL2_THRESHOLDS };
      i.figures = { ...i.figures, pcgdPrimary: 2, pcgdLowerSecondary: 2, literacy: 2 };
      i.history = [{ level: 1, decidedOn: '2025-03-20' }];
      i.asOf = '2026-02-20';
    });
    expect(out.level).toBe(2);
    expect(actionsToReach(out, 2, input).map((a) => a.text)).toEqual([
      'Chờ đến ngày 20/03/2026 mới đề nghị công nhận mức độ 2 (đủ 12 tháng sau quyết định công nhận mức độ 1)',
    ]);
    const unset = with_(() => {});
    const kinds = actionsToReach(unset.out, 2, unset.input).map((a) => `${a.kind}:${a.indicatorId}`);
    expect(kinds).toEqual(['TC4.1', 'TC4.2', 'TC5.1', 'TC5.2', 'TC5.3', 'TC5.4'].map((id) => `set-threshold:${id}`));
  });

  it('an indicator short at both levels keeps the larger step', () => {
    const { input, out } = with_((i) => {
      i.thresholds = { 'TC5.1': { 2: 90 } };
      i.villages[0]!.familiesRecognized = 200; // 680/1000: 20 short of 70 %, 220 short of 90 %
    });
    const gaps = actionsToReach(out, 2, input).filter((a) => a.kind === 'close-gap');
    expect(gaps).toHaveLength(1);
    expect(gaps[0]!.text).toMatch(/cần thêm 220 hộ/);
    expect(actionsToReach(out, 1, input).find((a) => a.kind === 'close-gap')!.text).toMatch(/cần thêm 20 hộ/);
  });

  it('nothing to do at a level already met', () => {
    const { input, out } = with_(() => {});
    expect(actionsToReach(out, 1, input)).toEqual([]);
  });
});
