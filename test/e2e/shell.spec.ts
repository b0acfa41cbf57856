// The first screen a newcomer sees: Vietnamese, with the glossary's words, and a way in.
import { test, expect } from '@playwright/test';

test('the first screen opens in Vietnamese', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  await expect(page.getByRole('heading', { level: 1, name: 'Bắt đầu' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Xã Học Tập' })).toBeVisible();
  await expect(page.getByLabel('Xã / Phường / Đặc khu (gọi chung là xã)', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Dữ liệu mẫu' })).toBeVisible();
});
