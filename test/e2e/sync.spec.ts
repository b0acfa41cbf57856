// Sync end to end, in Chromium at 360×740 against the real server that playwright.config.ts starts:
// phones enrol through the app's own screen with codes from the admin CLI, edit offline, come back
// online, and the server (read over HTTP with a separate token) holds every edit exactly once; two
// phones converge and list their concurrent field; a change the server refuses is shown, not blocking.
import { execFileSync } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import { demoCommune } from '../../src/domain/demo-commune.ts';
import { COMMUNE_FIGURE_LABELS, VILLAGE_COUNT_LABELS, type VillageCountKey } from '../../src/domain/schemas/labels.ts';
import { compareHlc, formatHlc } from '../../src/domain/sync/hlc.ts';
import type { ChangeOp, ErrorResponse, SyncResponse } from '../../src/domain/sync/protocol.ts';
import { batchIdOf } from '../../src/sync/index.ts';
import { currentYear, fillSaved, readStore, waitForServiceWorker } from './helpers/app.ts';
import {
  countsRow, e2eDbPath, enrolInApp, enrolOverApi, issueCode, newPhone, openConflicts, outbox, readMeta, sendNow, serverOps, syncBar, viNumber,
  type CountsRow,
} from './helpers/sync.ts';

/** The commune the server seeds into its empty database (server/seed.ts). */
const COMMUNE = demoCommune.commune.code;

type Count = Exclude<VillageCountKey, 'villageRecognized'>;
type Village = { code: string; name: string };
const label = (k: Count) => VILLAGE_COUNT_LABELS[k].vi;

/** Opens a village's form and returns the counts it shows (what the phone holds), as numbers. */
async function formCounts(page: Page, village: Village, year: number, keys: Count[]): Promise<Record<Count, number>> {
  await page.goto(`/#/thon/${village.code}`);
  // The previous screen's form stays until this village's data is read: wait for its title.
  await expect(page.getByRole('heading', { level: 1, name: `${village.name} — ${year}`, exact: true })).toBeVisible();
  await expect(page.getByLabel(label('households'), { exact: true })).toBeVisible();
  const out = {} as Record<Count, number>;
  for (const k of keys) {
    const raw = await page.getByLabel(label(k), { exact: true }).inputValue();
    expect(raw, `${village.code} ${k} is filled on the phone`).toMatch(/^\d+$/);
    out[k] = Number(raw);
  }
  return out;
}

/** Types counts on the open village form, one saved edit (one op) per field. */
async function typeCounts(page: Page, values: Partial<Record<Count, number>>): Promise<void> {
  for (const [k, v] of Object.entries(values) as [Count, number][]) await fillSaved(page, label(k), String(v));
}

/** The server's current value of each field of one key: its newest op by HLC (then opId). */
function serverValues(ops: ChangeOp[], entity: string, key: string): Record<string, unknown> {
  const best = new Map<string, ChangeOp>();
  for (const op of ops) {
    if (op.entity !== entity || op.key !== key) continue;
    for (const f of Object.keys(op.fields)) {
      const cur = best.get(f);
      if (!cur || compareHlc(op.hlc, cur.hlc) > 0 || (op.hlc === cur.hlc && op.opId > cur.opId)) best.set(f, op);
    }
  }
  return Object.fromEntries([...best].map(([f, op]) => [f, op.fields[f]]));
}

/** Revokes, with the admin CLI, the code issued to `person` (and the token of the phone that used it). */
function revokeCodeOf(person: string): void {
  const admin = (...args: string[]) =>
    execFileSync(process.execPath, ['--import', 'tsx', 'server/admin.ts', ...args, '--db', e2eDbPath()], { encoding: 'utf8', timeout: 60_000 });
  const line = admin('list-codes', '--commune', COMMUNE).split('\n').find((l) => l.split('\t')[3] === person);
  if (!line) throw new Error(`no code issued to ${person}`);
  admin('revoke-token', '--id', line.split('\t')[0]!);
}

const pending = (page: Page) => syncBar(page).getByTestId('sync-pending');
const receipt = (page: Page) => syncBar(page).getByTestId('sync-receipt');
const conflictsRegion = (page: Page) => page.getByRole('region', { name: 'Xung đột cần xem lại' });

