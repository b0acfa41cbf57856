// Mã thôn shared by two villages, end to end in Chromium at 360×740 against the real e2e server:
// two phones offline each add the same village code (fresh ids), both sync, and the server keeps
// both (it does not refuse a taken code: that would strand the second phone's village). The
// villages list, the counts form and Tổng quan name the code and both villages; the sheet import
// refuses a row naming it and writes to neither; the person changes one code right there while
// offline, a code another village holds is refused, the warning goes, and the change stays across
// a reload offline and reaches the other phone.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { readStore, waitForServiceWorker } from './helpers/app.ts';
import { expectNoSeriousViolations } from './helpers/axe.ts';
import { admin, issueCode, newPhone, outbox, sendNow, syncBar } from './helpers/sync.ts';

const COMMUNE = '99161';
const PROVINCE = 'Tỉnh Thử Mã Thôn';

type Village = { id: string; code: string; name: string; archived?: boolean };
const villages = async (page: Page) => (await readStore<Village & { inCommune: string }>(page, 'villages')).filter((v) => !v.archived);

/** Adds a village with the list's own "Thêm thôn" form. */
async function addVillage(page: Page, name: string, code: string): Promise<void> {
  await page.goto('/#/thon');
  const adder = page.getByRole('region', { name: 'Các thôn của xã' });
  await adder.getByLabel('Thôn / Bản / Ấp / Tổ dân phố (gọi chung là thôn)', { exact: true }).fill(name);
  await adder.getByLabel('Mã thôn', { exact: true }).fill(code);
  await adder.getByRole('button', { name: 'Thêm thôn', exact: true }).click();
  await expect(adder.getByText(`${name} (${code})`, { exact: true })).toBeVisible();
}

