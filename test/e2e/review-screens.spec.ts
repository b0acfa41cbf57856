// The reviewer's screens in a real Chromium at 360×740 on a device holding its pulled province
// (20 communes of the fixtures, seeded into IndexedDB as a finished pull leaves them): the list as
// cards with totals, search and filters; one commune's review — a verdict and comment saved to the
// outbox, the dossier taken into review and returned; bulk recognition only of the ready rows,
// behind a confirmation that names its errors; the council's rules in Vietnamese; the table on a
// laptop; and the list opening offline from the service worker and IndexedDB.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { readGrid } from '../../src/import/index.ts';
import { flatText, pageTexts } from './helpers/pdf.ts';
import { mixedProvince } from '../unit/review-fixtures.ts';
import { mixedProvinceRows, seedProvince } from '../fixtures/province.ts';
import { readStore } from './helpers/app.ts';
import { expectNoSeriousViolations } from './helpers/axe.ts';

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
  await page.goto('/#/tinh/hoi-dong');
  await expect(page.getByTestId('rv-member')).toHaveCount(7);
  await page.getByRole('button', { name: 'Bỏ Ông Hồ Văn Phúc' }).click();
  await expect(page.getByTestId('rv-council-problems')).toContainText('Hội đồng có 6 thành viên');
  const before = (await opsOf(page, 'council')).length;
  await page.getByRole('button', { name: 'Lưu Hội đồng' }).click();
  await expect(page.getByRole('alert')).toContainText('số lẻ, ít nhất 05 người');
  expect((await opsOf(page, 'council')).length).toBe(before);

  // Province settings: a deadline typed as people write it, saved through the outbox; the list counts from it.
  await page.goto('/#/tinh/cai-dat');
  await page.getByLabel('Hạn nộp hồ sơ (ngày/tháng, năm sau năm đánh giá)').fill('31/02');
  await page.getByRole('button', { name: 'Lưu cài đặt' }).click();
  await expect(page.getByText('Ghi ngày/tháng có thật, ví dụ 28/02.')).toBeVisible();
  await page.getByLabel('Hạn nộp hồ sơ (ngày/tháng, năm sau năm đánh giá)').fill('15/03');
  await page.getByRole('button', { name: 'Lưu cài đặt' }).click();
  await expect(page.getByTestId('save-status').last()).toContainText('Đã lưu');
  expect((await opsOf(page, 'provinceSettings')).at(-1)!.fields).toMatchObject({ dossierDeadline: '03-15', decisionDeadline: '03-31' });
  await page.goto('/#/tinh');
  await expect(page.locator('[data-testid="rv-row"]', { hasText: 'Xã Lý Sơn' })).toContainText('nộp hồ sơ 15/03/2026');

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

const dir = mkdtempSync(join(tmpdir(), 'xht-review-'));

/** Taps "In" on each paper card given (the browser's print dialog stubbed), prints the print root and reads it back with poppler. */
async function printed(page: Page, name: string, cards: string[]): Promise<{ text: string; pages: string[] }> {
  await page.evaluate(() => {
    window.print = () => undefined;
  });
  const texts: string[] = [];
  const pages: string[] = [];
  for (const card of cards) {
    await page.getByTestId(card).getByRole('button', { name: 'In' }).click();
    await expect(page.locator('#xd-print > *').first()).toBeAttached();
    const one = await pdfOf(page, `${name}-${card}`);
    texts.push(one.text);
    pages.push(...one.pages);
  }
  return { text: texts.join(' '), pages };
}

async function pdfOf(page: Page, name: string): Promise<{ text: string; pages: string[] }> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.emulateMedia({ media: 'print' });
  const file = join(dir, `${name}.pdf`);
  await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  return { text: flatText(file), pages: pageTexts(file) };
}