test('offline edits reach the server exactly once: enrol, edit offline, reload offline, back online', async ({ browser, request }) => {
  test.setTimeout(180_000);
  const [phoneCode, readerCode] = await Promise.all([
    issueCode({ commune: COMMUNE, role: 'officer', name: 'Điện thoại e2e 1' }),
    issueCode({ commune: COMMUNE, role: 'officer', name: 'Kiểm tra máy chủ e2e 1' }),
  ]);
  const reader = await enrolOverApi(request, readerCode);
  const village = reader.commune.villages[2]!;

  const page = await newPhone(browser, phoneCode);
  const context = page.context();
  await waitForServiceWorker(page);
  // The commune came with the first pull: the header names it as the server does.
  await expect(page.getByRole('banner')).toContainText(reader.commune.name);
  await expect(receipt(page)).toHaveCount(0);
  const year = await currentYear(page);
  const key = `${COMMUNE}/${year}/${village.code}`;
  const before = await formCounts(page, village, year, ['households', 'familiesRegistered', 'citizens']);

  await context.setOffline(true);
  await expect(syncBar(page)).toContainText('Không có mạng');
  // Increases only, so every "≤" rule of the form still holds.
  const typed = { households: before.households + 13, familiesRegistered: before.familiesRegistered + 5, citizens: before.citizens + 21 };
  await typeCounts(page, typed);
  const edits = Object.keys(typed).length;
  await expect(pending(page)).toHaveText(`Chờ đồng bộ: ${viNumber(edits)}`);

  // Closed and reopened without signal: the page comes from the service worker, the edits from IndexedDB.
  await page.reload();
  for (const [k, v] of Object.entries(typed)) await expect(page.getByLabel(label(k as Count), { exact: true })).toHaveValue(String(v));
  await expect(pending(page)).toHaveText(`Chờ đồng bộ: ${viNumber(edits)}`);
  await expect(syncBar(page)).toContainText('Không có mạng');
  const queued = await outbox(page);
  expect(queued.map((r) => [r.state, r.op.entity, r.op.key])).toEqual(Array.from({ length: edits }, () => ['pending', 'villageCounts', key]));
  expect(Object.assign({}, ...queued.map((r) => r.op.fields))).toEqual(typed);
  const deviceId = await readMeta(page, 'deviceId');
  expect(typeof deviceId).toBe('string');

  // Signal returns: the `online` event sends the queue without anyone pressing anything.
  await context.setOffline(false);
  await expect(pending(page)).toHaveText('Chờ đồng bộ: 0');
  await expect(receipt(page)).toHaveText(/^ · Mã biên nhận: \S+$/);
  await expect(syncBar(page)).toContainText('Đồng bộ lần cuối:');
  await expect(syncBar(page)).not.toContainText('Không có mạng');
  const shownReceipt = (await receipt(page).textContent())!.replace(' · Mã biên nhận: ', '');
  expect(await outbox(page)).toEqual([]);

  // The server holds each op once, as the phone made it, and now gives the typed values.
  const opIds = queued.map((r) => r.op.opId);
  const onServer = async () => (await serverOps(request, reader.token)).filter((op) => opIds.includes(op.opId));
  const held = await onServer();
  expect(held.map((op) => op.opId).sort()).toEqual([...opIds].sort());
  for (const r of queued) {
    const { seq: _seq, ...op } = held.find((h) => h.opId === r.op.opId)!;
    expect(op).toEqual(r.op);
  }
  const all = await serverOps(request, reader.token);
  expect(serverValues(all, 'villageCounts', key)).toMatchObject(typed);

  // The same batch again (as if the answer had been lost), by the phone's own token (a token speaks
  // only for its device): known, not applied, and the receipt the phone shows is the server's
  // receipt for that batch.
  const ops = queued.map((r) => r.op);
  const phoneToken = await readMeta(page, 'token');
  const resend = await request.post('/api/v1/sync', {
    headers: { authorization: `Bearer ${phoneToken}` },
    data: { deviceId, batchId: batchIdOf(ops), ops },
  });
  expect(resend.status()).toBe(200);
  const again = (await resend.json()) as SyncResponse;
  expect(again.applied).toEqual([]);
  expect([...again.known].sort()).toEqual([...opIds].sort());
  expect(again.receipt).toBe(shownReceipt);

  // "Gửi ngay" once more: a full run happens (a new last-sync time) and nothing is sent twice.
  const lastSync = await readMeta(page, 'lastSyncAt');
  await sendNow(page);
  await expect.poll(() => readMeta(page, 'lastSyncAt')).not.toBe(lastSync);
  await expect(pending(page)).toHaveText('Chờ đồng bộ: 0');
  expect((await onServer()).map((op) => op.opId).sort()).toEqual([...opIds].sort());
  expect(await serverOps(request, reader.token)).toHaveLength(all.length);
  await context.close();
});