test('two phones add T05 offline: the list names both, one code is changed offline, the warning goes and the change syncs', async ({ browser }) => {
  test.setTimeout(240_000);
  await admin('create-commune', '--code', COMMUNE, '--name', 'Xã Trùng Mã', '--province', PROVINCE, '--village', 'T01=Thôn Một');
  const a = await newPhone(browser, await issueCode({ commune: COMMUNE, role: 'officer', name: 'Phạm Văn An' }));
  const b = await newPhone(browser, await issueCode({ commune: COMMUNE, role: 'officer', name: 'Đỗ Thị Bình' }));
  // Both work offline from here: the service worker holds every screen.
  await waitForServiceWorker(a);
  await waitForServiceWorker(b);

  // Offline, each phone adds the same village under the same code; neither knows of the other's.
  await a.context().setOffline(true);
  await b.context().setOffline(true);
  await addVillage(a, 'Thôn 5', 'T05');
  await addVillage(b, 'Thôn Năm', 'T05');
  // The screen still refuses a taken code on the phone that already has it (case ignored).
  const adderA = a.getByRole('region', { name: 'Các thôn của xã' });
  await adderA.getByLabel('Thôn / Bản / Ấp / Tổ dân phố (gọi chung là thôn)', { exact: true }).fill('Thôn Năm Mươi');
  await adderA.getByLabel('Mã thôn', { exact: true }).fill('t05');
  await adderA.getByRole('button', { name: 'Thêm thôn', exact: true }).click();
  await expect(adderA.getByText('Mã t05 đã có trong danh sách.', { exact: true })).toBeVisible();
  await expect(a.getByTestId('dup-codes')).toHaveCount(0);

  // Both come back online and sync; phone A pulls B's village: two active villages share T05.
  await a.context().setOffline(false);
  await b.context().setOffline(false);
  await sendNow(a);
  await expect.poll(async () => (await outbox(a)).length, { timeout: 30_000 }).toBe(0);
  await sendNow(b);
  await expect.poll(async () => (await outbox(b)).length, { timeout: 30_000 }).toBe(0);
  await sendNow(a);
  await expect.poll(async () => (await villages(a)).filter((v) => v.code === 'T05').length, { timeout: 30_000 }).toBe(2);
  const nam = (await villages(a)).find((v) => v.name === 'Thôn Năm')!;
  const five = (await villages(a)).find((v) => v.name === 'Thôn 5')!;
  expect(nam.id).not.toBe(five.id);

  // The villages list names the code and both villages, with a way to change each one's code.
  await a.goto('/#/thon');
  const warning = a.getByTestId('dup-codes');
  await expect(warning).toHaveCount(1);
  await expect(warning.getByRole('alert')).toHaveText(/^Mã thôn T05 đang dùng cho 2 thôn: (Thôn 5, Thôn Năm|Thôn Năm, Thôn 5)\. Hãy sửa mã của một thôn\.$/);
  await expect(warning.getByRole('button', { name: 'Sửa mã thôn Thôn 5', exact: true })).toBeVisible();
  await expect(warning.getByRole('button', { name: 'Sửa mã thôn Thôn Năm', exact: true })).toBeVisible();
  // Both stay on the list and on the home screen's count of villages; neither is hidden.
  await expect(a.locator('.village-card')).toHaveCount(3);
  await expectNoSeriousViolations(a, 'the villages list with a shared village code');

  // Each one's counts form says its code is shared and where to fix it.
  await a.goto(`/#/thon/${nam.id}`);
  await expect(a.getByTestId('dup-code-here')).toHaveText('Mã thôn T05 của thôn này cũng là mã của: Thôn 5. Hãy sửa mã ở Danh sách thôn.');
  // An address typed with the shared code picks neither: it offers both.
  await a.goto('/#/thon/T05');
  await expect(a.getByRole('alert')).toHaveText(/^Mã thôn T05 đang dùng cho 2 thôn: /);
  await expect(a.getByRole('link', { name: 'Thôn 5', exact: true })).toHaveAttribute('href', `#/thon/${five.id}`);
  await expect(a.getByRole('link', { name: 'Thôn Năm', exact: true })).toHaveAttribute('href', `#/thon/${nam.id}`);
  // The chair's home screen counts all three and points to the list.
  await a.goto('/#/');
  await expect(a.getByTestId('dash-completeness')).toHaveAttribute('data-total', '3');
  const pointer = a.getByTestId('dash-shared-codes');
  await expect(pointer).toHaveText(/^Có thôn trùng mã thôn: T05 \((Thôn 5, Thôn Năm|Thôn Năm, Thôn 5)\)\. Sửa mã ở Danh sách thôn$/);
  await pointer.getByRole('link', { name: 'Sửa mã ở Danh sách thôn', exact: true }).click();
  await expect(a.getByRole('heading', { level: 1, name: /^Danh sách thôn/ })).toBeVisible();

  // The sheet import refuses the row naming T05 (naming both) and writes to neither; T01's row goes in.
  mkdirSync(test.info().outputDir, { recursive: true });
  const file = join(test.info().outputDir, 'so-lieu-thon.csv');
  writeFileSync(file, 'Mã thôn,Tổng số hộ gia đình\nT01,40\nT05,50\n');
  await a.getByRole('region', { name: 'Bảng tính Excel' }).getByRole('button', { name: 'Nhập từ tệp Excel' }).click();
  await a.getByTestId('import-panel').locator('#xi-file').setInputFiles(file);
  await expect(a.getByTestId('import-tally')).toContainText('1 thôn thay đổi');
  await expect(a.getByTestId('import-tally')).toContainText('1 thôn bị từ chối');
  await expect(a.getByTestId('import-row-3')).toHaveAttribute('data-status', 'refused');
  await expect(a.getByTestId('import-row-3')).toContainText(/Dòng 3, cột A: mã thôn "T05" đang dùng cho 2 thôn của xã \((Thôn 5, Thôn Năm|Thôn Năm, Thôn 5)\) nên không biết ghi vào thôn nào/);
  await a.getByTestId('import-preview').getByRole('button', { name: 'Nhập số liệu của 1 thôn', exact: true }).click();
  await expect(a.getByTestId('import-done')).toContainText('Đã nhập số liệu của 1 thôn');
  const counts = await readStore<{ village: string; households?: number }>(a, 'villageCounts');
  expect(counts.filter((r) => r.village === five.id || r.village === nam.id)).toEqual([]);
  const one = (await villages(a)).find((v) => v.code === 'T01')!;
  expect(counts.find((r) => r.village === one.id)?.households).toBe(40);
  await sendNow(a);
  await expect.poll(async () => (await outbox(a)).length, { timeout: 30_000 }).toBe(0);
  await a.getByRole('button', { name: 'Xem danh sách thôn' }).click();

  // Offline again, the person changes the code of Thôn Năm right in the warning.
  await a.context().setOffline(true);
  await expect(syncBar(a)).toContainText('Không có mạng');
  await warning.getByRole('button', { name: 'Sửa mã thôn Thôn Năm', exact: true }).click();
  const field = warning.getByLabel('Mã thôn mới của Thôn Năm', { exact: true });
  await expect(field).toHaveValue('T05');
  // A code another active village holds is refused, with the adder's words.
  await field.fill('T01');
  await warning.getByRole('button', { name: 'Lưu mã', exact: true }).click();
  await expect(warning.getByText('Mã T01 đã có trong danh sách.', { exact: true })).toBeVisible();
  await expect(field).toBeFocused();
  await field.fill('T06');
  await warning.getByRole('button', { name: 'Lưu mã', exact: true }).click();
  await expect(warning).toHaveCount(0);
  await expect(a.getByRole('status').filter({ hasText: 'Đã lưu mã T06 cho Thôn Năm.' })).toBeVisible();
  await expect(adderA.getByText('Thôn Năm (T06)', { exact: true })).toBeVisible();
  await expect(adderA.getByText('Thôn 5 (T05)', { exact: true })).toBeVisible();

  // Saved on the phone: after a reload with no signal the codes are as changed, the edit queued.
  await a.reload();
  await expect(adderA.getByText('Thôn Năm (T06)', { exact: true })).toBeVisible();
  await expect(a.getByTestId('dup-codes')).toHaveCount(0);
  await a.goto('/#/');
  await expect(a.getByTestId('dash-completeness')).toHaveAttribute('data-total', '3');
  await expect(a.getByTestId('dash-shared-codes')).toHaveCount(0);
  expect((await villages(a)).find((v) => v.id === nam.id)!.code).toBe('T06');
  const queued = await outbox(a);
  expect(queued.map((r) => [r.op.entity, r.op.fields.code])).toEqual([['village', 'T06']]);

  // Back online, the change reaches the other phone, whose list then has no warning either.
  await a.context().setOffline(false);
  await sendNow(a);
  await expect.poll(async () => (await outbox(a)).length, { timeout: 30_000 }).toBe(0);
  await sendNow(b);
  await expect.poll(async () => (await villages(b)).find((v) => v.id === nam.id)?.code, { timeout: 30_000 }).toBe('T06');
  await b.goto('/#/thon');
  await expect(b.getByRole('region', { name: 'Các thôn của xã' }).getByText('Thôn Năm (T06)', { exact: true })).toBeVisible();
  await expect(b.getByTestId('dup-codes')).toHaveCount(0);
});
