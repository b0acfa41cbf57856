// Accessibility of every screen with axe-core (WCAG 2.1 A/AA rules): no serious or critical
// violation, with the demo commune loaded, in Vietnamese and once in English, and with a field
// error and the evidence editor open (states that add markup).
import { expect, test, type Page } from '@playwright/test';
import { VILLAGE_COUNT_LABELS } from '../../src/domain/schemas/labels.ts';
import { expectNoSeriousViolations } from './helpers/axe.ts';

/** Opens a route and waits for its h1 (lazy screens load their chunk first). */
async function open(page: Page, hash: string, heading: RegExp): Promise<void> {
  await page.goto(`/${hash}`);
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  await expect(page.getByText('Đang tải…')).toHaveCount(0);
}

const SCREENS: [string, RegExp][] = [
  ['#/', /./],
  ['#/thon', /^Danh sách thôn/],
  ['#/thon/T01', /— \d{4}$/],
  ['#/so-lieu-xa', /^Số liệu chung của xã/],
  ['#/tieu-chi', /^Các tiêu chí, chỉ tiêu/],
  ['#/muc-do', /^Kết quả tự đánh giá/],
  ['#/them', /^Thêm$/],
  ['#/du-lieu', /^Dữ liệu$/],
  ['#/dong-bo', /^Đồng bộ$/],
  ['#/ho-so', /./],
];

test('every screen passes axe without serious or critical violations', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Bắt đầu' })).toBeVisible();
  await expectNoSeriousViolations(page, 'first run');

  await page.getByRole('button', { name: 'Dữ liệu mẫu' }).click();
  await expect(page.getByRole('navigation', { name: 'Điều hướng chính' })).toBeVisible();
  for (const [hash, heading] of SCREENS) {
    await open(page, hash, heading);
    await expectNoSeriousViolations(page, hash);
  }

  // States with more markup: a field error and a warning, the evidence editor, the villages step.
  await open(page, '#/thon/T01', /— \d{4}$/);
  await page.getByLabel(VILLAGE_COUNT_LABELS.familiesRecognized.vi, { exact: true }).fill('99999');
  await expect(page.getByLabel(VILLAGE_COUNT_LABELS.familiesRecognized.vi, { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expectNoSeriousViolations(page, 'village form with an error');

  await open(page, '#/tieu-chi', /^Các tiêu chí, chỉ tiêu/);
  const first = page.locator('details.more').first();
  await first.locator('summary').click();
  await first.getByRole('button', { name: 'Thêm minh chứng' }).click();
  await expectNoSeriousViolations(page, 'criteria form with evidence open');

  await open(page, '#/bat-dau/21085', /^Bắt đầu$/);
  await expectNoSeriousViolations(page, 'villages step of first run');

  // English.
  await open(page, '#/them', /^Thêm$/);
  await page.getByRole('radio', { name: 'English' }).check();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1, name: 'More' })).toBeVisible();
  await expectNoSeriousViolations(page, 'more (en)');
  await page.goto('/#/muc-do');
  await expect(page.getByRole('heading', { level: 1, name: /^Self-assessment result/ })).toBeVisible();
  await expectNoSeriousViolations(page, 'readiness (en)');
});