test('two phones edit one village offline: identical data, the concurrent field listed, re-apply settles it', async ({ browser, request }) => {
  test.setTimeout(240_000);
  const [codeA, codeB, readerCode] = await Promise.all([
    issueCode({ commune: COMMUNE, role: 'officer', name: 'Điện thoại A' }),
    issueCode({ commune: COMMUNE, role: 'officer', name: 'Điện thoại B' }),
    issueCode({ commune: COMMUNE, role: 'officer', name: 'Kiểm tra máy chủ e2e 2' }),
  ]);
  const reader = await enrolOverApi(request, readerCode);
  const village = reader.commune.villages[4]!;
  const a = await newPhone(browser, codeA);
  const b = await newPhone(browser, codeB);
  const year = await currentYear(a);
  expect(await currentYear(b)).toBe(year);
  const key = `${COMMUNE}/${year}/${village.code}`;
  const base = await countsRow(a, COMMUNE, year, village.code);
  expect(base).toBeDefined();
  expect(await countsRow(b, COMMUNE, year, village.code)).toEqual(base);

  const start = await formCounts(a, village, year, ['households', 'lineages', 'citizens']);
  await formCounts(b, village, year, []);
  await a.context().setOffline(true);
  await b.context().setOffline(true);
  // Same field (households) to different values; and one other field each.
  const typedA = { households: start.households + 11, lineages: start.lineages + 3 };
  const typedB = { households: start.households + 29, citizens: start.citizens + 40 };
  await typeCounts(a, typedA);
  await typeCounts(b, typedB);
  await expect(pending(a)).toHaveText(`Chờ đồng bộ: ${viNumber(2)}`);
  await expect(pending(b)).toHaveText(`Chờ đồng bộ: ${viNumber(2)}`);

  // A comes back first, then B (which pulls A's edits), then A pulls B's.
  await a.context().setOffline(false);
  await sendNow(a);
  await expect(pending(a)).toHaveText('Chờ đồng bộ: 0');
  await b.context().setOffline(false);
  await sendNow(b);
  await expect(pending(b)).toHaveText('Chờ đồng bộ: 0');
  await sendNow(a);

  // The newer households write (by HLC, as the server holds them) is the one both must keep.
  const ops = (await serverOps(request, reader.token)).filter((op) => op.entity === 'villageCounts' && op.key === key);
  const writeA = ops.find((op) => op.fields.households === typedA.households);
  const writeB = ops.find((op) => op.fields.households === typedB.households);
  expect(writeA && writeB).toBeTruthy();
  const aWins = compareHlc(writeA!.hlc, writeB!.hlc) > 0 || (writeA!.hlc === writeB!.hlc && writeA!.opId > writeB!.opId);
  const [winner, loser] = aWins ? [a, b] : [b, a];
  const [winValue, loseValue] = aWins ? [typedA.households, typedB.households] : [typedB.households, typedA.households];
  const expected: CountsRow = { ...base, lineages: typedA.lineages, citizens: typedB.citizens, households: winValue };
  expect(serverValues(ops, 'villageCounts', key)).toMatchObject({ lineages: typedA.lineages, citizens: typedB.citizens, households: winValue });

  await expect.poll(() => countsRow(a, COMMUNE, year, village.code)).toEqual(expected);
  await expect.poll(() => countsRow(b, COMMUNE, year, village.code)).toEqual(expected);
  for (const p of [a, b]) {
    await formCounts(p, village, year, []);
    await expect(p.getByLabel(label('households'), { exact: true })).toHaveValue(String(winValue));
    await expect(p.getByLabel(label('lineages'), { exact: true })).toHaveValue(String(typedA.lineages));
    await expect(p.getByLabel(label('citizens'), { exact: true })).toHaveValue(String(typedB.citizens));
  }

  // Each phone lists the households conflict, with its own value and the other phone's; nothing else.
  for (const [p, own, other] of [[a, typedA.households, typedB.households], [b, typedB.households, typedA.households]] as const) {
    await p.goto('/#/dong-bo');
    const items = conflictsRegion(p).getByRole('listitem');
    await expect(items).toHaveCount(1);
    await expect(items).toContainText(`Số liệu thôn ${key} — ${label('households')}`);
    await expect(items).toContainText(`Giá trị trên máy này: ${viNumber(own)}`);
    await expect(items).toContainText(`Giá trị từ máy khác: ${viNumber(other)}`);
  }

  // The person on the losing phone puts their value back; after a sync both phones hold it.
  await conflictsRegion(loser).getByRole('listitem').getByRole('button', { name: 'Dùng giá trị trên máy này' }).click();
  await expect(conflictsRegion(loser)).toContainText('Không có xung đột nào.');
  await expect(pending(loser)).toHaveText(`Chờ đồng bộ: ${viNumber(1)}`);
  await sendNow(loser);
  await expect(pending(loser)).toHaveText('Chờ đồng bộ: 0');
  await sendNow(winner);
  const settled: CountsRow = { ...expected, households: loseValue };
  await expect.poll(() => countsRow(winner, COMMUNE, year, village.code)).toEqual(settled);
  await expect.poll(() => countsRow(loser, COMMUNE, year, village.code)).toEqual(settled);
  await expect(conflictsRegion(winner)).toContainText('Không có xung đột nào.');
  expect(await openConflicts(winner)).toEqual([]);
  expect(await openConflicts(loser)).toEqual([]);
  const after = (await serverOps(request, reader.token)).filter((op) => op.entity === 'villageCounts' && op.key === key);
  expect(serverValues(after, 'villageCounts', key)).toMatchObject({ households: loseValue, lineages: typedA.lineages, citizens: typedB.citizens });
  await a.context().close();
  await b.context().close();
});

