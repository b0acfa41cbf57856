import { test, expect } from '@playwright/test';

test('the first screen opens in Vietnamese', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Xã Học Tập' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
});
