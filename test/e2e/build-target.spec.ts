// The built app must run on Chrome 80 for Android. Two checks of the OUTPUT, not the config:
// 1. every built script parses, and uses no syntax newer than Chrome 80 (logical assignment,
//    private methods, static blocks, top-level await, `#x in o`, regexp /d and /v, import attributes),
//    and no newer built-in unless it is polyfilled (src/ui/polyfills.ts) or guarded by `typeof`;
// 2. the app works in a page where every built-in newer than Chrome 80 has been deleted.
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { answerIndicators, enterVillageCounts } from './helpers/app.ts';
import { chrome80Problems, POLYFILLED } from './helpers/chrome80.ts';
import { levelLabel } from '../../src/i18n/readiness.ts';

const dist = resolve(process.env.E2E_DIST ?? 'dist');

function scripts(): string[] {
  const assets = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js')).map((f) => join('assets', f));
  return [...assets, 'sw.js'];
}

test('the built scripts use no syntax or built-in newer than Chrome 80 (unless filled or guarded)', () => {
  const files = scripts();
  expect(files.length).toBeGreaterThan(5);
  const problems: string[] = [];
  for (const file of files) {
    problems.push(...chrome80Problems(file, readFileSync(join(dist, file), 'utf8'), file === 'sw.js' ? 'script' : 'module', POLYFILLED));
  }
  expect(problems).toEqual([]);

  // The fillers really are in what index.html runs first.
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const entry = /<script type="module"[^>]*src="\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
  expect(entry).toBeTruthy();
  const entryCode = readFileSync(join(dist, entry!), 'utf8');
  for (const api of ['randomUUID', 'structuredClone', 'hasOwn']) expect(entryCode.includes(api), `${api} filler in ${entry}`).toBe(true);
});

test('the app works with only the built-ins Chrome 80 has', async ({ page }) => {
  test.setTimeout(120_000);
  await page.addInitScript(() => {
    const drop = (obj: object | undefined, key: string) => {
      if (obj) Reflect.deleteProperty(obj, key);
    };
    const g = globalThis as unknown as Record<string, object | undefined>;
    drop(globalThis.Crypto?.prototype, 'randomUUID');
    drop(globalThis.crypto, 'randomUUID');
    for (const k of ['structuredClone', 'WeakRef', 'FinalizationRegistry', 'AggregateError']) drop(globalThis, k);
    for (const k of ['at', 'findLast', 'findLastIndex', 'toSorted', 'toReversed', 'toSpliced', 'with']) drop(Array.prototype, k);
    for (const k of ['at', 'replaceAll', 'isWellFormed', 'toWellFormed']) drop(String.prototype, k);
    for (const k of ['hasOwn', 'groupBy']) drop(Object, k);
    for (const k of ['any', 'withResolvers']) drop(Promise, k);
    drop(g.Map, 'groupBy');
    drop(Array, 'fromAsync');
    drop(g.AbortSignal, 'timeout');
    drop(g.AbortSignal, 'any');
    drop(Element.prototype, 'replaceChildren');
    drop(g.Intl, 'Segmenter');
    drop(URL, 'canParse');
  });
  await page.goto('/');
  expect(await page.evaluate(() => typeof (globalThis as { structuredClone?: unknown }).structuredClone)).toBe('function'); // filled
  expect(await page.evaluate(() => typeof ([] as unknown as { at?: unknown }).at)).toBe('undefined'); // really gone
  await page.getByRole('button', { name: 'Dữ liệu mẫu' }).click();
  await expect(page.getByRole('navigation', { name: 'Điều hướng chính' })).toBeVisible();
  // Edits of stored rows (clone + new op ids), readiness, the export.
  await enterVillageCounts(page, 'T01', { households: 320 });
  await answerIndicators(page, { 'TC2.3': false });
  await page.goto('/#/muc-do');
  // One indicator judged not met means no level at all (TT25: every indicator of a level must be met).
  await expect(page.getByTestId('level-reached')).toHaveText(levelLabel(0, 'vi'));
  await page.goto('/#/du-lieu');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Xuất dữ liệu' }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.json$/);
});