test('edits from another phone land while a form is open: the village form and the commune figures show what the phone holds; a text not saved says so', async ({ browser }) => {
  test.setTimeout(180_000);
  // Two enrolments only: the server limits how fast one address may enrol, and this file enrols often.
  const [codeA, codeB] = await Promise.all([
    issueCode({ commune: COMMUNE, role: 'officer', name: 'Điện thoại mở sẵn A' }),
    issueCode({ commune: COMMUNE, role: 'officer', name: 'Điện thoại mở sẵn B' }),
  ]);
  const village = demoCommune.villages[5]!;
  const a = await newPhone(browser, codeA);
  const b = await newPhone(browser, codeB);
  const year = await currentYear(a);
  const start = await formCounts(a, village, year, ['households', 'lineages']);
  await formCounts(b, village, year, []);
  const households = a.getByLabel(label('households'), { exact: true });

  // A types households and stays in the field (saved, sent on its own shortly after); then loses signal.
  await fillSaved(a, label('households'), String(start.households + 7));
  await expect(pending(a)).toHaveText('Chờ đồng bộ: 0');
  await a.context().setOffline(true);
  await expect(households).toBeFocused();
  // B, having received A's value, changes it and sends it. (Each phone saw the other's value
  // before writing: an informed change, no conflict left behind for later tests.)
  await sendNow(b);
  await expect(b.getByLabel(label('households'), { exact: true })).toHaveValue(String(start.households + 7));
  await typeCounts(b, { households: start.households + 19 });
  await sendNow(b);
  await expect(pending(b)).toHaveText('Chờ đồng bộ: 0');
  // A gets signal back: the `online` event brings B's value, nobody touching A's screen.
  await a.context().setOffline(false);
  await expect.poll(async () => (await countsRow(a, COMMUNE, year, village.code))?.households).toBe(start.households + 19);
  // The open form shows what the phone now holds, not the value A typed before.
  await expect(households).toBeFocused();
  await expect(households).toHaveValue(String(start.households + 19));
  await expect(a.getByText('Số đã lưu trên máy vừa đổi thành')).toHaveCount(0);

  // Text that is no number is never saved: when B's edit of the same field arrives under it, it
  // stays as typed and the field says the saved number changed (and to what).
  const lineages = a.getByLabel(label('lineages'), { exact: true });
  await lineages.fill('1.000');
  await expect(a.getByText('Chỉ nhập số nguyên không âm')).toBeVisible();
  await typeCounts(b, { lineages: start.lineages + 2 });
  await sendNow(b);
  await expect(pending(b)).toHaveText('Chờ đồng bộ: 0');
  await sendNow(a);
  await expect.poll(async () => (await countsRow(a, COMMUNE, year, village.code))?.lineages).toBe(start.lineages + 2);
  await expect(lineages).toHaveValue('1.000');
  await expect(lineages).toHaveAccessibleDescription(new RegExp(`Số đã lưu trên máy vừa đổi thành ${viNumber(start.lineages + 2)}`));
  // A valid number typed there is saved, and the note goes.
  await fillSaved(a, label('lineages'), String(start.lineages + 5));
  await expect(a.getByText('Số đã lưu trên máy vừa đổi thành')).toHaveCount(0);
  await expect.poll(async () => (await countsRow(a, COMMUNE, year, village.code))?.lineages).toBe(start.lineages + 5);

  // The commune figures form, the same: A types units (saved and sent), B later; A's next sync
  // brings B's newer value into A's open form.
  const unitsLabel = COMMUNE_FIGURE_LABELS.units.vi;
  const units = (p: Page) => p.getByLabel(unitsLabel, { exact: true });
  for (const p of [a, b]) {
    await p.goto('/#/so-lieu-xa');
    await expect(units(p)).toBeVisible();
  }
  const shown = Number((await units(a).inputValue()) || '0');
  await fillSaved(a, unitsLabel, String(shown + 4));
  await sendNow(a);
  await expect(pending(a)).toHaveText('Chờ đồng bộ: 0');
  await sendNow(b);
  await expect(units(b)).toHaveValue(String(shown + 4));
  await fillSaved(b, unitsLabel, String(shown + 9));
  await sendNow(b);
  await expect(pending(b)).toHaveText('Chờ đồng bộ: 0');
  await sendNow(a);
  const held = async () =>
    (await readStore<{ commune: string; year: number; units?: number }>(a, 'communeFigures')).find((r) => r.commune === COMMUNE && r.year === year)?.units;
  await expect.poll(held).toBe(shown + 9);
  await expect(units(a)).toHaveValue(String(shown + 9));
  expect(await openConflicts(a)).toEqual([]);
  await a.context().close();
  await b.context().close();
});

