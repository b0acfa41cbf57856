// Evidence files end to end (issue #15), in Chromium at 360×740 against the real server of
// playwright.config.ts: a photo attached offline survives a reload offline with its thumbnail,
// goes up once online, and a second phone of the commune and the province reviewer open it (the
// second phone offline too, from the service worker's cache); a page closed mid-upload finishes
// the upload when reopened and the server holds one copy; a phone out of room says so, offers
// "Xuất dữ liệu ngay" and loses nothing.
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createHash } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { demoCommune } from '../../src/domain/demo-commune.ts';
import { readStore, waitForServiceWorker } from './helpers/app.ts';
import { e2eDbPath, enrolOverApi, issueCode, issueProvinceCode, newPhone } from './helpers/sync.ts';

const COMMUNE = demoCommune.commune.code;
const IND = 'TC1.1';

/** A camera-like JPEG drawn in the page (nothing large is committed), distinct per seed. */
async function photo(page: Page, seed: number, width = 1200, height = 900): Promise<Buffer> {
  const b64 = await page.evaluate(async ([s, w, h]) => {
    const c = new OffscreenCanvas(w, h);
    const x = c.getContext('2d')!;
    let r = s * 2654435761 >>> 0;
    const rand = () => ((r = (r ^ (r << 13)) >>> 0, r = (r ^ (r >>> 17)) >>> 0, r = (r ^ (r << 5)) >>> 0) / 4294967296);
    x.fillStyle = `hsl(${s * 47 % 360},60%,50%)`;
    x.fillRect(0, 0, w, h);
    for (let i = 0; i < 400; i++) {
      x.fillStyle = `hsla(${rand() * 360},70%,${30 + rand() * 40}%,0.7)`;
      x.fillRect(rand() * w, rand() * h, rand() * w / 6, rand() * h / 6);
    }
    const img = x.getImageData(0, 0, w, h);
    for (let i = 0; i < img.data.length; i += 4) img.data[i] = (img.data[i]! + rand() * 60) & 255;
    x.putImageData(img, 0, 0);
    const blob = await c.convertToBlob({ type: 'image/jpeg', quality: 0.92 });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let bin = '';
    for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(bin);
  }, [seed, width, height] as const);
  return Buffer.from(b64, 'base64');
}

const panel = (page: Page) => page.getByTestId(`evidence-${IND}`);

/** Picks `bytes` as a file in the indicator's panel, types a caption and saves it. */
async function attach(page: Page, bytes: Buffer, caption: string, save = true): Promise<void> {
  await page.getByTestId(`evidence-file-${IND}`).setInputFiles({ name: 'IMG_2041.jpg', mimeType: 'image/jpeg', buffer: bytes });
  const draft = panel(page).getByTestId('evidence-draft');
  await expect(draft).toBeVisible({ timeout: 30_000 });
  await draft.getByLabel('Chú thích').fill(caption);
  if (save) await draft.getByRole('button', { name: 'Lưu tệp' }).click();
}

const item = (page: Page, caption: string) => panel(page).getByTestId('evidence-item').filter({ hasText: caption });

/** Whether an <img> has decoded pixels. */
const decoded = (page: Page, testId: string) =>
  page.getByTestId(testId).first().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0);

/** The evidence files the e2e server keeps (by name), beside its database. */
function serverFiles(): string[] {
  const root = join(dirname(e2eDbPath()), 'files');
  const out: string[] = [];
  const walk = (dir: string, top: boolean) => {
    let names: string[] = [];
    try { names = readdirSync(dir); } catch { return; }
    for (const n of names) {
      if (top && (n === 'tmp' || n === 'claims' || n === 'owners')) continue;
      const p = join(dir, n);
      if (statSync(p).isDirectory()) walk(p, false);
      else out.push(n);
    }
  };
  walk(root, true);
  return out;
}

async function openCriteria(page: Page): Promise<void> {
  await page.goto('/#/tieu-chi');
  await expect(panel(page)).toBeVisible();
}