test('the receiver papers from the device data, printed and read with pdftotext; the list as a spreadsheet', async ({ page }) => {
  await openSeeded(page);
  // The province's list as .xlsx, read back: a title, the header, one row per commune.
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải danh sách (tệp Excel)' }).click()]);
  expect(file.suggestedFilename()).toBe('ho-so-cac-xa-quang-ngai-2025.xlsx');
  const path = join(dir, file.suggestedFilename());
  await file.saveAs(path);
  const grid = await readGrid(new Uint8Array(readFileSync(path)));
  const cells = grid.rows.map((r) => r.map((c) => (c === null || c === undefined ? '' : String(c))));
  expect(cells[1]!.slice(0, 3)).toEqual(['STT', 'Xã', 'Trạng thái']);
  const body = cells.slice(2, 22);
  expect(body.map((r) => r[1]).sort()).toEqual(specs.map((s) => s.name).sort());
  expect(body.find((r) => r[1] === 'Xã Đông Sơn')![4]).toContain('Số liệu không đạt mức đề nghị');

  // Tờ trình + dự thảo Quyết định and the yearly Báo cáo, from the register and the council on this device.
  await page.goto('/#/tinh/giay-to');
  await expect(page.getByTestId('paper-proposal').getByRole('button', { name: 'In' })).toBeVisible();
  await expect(page.getByTestId('rv-chart')).toHaveAttribute('data-chart-state', 'drawn');
  const year = await printed(page, 'province', ['paper-proposal', 'paper-report']);
  expect(year.text).toContain('TỜ TRÌNH');
  expect(year.text).toContain('QUYẾT ĐỊNH');
  expect(year.text).toContain('BÁO CÁO');
  expect(year.text).toContain('Sở Giáo dục và Đào tạo tỉnh Quảng Ngãi');
  for (const s of specs.filter((x) => x.state === 'recognised')) expect(year.text).toContain(s.name);
  // The circular's own title says "cấp xã, huyện, tỉnh"; nothing else names a district.
  expect(year.text.replaceAll('cấp xã, huyện, tỉnh', '')).not.toMatch(/huyện|quận|tạm tính|cấu hình/u);

  // One commune not recognised: its Biên bản thẩm định and the Văn bản trả lời with the reasons.
  await page.goto(`/#/tinh/${specs.find((s) => s.name === 'Xã Mộ Đức')!.code}`);
  await expect(page.getByTestId('rv-state')).toHaveText('Không công nhận');
  await expect(page.getByTestId('paper-answer')).toBeVisible();
  const one = await printed(page, 'commune', ['paper-appraisal', 'paper-answer']);
  expect(one.text).toContain('BIÊN BẢN');
  expect(one.text).toMatch(/xã Mộ Đức/iu);
  expect(one.text).toContain('Ông Trần Văn Minh');
  expect(one.text).toContain('Không có báo cáo kết quả Tuần lễ hưởng ứng học tập suốt đời');
});

test('the reviewer\'s screens pass axe without serious or critical violations', async ({ page }) => {
  test.setTimeout(120_000);
  await openSeeded(page);
  await expect(page.getByTestId('rv-cards').getByTestId('rv-row')).toHaveCount(20);
  await expectNoSeriousViolations(page, '#/tinh');
  // One commune's review with a verdict and a comment being written.
  await page.getByRole('link', { name: 'Mở hồ sơ Xã Bình Sơn' }).click();
  const tc12 = page.locator('[data-testid="rv-indicator"][data-id="TC1.2"]');
  await tc12.getByText('Cần bổ sung', { exact: true }).click();
  await tc12.getByLabel('Ý kiến của Hội đồng').fill('Bổ sung kế hoạch năm 2025.');
  await expect(tc12.getByTestId('save-status')).toContainText('Đã lưu');
  await expectNoSeriousViolations(page, '#/tinh/{commune} with a verdict');
  for (const [hash, heading] of [['#/tinh/hoi-dong', /Hội đồng/], ['#/tinh/giay-to', /./], ['#/tinh/cai-dat', /./]] as const) {
    await page.goto(`/${hash}`);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expect(page.getByText('Đang tải…')).toHaveCount(0);
    await expectNoSeriousViolations(page, hash);
  }
});
