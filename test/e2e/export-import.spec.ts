// "Xuất dữ liệu" on one phone, "Nhập dữ liệu" on another (a fresh browser context): the same
// data and the same readiness, and every unsent op queued exactly once — also after importing the
// same file twice, and after reading a phone's own file back.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { answerIndicators, enterVillageCounts, readStore } from './helpers/app.ts';

/** Every status the readiness screen shows, by its place (level, criterion, indicator). */
async function readinessSnapshot(page: Page): Promise<Record<string, string>> {
  await page.goto('/#/muc-do');
  await expect(page.getByTestId('ind-2-TC5.2')).toBeVisible();
  const snap: Record<string, string> = {
    level: (await page.getByTestId('level-reached').textContent()) ?? '',
    eligible: (await page.getByTestId('eligible-level').textContent()) ?? '',
  };
  for (const el of await page.locator('[data-testid^="ind-"], [data-testid^="crit-"]').all()) {
    const id = (await el.getAttribute('data-testid'))!;
    snap[id] = (await el.getByTestId('status').first().textContent()) ?? '';
  }
  return snap;
}

async function outboxIds(page: Page): Promise<string[]> {
  return (await readStore<{ op: { opId: string } }>(page, 'outbox')).map((r) => r.op.opId).sort();
}

async function countsRows(page: Page) {
  const rows = await readStore<Record<string, unknown>>(page, 'villageCounts');
  return rows.map(({ updatedAt: _u, ...r }) => r).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

async function importFile(page: Page, path: string): Promise<void> {
  await page.locator('#import-file').setInputFiles(path);
  await expect(page.getByTestId('import-status')).toHaveText(/^Đã nhập dữ liệu từ tệp /);
}

test('export on one phone, import on a fresh one: same readiness, no duplicate ops', async ({ browser }) => {
  test.setTimeout(120_000);
  const phoneA = await browser.newContext();
  const a = await phoneA.newPage();
  await a.goto('/');
  await a.getByRole('button', { name: 'Dữ liệu mẫu' }).click();
  await expect(a.getByRole('navigation', { name: 'Điều hướng chính' })).toBeVisible();
  // Some edits of this phone on top of the demo data.
  await enterVillageCounts(a, 'T04', { familiesRecognized: 80 }); // demo T04: 87 registered
  await answerIndicators(a, { 'TC1.1': false });

  const snapA = await readinessSnapshot(a);
  expect(Object.keys(snapA).length).toBeGreaterThan(30); // 2 levels × (5 criteria + 15 indicators)
  const opsA = await outboxIds(a);
  expect(opsA.length).toBeGreaterThan(0);
  expect(new Set(opsA).size).toBe(opsA.length);

  await a.goto('/#/du-lieu');
  const [download] = await Promise.all([a.waitForEvent('download'), a.getByRole('button', { name: 'Xuất dữ liệu' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^xa-hoc-tap-21085-\d{4}-\d{2}-\d{2}\.json$/);
  // Kept in our own folder: Playwright's artifacts folder may be cleared by a parallel run.
  const file = join(mkdtempSync(join(tmpdir(), 'xht-export-')), download.suggestedFilename());
  await download.saveAs(file);

  // Reading its own file back changes nothing on phone A.
  await importFile(a, file);
  expect(await outboxIds(a)).toEqual(opsA);

  // Phone B has never seen this commune: it imports from the first-run screen.
  const phoneB = await browser.newContext();
  const b = await phoneB.newPage();
  await b.goto('/');
  await expect(b.getByRole('heading', { level: 1, name: 'Bắt đầu' })).toBeVisible();
  await b.locator('#import-file').setInputFiles(file);
  // The imported commune opens at once (the first-run screen, with its status line, goes away).
  await expect(b.getByRole('navigation', { name: 'Điều hướng chính' })).toBeVisible();
  await expect(b.locator('header')).toContainText('Xã Ba Tô');

  expect(await readinessSnapshot(b)).toEqual(snapA);
  expect(await countsRows(b)).toEqual(await countsRows(a));
  expect(await outboxIds(b)).toEqual(opsA);

  // The same file again: still the same ops, once each.
  await b.goto('/#/du-lieu');
  await importFile(b, file);
  expect(await outboxIds(b)).toEqual(opsA);
  expect(await readinessSnapshot(b)).toEqual(snapA);

  await phoneA.close();
  await phoneB.close();
});

test('a file that is not an export is refused with a Vietnamese reason, nothing changes', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Dữ liệu mẫu' }).click();
  await expect(page.getByRole('navigation', { name: 'Điều hướng chính' })).toBeVisible();
  const ops = await outboxIds(page);
  await page.goto('/#/du-lieu');
  await page.locator('#import-file').setInputFiles({ name: 'ghi-chu.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": 1}') });
  await expect(page.getByTestId('import-status')).toHaveText(/^Không nhập được tệp: .+/);
  await expect(page.getByTestId('import-status')).toHaveClass(/field-error/);
  await page.locator('#import-file').setInputFiles({ name: 'hong.json', mimeType: 'application/json', buffer: Buffer.from('{"app": "xa-hoc') });
  await expect(page.getByTestId('import-status')).toHaveText('Không nhập được tệp: Tệp này không đọc được: không phải tệp đã xuất từ Xã Học Tập.');
  expect(await outboxIds(page)).toEqual(ops);
});