test('a change the server refuses is shown on the sync screen and does not hold back later edits', async ({ browser, request }) => {
  test.setTimeout(180_000);
  const mine = demoCommune.villages[6]!;
  const other = demoCommune.villages[7]!;
  // The phone first collects for both villages; while its edit of `other` waits offline, the admin
  // narrows it to `mine` (revokes its code, issues a new one): the app then offers `other` read-only
  // only, and the server refuses the edit made before.
  // (A name of its own each run: the e2e server's database outlives repeats.)
  const widePerson = `Người thu thập hai thôn e2e ${crypto.randomUUID().slice(0, 8)}`;
  const [phoneCode, narrowCode, probeCode, readerCode] = await Promise.all([
    issueCode({ commune: COMMUNE, role: 'collector', name: widePerson, villages: [mine.code, other.code] }),
    issueCode({ commune: COMMUNE, role: 'collector', name: 'Người thu thập e2e', villages: [mine.code] }),
    issueCode({ commune: COMMUNE, role: 'collector', name: 'Người thu thập thử e2e', villages: [mine.code] }),
    issueCode({ commune: COMMUNE, role: 'officer', name: 'Kiểm tra máy chủ e2e 3' }),
  ]);
  const reader = await enrolOverApi(request, readerCode);

  const page = await newPhone(browser, phoneCode);
  const year = await currentYear(page);
  const otherKey = `${COMMUNE}/${year}/${other.code}`;
  const mineKey = `${COMMUNE}/${year}/${mine.code}`;

  // What the server says to a collector of `mine` writing to `other` (asked with a twin token).
  const probe = await enrolOverApi(request, probeCode, 'e2e-probe');
  const refusedRes = await request.post('/api/v1/sync', {
    headers: { authorization: `Bearer ${probe.token}` },
    data: {
      deviceId: 'e2e-probe',
      batchId: 'e2e-probe-1',
      ops: [{ opId: crypto.randomUUID(), entity: 'villageCounts', key: otherKey, fields: { households: 1 }, hlc: formatHlc({ wall: Date.now(), counter: 0, node: 'e2e-probe' }) }],
    },
  });
  expect(refusedRes.status()).toBe(403);
  const reason = ((await refusedRes.json()) as ErrorResponse).problems?.[0]?.vi;
  expect(reason).toBeTruthy();

  // Offline, so the refused edit and the allowed one leave in the same batch, the refused one first.
  const otherBefore = await formCounts(page, other, year, ['households']);
  await page.context().setOffline(true);
  const typedOther = otherBefore.households + 7;
  await typeCounts(page, { households: typedOther });
  const mineBefore = await formCounts(page, mine, year, ['households', 'citizens']);
  const typedMine = mineBefore.households + 9;
  await typeCounts(page, { households: typedMine });
  await expect(pending(page)).toHaveText(`Chờ đồng bộ: ${viNumber(2)}`);
  const queued = await outbox(page);
  expect(queued.map((r) => r.op.key)).toEqual([otherKey, mineKey]);
  const [refusedOp, allowedOp] = queued.map((r) => r.op) as [ChangeOp, ChangeOp];

  // Back online after the admin narrowed the scope: the old token is refused whole (nothing sent
  // with it), and the phone takes the narrower code.
  revokeCodeOf(widePerson);
  await page.context().setOffline(false);
  await page.goto('/#/dong-bo');
  await expect(page.getByRole('heading', { level: 2, name: /^Kết nối (lại|máy chủ)$/ })).toBeVisible();
  await page.getByLabel('Mã đăng ký', { exact: true }).fill(narrowCode);
  await page.getByRole('button', { name: 'Kết nối', exact: true }).click();
  // (The screen may re-render as the phone turns enrolled again, so the stored scope is what is awaited.)
  await expect.poll(() => readMeta(page, 'villageScope')).toEqual([mine.code]);
  // The app now shows `other` read-only; the edit made before is still on the phone, for the server to refuse.
  await page.goto(`/#/thon/${other.code}`);
  await expect(page.getByRole('note').filter({ hasText: 'Bạn chỉ được nhập số liệu cho thôn được giao' })).toBeVisible();
  await expect(page.getByLabel(label('households'), { exact: true })).toBeDisabled();
  await sendNow(page);
  await expect(pending(page)).toHaveText('Chờ đồng bộ: 0');
  await expect(receipt(page)).toHaveText(/^ · Mã biên nhận: \S+$/);

  // Shown to the person with the server's reason; kept on the phone, not sent.
  await page.goto('/#/dong-bo');
  const refusedList = page.getByRole('region', { name: 'Thay đổi bị máy chủ từ chối' });
  await expect(refusedList.getByRole('listitem')).toHaveCount(1);
  await expect(refusedList).toContainText(`Số liệu thôn ${otherKey}`);
  await expect(refusedList).toContainText(`${label('households')}: ${viNumber(typedOther)}`);
  await expect(refusedList).toContainText(reason!);
  expect((await outbox(page)).map((r) => [r.op.opId, r.state])).toEqual([[refusedOp.opId, 'quarantined']]);
  expect((await countsRow(page, COMMUNE, year, other.code))?.households).toBe(typedOther);

  // The allowed edit behind it reached the server; the refused one did not.
  let onServer = await serverOps(request, reader.token);
  expect(onServer.filter((op) => op.opId === allowedOp.opId).map((op) => op.fields)).toEqual([{ households: typedMine }]);
  expect(onServer.filter((op) => op.opId === refusedOp.opId)).toEqual([]);
  expect(serverValues(onServer, 'villageCounts', mineKey).households).toBe(typedMine);
  expect(serverValues(onServer, 'villageCounts', otherKey).households).toBe(otherBefore.households);

  // A later edit still goes through while the refused one waits on the phone.
  await formCounts(page, mine, year, []);
  const typedLater = mineBefore.citizens + 15;
  await typeCounts(page, { citizens: typedLater });
  await sendNow(page);
  await expect(pending(page)).toHaveText('Chờ đồng bộ: 0');
  await expect.poll(async () => serverValues(await serverOps(request, reader.token), 'villageCounts', mineKey).citizens).toBe(typedLater);
  onServer = await serverOps(request, reader.token);
  expect(onServer.filter((op) => op.opId === refusedOp.opId)).toEqual([]);
  expect((await outbox(page)).map((r) => [r.op.opId, r.state])).toEqual([[refusedOp.opId, 'quarantined']]);
  await page.context().close();
});

