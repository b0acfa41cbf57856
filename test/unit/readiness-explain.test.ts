// The words for readiness results: labels, what is missing said in people (or in the standard to
// reach), and the ordered actions to reach a level. Rewritten for issue #11: the gaps are now the
// circular's (citizens recognised, trained, with a degree; TC4 at mức độ 2/3), not households.
import { describe, it, expect } from 'vitest';
import { assess } from '../../src/domain/readiness/assess.ts';
import { requestPlan } from '../../src/domain/readiness/request.ts';
import { tt25_2023 } from '../../src/domain/catalog/tt25-2023.ts';
import type { AssessInput, AssessOutput, IndicatorResult, VillageInput } from '../../src/domain/assess-types.ts';
import { baseInput, level2Input, oneVillage } from './readiness-fixtures.ts';
import { actionsToReach, formatCount, formatDay, formatPercent, formatShare, gapText, indicatorHead, levelLabel, statusLabel, villageDisplayName, requestText } from '../../src/i18n/readiness.ts';

function ind(out: AssessOutput, level: 1 | 2, id: string): IndicatorResult {
  return out.levels[level - 1]!.criteria.flatMap((c) => c.indicators).find((i) => i.id === id)!;
}

function with_(edit: (i: AssessInput) => void, from = baseInput): { input: AssessInput; out: AssessOutput } {
  const input = from();
  edit(input);
  return { input, out: assess(input) };
}

describe('labels and formats', () => {
  it('uses the glossary words', () => {
    expect([statusLabel('met'), statusLabel('unmet'), statusLabel('unknown')]).toEqual(['Đạt', 'Chưa đạt', 'Chưa có dữ liệu']);
    expect([statusLabel('met', 'en'), statusLabel('unmet', 'en'), statusLabel('unknown', 'en')]).toEqual(['Met', 'Not met', 'No data yet']);
    expect([levelLabel(1), levelLabel(2)]).toEqual(['Mức độ 1 (Khá)', 'Mức độ 2 (Tốt)']);
    expect([levelLabel(1, 'en'), levelLabel(2, 'en')]).toEqual(['Level 1 (Good)', 'Level 2 (Very good)']);
  });

  it('formats numbers, percents and dates the vi-VN way', () => {
    expect(formatCount(1234567)).toBe('1.234.567');
    expect(formatCount(1234567, 'en')).toBe('1,234,567');
    expect(formatPercent(72.5)).toBe('72,5 %');
    expect(formatPercent(69.99)).toBe('69,99 %');
    expect(formatPercent(70, 'en')).toBe('70%');
    expect(formatDay('2026-03-20')).toBe('20/03/2026');
  });

  it('never shows a share beside its threshold rounded up into it', () => {
    expect(formatShare({ numerator: 6999, denominator: 10000, percent: 70 }, 70)).toBe('69,99 %');
    expect(formatShare({ numerator: 6996, denominator: 10000, percent: 70 }, 70)).toBe('69,96 %');
    expect(formatShare({ numerator: 7000, denominator: 10000, percent: 70 }, 70)).toBe('70 %');
  });

  it('names villages as "Thôn …" unless the name already says what it is', () => {
    expect(villageDisplayName({ code: 'T01', name: 'Làng Mạ' })).toBe('Thôn Làng Mạ');
    expect(villageDisplayName({ code: 'T01', name: 'Thôn Làng Mạ' })).toBe('Thôn Làng Mạ');
    expect(villageDisplayName({ code: 'T02', name: 'Bản Mới' })).toBe('Bản Mới');
    expect(villageDisplayName({ code: 'T04' })).toBe('Thôn T04');
    expect(villageDisplayName({ code: 'T01', name: 'Làng Mạ' }, 'en')).toBe('Làng Mạ');
  });

  it('heads a step with the criterion and the indicator', () => {
    expect(indicatorHead('TC5.1')).toBe('Tiêu chí 5, chỉ tiêu 1');
    expect(indicatorHead('TC4.2', 'en')).toBe('Criterion 4, indicator 2');
  });
});

