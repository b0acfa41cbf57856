// The criteria form keeps everything an answer carries (Đạt / Chưa đạt, note, amount, evidence
// entries added and removed); the province's thresholds feed the engine, so the readiness shown is
// the engine's for the commune's data plus those thresholds; storage persistence is asked after
// the first real save, not at load.
import { expect, test } from '@playwright/test';
import { demoCommune } from '../../src/domain/demo-commune.ts';
import type { ThresholdOverrides } from '../../src/domain/assess-types.ts';
import { assess } from '../../src/domain/readiness/index.ts';
import { COMMUNE_FIGURE_LABELS } from '../../src/domain/schemas/labels.ts';
import { currentYear, expectReadiness, expectSave, readStore, setUpCommune } from './helpers/app.ts';

async function openDemo(page: import('@playwright/test').Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Dữ liệu mẫu' }).click();
  await expect(page.getByRole('navigation', { name: 'Điều hướng chính' })).toBeVisible();
}

test('an answer keeps its note, amount and evidence entries', async ({ page }) => {
  await openDemo(page);
  const year = await currentYear(page);
  await page.goto('/#/tieu-chi');
  const tc11 = page.getByRole('article', { name: /^TC1\.1 / });
  const tc21 = page.getByRole('article', { name: /^TC2\.1 / });
  await expect(page.getByRole('article', { name: /^TC3\.1 / }).getByText('tạm tính')).toBeVisible();
  await expect(tc11.getByText('tạm tính')).toHaveCount(0);

  await expectSave(page, () => tc11.getByRole('radio', { name: 'Chưa đạt', exact: true }).check());
  await tc11.locator('summary').click();
  await expectSave(page, () => tc11.getByLabel('Ghi chú').fill('Chưa họp dân ở 2 thôn'));
  await tc11.getByRole('button', { name: 'Thêm minh chứng' }).click();
  await tc11.getByRole('button', { name: 'Thêm minh chứng' }).click();
  const first = tc11.locator('.evidence-item').nth(0);
  const second = tc11.locator('.evidence-item').nth(1);
  await expectSave(page, () => first.getByLabel('Số văn bản').fill('01/TB-UBND'));
  await expectSave(page, () => second.getByLabel('Số văn bản').fill('15/KH-UBND'));
  await expectSave(page, () => second.getByLabel('Ngày văn bản').fill('2025-01-10'));
  await expectSave(page, () => second.getByLabel('Tên văn bản').fill('Kế hoạch tuyên truyền học tập suốt đời'));
  await expectSave(page, () => tc11.getByRole('button', { name: 'Xoá minh chứng 1' }).click());

  await tc21.locator('summary').click();
  await tc21.getByLabel('Kinh phí (đồng)').fill('25.000.000');
  await expect(tc21.getByLabel('Kinh phí (đồng)')).toHaveAttribute('aria-invalid', 'true');
  await expectSave(page, () => tc21.getByLabel('Kinh phí (đồng)').fill('25000000'));

  const answers = await readStore<Record<string, unknown>>(page, 'answers');
  const a11 = answers.find((a) => a.indicator === 'TC1.1' && a.year === year)!;
  expect(a11.met).toBe(false);
  expect(a11.note).toBe('Chưa họp dân ở 2 thôn');
  expect(a11.evidence).toEqual([{ number: '15/KH-UBND', date: '2025-01-10', title: 'Kế hoạch tuyên truyền học tập suốt đời' }]);
  expect(answers.find((a) => a.indicator === 'TC2.1' && a.year === year)!.amount).toBe(25000000);

  await page.reload();
  await tc11.locator('summary').click();
  await expect(tc11.getByRole('radio', { name: 'Chưa đạt', exact: true })).toBeChecked();
  await expect(tc11.locator('.evidence-item')).toHaveCount(1);
  await expect(tc11.getByLabel('Số văn bản')).toHaveValue('15/KH-UBND');
  await expect(tc11.getByLabel('Ngày văn bản')).toHaveValue('2025-01-10');
});

