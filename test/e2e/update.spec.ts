// A new version never swaps code under a person mid-entry: the app is built twice (v1, v2), v1 is
// installed, the server then serves only v2. The old page keeps working — even a screen whose chunk
// it never loaded comes from the old cache — and "Có phiên bản mới — Cập nhật" waits for a tap.
// Only then does v2 take over, with the data intact.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { waitForServiceWorker } from './helpers/app.ts';
import { serve } from './helpers/site.ts';

/** Builds the app with a build id into `outDir` (the id ends up in the page: `data-build`). */
function build(outDir: string, id: string): void {
  execFileSync(process.execPath, [resolve('node_modules/vite/bin/vite.js'), 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
    env: { ...process.env, VITE_BUILD_ID: id },
    stdio: 'pipe',
  });
}

test('a new version waits for "Cập nhật"; old assets keep loading meanwhile', async ({ browser }) => {
  test.setTimeout(240_000);
  const tmp = mkdtempSync(join(tmpdir(), 'xht-update-'));
  const v1 = join(tmp, 'v1');
  const v2 = join(tmp, 'v2');
  build(v1, 'v1');
  build(v2, 'v2');
  const site = serve();
  site.setRoot(v1);
  const base = await site.ready;
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await waitForServiceWorker(page);
    await page.getByRole('button', { name: 'Dữ liệu mẫu' }).click();
    await expect(page.getByRole('navigation', { name: 'Điều hướng chính' })).toBeVisible();
    await expect(page.locator('.app')).toHaveAttribute('data-build', 'v1');

    // The deploy: from now on the server has v2 only (v1's hashed chunks are gone from it).
    site.setRoot(v2);
    await page.reload();
    await expect(page.getByText('Có phiên bản mới')).toBeVisible({ timeout: 30_000 });
    await expect(page.locator('.app')).toHaveAttribute('data-build', 'v1');
    // A screen this page never opened: its v1 chunk is not on the server any more, only in the cache
    // the waiting v2 worker must not have cleaned.
    await page.goto(`${base}/#/so-lieu-xa`);
    await expect(page.getByRole('heading', { level: 1, name: /^Số liệu chung của xã/ })).toBeVisible();

    // Not taken over unasked: another reload is still v1, with the prompt again.
    await page.reload();
    await expect(page.locator('.app')).toHaveAttribute('data-build', 'v1');
    await expect(page.getByText('Có phiên bản mới')).toBeVisible({ timeout: 30_000 });
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting !== null)).toBe(true);

    await page.getByRole('button', { name: 'Cập nhật' }).click();
    await expect(page.locator('.app')).toHaveAttribute('data-build', 'v2', { timeout: 30_000 });
    await expect(page.getByText('Có phiên bản mới')).toHaveCount(0);
    await expect(page.locator('header')).toContainText('Xã Ba Tô');
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting ?? null)).toBeNull();
  } finally {
    await context.close();
    site.server.close();
  }
});
