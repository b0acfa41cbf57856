// The Mức độ screen at 360×740 on the demo commune (issue #11): every indicator of both levels in
// the circular's words — TC4.1–TC4.4 with the standard to reach, TC5.2 with both of its gaps —,
// what the commune should send, and the programme targets shown as information only. The
// expected words are the engine's for the demo data, never written here.
import { expect, test } from '@playwright/test';
import { demoCommune } from '../../src/domain/demo-commune.ts';
import { indicatorText, indicatorsOf, tt25_2023 } from '../../src/domain/catalog/index.ts';
import { assess, requestPlan } from '../../src/domain/readiness/index.ts';
import { currentYear, expectReadiness, openDemoUnderServiceWorker } from './helpers/app.ts';
import { fmtDate } from '../../src/ui/i18n/index.ts';
import { indicatorName, actionsToReach, gapText, levelLabel, requestText } from '../../src/i18n/readiness.ts';

test('Mức độ shows TC4.1–TC4.4 and TC5.2 with both gaps, what to send, and the programme targets apart', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Dữ liệu mẫu' }).click();
  await expect(page.getByRole('navigation', { name: 'Điều hướng chính' })).toBeVisible();
  const year = await currentYear(page);
  const input = structuredClone(demoCommune.years.find((y) => y.year === year)!);
  // The screen judges on the dossier deadline (28/02 by default), as every screen does.
  input.asOf = `${year + 1}-02-28`;
  const out = assess(input);
  await expectReadiness(page, out);

  for (const level of [1, 2] as const) {
    for (const ind of indicatorsOf(tt25_2023)) {
      const line = page.getByTestId(`ind-${level}-${ind.id}`);
      await expect(line).toContainText(indicatorName(ind.id));
      await expect(line).toContainText(indicatorText(ind, level).vi);
    }
  }
  // TC4 at level 2: the standard to reach, with the commune's own level.
  const tc42 = out.levels[1]!.criteria[3]!.indicators[1]!;
  expect(tc42.status).toBe('unmet');
  await expect(page.getByTestId('ind-2-TC4.2').getByTestId('gap-line')).toHaveText(`Còn thiếu: ${gapText(tc42, tt25_2023)}`);
  await expect(page.getByTestId('ind-2-TC4.2').getByTestId('threshold-line')).toHaveText('Ngưỡng: đạt chuẩn mức độ 3 trở lên');
  // TC5.2 at level 2: both shares short, both gaps said in people.
  const tc52 = out.levels[1]!.criteria[4]!.indicators[1]!;
  expect(tc52.gap).toMatchObject({ trained: expect.any(Number), university: expect.any(Number) });
  const gap = tc52.gap as { trained: number; university: number };
  expect(gap.trained).toBeGreaterThan(0);
  expect(gap.university).toBeGreaterThan(0);
  const tc52Gap = page.getByTestId('ind-2-TC5.2').getByTestId('gap-line');
  await expect(tc52Gap).toContainText(`cần thêm ${new Intl.NumberFormat('vi-VN').format(gap.trained)} người được đào tạo trình độ chuyên môn kỹ thuật`);
  await expect(tc52Gap).toContainText(`cần thêm ${new Intl.NumberFormat('vi-VN').format(gap.university)} người có trình độ đại học trở lên`);
  await expect(page.getByTestId('ind-2-TC5.2').getByTestId('threshold-line')).toHaveText('Ngưỡng: được đào tạo từ 60 %; trong đó đại học trở lên từ 15 %');

  // The step that matters first: one village short of "Công dân học tập".
  const [first] = actionsToReach(out, 1, input);
  expect(first!.indicatorId).toBe('TC5.1');
  await expect(page.locator('ol.gaps > li').first()).toContainText(first!.text);
  await expect(page.locator('ol.gaps > li').first()).toContainText(first!.details[0]!);

  await expect(page.getByTestId('request-plan')).toHaveText(requestText(requestPlan(out, input)));
  await expect(page.getByTestId('held')).toHaveText('Không có danh hiệu còn hiệu lực');
  const programmes = page.getByTestId('programmes');
  await expect(programmes).toContainText('không tính vào mức độ');
  await expect(programmes.locator('[data-programme="families"]')).toContainText('mục tiêu 70 %');
  await expect(page.locator('main')).not.toContainText(/tạm tính|cấu hình|Mức [123]\b/);
});

test('a recognition decision typed by mistake is removed offline, after a confirm, and stops counting', async ({ page }) => {
  await openDemoUnderServiceWorker(page);
  const year = await currentYear(page);
  const input = structuredClone(demoCommune.years.find((y) => y.year === year)!);
  input.asOf = `${year + 1}-02-28`;
  const decidedOn = `${year}-03-20`;
  const typed = assess({ ...input, history: [...(input.history ?? []), { level: 1, decidedOn }] });
  expect(typed.held).not.toBeNull(); // the engine holds the title the typo gives, so the screen must too

  await page.goto('/#/muc-do');
  await page.context().setOffline(true);
  await page.getByLabel('Mức độ', { exact: true }).selectOption('1');
  await page.getByLabel('Ngày quyết định').fill(decidedOn);
  await page.getByRole('button', { name: 'Thêm quyết định' }).click();
  await expect(page.getByTestId('decision-typed')).toHaveCount(1);
  await expect(page.getByTestId('held')).toContainText(fmtDate(typed.held!.validUntil));
  await expectReadiness(page, typed);

  const what = `${levelLabel(1, 'vi')} ngày ${fmtDate(decidedOn)}`;
  const remove = page.getByRole('button', { name: `Bỏ quyết định ${what}` });
  // "Không" on the question keeps it.
  page.once('dialog', (d) => {
    expect(d.message()).toBe(`Bỏ quyết định ${what}? Quyết định này sẽ không còn được tính khi xét mức độ; có thể nhập lại nếu cần.`);
    void d.dismiss();
  });
  await remove.click();
  await expect(page.getByTestId('decision-typed')).toHaveCount(1);
  page.once('dialog', (d) => void d.accept());
  await remove.click();
  await expect(page.getByTestId('decision-typed')).toHaveCount(0);
  await expect(page.getByTestId('held')).toHaveText('Không có danh hiệu còn hiệu lực');
  await expectReadiness(page, assess(input));
  // Kept after a reload: the removal is saved on the phone, waiting to be sent.
  await page.reload();
  await expect(page.getByTestId('held')).toHaveText('Không có danh hiệu còn hiệu lực');
  await expect(page.getByTestId('decision-typed')).toHaveCount(0);
  await page.context().setOffline(false);
});