test('province thresholds feed the readiness the engine computes', async ({ page }) => {
  test.setTimeout(120_000);
  await openDemo(page);
  const year = await currentYear(page);
  const demo = demoCommune.years.find((y) => y.year === year)!;
  const before = assess(demo);

  await page.goto('/#/nguong');
  const ratio = async (id: string, level: 1 | 2, value: string) => {
    const label = `${level === 1 ? 'Mức độ 1 (Khá)' : 'Mức độ 2 (Tốt)'} — Ngưỡng của tỉnh (%)`;
    await expectSave(page, () => page.getByRole('region', { name: new RegExp(`^${id.replace('.', '\\.')} `) }).getByLabel(label).fill(value));
  };
  const minimum = async (id: string, figure: keyof typeof COMMUNE_FIGURE_LABELS, option: string) => {
    const group = page.getByRole('region', { name: new RegExp(`^${id.replace('.', '\\.')} `) }).getByRole('group', { name: 'Mức độ 2 (Tốt)' });
    const box = group.getByLabel(`${COMMUNE_FIGURE_LABELS[figure].vi} — Ngưỡng của tỉnh`);
    await expectSave(page, async () => void (await box.selectOption({ label: option })));
  };
  await expect(page.getByText('Mặc định: 70%')).toBeVisible();
  await expect(page.getByText('Mặc định: chưa đặt').first()).toBeVisible();
  await ratio('TC5.1', 1, '65');
  await ratio('TC5.4', 1, '72,5');
  await ratio('TC5.1', 2, '68');
  await ratio('TC5.2', 2, '50');
  await ratio('TC5.3', 2, '60');
  await ratio('TC5.4', 2, '73');
  await minimum('TC4.1', 'pcgdPrimary', 'Mức 2');
  await minimum('TC4.2', 'literacy', 'Mức 2');
  // A bad percent is refused on the spot and not stored.
  const bad = page.getByRole('region', { name: /^TC5\.2 / }).getByLabel('Mức độ 1 (Khá) — Ngưỡng của tỉnh (%)');
  await bad.fill('101');
  await expect(bad).toHaveAttribute('aria-invalid', 'true');

  const thresholds: ThresholdOverrides = {
    'TC5.1': { 1: 65, 2: 68 },
    'TC5.2': { 2: 50 },
    'TC5.3': { 2: 60 },
    'TC5.4': { 1: 72.5, 2: 73 },
    'TC4.1': { 2: { pcgdPrimary: 2 } },
    'TC4.2': { 2: { literacy: 2 } },
  };
  const stored = await readStore<{ commune: string; values: ThresholdOverrides }>(page, 'thresholds');
  expect(stored.find((r) => r.commune === demo.commune.code)?.values).toEqual(thresholds);

  const after = assess({ ...demo, thresholds });
  expect(after.levels.map((l) => l.status)).not.toEqual(before.levels.map((l) => l.status)); // they matter
  await expectReadiness(page, after);
});

test('persistent storage is asked after the first real save, not at load', async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { __persistCalls: number };
    w.__persistCalls = 0;
    const original = navigator.storage.persist.bind(navigator.storage);
    navigator.storage.persist = () => {
      w.__persistCalls++;
      return original();
    };
  });
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Bắt đầu' })).toBeVisible();
  await page.goto('/#/bat-dau');
  expect(await page.evaluate(() => (window as unknown as { __persistCalls: number }).__persistCalls)).toBe(0);
  expect((await readStore<{ key: string }>(page, 'meta')).some((m) => m.key === 'persistAsked')).toBe(false);

  await setUpCommune(page, { name: 'Xã Bền Vững', code: '99003', province: 'Tỉnh Thử', villages: ['Thôn Một'] });
  await expect.poll(() => page.evaluate(() => (window as unknown as { __persistCalls: number }).__persistCalls)).toBe(1);
  expect((await readStore<{ key: string; value: unknown }>(page, 'meta')).find((m) => m.key === 'persistAsked')?.value).toBe(true);

  // The data screen tells whether storage is persistent and offers the export either way.
  await page.goto('/#/du-lieu');
  const persisted = await page.evaluate(() => navigator.storage.persisted());
  await expect(page.getByTestId('persisted')).toHaveText(persisted ? 'Có — trình duyệt sẽ không tự xoá dữ liệu' : 'Không');
  await expect(page.getByText('Trình duyệt có thể xoá dữ liệu khi máy thiếu bộ nhớ.', { exact: false })).toHaveCount(persisted ? 0 : 1);
  await expect(page.getByRole('button', { name: 'Xuất dữ liệu' })).toBeVisible();
});