describe('gapText: what is missing, said in people or in the standard to reach', () => {
  it('TC5.1 in people recognised, with the share now and the threshold (issue #11, item 6)', () => {
    const { out } = with_((i) => { i.villages = oneVillage({ citizens: 2313, citizensRecognized: 1351 }); });
    expect(gapText(ind(out, 1, 'TC5.1'), tt25_2023)).toBe('cần thêm 37 người đạt danh hiệu "Công dân học tập" (hiện 58,4 %, cần 60 %)');
    expect(gapText(ind(out, 1, 'TC5.1'), tt25_2023, 'en')).toBe('37 more people recognised as "Learning Citizen" needed (now 58.4%, needs 60%)');
    const one = with_((i) => { i.villages = oneVillage({ citizens: 100, citizensRecognized: 59 }); });
    expect(gapText(ind(one.out, 1, 'TC5.1'), tt25_2023, 'en')).toBe('1 more person recognised as "Learning Citizen" needed (now 59%, needs 60%)');
  });

  it('a share just under the threshold reads under it, never rounded up', () => {
    const { out } = with_((i) => { i.villages = oneVillage({ citizens: 10000, citizensRecognized: 5999 }); });
    expect(gapText(ind(out, 1, 'TC5.1'), tt25_2023)).toBe('cần thêm 1 người đạt danh hiệu "Công dân học tập" (hiện 59,99 %, cần 60 %)');
  });

  it('TC5.2 with its two gaps, each in its own people', () => {
    const { out } = with_((i) => { i.villages = oneVillage({ citizens: 1234, citizensRecognized: 1000, trained: 587, university: 142 }); });
    expect(gapText(ind(out, 1, 'TC5.2'), tt25_2023)).toBe(
      'cần thêm 30 người được đào tạo trình độ chuyên môn kỹ thuật (hiện 47,6 %, cần 50 %); cần thêm 7 người có trình độ đại học trở lên (hiện 11,5 %, cần 12 %)',
    );
    const onlyUniversity = with_((i) => { i.villages = oneVillage({ citizens: 1000, citizensRecognized: 1000, trained: 600, university: 100 }); });
    expect(gapText(ind(onlyUniversity.out, 1, 'TC5.2'), tt25_2023)).toBe('cần thêm 20 người có trình độ đại học trở lên (hiện 10 %, cần 12 %)');
  });

  it('TC5.2 says when the difficult-area thresholds are used', () => {
    const { out } = with_((i) => { i.figures!.difficultArea = true; i.villages = oneVillage({ citizens: 1000, citizensRecognized: 1000, trained: 390, university: 100 }); });
    expect(gapText(ind(out, 1, 'TC5.2'), tt25_2023)).toBe('cần thêm 10 người được đào tạo trình độ chuyên môn kỹ thuật (hiện 39 %, cần 40 %) — ngưỡng của xã thuộc vùng khó khăn');
  });

  it('TC4 with the standard to reach', () => {
    const { out } = with_((i) => { i.figures = { ...i.figures, pcgdPrimary: 1, literacy: 0, pcgdPreschool5: false }; });
    expect(gapText(ind(out, 1, 'TC4.2'), tt25_2023)).toBe('cần đạt chuẩn phổ cập giáo dục tiểu học mức độ 2 (hiện mức độ 1)');
    expect(gapText(ind(out, 2, 'TC4.2'), tt25_2023)).toBe('cần đạt chuẩn phổ cập giáo dục tiểu học mức độ 3 (hiện mức độ 1)');
    expect(gapText(ind(out, 1, 'TC4.4'), tt25_2023)).toBe('cần đạt chuẩn xóa mù chữ mức độ 1 (hiện chưa đạt chuẩn)');
    expect(gapText(ind(out, 1, 'TC4.1'), tt25_2023)).toBe('cần đạt chuẩn phổ cập giáo dục mầm non cho trẻ em 5 tuổi (hiện chưa đạt chuẩn)');
    const none = with_((i) => { delete i.figures!.pcgdLowerSecondary; });
    expect(gapText(ind(none.out, 1, 'TC4.3'), tt25_2023)).toBe('chưa có số liệu: mức đạt chuẩn phổ cập giáo dục trung học cơ sở (cần đạt chuẩn phổ cập giáo dục trung học cơ sở mức độ 2)');
  });

  it('names the villages lacking data, the zero denominator, the unanswered and failed indicators', () => {
    const { input, out } = with_((i) => {
      i.villages[1]!.university = null;
      i.villages[3]!.university = null;
      delete i.answers!['TC1.2'];
      i.answers!['TC1.3'] = { met: false };
    });
    expect(gapText(ind(out, 1, 'TC5.2'), tt25_2023, 'vi', { villages: input.villages })).toBe('chưa có số liệu của 2 thôn: Thôn Gò Ra, Bản Mới');
    expect(gapText(ind(out, 1, 'TC1.2'), tt25_2023)).toBe('chưa trả lời');
    expect(gapText(ind(out, 1, 'TC1.3'), tt25_2023)).toBe('xã tự đánh giá là Chưa đạt');
    const zero = with_((i) => { i.villages = []; });
    expect(gapText(ind(zero.out, 1, 'TC5.1'), tt25_2023)).toBe('Số người từ 15 tuổi trở lên bằng 0, chưa tính được tỷ lệ');
    expect(gapText(ind(zero.out, 1, 'TC1.1'), tt25_2023)).toBeNull();
  });
});

