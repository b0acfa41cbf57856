// Shared steps of the app's end-to-end tests: what a person does (set up a commune, type counts,
// answer indicators) and what a test must look at underneath (service worker control, IndexedDB).
import { expect, type Page } from '@playwright/test';
import { VILLAGE_COUNT_KEYS, VILLAGE_COUNT_LABELS, COMMUNE_FIGURE_LABELS } from '../../../src/domain/schemas/labels.ts';
import type { AssessOutput, CommuneFigures, VillageCounts } from '../../../src/domain/assess-types.ts';
import { tt25_2023 } from '../../../src/domain/catalog/index.ts';
import { gapText, levelLabel, statusLabel, indicatorName } from '../../../src/i18n/readiness.ts';

/** Waits until a service worker controls the page (first visit: after install + clients.claim). */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
}

/**
 * First visit online, then a reload once the service worker is ready, so it controls the page;
 * then the demo commune ("Dữ liệu mẫu") is loaded and its dashboard shows.
 */
export async function openDemoUnderServiceWorker(page: Page): Promise<void> {
  await page.goto('/');
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await page.getByRole('button', { name: 'Dữ liệu mẫu' }).click();
  await expect(page.getByTestId('dashboard')).toBeVisible();
}

/** Every row of one IndexedDB object store of the app's database, read with the raw API. */
export async function readStore<T = Record<string, unknown>>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('xa-hoc-tap');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains(name)) {
            db.close();
            resolve([]);
            return;
          }
          const req = db.transaction(name, 'readonly').objectStore(name).getAll();
          req.onsuccess = () => {
            db.close();
            resolve(req.result as T[]);
          };
          req.onerror = () => reject(req.error);
        };
      }),
    store,
  );
}

/**
 * The code (Mã thôn) of each village id of `commune` on the phone: since issue 13 a village added in
 * the app or by a sheet has a fresh id, and its code is a field.
 */
export async function villageCodes(page: Page, commune: string): Promise<Map<string, string>> {
  const rows = await readStore<{ commune: string; id: string; code: string; inCommune?: string }>(page, 'villages');
  return new Map(rows.filter((v) => (v.inCommune ?? v.commune) === commune).map((v) => [v.id, v.code]));
}

/** The "Đã lưu" line of the screen (there is one per form). */
export function saveStatus(page: Page) {
  return page.getByTestId('save-status').first();
}

/** How many saves of the screen's form have committed so far. */
export async function savedCount(page: Page): Promise<number> {
  return Number((await saveStatus(page).getAttribute('data-saved')) ?? '0');
}

/** Runs `act` and waits until one more save of the form committed and "Đã lưu" shows. */
export async function expectSave(page: Page, act: () => Promise<void>): Promise<void> {
  const before = await savedCount(page);
  await act();
  await expect.poll(() => savedCount(page)).toBeGreaterThan(before);
  await expect(saveStatus(page)).toHaveText(/Đã lưu/);
}

/** Fills a field and waits until that value is committed ("Đã lưu" shows only after the db resolved). */
export async function fillSaved(page: Page, label: string, value: string): Promise<void> {
  await expectSave(page, () => page.getByLabel(label, { exact: true }).fill(value));
}

export interface CommuneSetup {
  name: string;
  code: string;
  province: string;
  villages: string[];
}

