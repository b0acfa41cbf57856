// What an enrolled phone may change, as a person sees it, against the real server: a village
// collector finds their village first and editable, every other village and the commune-level
// screens read-only with the Vietnamese reason; a reviewer sees everything read-only.
import { expect, test, type Page } from '@playwright/test';
import { demoCommune } from '../../src/domain/demo-commune.ts';
import { VILLAGE_COUNT_LABELS, COMMUNE_FIGURE_LABELS } from '../../src/domain/schemas/labels.ts';
import { currentYear, fillSaved, readStore } from './helpers/app.ts';
import { issueCode, newPhone } from './helpers/sync.ts';

const COMMUNE = demoCommune.commune.code;
const HOUSEHOLDS = VILLAGE_COUNT_LABELS.households.vi;
const SCOPE_NOTE = 'Bạn chỉ được nhập số liệu cho thôn được giao';

async function openVillage(page: Page, v: { code: string; name: string }, year: number): Promise<void> {
  await page.goto(`/#/thon/${v.code}`);
  await expect(page.getByRole('heading', { level: 1, name: `${v.name} — ${year}`, exact: true })).toBeVisible();
}

test('a village collector enters their village; other villages and commune-level screens are read-only with the reason', async ({ browser }) => {
  test.setTimeout(120_000);
  const mine = demoCommune.villages[3]!;
  const other = demoCommune.villages[0]!;
  const page = await newPhone(browser, await issueCode({ commune: COMMUNE, role: 'collector', name: 'Người thu thập quyền e2e', villages: [mine.code] }));
  const year = await currentYear(page);

  // The list: the assigned village first, marked; the others marked read-only; no adding villages.
  await page.goto('/#/thon');
  const cards = page.locator('.village-card');
  await expect(cards).toHaveCount(demoCommune.villages.length);
  await expect(cards.first()).toContainText(mine.name);
  await expect(cards.first()).toContainText('Được giao');
  await expect(cards.filter({ hasText: other.name })).toContainText('Chỉ xem');
  await expect(page.getByTestId('read-only-note')).toHaveText(`${SCOPE_NOTE}: ${mine.name}. Các thôn khác chỉ để xem.`);
  await expect(page.getByRole('button', { name: 'Thêm thôn' })).toHaveCount(0);

  // Another village: the reason, every control disabled, and nothing can be queued.
  await openVillage(page, other, year);
  await expect(page.getByRole('note').filter({ hasText: SCOPE_NOTE })).toBeVisible();
  await expect(page.getByLabel(HOUSEHOLDS, { exact: true })).toBeDisabled();
  await expect(page.getByLabel('Tên thôn', { exact: true })).toBeDisabled();
  await expect(page.getByRole('radio').first()).toBeDisabled();

  // Their own village: no note, and an edit is saved and queued as usual (offline, so it stays queued).
  await page.context().setOffline(true);
  await openVillage(page, mine, year);
  await expect(page.getByTestId('read-only-note')).toHaveCount(0);
  const box = page.getByLabel(HOUSEHOLDS, { exact: true });
  await expect(box).toBeEnabled();
  const typed = Number((await box.inputValue()) || '0') + 3;
  await fillSaved(page, HOUSEHOLDS, String(typed));
  const ops = await readStore<{ op: { entity: string; key: string } }>(page, 'outbox');
  expect(ops.map((o) => o.op.key)).toEqual([`${COMMUNE}/${year}/${mine.code}`]);
  await page.context().setOffline(false);

  // Commune-level screens: read-only with the same kind of note.
  await page.goto('/#/so-lieu-xa');
  await expect(page.getByTestId('read-only-note')).toHaveText(`${SCOPE_NOTE}. Mục cấp xã này chỉ để xem.`);
  await expect(page.getByLabel(COMMUNE_FIGURE_LABELS.units.vi, { exact: true })).toBeDisabled();
  await page.goto('/#/tieu-chi');
  await expect(page.getByTestId('read-only-note')).toContainText(SCOPE_NOTE);
  await expect(page.getByRole('radio').first()).toBeDisabled();
  // Recognition decisions are the officer's (the province thresholds screen is gone with issue #11).
  await page.goto('/#/muc-do');
  await expect(page.getByTestId('read-only-note')).toHaveText('Chỉ cán bộ phụ trách cấp xã được sửa mục này. Bạn chỉ xem được.');
  await expect(page.getByRole('button', { name: 'Thêm quyết định' })).toHaveCount(0);
  await page.goto('/#/ho-so');
  await expect(page.getByTestId('read-only-note')).toContainText(SCOPE_NOTE);
  await expect(page.getByLabel('Số tờ trình')).toBeDisabled();
  await expect(page.getByText('Đặt nơi nhận và thời hạn')).toHaveCount(0);

  // Nothing but their own village's edit was ever queued, and the server refused nothing.
  const left = await readStore<{ op: { key: string }; state: string }>(page, 'outbox');
  expect(left.filter((o) => o.state === 'quarantined' || o.op.key !== `${COMMUNE}/${year}/${mine.code}`)).toEqual([]);
  await page.context().close();
});

test('a reviewer sees every village and the commune figures read-only', async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await newPhone(browser, await issueCode({ commune: COMMUNE, role: 'reviewer', name: 'Người xem e2e' }));
  const year = await currentYear(page);
  const note = 'Vai trò của bạn chỉ được xem, không được sửa số liệu.';
  await page.goto('/#/thon');
  await expect(page.getByTestId('read-only-note')).toHaveText(note);
  await expect(page.locator('.village-card').filter({ hasText: 'Chỉ xem' })).toHaveCount(demoCommune.villages.length);
  for (const v of demoCommune.villages.slice(0, 2)) {
    await openVillage(page, v, year);
    await expect(page.getByTestId('read-only-note')).toHaveText(note);
    await expect(page.getByLabel(HOUSEHOLDS, { exact: true })).toBeDisabled();
  }
  await page.goto('/#/so-lieu-xa');
  await expect(page.getByTestId('read-only-note')).toHaveText(note);
  await expect(page.getByLabel(COMMUNE_FIGURE_LABELS.units.vi, { exact: true })).toBeDisabled();
  expect(await readStore(page, 'outbox')).toEqual([]);
  await page.context().close();
});

test("a commune-wide collector words the dossier, but the meeting and the year's lock are the officer's", async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await newPhone(browser, await issueCode({ commune: COMMUNE, role: 'collector', name: 'Cán bộ TTHTCĐ e2e' }));
  const year = await currentYear(page);
  await page.goto('/#/ho-so');
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(String(year)) })).toBeVisible();
  const meeting = page.getByRole('region', { name: 'Họp thống nhất kết quả tự đánh giá' });
  await expect(meeting.getByTestId('read-only-note')).toHaveText(
    'Cuộc họp xét do Ủy ban nhân dân xã tổ chức: chỉ cán bộ phụ trách cấp xã được ghi cuộc họp, khóa hoặc mở lại năm. Bạn chỉ xem được.',
  );
  await expect(meeting.getByLabel('Ngày họp')).toBeDisabled();
  await expect(meeting.getByRole('button', { name: `Khóa số liệu năm ${year}` })).toBeDisabled();
  // The dossier's wording stays theirs to write: one note only, on the meeting.
  await expect(page.getByTestId('read-only-note')).toHaveCount(1);
  await expect(page.getByLabel('Số tờ trình')).toBeEnabled();
  await page.context().close();
});
