// The village form refuses what breaks the glossary's rules while the person types: the Vietnamese
// error sits next to the field (aria-invalid + aria-describedby), and nothing invalid reaches
// IndexedDB. An unlikely jump from last year is flagged but saved. The counts of TC5.2 (issue #11)
// open the numeric keypad, show their rule while typing and last year's value, and save offline.
import { expect, test, type Page } from '@playwright/test';
import { validateVillageCounts } from '../../src/domain/schemas/entities.ts';
import { VILLAGE_COUNT_LABELS } from '../../src/domain/schemas/labels.ts';
import { currentYear, expectSave, fillSaved, readStore, savedCount, setUpCommune, villageCodes, waitForServiceWorker } from './helpers/app.ts';
import { problemText } from '../../src/i18n/problems.ts';

const L = VILLAGE_COUNT_LABELS;

/** The shared rules' Vietnamese message for a field of these counts. */
function ruleMessage(counts: Record<string, unknown>, field: string): string {
  const p = validateVillageCounts(counts).find((x) => x.path === field);
  if (!p) throw new Error(`no rule broken at ${field}`);
  return problemText(p, 'vi');
}

/** The error shown for a field, checked to be tied to the field for screen readers. */
async function fieldError(page: Page, label: string) {
  const box = page.getByLabel(label, { exact: true });
  await expect(box).toHaveAttribute('aria-invalid', 'true');
  const ids = ((await box.getAttribute('aria-describedby')) ?? '').split(' ');
  const errorId = ids.find((id) => id.endsWith('-error'));
  expect(errorId, `aria-describedby of ${label}`).toBeTruthy();
  // Next to the field: in the same field wrapper.
  const error = box.locator('xpath=..').locator(`[id="${errorId}"]`);
  await expect(error).toBeVisible();
  return error;
}

async function storedRow(page: Page, year: number, code: string) {
  const rows = await readStore<Record<string, unknown>>(page, 'villageCounts');
  const codes = await villageCodes(page, '99002');
  return rows.find((r) => r.commune === '99002' && r.year === year && codes.get(r.village as string) === code);
}

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await setUpCommune(page, { name: 'Xã Kiểm Tra', code: '99002', province: 'Tỉnh Thử', villages: ['Thôn Đông'] });
});

test('invalid counts show the Vietnamese error next to the field and are never stored', async ({ page }) => {
  const year = await currentYear(page);
  await page.goto('/#/thon/T01');
  await fillSaved(page, L.households.vi, '50');

  // Registered households above the total: the shared rule's message, on the field typed.
  const before = await savedCount(page);
  await page.getByLabel(L.familiesRegistered.vi, { exact: true }).fill('60');
  const err = await fieldError(page, L.familiesRegistered.vi);
  await expect(err).toHaveText(ruleMessage({ households: 50, familiesRegistered: 60 }, 'familiesRegistered'));
  await expect(err).toContainText('không được lớn hơn');

  // Not a number at all, and a negative one.
  await page.getByLabel(L.citizens.vi, { exact: true }).fill('12a');
  await expect(await fieldError(page, L.citizens.vi)).toHaveText(
    'Chỉ nhập số nguyên không âm (0, 1, 2…), không có dấu chấm hay chữ.',
  );
  await page.getByLabel(L.lineages.vi, { exact: true }).fill('-3');
  await expect(await fieldError(page, L.lineages.vi)).toHaveText(ruleMessage({ lineages: -3 }, 'lineages'));

  // Lowering the total below what is stored under it: the error goes where the person typed.
  await fillSaved(page, L.familiesRegistered.vi, '40');
  await expect(page.getByLabel(L.familiesRegistered.vi, { exact: true })).toHaveAttribute('aria-invalid', 'false');
  await page.getByLabel(L.households.vi, { exact: true }).fill('30');
  await expect(await fieldError(page, L.households.vi)).toHaveText(
    ruleMessage({ households: 30, familiesRegistered: 40 }, 'familiesRegistered'),
  );

  // Nothing invalid was saved: only 50 and then 40 went through.
  expect(await savedCount(page)).toBe(before + 1);
  const row = await storedRow(page, year, 'T01');
  expect(row?.households).toBe(50);
  expect(row?.familiesRegistered).toBe(40);
  expect(row?.citizens ?? null).toBeNull();
  expect(row?.lineages ?? null).toBeNull();
  const ops = await readStore<{ op: { entity: string; fields: Record<string, unknown> } }>(page, 'outbox');
  const countOps = ops.filter((o) => o.op.entity === 'villageCounts').map((o) => o.op.fields);
  expect(countOps).toEqual([{ households: 50 }, { familiesRegistered: 40 }]);

  // After a reload the stored values come back, the refused ones do not.
  await page.reload();
  await expect(page.getByLabel(L.households.vi, { exact: true })).toHaveValue('50');
  await expect(page.getByLabel(L.familiesRegistered.vi, { exact: true })).toHaveValue('40');
  await expect(page.getByLabel(L.citizens.vi, { exact: true })).toHaveValue('');
  await expect(page.getByLabel(L.lineages.vi, { exact: true })).toHaveValue('');
});