/** First run: types the commune and adds its villages, then goes home. */
export async function setUpCommune(page: Page, c: CommuneSetup): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: 'Bắt đầu' })).toBeVisible();
  await page.getByLabel('Xã / Phường / Đặc khu (gọi chung là xã)', { exact: true }).fill(c.name);
  await page.getByLabel('Mã xã', { exact: true }).fill(c.code);
  await page.getByLabel('Tỉnh / Thành phố', { exact: true }).fill(c.province);
  await page.getByRole('button', { name: 'Lưu xã' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Các thôn của xã' })).toBeVisible();
  for (const [i, v] of c.villages.entries()) {
    await page.getByLabel('Thôn / Bản / Ấp / Tổ dân phố (gọi chung là thôn)', { exact: true }).fill(v);
    await page.getByRole('button', { name: 'Thêm thôn' }).click();
    await expect(page.getByRole('listitem').filter({ hasText: v })).toBeVisible();
    await expect(page.getByRole('listitem').filter({ hasText: `(T${String(i + 1).padStart(2, '0')})` })).toBeVisible();
  }
  await page.getByRole('link', { name: 'Xong' }).click();
  await expect(page.getByRole('navigation', { name: 'Điều hướng chính' })).toBeVisible();
}

/** The year the app works on (the header's year switch). */
export async function currentYear(page: Page): Promise<number> {
  return Number(await page.getByLabel('Năm đánh giá (01/01 – 31/12)', { exact: true }).first().inputValue());
}

/** Types one village's counts on its form (`#/thon/<code>`), waiting for each save. */
export async function enterVillageCounts(page: Page, code: string, counts: VillageCounts): Promise<void> {
  await page.goto(`/#/thon/${code}`);
  // A change of address within the page redraws a moment later: type only into this village's form.
  await expect(page.locator(`form[data-village-code="${code}"]`)).toBeVisible();
  await expect(page.getByLabel(VILLAGE_COUNT_LABELS.households.vi, { exact: true })).toBeVisible();
  for (const key of VILLAGE_COUNT_KEYS) {
    const v = counts[key];
    if (typeof v === 'number') await fillSaved(page, VILLAGE_COUNT_LABELS[key].vi, String(v));
  }
  if (typeof counts.villageRecognized === 'boolean') {
    const group = page.getByRole('group', { name: VILLAGE_COUNT_LABELS.villageRecognized.vi });
    await expectSave(page, () => group.getByRole('radio', { name: counts.villageRecognized ? 'Có' : 'Không', exact: true }).check());
  }
}

/** Types the commune figures (`#/so-lieu-xa`). */
export async function enterFigures(page: Page, f: CommuneFigures): Promise<void> {
  await page.goto('/#/so-lieu-xa');
  await expect(page.getByRole('heading', { level: 1, name: /Số liệu chung của xã/ })).toBeVisible();
  if (typeof f.units === 'number') await fillSaved(page, COMMUNE_FIGURE_LABELS.units.vi, String(f.units));
  if (typeof f.unitsRecognized === 'number') await fillSaved(page, COMMUNE_FIGURE_LABELS.unitsRecognized.vi, String(f.unitsRecognized));
  if (typeof f.pcgdPreschool5 === 'boolean') {
    const box = page.getByLabel(COMMUNE_FIGURE_LABELS.pcgdPreschool5.vi, { exact: true });
    await expectSave(page, async () => void (await box.selectOption({ label: f.pcgdPreschool5 ? 'Đạt' : 'Chưa đạt' })));
  }
  for (const key of ['pcgdPrimary', 'pcgdLowerSecondary', 'literacy'] as const) {
    const v = f[key];
    if (typeof v !== 'number') continue;
    const box = page.getByLabel(COMMUNE_FIGURE_LABELS[key].vi, { exact: true });
    await expectSave(page, async () => void (await box.selectOption(String(v))));
  }
  if (typeof f.difficultArea === 'boolean') {
    const group = page.getByRole('group', { name: COMMUNE_FIGURE_LABELS.difficultArea.vi });
    await expectSave(page, () => group.getByRole('radio', { name: f.difficultArea ? 'Có' : 'Không', exact: true }).check());
  }
}

/** Answers yes/no indicators on the criteria form (`#/tieu-chi`): true → Đạt, false → Chưa đạt. */
export async function answerIndicators(page: Page, answers: Record<string, boolean>): Promise<void> {
  await page.goto('/#/tieu-chi');
  for (const [id, met] of Object.entries(answers)) {
    const group = page.getByRole('group', { name: `Kết quả ${indicatorName(id)}` });
    await expectSave(page, () => group.getByRole('radio', { name: met ? 'Đạt' : 'Chưa đạt', exact: true }).check());
  }
}

/** Matches a status badge's text ("✓ Đạt") against the glossary word, not a longer one ("Chưa đạt"). */
function badge(label: string): RegExp {
  return new RegExp(`(^|\\s)${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}

/**
 * Checks that the readiness screen (`#/muc-do`) shows what the engine computed: the level reached,
 * the level the commune may apply for, and every level's, criterion's and indicator's status.
 */
export async function expectReadiness(page: Page, output: AssessOutput): Promise<void> {
  await page.goto('/#/muc-do');
  await expect(page.getByTestId('level-reached')).toHaveText(levelLabel(output.level, 'vi'));
  await expect(page.getByTestId('eligible-level')).toHaveText(
    output.eligibleLevel === 0 ? 'Chưa thể đề nghị công nhận' : levelLabel(output.eligibleLevel, 'vi'),
  );
  for (const l of output.levels) {
    const section = page.getByTestId(`level-${l.level}`);
    await expect(section.getByRole('heading', { level: 2 }).getByTestId('status')).toHaveText(badge(statusLabel(l.status, 'vi')));
    for (const c of l.criteria) {
      const crit = page.getByTestId(`crit-${l.level}-${c.id}`);
      await expect(crit.getByRole('heading', { level: 3 }).getByTestId('status')).toHaveText(badge(statusLabel(c.status, 'vi')));
      for (const r of c.indicators) {
        const line = page.getByTestId(`ind-${l.level}-${r.id}`);
        await expect(line.getByTestId('status')).toHaveText(badge(statusLabel(r.status, 'vi')));
        // What is missing, in the engine's words (people, or the standard to reach).
        const gap = gapText(r, tt25_2023, 'vi');
        if (gap && r.status === 'unmet') await expect(line.getByTestId('gap-line')).toHaveText(`Còn thiếu: ${gap}`);
      }
    }
  }
}