test('a photo attached offline is there after a reload offline, goes up online, and a second phone and the province reviewer open it', async ({ browser, request }) => {
  test.setTimeout(240_000);
  const [officerCode, secondCode, reviewerCode, readerCode] = await Promise.all([
    issueCode({ commune: COMMUNE, role: 'officer', name: 'Điện thoại minh chứng 1' }),
    issueCode({ commune: COMMUNE, role: 'collector', name: 'Điện thoại minh chứng 2' }),
    issueProvinceCode(demoCommune.commune.province, 'Người thẩm định của tỉnh'),
    issueCode({ commune: COMMUNE, role: 'officer', name: 'Kiểm tra máy chủ minh chứng' }),
  ]);
  const reader = await enrolOverApi(request, readerCode);

  const a = await newPhone(browser, officerCode);
  await waitForServiceWorker(a);
  await openCriteria(a);
  const bytes = await photo(a, 1);
  await a.context().setOffline(true);
  await attach(a, bytes, 'Ảnh buổi sinh hoạt CLB đọc sách');
  await expect(item(a, 'Ảnh buổi sinh hoạt CLB đọc sách').getByTestId('evidence-state')).toHaveText('Chờ gửi lên máy chủ');
  await expect.poll(() => decoded(a, 'evidence-thumb-img')).toBe(true);
  // The op holds the metadata only: never the bytes.
  const ops = (await readStore<{ op: { entity: string; fields: Record<string, unknown> } }>(a, 'outbox')).filter((r) => r.op.entity === 'attachment');
  expect(ops).toHaveLength(1);
  const sha = ops[0]!.op.fields.sha256 as string;
  expect(JSON.stringify(ops[0]).length).toBeLessThan(2000);

  // Reloaded with no signal: the page from the service worker, the file and its thumbnail from IndexedDB.
  await a.reload();
  await expect(item(a, 'Ảnh buổi sinh hoạt CLB đọc sách')).toBeVisible();
  await expect.poll(() => decoded(a, 'evidence-thumb-img')).toBe(true);
  expect((await readStore<{ sha256: string; state: string }>(a, 'blobs')).map((b) => [b.sha256, b.state])).toEqual([[sha, 'pending']]);

  // Signal returns: the ops go, then the file.
  await a.context().setOffline(false);
  await expect(item(a, 'Ảnh buổi sinh hoạt CLB đọc sách').getByTestId('evidence-state')).toHaveText('Đã gửi lên máy chủ', { timeout: 60_000 });
  const held = await request.get(`/api/v1/blobs/${sha}`, { headers: { authorization: `Bearer ${reader.token}` } });
  expect(held.status()).toBe(200);
  const got = await held.body();
  expect(createHash('sha256').update(got).digest('hex')).toBe(sha);
  expect(serverFiles().filter((f) => f === sha)).toHaveLength(1);

  // A second phone of the commune: the attachment came with the pull, the file from the server.
  const b = await newPhone(browser, secondCode);
  await waitForServiceWorker(b);
  await openCriteria(b);
  const onB = item(b, 'Ảnh buổi sinh hoạt CLB đọc sách');
  await expect(onB.getByTestId('evidence-state')).toHaveText('Lưu trên máy chủ');
  await onB.getByTestId('evidence-thumb').click();
  await expect.poll(() => decoded(b, 'evidence-view')).toBe(true);
  await b.getByRole('button', { name: 'Đóng' }).click();
  // Once fetched, the service worker serves it by hash with no signal.
  await b.context().setOffline(true);
  await onB.getByTestId('evidence-thumb').click();
  await expect.poll(() => decoded(b, 'evidence-view')).toBe(true);
  await b.getByRole('button', { name: 'Đóng' }).click();
  await b.context().setOffline(false);

  // The province reviewer (a code of the whole province) opens it from its review of the commune,
  // beside the indicator, and cannot attach.
  const c = await newPhone(browser, reviewerCode);
  const id = (await readStore<{ id: string; code: string }>(c, 'communes')).find((x) => x.code === COMMUNE)!.id;
  // Straight to the commune's review, as from a link: the year under review is last year there too.
  await c.goto(`/#/tinh/${id}`);
  await expect(c.locator(`[data-testid="rv-indicator"][data-id="${IND}"]`).getByTestId(`evidence-${IND}`)).toBeVisible();
  await expect(panel(c).getByTestId(`evidence-file-${IND}`)).toHaveCount(0);
  await item(c, 'Ảnh buổi sinh hoạt CLB đọc sách').getByTestId('evidence-thumb').click();
  await expect.poll(() => decoded(c, 'evidence-view')).toBe(true);

  for (const p of [a, b, c]) await p.context().close();
});

