// Issue #14's Done-when, end to end on the real server with two browsers at 360×740: the commune's
// phone sends its locked dossier → the province's reviewer, on its own device enrolled with the
// province code, pulls it and returns it with a comment on one indicator through its screens → the
// phone, offline, shows the comment beside the indicator → the commune fixes and sends version 2 →
// the reviewer sees what changed, records the council and recognises it → the phone shows the
// title and its valid-until date, and its next year holds the decision as history (the 12-month
// rule applies by itself: a level-2 request waits until 12 months after the decision).
import { expect, test } from '@playwright/test';
import { fillSaved, readStore } from './helpers/app.ts';
import { lockYear, pushAndPull } from './helpers/review.ts';
import { admin, enrolInApp, issueCode, issueProvinceCode, readMeta } from './helpers/sync.ts';

const COMMUNE = '99142';
const PROVINCE = 'Quảng Ngãi';
let id = COMMUNE;




test('two browsers: send → return with a comment → offline comment → v2 → the change seen → recognised → the title', async ({ browser, page }) => {
  test.setTimeout(300_000);
  await page.clock.setFixedTime(new Date('2025-12-15T09:00:00'));
  await admin('create-commune', '--code', COMMUNE, '--name', 'Xã Hai Máy', '--province', PROVINCE, '--village', 'T01=Thôn Một', '--village', 'T02=Thôn Hai');
  await enrolInApp(page, await issueCode({ commune: COMMUNE, role: 'officer', name: 'Lê Văn Cán' }));
  await expect.poll(() => readMeta(page, 'lastSyncAt'), { timeout: 30_000 }).toBeTruthy();

  // The reviewer's own device, enrolled with the province's code through the sync screen.
  const rvContext = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
  const rv = await rvContext.newPage();
  await enrolInApp(rv, await issueProvinceCode(PROVINCE, 'Trần Thị Thẩm Định'));
  await expect.poll(async () => (await readStore<{ code: string }>(rv, 'communes')).map((c) => c.code), { timeout: 30_000 }).toContain(COMMUNE);
  // Records are keyed by the commune's stable id (the admin CLI gives a new commune a fresh one).
  id = (await readStore<{ id: string; code: string }>(rv, 'communes')).find((c) => c.code === COMMUNE)!.id;

  // The commune fills, locks and sends version 1.
  await page.goto('/#/thon/T01');
  await fillSaved(page, 'Tổng số hộ gia đình', '120');
  await fillSaved(page, 'Số người từ 15 tuổi trở lên', '300');
  await lockYear(page, '2025-12-12', 'Biên bản số 05/BB-UBND');
  const sending = page.getByTestId('dossier-send');
  await sending.getByTestId('dossier-send-button').click();
  await sending.getByRole('group', { name: 'Gửi hồ sơ' }).getByRole('button', { name: 'Gửi hồ sơ' }).click();
  await expect(sending.getByTestId('dossier-review-state')).toHaveText('Hồ sơ năm 2025: Đã gửi · Lần gửi thứ 1');
  await pushAndPull(page, 1);

  // The reviewer pulls it, sees it on the province's list, comments on TC1.1 and returns it.
  await pushAndPull(rv, 1, id);
  await rv.goto('/#/tinh');
  const row = rv.locator(`[data-testid="rv-row"][data-code="${id}"]`);
  await expect(row).toContainText('Đã gửi');
  await row.getByRole('link', { name: 'Mở hồ sơ Xã Hai Máy' }).click();
  const tc11 = rv.locator('[data-testid="rv-indicator"][data-id="TC1.1"]');
  await tc11.getByLabel('Ý kiến của Hội đồng').fill('Bổ sung kế hoạch tuyên truyền năm 2025');
  await tc11.getByText('Cần bổ sung', { exact: true }).click();
  await expect(tc11.getByTestId('save-status')).toContainText('Đã lưu');
  await expect(rv.getByTestId('rv-state')).toHaveText('Đang thẩm định');
  await rv.getByRole('button', { name: 'Trả lại để bổ sung' }).click();
  await expect(rv.getByTestId('rv-state')).toHaveText('Trả lại để bổ sung');
  await pushAndPull(rv, 3, id);

  // The phone, offline, shows the comment beside the indicator.
  await pushAndPull(page, 3);
  await page.context().setOffline(true);
  await page.goto('/#/tieu-chi');
  await expect(page.getByTestId('review-note-TC1.1')).toHaveText('Ý kiến thẩm định: Cần bổ sung — Bổ sung kế hoạch tuyên truyền năm 2025');
  await page.reload();
  await expect(page.getByTestId('review-note-TC1.1')).toBeVisible();
  await page.context().setOffline(false);

  // The commune reopens, fixes, locks again and sends version 2.
  await page.goto('/#/ho-so');
  await page.getByRole('button', { name: 'Mở lại năm 2025' }).click();
  await page.getByLabel('Lý do mở lại').fill('Bổ sung theo ý kiến thẩm định');
  await page.getByRole('button', { name: 'Xác nhận mở lại' }).click();
  await page.goto('/#/thon/T01');
  await fillSaved(page, 'Tổng số hộ gia đình', '125');
  await fillSaved(page, 'Số người đạt danh hiệu "Công dân học tập"', '200');
  await lockYear(page, '2025-12-19', 'Biên bản số 06/BB-UBND');
  await sending.getByRole('button', { name: 'Gửi lại hồ sơ (lần thứ 2)' }).click();
  await sending.getByRole('group', { name: 'Gửi hồ sơ' }).getByRole('button', { name: 'Gửi lại hồ sơ (lần thứ 2)' }).click();
  await expect(sending.getByTestId('dossier-review-state')).toHaveText('Hồ sơ năm 2025: Đã gửi · Lần gửi thứ 2');
  await pushAndPull(page, 4);

  // The reviewer sees what changed since version 1.
  await pushAndPull(rv, 4, id);
  await rv.goto(`/#/tinh/${id}`);
  await expect(rv.getByText('Hồ sơ gửi lần 2', { exact: false })).toBeVisible();
  await expect(rv.getByTestId('rv-changed')).toContainText('thay đổi so với lần gửi trước');
  const tc51 = rv.locator('[data-testid="rv-indicator"][data-id="TC5.1"]');
  await expect(tc51.getByTestId('rv-before')).toBeVisible();
  await expect(tc51).toContainText('Lần gửi trước');

  // The council of the year (five members), then the decision.
  await rv.goto('/#/tinh/hoi-dong');
  const names = ['Ông Trần Văn Minh', 'Bà Nguyễn Thị Hoa', 'Ông Lê Văn Tâm', 'Bà Phạm Thị Lan', 'Bà Đinh Thị Cúc'];
  const orgs = ['Sở Giáo dục và Đào tạo', 'Sở Giáo dục và Đào tạo', 'Hội Khuyến học tỉnh', 'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh', 'Hội Liên hiệp Phụ nữ tỉnh'];
  for (const [i, name] of names.entries()) {
    const m = rv.getByTestId('rv-member').nth(i);
    await m.getByLabel('Họ tên').fill(name);
    await m.getByLabel('Cơ quan, tổ chức').fill(orgs[i]!);
  }
  await rv.getByLabel('Ngày họp hoặc ngày tổng hợp ý kiến').fill('2026-03-10');
  await expect(rv.getByTestId('rv-council-problems')).toContainText('Hội đồng đúng quy định.');
  await rv.getByRole('button', { name: 'Lưu Hội đồng' }).click();
  await expect(rv.getByTestId('save-status').last()).toContainText('Đã lưu');
  await rv.goto(`/#/tinh/${id}`);
  const decision = rv.getByTestId('rv-decision');
  await decision.getByLabel('Số quyết định').fill('45/QĐ-UBND');
  await decision.getByLabel('Ngày quyết định').fill('2026-03-20');
  await decision.getByLabel('Người ký').fill('Nguyễn Văn Hòa');
  await decision.getByRole('button', { name: 'Ghi quyết định' }).click();
  await expect(rv.getByTestId('rv-state')).toHaveText('Đã công nhận');
  await expect(rv.getByTestId('rv-register')).toContainText('giữ danh hiệu đến 31/12/2029');
  await pushAndPull(rv, 6, id);

  // The phone shows the title and its valid-until date, offline.
  await page.clock.setFixedTime(new Date('2026-03-25T09:00:00'));
  await pushAndPull(page, 6);
  await page.context().setOffline(true);
  await page.goto('/#/');
  const title = page.getByTestId('dash-title');
  await expect(title).toContainText('Đã được công nhận "Cộng đồng học tập" cấp xã Mức độ 1 (Quyết định số 45/QĐ-UBND ngày 20/03/2026)');
  await expect(title).toContainText('Giá trị đến hết ngày 31/12/2029');
  // The register feeds the commune's history (nobody types it): the title is listed from it, and a
  // decision typed for its year is refused with the reason, on the phone offline.
  await page.goto('/#/muc-do');
  await expect(page.getByTestId('decision-register')).toHaveText('Mức độ 1 (Khá) — 20/03/2026 — 45/QĐ-UBND (theo sổ công nhận của tỉnh)');
  await expect(page.getByTestId('decisions-register-hint')).toContainText('các năm 2026');
  await page.getByLabel('Ngày quyết định').fill('2026-03-20');
  await page.getByRole('button', { name: 'Thêm quyết định' }).click();
  await expect(page.getByTestId('save-status').last()).toContainText('Quyết định công nhận năm 2026 do tỉnh ghi trong sổ công nhận');
  await expect(page.getByTestId('decision-typed')).toHaveCount(0);
  await page.context().setOffline(false);
  await rvContext.close();
});
