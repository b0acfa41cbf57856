// The commune's steps of the province's review, shared by the review e2e specs (issue #14).
import { expect, type Page } from '@playwright/test';
import { readStore } from './app.ts';
import { outbox, sendNow } from './sync.ts';

/** Records the 2025 meeting on Hồ sơ and locks the year (confirmed). */
export async function lockYear(page: Page, meetingDate: string, minutes: string): Promise<void> {
  await page.goto('/#/ho-so');
  await expect(page.getByRole('heading', { level: 1, name: 'Hồ sơ năm 2025' })).toBeVisible();
  await page.getByLabel('Ngày họp').fill(meetingDate);
  await page.getByLabel('Biên bản họp').fill(minutes);
  await page.getByLabel('Biên bản họp').blur();
  await page.getByRole('button', { name: 'Khóa số liệu năm 2025' }).click();
  await page.getByRole('group', { name: 'Khóa số liệu năm 2025' }).getByRole('button', { name: 'Khóa số liệu năm 2025' }).click();
  await expect(page.getByTestId('dossier-lock-state')).toHaveText('🔒 Đã khóa số liệu năm 2025');
}

/**
 * "Gửi ngay", then waits until the device has sent everything and holds `steps` changes of the
 * dossier's state (of `commune` only, for a reviewer's device holding a province). The phone's
 * clock is frozen in the assessment year, so the bar's time of the last sync does not move: what
 * the run brings is what is waited for.
 */
export async function pushAndPull(page: Page, steps: number, commune?: string): Promise<void> {
  await sendNow(page);
  await expect.poll(async () => (await outbox(page)).filter((r) => r.state === 'pending').length, { timeout: 30_000 }).toBe(0);
  const held = async () => (await readStore<{ commune: string }>(page, 'stateChanges')).filter((r) => commune === undefined || r.commune === commune).length;
  await expect.poll(held, { timeout: 30_000 }).toBe(steps);
}