test('an unlikely jump from last year is flagged but saved', async ({ page }) => {
  const first = await currentYear(page);
  await page.goto('/#/thon/T01');
  await fillSaved(page, L.households.vi, '100');

  // "Thêm" → start the next year from this one.
  await page.goto('/#/them');
  await expectSave(page, () => page.getByRole('button', { name: `Bắt đầu năm ${first + 1} từ năm ${first}` }).click());
  await expect(page.getByLabel('Năm đánh giá (01/01 – 31/12)', { exact: true }).first()).toHaveValue(String(first + 1));

  await page.goto('/#/thon/T01');
  const box = page.getByLabel(L.households.vi, { exact: true });
  await expect(box).toHaveValue('');
  await expect(page.getByText(`Năm ${first}: 100`)).toBeVisible();
  await fillSaved(page, L.households.vi, '400');
  await expect(box).toHaveAttribute('aria-invalid', 'false');
  const warnId = ((await box.getAttribute('aria-describedby')) ?? '').split(' ').find((id) => id.endsWith('-warn'));
  expect(warnId).toBeTruthy();
  await expect(page.locator(`[id="${warnId}"]`)).toHaveText(
    `Thay đổi lớn so với năm ${first} (100 → 400). Hãy kiểm tra lại; số liệu vẫn được lưu.`,
  );
  expect((await storedRow(page, first + 1, 'T01'))?.households).toBe(400);
  expect((await storedRow(page, first, 'T01'))?.households).toBe(100);
});

test('the form speaks the glossary: labels exactly as written', async ({ page }) => {
  await page.goto('/#/thon/T01');
  for (const label of [
    'Tổng số hộ gia đình',
    'Số hộ đăng ký "Gia đình học tập"',
    'Số hộ được công nhận "Gia đình học tập"',
    'Tổng số dòng họ',
    'Số dòng họ đăng ký "Dòng họ học tập"',
    'Số dòng họ được công nhận "Dòng họ học tập"',
    'Số người từ 15 tuổi trở lên',
    'Số người đạt danh hiệu "Công dân học tập"',
    'Số người được đào tạo trình độ chuyên môn kỹ thuật',
    'Số người có trình độ đại học trở lên',
  ]) {
    const box = page.getByLabel(label, { exact: true });
    await expect(box).toHaveAttribute('inputmode', 'numeric');
    await expect(box).toHaveAttribute('pattern', '[0-9]*');
    const size = await box.boundingBox();
    expect(size!.height, `${label} tap target`).toBeGreaterThanOrEqual(48);
  }
  await expect(page.getByRole('group', { name: 'Thôn được công nhận "Cộng đồng học tập" cấp thôn' })).toBeVisible();
});

test('the counts of TC5.2: numeric keypad, the rule while typing, last year beside them, saved offline', async ({ page, context }) => {
  const first = await currentYear(page);
  await page.goto('/#/thon/T01');
  // The base of TC5.1 and TC5.2 is said under "Số người từ 15 tuổi trở lên".
  const citizens = page.getByLabel(L.citizens.vi, { exact: true });
  const citizensHelp = ((await citizens.getAttribute('aria-describedby')) ?? '').split(' ');
  await expect(page.locator(`[id="${citizensHelp.find((id) => id.endsWith('-rule'))}"]`)).toHaveText(
    'Là "công dân trong xã" mà Chỉ tiêu 1 và Chỉ tiêu 2 của Tiêu chí 5 tính tỷ lệ: mọi người từ 15 tuổi trở lên đang sống ở thôn.',
  );
  await fillSaved(page, L.citizens.vi, '300');
  await fillSaved(page, L.trained.vi, '160');
  await fillSaved(page, L.university.vi, '40');

  // The next year: last year's values beside the fields; typed offline, kept.
  await page.goto('/#/them');
  await expectSave(page, () => page.getByRole('button', { name: `Bắt đầu năm ${first + 1} từ năm ${first}` }).click());
  await page.goto('/#/thon/T01');
  // The reload below is offline: the service worker must control the page first (its first
  // install downloads the whole precache, which can still be running on a loaded machine).
  await waitForServiceWorker(page);
  await context.setOffline(true);
  for (const [label, last] of [[L.trained.vi, '160'], [L.university.vi, '40']] as const) {
    const box = page.getByLabel(label, { exact: true });
    await expect(box).toHaveAttribute('inputmode', 'numeric');
    await expect(box).toHaveAttribute('pattern', '[0-9]*');
    const ids = ((await box.getAttribute('aria-describedby')) ?? '').split(' ');
    await expect(page.locator(`[id="${ids.find((id) => id.endsWith('-hint'))}"]`)).toHaveText(`Năm ${first}: ${last}`);
    // The rule is on screen under the field before anything breaks it.
    await expect(page.locator(`[id="${ids.find((id) => id.endsWith('-rule'))}"]`)).toContainText('Không lớn hơn');
  }
  await fillSaved(page, L.citizens.vi, '310');
  await fillSaved(page, L.trained.vi, '170');

  // University above trained: refused while typing, with the rule's words, on the field typed.
  await page.getByLabel(L.university.vi, { exact: true }).fill('171');
  await expect(await fieldError(page, L.university.vi)).toHaveText(ruleMessage({ citizens: 310, trained: 170, university: 171 }, 'university'));
  // Trained above the people aged 15 and over: the error goes to trained, where the person typed.
  await fillSaved(page, L.university.vi, '45');
  await page.getByLabel(L.trained.vi, { exact: true }).fill('311');
  await expect(await fieldError(page, L.trained.vi)).toHaveText(ruleMessage({ citizens: 310, trained: 311 }, 'trained'));
  await expect(await fieldError(page, L.trained.vi)).toContainText('không được lớn hơn số người từ 15 tuổi trở lên');

  const row = await storedRow(page, first + 1, 'T01');
  expect(row).toMatchObject({ citizens: 310, trained: 170, university: 45 });
  await page.reload();
  await expect(page.getByLabel(L.trained.vi, { exact: true })).toHaveValue('170');
  await expect(page.getByLabel(L.university.vi, { exact: true })).toHaveValue('45');
  await context.setOffline(false);
});