test('ops an older server hands out that fail the checks are listed on the sync screen with the reason; retired ones are not', async ({ browser }) => {
  test.setTimeout(120_000);
  const code = await issueCode({ commune: COMMUNE, role: 'officer', name: 'Điện thoại nhận dữ liệu lỗi e2e' });
  // The service worker is blocked so that the page's own requests reach the route below.
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await enrolInApp(page, code);
  await expect(syncBar(page)).toContainText('Đồng bộ lần cuối:');
  const year = await currentYear(page);
  const [t02, t03] = demoCommune.villages.slice(1, 3).map((v) => v.code) as [string, string];
  // Stamped a little ahead, so that the good op wins over whatever earlier tests wrote to the village.
  const hlc = (i: number) => formatHlc({ wall: Date.now() + 120_000 + i, counter: 0, node: 'old-server-phone' });
  const opText = (seq: number, entity: string, key: string, fields: string, i: number) =>
    `{"seq":${seq},"opId":"${crypto.randomUUID()}","entity":"${entity}","key":"${key}","fields":${fields},"hlc":"${hlc(i)}"}`;
  const before = await countsRow(page, COMMUNE, year, t03);

  // The next page of changes is the real one plus what an older server stored unchecked.
  let served = false;
  await page.route('**/api/v1/changes?*', async (route) => {
    if (served) return route.fallback();
    served = true;
    const real = (await (await route.fetch()).json()) as { ops: ChangeOp[]; nextCursor: number; hasMore: boolean };
    const seq = real.nextCursor;
    const injected = [
      opText(seq, 'villageCounts', `${COMMUNE}/${year}/${t02}`, '{"households":"nhiều"}', 1),
      opText(seq, 'thresholds', COMMUNE, '{"TC5.1@1":75}', 2),
      opText(seq, 'villageCounts', `${COMMUNE}/${year}/${t03}`, '{"households":1,"__proto__":-5}', 3),
      opText(seq, 'villageCounts', `${COMMUNE}/${year}/${t03}`, `{"citizens":${(Number(before?.citizens) || 0) + 11}}`, 4),
    ];
    const body = `{"ops":[${[...real.ops.map((o) => JSON.stringify(o)), ...injected].join(',')}],"nextCursor":${real.nextCursor},"hasMore":${real.hasMore}}`;
    await route.fulfill({ status: 200, contentType: 'application/json', body });
  });
  await sendNow(page);
  await expect.poll(() => served).toBe(true);
  // The good op behind the bad ones landed.
  await expect.poll(async () => (await countsRow(page, COMMUNE, year, t03))?.citizens).toBe((Number(before?.citizens) || 0) + 11);
  expect((await countsRow(page, COMMUNE, year, t03))?.households).toBe(before?.households);

  await page.goto('/#/dong-bo');
  const list = page.getByRole('region', { name: 'Dữ liệu từ máy chủ không nhận được' });
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(list).toContainText('Máy chủ gửi về các thay đổi dưới đây nhưng chúng không hợp lệ');
  const [first, second] = [list.getByRole('listitem').nth(0), list.getByRole('listitem').nth(1)];
  await expect(first).toContainText(`Số liệu thôn ${COMMUNE}/${year}/${t02}`);
  await expect(first).toContainText(`${label('households')}: nhiều`);
  await expect(first.locator('.field-error')).toHaveText(`${label('households')} phải là một số`);
  await expect(second).toContainText(`Số liệu thôn ${COMMUNE}/${year}/${t03}`);
  await expect(second.locator('.field-error')).toContainText('Tên "__proto__" không được dùng làm tên trường hay khóa');
  await expect(second).toContainText(/Nhận lúc \d/);
  // The retired province thresholds are not the person's concern: not listed.
  await expect(list).not.toContainText('TC5.1');
  await context.close();
});