test('a page closed mid-upload finishes the upload when reopened; the server holds one copy', async ({ browser, request }) => {
  test.setTimeout(180_000);
  const [code, readerCode] = await Promise.all([
    issueCode({ commune: COMMUNE, role: 'officer', name: 'Điện thoại minh chứng 3' }),
    issueCode({ commune: COMMUNE, role: 'officer', name: 'Kiểm tra máy chủ minh chứng 2' }),
  ]);
  const reader = await enrolOverApi(request, readerCode);
  const page = await newPhone(browser, code);
  const context = page.context();
  await openCriteria(page);
  // A slow uplink (≈ 16 KB/s): the file is still on its way when the page goes.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 300, downloadThroughput: 200_000, uploadThroughput: 16_000 });
  const bytes = await photo(page, 2, 2400, 1800);
  const started = page.waitForRequest((r) => r.method() === 'PUT' && r.url().includes('/api/v1/blobs/'), { timeout: 60_000 });
  await attach(page, bytes, 'Ảnh lớp xóa mù chữ');
  const put = await started;
  const sha = put.url().slice(-64);
  // Under way, not yet held.
  expect((await request.get(`/api/v1/blobs/${sha}`, { headers: { authorization: `Bearer ${reader.token}` } })).status()).toBe(404);
  await page.close();

  // Reopened (same phone, normal signal): the queue resumes and sends the file again, whole.
  const again = await context.newPage();
  await again.goto('/#/tieu-chi');
  await expect(item(again, 'Ảnh lớp xóa mù chữ').getByTestId('evidence-state')).toHaveText('Đã gửi lên máy chủ', { timeout: 90_000 });
  const res = await request.get(`/api/v1/blobs/${sha}`, { headers: { authorization: `Bearer ${reader.token}` } });
  expect(res.status()).toBe(200);
  expect(createHash('sha256').update(await res.body()).digest('hex')).toBe(sha);
  expect(serverFiles().filter((f) => f === sha)).toHaveLength(1);
  await context.close();
});