describe('actionsToReach', () => {
  /** Three villages short of 60 % "Công dân học tập" by different amounts, the rest of level 1 met. */
  function shortCommune(): AssessInput {
    const input = baseInput();
    input.villages = [
      { code: 'T01', name: 'Làng Mạ', citizens: 1000, citizensRecognized: 500, trained: 600, university: 150 },
      { code: 'T02', name: 'Gò Ra', citizens: 500, citizensRecognized: 320, trained: 300, university: 70 },
      { code: 'T03', name: 'Nước Lầy', citizens: 813, citizensRecognized: 531, trained: 420, university: 100 },
    ];
    return input;
  }

  it('says the people gap of TC5.1, split over the villages furthest below 60 %', () => {
    const input = shortCommune();
    const out = assess(input);
    expect(ind(out, 1, 'TC5.1').gap).toBe(37);
    const [a] = actionsToReach(out, 1, input);
    expect(a!.text).toBe('Tiêu chí 5, chỉ tiêu 1: cần thêm 37 người đạt danh hiệu "Công dân học tập" (hiện 58,4 %, cần 60 %)');
    expect(a!.kind).toBe('close-gap');
    expect(a!.villages).toEqual([{ code: 'T01', name: 'Thôn Làng Mạ', add: 37 }]);
    expect(a!.details).toEqual(['Thôn Làng Mạ: thêm 37 người đạt danh hiệu "Công dân học tập"']);
  });

  it('following the per-village steps closes the gap', () => {
    for (const input of [shortCommune(), with_((i) => { i.villages = i.villages.map((v) => ({ ...v, citizensRecognized: Math.floor((v.citizens as number) * 0.55) })); }).input]) {
      const out = assess(input);
      const step = actionsToReach(out, 1, input).find((a) => a.indicatorId === 'TC5.1')!;
      expect(step.villages.reduce((n, v) => n + v.add, 0)).toBe(ind(out, 1, 'TC5.1').gap);
      const after = structuredClone(input);
      for (const v of step.villages) {
        const village = after.villages.find((x) => x.code === v.code)! as VillageInput;
        village.citizensRecognized = (village.citizensRecognized as number) + v.add;
        expect(village.citizensRecognized).toBeLessThanOrEqual(village.citizens as number);
      }
      expect(ind(assess(after), 1, 'TC5.1').status).toBe('met');
    }
  });

  it('TC5.2: both gaps, each split over the villages, closing both', () => {
    const { input, out } = with_((i) => { i.villages = i.villages.map((v) => ({ ...v, trained: Math.floor((v.citizens as number) * 0.45), university: Math.floor((v.citizens as number) * 0.1) })); });
    const step = actionsToReach(out, 1, input).find((a) => a.indicatorId === 'TC5.2')!;
    expect(step.text).toMatch(/^Tiêu chí 5, chỉ tiêu 2: cần thêm 150 người được đào tạo trình độ chuyên môn kỹ thuật \(hiện 45 %, cần 50 %\); cần thêm 60 người có trình độ đại học trở lên \(hiện 10 %, cần 12 %\)$/);
    const after = structuredClone(input);
    for (const v of step.villages) {
      const village = after.villages.find((x) => x.code === v.code)!;
      village[v.share!] = (village[v.share!] as number) + v.add;
    }
    for (const v of after.villages) if ((v.university as number) > (v.trained as number)) v.trained = v.university;
    expect(ind(assess(after), 1, 'TC5.2').status).toBe('met');
  });

  it('answers and missing data first, then people gaps, standards, failed yes/no', () => {
    const { input, out } = with_((i) => {
      delete i.answers!['TC3.2'];
      i.answers!['TC2.3'] = { met: false, note: 'Chưa ký quy chế phối hợp' };
      i.figures!.literacy = 0;
      i.villages[2]!.citizensRecognized = null;
      i.villages = i.villages.map((v) => ({ ...v, university: Math.floor((v.citizens as number) * 0.1) }));
    });
    const actions = actionsToReach(out, 1, input);
    expect(actions.map((a) => [a.indicatorId, a.kind])).toEqual([
      ['TC3.2', 'answer'],
      ['TC5.1', 'enter-data'],
      ['TC5.2', 'close-gap'],
      ['TC4.4', 'raise-standard'],
      ['TC2.3', 'meet-yes-no'],
    ]);
    expect(actions[1]!.details).toEqual(['Thôn Nước Lầy: Số người đạt danh hiệu "Công dân học tập"']);
    expect(actions[3]!.text).toBe('Tiêu chí 4, chỉ tiêu 4: cần đạt chuẩn xóa mù chữ mức độ 1 (hiện chưa đạt chuẩn)');
    expect(actions[4]!.details).toEqual(['Chưa ký quy chế phối hợp']);
  });

  it('for level 2: the stricter standards and shares, then the 12-month wait', () => {
    const { input, out } = with_((i) => { i.asOf = '2026-02-20'; i.history = [{ level: 1, decidedOn: '2025-03-20' }]; }, level2Input);
    const wait = actionsToReach(out, 2, input);
    expect(wait.map((a) => a.kind)).toEqual(['wait']);
    expect(wait[0]!.text).toBe('Chờ đến ngày 20/03/2026 mới đề nghị công nhận mức độ 2 (đủ 12 tháng sau quyết định công nhận mức độ 1)');
    const base = with_(() => undefined);
    const steps = actionsToReach(base.out, 2, base.input);
    expect(steps.map((a) => a.indicatorId)).toEqual(['TC5.2', 'TC5.1', 'TC4.2', 'TC4.3', 'TC4.4']);
    expect(steps.find((a) => a.indicatorId === 'TC4.2')!.text).toBe('Tiêu chí 4, chỉ tiêu 2: cần đạt chuẩn phổ cập giáo dục tiểu học mức độ 3 (hiện mức độ 2)');
  });

  it('an indicator short at both levels keeps the level-2 step when aiming at level 2', () => {
    const { input, out } = with_((i) => { i.villages = oneVillage({ citizens: 1000, citizensRecognized: 500 }); });
    const [a] = actionsToReach(out, 2, input).filter((x) => x.indicatorId === 'TC5.1');
    expect(a!.text).toContain('cần thêm 300 người');
    expect(actionsToReach(out, 1, input).find((x) => x.indicatorId === 'TC5.1')!.text).toContain('cần thêm 100 người');
  });

  it('nothing to do at a level already met', () => {
    const { input, out } = with_(() => undefined);
    expect(actionsToReach(out, 1, input)).toEqual([]);
  });
});

