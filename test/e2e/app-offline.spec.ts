// A cadre's whole offline session: first visit online (the service worker takes control), then no
// network at all: reload, set up a commune, type several villages' counts and the commune
// figures, answer the indicators, read the readiness, close the page and reopen it offline.
// The expected readiness is computed by the engine from what was typed, never written here.
import { expect, test } from '@playwright/test';
import type { AssessInput, CommuneFigures, VillageCounts } from '../../src/domain/assess-types.ts';
import { DEFAULT_CATALOG_ID, getCatalog, indicatorsOf } from '../../src/domain/catalog/index.ts';
import { assess } from '../../src/domain/readiness/index.ts';
import { VILLAGE_COUNT_KEYS, VILLAGE_COUNT_LABELS } from '../../src/domain/schemas/labels.ts';
import { answerIndicators, currentYear, enterFigures, enterVillageCounts, expectReadiness, readStore, setUpCommune, villageCodes, waitForServiceWorker } from './helpers/app.ts';

const commune = { name: 'Xã Thử Nghiệm', code: '99001', province: 'Tỉnh Thử' };
const villages: { code: string; name: string; counts: VillageCounts }[] = [
  {
    code: 'T01', name: 'Thôn Một',
    counts: { households: 120, familiesRegistered: 110, familiesRecognized: 90, lineages: 6, lineagesRegistered: 5, lineagesRecognized: 4, citizens: 310, citizensRecognized: 200, trained: 170, university: 40, villageRecognized: true },
  },
  {
    code: 'T02', name: 'Thôn Hai',
    counts: { households: 80, familiesRegistered: 70, familiesRecognized: 58, lineages: 4, lineagesRegistered: 4, lineagesRecognized: 3, citizens: 200, citizensRecognized: 130, trained: 110, university: 30, villageRecognized: true },
  },
  {
    code: 'T03', name: 'Thôn Ba',
    counts: { households: 100, familiesRegistered: 90, familiesRecognized: 75, lineages: 5, lineagesRegistered: 4, lineagesRecognized: 4, citizens: 260, citizensRecognized: 160, trained: 140, university: 32, villageRecognized: false },
  },
];
const figures: CommuneFigures = { units: 10, unitsRecognized: 9, pcgdPreschool5: true, pcgdPrimary: 2, pcgdLowerSecondary: 2, literacy: 2, difficultArea: false };
// Every yes/no indicator of the catalog, one of them judged not met by the commune.
const answers: Record<string, boolean> = Object.fromEntries(
  indicatorsOf(getCatalog(DEFAULT_CATALOG_ID)!).filter((i) => i.kind === 'yes-no').map((i) => [i.id, i.id !== 'TC3.3']),
);

test('offline from the second visit: set up, enter, assess, close, reopen — all kept', async ({ page, context }) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await waitForServiceWorker(page);

  await context.setOffline(true);
  await page.reload();
  await setUpCommune(page, { ...commune, villages: villages.map((v) => v.name) });
  const year = await currentYear(page);

  for (const v of villages) await enterVillageCounts(page, v.code, v.counts);
  await enterFigures(page, figures);
  await answerIndicators(page, answers);

  const input: AssessInput = {
    catalog: DEFAULT_CATALOG_ID,
    year,
    commune,
    villages: villages.map((v) => ({ code: v.code, name: v.name, ...v.counts })),
    figures,
    answers: Object.fromEntries(Object.entries(answers).map(([id, met]) => [id, { met }])),
  };
  const expected = assess(input);
  await expectReadiness(page, expected);

  // The same once more after flipping the one failed answer: the screen follows the data.
  await answerIndicators(page, { 'TC3.3': true });
  const after = assess({ ...input, answers: { ...input.answers, 'TC3.3': { met: true } } });
  expect(after.level).not.toBe(expected.level); // the flip matters, so the check below can fail
  await expectReadiness(page, after);

  // Close the page, open the app again — still without any network.
  await page.close();
  const again = await context.newPage();
  await again.goto('/');
  await expect(again.getByRole('navigation', { name: 'Điều hướng chính' })).toBeVisible();
  await expect(again.locator('header')).toContainText(commune.name);
  await expectReadiness(again, after);
  for (const v of villages) {
    await again.goto(`/#/thon/${v.code}`);
    for (const key of VILLAGE_COUNT_KEYS) {
      await expect(again.getByLabel(VILLAGE_COUNT_LABELS[key].vi, { exact: true })).toHaveValue(String(v.counts[key]));
    }
    const group = again.getByRole('group', { name: VILLAGE_COUNT_LABELS.villageRecognized.vi });
    await expect(group.getByRole('radio', { name: v.counts.villageRecognized ? 'Có' : 'Không', exact: true })).toBeChecked();
  }

  // Underneath: exactly what was typed is stored, and every edit waits in the outbox.
  const rows = await readStore<Record<string, unknown>>(again, 'villageCounts');
  expect(rows.filter((r) => r.commune === commune.code && r.year === year)).toHaveLength(villages.length);
  const codes = await villageCodes(again, commune.code);
  for (const v of villages) {
    const row = rows.find((r) => codes.get(r.village as string) === v.code && r.year === year)!;
    for (const key of [...VILLAGE_COUNT_KEYS, 'villageRecognized'] as const) expect(row[key], `${v.code}.${key}`).toBe(v.counts[key]);
  }
  const outbox = await readStore<{ op: { opId: string } }>(again, 'outbox');
  expect(outbox.length).toBeGreaterThan(0);
  expect(new Set(outbox.map((r) => r.op.opId)).size).toBe(outbox.length);
  await expect(again.getByTestId('sync-pending')).toHaveText(`Chờ đồng bộ: ${outbox.length}`);
});
