// The reviewer's screens in a real Chromium at 360×740 on a device holding its pulled province
// (20 communes of the fixtures, seeded into IndexedDB as a finished pull leaves them): the list as
// cards with totals, search and filters; one commune's review — a verdict and comment saved to the
// outbox, the dossier taken into review and returned; bulk recognition only of the ready rows,
// behind a confirmation that names its errors; the council's rules in Vietnamese; the table on a
// laptop; and the list opening offline from the service worker and IndexedDB.
import { expect, test, type Page } from '@playwright/test';
import { mixedProvince } from '../unit/review-fixtures.ts';
import { mixedProvinceRows, seedProvince } from '../fixtures/province.ts';
import { readStore } from './helpers/app.ts';

const specs = mixedProvince().map((s) => (s.name === 'Xã Tây Trà' || s.name === 'Xã Đông Sơn' ? { ...s, state: 'submitted' as const } : s));

async function openSeeded(page: Page): Promise<void> {
  await page.goto('/');
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await expect(page.getByRole('button', { name: 'Dữ liệu mẫu' })).toBeVisible();
  await seedProvince(page, mixedProvinceRows(2025, specs), specs[0]!.code);
  await page.goto('/#/tinh');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Hồ sơ các xã năm 2025' })).toBeVisible();
}

const opsOf = async (page: Page, entity: string) => (await readStore<{ op: { entity: string; key: string; fields: Record<string, unknown> } }>(page, 'outbox')).map((r) => r.op).filter((o) => o.entity === entity);

test('the province list, one commune returned, bulk recognition, the council, offline', async ({ page, context }) => {
  await openSeeded(page);
  const cards = page.getByTestId('rv-cards').getByTestId('rv-row');
  await expect(cards).toHaveCount(20);
  await expect(page.getByTestId('rv-table')).toHaveCount(0);
  await expect(page.getByTestId('rv-totals')).toContainText('20 xã');
  await expect(page.getByTestId('rv-totals')).toContainText('Đã công nhận 10');
  // Search without diacritics, then a state filter.
  await page.getByLabel('Tìm xã (tên hoặc mã)').fill('tu nghia');
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toContainText('Xã Tư Nghĩa');
  await page.getByLabel('Tìm xã (tên hoặc mã)').fill('');
  await page.getByLabel('Trạng thái', { exact: true }).selectOption('submitted');
  await expect(cards).toHaveCount(3);
  await page.getByLabel('Trạng thái', { exact: true }).selectOption('');
  // Only the two sent communes without an open comment whose figures reach the level asked can be chosen;
  // Xã Đông Sơn sent without data and is flagged instead.
  await expect(page.locator('[data-testid="rv-row"]', { hasText: 'Xã Đông Sơn' })).toContainText('Số liệu không đạt mức đề nghị');
  await expect(page.getByRole('checkbox', { name: /^Chọn .* để công nhận$/ })).toHaveCount(2);

  // One commune: a comment on TC1.2, then back to the commune.
  await page.getByRole('link', { name: 'Mở hồ sơ Xã Bình Sơn' }).click();
  await expect(page.getByTestId('rv-state')).toHaveText('Đã gửi');
  const tc12 = page.locator('[data-testid="rv-indicator"][data-id="TC1.2"]');
  await tc12.getByLabel('Ý kiến của Hội đồng').fill('Bổ sung kế hoạch năm 2025 có chữ ký, đóng dấu.');
  await tc12.getByText('Cần bổ sung', { exact: true }).click();
  await expect(tc12.getByTestId('save-status')).toContainText('Đã lưu');
  await expect(page.getByTestId('rv-state')).toHaveText('Đang thẩm định');
  const verdicts = await opsOf(page, 'review');
  expect(verdicts.map((o) => [o.key, o.fields.verdict, o.fields.comment])).toEqual([[`${specs[15]!.code}/2025/1/TC1.2`, 'more', 'Bổ sung kế hoạch năm 2025 có chữ ký, đóng dấu.']]);
  await page.getByRole('button', { name: 'Trả lại để bổ sung' }).click();
  await expect(page.getByTestId('rv-state')).toHaveText('Trả lại để bổ sung');
  expect((await opsOf(page, 'stateChange')).map((o) => o.fields.to)).toEqual(['in-review', 'returned']);

  // Bulk: the one ready commune left, behind a confirmation that checks the decision.
  await page.getByRole('link', { name: /Về danh sách các xã/ }).click();
  await expect(page.getByRole('checkbox', { name: /^Chọn .* để công nhận$/ })).toHaveCount(1);
  await page.getByRole('checkbox', { name: 'Chọn Xã Tây Trà để công nhận' }).check();
  await page.getByRole('button', { name: 'Công nhận 1 xã đã chọn' }).click();
  const confirm = page.getByTestId('rv-confirm');
  await expect(confirm).toContainText('Xã Tây Trà: Mức độ 1');
  await confirm.getByRole('button', { name: 'Xác nhận' }).click();
  await expect(confirm.getByRole('alert')).toContainText('Ghi số quyết định.');
  await confirm.getByLabel('Số quyết định').fill('120/QĐ-UBND');
  await confirm.getByLabel('Ngày quyết định').fill('2026-03-20');
  await confirm.getByLabel('Người ký').fill('Nguyễn Văn Hòa');
  await confirm.getByRole('button', { name: 'Xác nhận' }).click();
  await expect(page.getByText('Đã ghi quyết định công nhận cho 1 xã.')).toBeVisible();
  const tay = page.locator(`[data-testid="rv-row"][data-code="${specs[19]!.code}"]`);
  await expect(tay).toContainText('Đã công nhận');
  const entry = (await opsOf(page, 'registerEntry')).at(-1)!;
  expect(entry.fields).toMatchObject({ outcome: 'recognised', level: 1, number: '120/QĐ-UBND', date: '2026-03-20', validUntil: '2029-12-31' });

  // The council: six members break the rule, said in Vietnamese, and nothing is saved.
  await page.goto('/#/hoi-dong');
  await expect(page.getByTestId('rv-member')).toHaveCount(7);
  await page.getByRole('button', { name: 'Bỏ Ông Hồ Văn Phúc' }).click();
  await expect(page.getByTestId('rv-council-problems')).toContainText('Hội đồng có 6 thành viên');
  const before = (await opsOf(page, 'council')).length;
  await page.getByRole('button', { name: 'Lưu Hội đồng' }).click();
  await expect(page.getByRole('alert')).toContainText('số lẻ, ít nhất 05 người');
  expect((await opsOf(page, 'council')).length).toBe(before);

  // A laptop sees the table.
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/#/tinh');
  await expect(page.getByTestId('rv-table').getByTestId('rv-row')).toHaveCount(20);

  // Offline: the list opens from the service worker's precache and IndexedDB.
  await page.setViewportSize({ width: 360, height: 740 });
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('rv-cards').getByTestId('rv-row')).toHaveCount(20);
  await context.setOffline(false);
});