describe('requestText', () => {
  it('says what to send, or why nothing', () => {
    const say = (edit: (i: AssessInput) => void, from = baseInput) => {
      const { input, out } = with_(edit, from);
      return requestText(requestPlan(out, input));
    };
    expect(say(() => undefined)).toBe('Đề nghị công nhận Mức độ 1 (Khá).');
    expect(say((i) => { i.history = [{ level: 1, decidedOn: '2024-03-20' }]; })).toBe(
      'Xã đang giữ danh hiệu Mức độ 1 (Khá) (quyết định ngày 20/03/2024, còn hiệu lực đến 31/12/2027): năm nay không cần đề nghị công nhận.',
    );
    expect(say((i) => { i.history = [{ level: 1, decidedOn: '2024-03-20' }]; }, level2Input)).toBe('Đề nghị công nhận Mức độ 2 (Tốt) (xã đang giữ Mức độ 1 (Khá) đến 31/12/2027).');
    expect(say((i) => { i.history = [{ level: 1, decidedOn: '2022-04-01' }]; })).toBe('Đề nghị công nhận lại Mức độ 1 (Khá): danh hiệu Mức độ 1 (Khá) hết hiệu lực ngày 31/12/2025.');
    expect(say((i) => { i.history = [{ level: 1, decidedOn: '2023-03-20' }]; })).toBe(
      'Đề nghị công nhận lại Mức độ 1 (Khá): danh hiệu Mức độ 1 (Khá) chỉ còn hiệu lực đến 31/12/2026 (năm cuối được bảo lưu).',
    );
    expect(say((i) => { i.answers!['TC1.1'] = { met: false }; })).toBe('Xã chưa đạt mức độ nào: chưa đủ điều kiện đề nghị công nhận.');
  });
});
