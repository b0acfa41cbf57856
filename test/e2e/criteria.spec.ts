// The criteria form keeps everything an answer carries (Đạt / Chưa đạt, note, amount, evidence
// entries with number, date, issuer and title, added and removed) and shows each indicator as the
// circular words and names it; storage persistence is asked after the first real save, not at
// load. (Was criteria-thresholds.spec.ts: the province thresholds screen went with issue #11.)
import { expect, test } from '@playwright/test';
import { findIndicator, tt25_2023 } from '../../src/domain/catalog/index.ts';
import { currentYear, expectSave, readStore, setUpCommune } from './helpers/app.ts';

async function openDemo(page: import('@playwright/test').Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Dữ liệu mẫu' }).click();
  await expect(page.getByRole('navigation', { name: 'Điều hướng chính' })).toBeVisible();
}

test('an answer keeps its note, amount and evidence entries', async ({ page }) => {
  await openDemo(page);
  const year = await currentYear(page);
  await page.goto('/#/tieu-chi');
  const tc11 = page.getByRole('article', { name: 'Chỉ tiêu 1 của Tiêu chí 1 (TC1.1)' });
  const tc21 = page.getByRole('article', { name: 'Chỉ tiêu 1 của Tiêu chí 2 (TC2.1)' });
  // The circular's wording, nothing "tạm tính"; TC4 and TC5 show their level-2 wording too.
  await expect(page.getByRole('article', { name: 'Chỉ tiêu 1 của Tiêu chí 3 (TC3.1)' })).toContainText(findIndicator(tt25_2023, 'TC3.1')!.text.vi);
  await expect(page.getByRole('article', { name: 'Chỉ tiêu 2 của Tiêu chí 4 (TC4.2)' })).toContainText(`Mức độ 2: ${findIndicator(tt25_2023, 'TC4.2')!.level2Text!.vi}`);
  await expect(page.locator('main')).not.toContainText('tạm tính');

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
  await expectSave(page, () => second.getByLabel('Cơ quan ban hành').fill('UBND xã Ba Tô'));
  await expectSave(page, () => second.getByLabel('Tên văn bản').fill('Kế hoạch tuyên truyền học tập suốt đời'));
  await expectSave(page, () => tc11.getByRole('button', { name: 'Xóa minh chứng 1' }).click());

  await tc21.locator('summary').click();
  await tc21.getByLabel('Kinh phí (đồng)').fill('25.000.000');
  await expect(tc21.getByLabel('Kinh phí (đồng)')).toHaveAttribute('aria-invalid', 'true');
  await expectSave(page, () => tc21.getByLabel('Kinh phí (đồng)').fill('25000000'));

  const answers = await readStore<Record<string, unknown>>(page, 'answers');
  const a11 = answers.find((a) => a.indicator === 'TC1.1' && a.year === year)!;
  expect(a11.met).toBe(false);
  expect(a11.note).toBe('Chưa họp dân ở 2 thôn');
  expect(a11.evidence).toEqual([{ number: '15/KH-UBND', date: '2025-01-10', issuer: 'UBND xã Ba Tô', title: 'Kế hoạch tuyên truyền học tập suốt đời' }]);
  expect(answers.find((a) => a.indicator === 'TC2.1' && a.year === year)!.amount).toBe(25000000);

  await page.reload();
  await tc11.locator('summary').click();
  await expect(tc11.getByRole('radio', { name: 'Chưa đạt', exact: true })).toBeChecked();
  await expect(tc11.locator('.evidence-item')).toHaveCount(1);
  await expect(tc11.getByLabel('Số văn bản')).toHaveValue('15/KH-UBND');
  await expect(tc11.getByLabel('Ngày văn bản')).toHaveValue('2025-01-10');
  await expect(tc11.getByLabel('Cơ quan ban hành')).toHaveValue('UBND xã Ba Tô');
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
  await expect(page.getByTestId('persisted')).toHaveText(persisted ? 'Có — dữ liệu không bị tự xóa khi máy thiếu bộ nhớ' : 'Không');
  await expect(page.getByText('Máy có thể tự xóa dữ liệu khi thiếu bộ nhớ.', { exact: false })).toHaveCount(persisted ? 0 : 1);
  await expect(page.getByRole('button', { name: 'Xuất dữ liệu' })).toBeVisible();
});