test('a phone out of room says so, offers "Xuất dữ liệu ngay" and loses nothing', async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext();
  // The phone's IndexedDB refuses to store a file's bytes while the test says so, as Chrome does
  // when storage is short (QuotaExceededError); everything else works.
  await context.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'blobs' && (window as unknown as { __full?: boolean }).__full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
  });
  const page = await context.newPage();
  await page.goto('/');
  await page.getByRole('button', { name: 'Dữ liệu mẫu' }).click();
  await expect(page.getByRole('navigation', { name: 'Điều hướng chính' })).toBeVisible();
  await openCriteria(page);
  await attach(page, await photo(page, 3), 'Ảnh thứ nhất');
  await expect(item(page, 'Ảnh thứ nhất')).toBeVisible();
  const before = {
    blobs: (await readStore(page, 'blobs')).length,
    attachments: (await readStore(page, 'attachments')).length,
    outbox: (await readStore(page, 'outbox')).length,
  };

  await page.evaluate(() => { (window as unknown as { __full?: boolean }).__full = true; });
  await attach(page, await photo(page, 4), 'Ảnh thứ hai');
  const problem = panel(page).getByTestId('evidence-problem');
  await expect(problem).toContainText('Bộ nhớ của điện thoại đã đầy nên tệp chưa được lưu; số liệu đã nhập vẫn còn nguyên.');
  expect({
    blobs: (await readStore(page, 'blobs')).length,
    attachments: (await readStore(page, 'attachments')).length,
    outbox: (await readStore(page, 'outbox')).length,
  }).toEqual(before);
  await expect(item(page, 'Ảnh thứ hai')).toHaveCount(0);
  // What was typed is still on screen, ready to save again.
  await expect(panel(page).getByTestId('evidence-draft').getByLabel('Chú thích')).toHaveValue('Ảnh thứ hai');

  // "Xuất dữ liệu ngay": the whole phone, with its file, as one zip.
  const [download] = await Promise.all([page.waitForEvent('download'), problem.getByRole('button', { name: 'Xuất dữ liệu ngay' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^xa-hoc-tap-\S+-\d{4}-\d{2}-\d{2}\.zip$/);

  // Room again: the same draft saves.
  await page.evaluate(() => { (window as unknown as { __full?: boolean }).__full = false; });
  await panel(page).getByTestId('evidence-draft').getByRole('button', { name: 'Lưu tệp' }).click();
  await expect(item(page, 'Ảnh thứ hai')).toBeVisible();
  expect((await readStore(page, 'blobs')).length).toBe(before.blobs + 1);
  await context.close();
});

test('a scanned decision (PDF) is attached to a recognition decision and listed with its number; a PDF over the cap gets a clear message', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/');
  await page.getByRole('button', { name: 'Dữ liệu mẫu' }).click();
  await expect(page.getByRole('navigation', { name: 'Điều hướng chính' })).toBeVisible();
  await page.goto('/#/muc-do');
  await page.getByLabel('Ngày quyết định').fill('2023-03-20');
  await page.getByLabel('Số quyết định').fill('45/QĐ-UBND');
  await page.getByRole('button', { name: 'Thêm quyết định' }).click();
  const decisionPanel = page.getByTestId('evidence-2023-03-20_1');
  await expect(decisionPanel).toContainText('Chưa có bản chụp hay bản quét của quyết định này.');
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
  await page.getByTestId('evidence-file-2023-03-20_1').setInputFiles({ name: 'qd-45.pdf', mimeType: 'application/pdf', buffer: pdf });
  const draft = decisionPanel.getByTestId('evidence-draft');
  await draft.getByLabel('Số văn bản').fill('45/QĐ-UBND');
  await draft.getByLabel('Cơ quan ban hành').fill('Ủy ban nhân dân tỉnh Quảng Ngãi');
  await draft.getByRole('button', { name: 'Lưu tệp' }).click();
  await expect(decisionPanel.getByTestId('evidence-item')).toContainText('45/QĐ-UBND, Ủy ban nhân dân tỉnh Quảng Ngãi');
  const rows = await readStore<{ decision?: string; indicator?: string; type: string }>(page, 'attachments');
  expect(rows.map((r) => [r.decision, r.indicator ?? null, r.type])).toEqual([['2023-03-20_1', null, 'application/pdf']]);

  // Above the cap: refused before anything is stored, with the size and the cap in Vietnamese.
  const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(5_200_000, 0x20), Buffer.from('\n%%EOF\n')]);
  await page.getByTestId('evidence-file-2023-03-20_1').setInputFiles({ name: 'bao-cao-quet.pdf', mimeType: 'application/pdf', buffer: big });
  await expect(decisionPanel.getByTestId('evidence-problem')).toContainText('Tệp PDF “bao-cao-quet.pdf” nặng 5,2 MB, vượt mức tối đa 5 MB.');
  expect(await readStore(page, 'blobs')).toHaveLength(1);
});
