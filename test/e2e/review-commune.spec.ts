// The commune's side of the province's review in Chromium at 360×740 against the real server
// (issue #14): a phone of a commune made with the admin CLI sends its locked dossier ("Gửi hồ sơ"),
// the province's reviewer (here over the HTTP API with the province-wide code from the admin CLI;
// its own screens are tested on their branch) returns it with a comment on one indicator, the
// phone — offline — shows the comment beside that indicator and on the dossier, the commune
// reopens, fixes, locks and sends version 2, the reviewer recognises it, and the phone's Tổng quan
// shows the title with its valid-until date.
import { randomUUID } from 'node:crypto';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { formatHlc } from '../../src/domain/sync/hlc.ts';
import type { ChangeOp, ChangesResponse, EnrollResponse } from '../../src/domain/sync/protocol.ts';
import { fillSaved, readStore } from './helpers/app.ts';
import { lockYear, pushAndPull } from './helpers/review.ts';
import { admin, enrolInApp, issueCode, issueProvinceCode, readMeta } from './helpers/sync.ts';

/** The commune's stable id, which the admin CLI gives it (its code 99141 is a field). */
let COMMUNE = '';
const PROVINCE = 'Quảng Ngãi';


/** The province reviewer, as a device speaking the API. */
interface Reviewer { token: string; deviceId: string; person: string; request: APIRequestContext; counter: number }

async function reviewerOf(request: APIRequestContext): Promise<Reviewer> {
  const code = await issueProvinceCode(PROVINCE, 'Trần Thị Thẩm Định');
  const deviceId = `rv-${randomUUID().slice(0, 8)}`;
  const res = await request.post('/api/v1/enroll', { data: { code, deviceId } });
  expect(res.status(), await res.text()).toBe(200);
  const e = (await res.json()) as EnrollResponse;
  return { token: e.token, deviceId, person: e.person, request, counter: 0 };
}

/** Sends ops as the reviewer's device (one stream per batch) and expects them taken. */
async function send(r: Reviewer, ops: { entity: string; key: string; fields: Record<string, unknown> }[]): Promise<void> {
  const body = {
    deviceId: r.deviceId,
    batchId: randomUUID(),
    ops: ops.map((o) => ({ opId: randomUUID(), ...o, hlc: formatHlc({ wall: Date.now(), counter: r.counter++, node: r.deviceId }) })),
  };
  const res = await r.request.post('/api/v1/sync', { data: body, headers: { authorization: `Bearer ${r.token}` } });
  expect(res.status(), await res.text()).toBe(200);
}
const move = (r: Reviewer, step: number, from: string, to: string, version: number, reason?: string) => ({
  entity: 'stateChange', key: `${COMMUNE}/2025/${step}`,
  fields: { from, to, version, at: new Date().toISOString(), by: r.person, device: r.deviceId, ...(reason ? { reason } : {}) },
});

async function feed(r: Reviewer): Promise<ChangeOp[]> {
  const res = await r.request.get(`/api/v1/changes?commune=${COMMUNE}&limit=1000`, { headers: { authorization: `Bearer ${r.token}` } });
  expect(res.status()).toBe(200);
  return ((await res.json()) as ChangesResponse).ops;
}


test('commune sends → reviewer returns with a comment → the phone offline shows it → v2 → recognised → the title on Tổng quan', async ({ page, request }) => {
  test.setTimeout(240_000);
  // The assessment year 2025, while it runs: the phone works on 2025 (timers keep running).
  await page.clock.setFixedTime(new Date('2025-12-15T09:00:00'));
  const made = await admin('create-commune', '--code', '99141', '--name', 'Xã Thử Gửi', '--province', PROVINCE, '--village', 'T01=Thôn Một', '--village', 'T02=Thôn Hai');
  COMMUNE = /id: (\S+)/.exec(made)![1]!;
  const code = await issueCode({ commune: '99141', role: 'officer', name: 'Lê Văn Cán' });
  await enrolInApp(page, code);
  await expect.poll(() => readMeta(page, 'lastSyncAt'), { timeout: 30_000 }).toBeTruthy();
  // Villages have ids of their own too: Thôn Một's, as the phone holds it.
  await expect.poll(async () => (await readStore<{ id: string; name: string }>(page, 'villages')).length).toBe(2);
  const T01 = (await readStore<{ id: string; name: string }>(page, 'villages')).find((v) => v.name === 'Thôn Một')!.id;
  const reviewer = await reviewerOf(request);

  // Nothing can be sent before the meeting locks the year.
  await page.goto('/#/ho-so');
  const sending = page.getByTestId('dossier-send');
  await expect(sending.getByTestId('dossier-review-state')).toHaveText('Hồ sơ năm 2025: Chưa gửi');
  await expect(sending.getByTestId('dossier-send-needs-lock')).toBeVisible();
  await expect(sending.getByTestId('dossier-send-button')).toBeDisabled();

  await page.goto(`/#/thon/${T01}`);
  await fillSaved(page, 'Tổng số hộ gia đình', '120');
  await lockYear(page, '2025-12-12', 'Biên bản số 05/BB-UBND');

  // Gửi hồ sơ, offline first: the phone shows it sent at once, the outbox takes it when online.
  await page.context().setOffline(true);
  await sending.getByTestId('dossier-send-button').click();
  await sending.getByRole('group', { name: 'Gửi hồ sơ' }).getByRole('button', { name: 'Gửi hồ sơ' }).click();
  await expect(sending.getByTestId('dossier-review-state')).toHaveText('Hồ sơ năm 2025: Đã gửi · Lần gửi thứ 1');
  await expect(sending.getByText('Hồ sơ sẽ được gửi khi có mạng')).toBeVisible();
  await page.context().setOffline(false);
  await pushAndPull(page, 1);
  const sent = (await feed(reviewer)).find((o) => o.entity === 'submission' && o.key === `${COMMUNE}/2025/1`);
  expect(sent, 'the server holds version 1').toBeTruthy();
  const snap = sent!.fields.snapshot as { input: { villages: { code: string; households?: number }[] }; papers: Record<string, string> };
  expect(snap.input.villages.find((v) => v.code === T01)?.households).toBe(120);
  expect(Object.values(snap.papers).join('\n')).toContain('Ủy ban nhân dân xã Thử Gửi báo cáo kết quả tự đánh giá');

  // The reviewer takes it and returns it with a comment on TC1.1.
  await send(reviewer, [move(reviewer, 2, 'submitted', 'in-review', 1)]);
  await send(reviewer, [
    { entity: 'review', key: `${COMMUNE}/2025/1/TC1.1`, fields: { verdict: 'more', comment: 'Bổ sung kế hoạch tuyên truyền năm 2025' } },
    move(reviewer, 3, 'in-review', 'returned', 1),
  ]);
  await pushAndPull(page, 3);

  // Offline, the phone shows the comment beside the indicator and on the dossier.
  await page.context().setOffline(true);
  await page.goto('/#/tieu-chi');
  await expect(page.getByTestId('review-note-TC1.1')).toHaveText('Ý kiến thẩm định: Cần bổ sung — Bổ sung kế hoạch tuyên truyền năm 2025');
  await page.reload();
  await expect(page.getByTestId('review-note-TC1.1')).toBeVisible();
  await page.goto('/#/ho-so');
  await expect(sending.getByTestId('dossier-review-state')).toHaveText('Hồ sơ năm 2025: Trả lại để bổ sung · Lần gửi thứ 1');
  await expect(sending.getByTestId('dossier-comments')).toContainText('TC1.1: Cần bổ sung — Bổ sung kế hoạch tuyên truyền năm 2025');
  await page.context().setOffline(false);

  // The commune reopens, fixes, locks again and sends version 2.
  await page.getByRole('button', { name: 'Mở lại năm 2025' }).click();
  await page.getByLabel('Lý do mở lại').fill('Bổ sung theo ý kiến thẩm định');
  await page.getByRole('button', { name: 'Xác nhận mở lại' }).click();
  await expect(page.getByTestId('dossier-lock-state')).toHaveText('Số liệu năm 2025 chưa khóa');
  await page.goto(`/#/thon/${T01}`);
  await fillSaved(page, 'Tổng số hộ gia đình', '125');
  await lockYear(page, '2025-12-19', 'Biên bản số 06/BB-UBND');
  await sending.getByRole('button', { name: 'Gửi lại hồ sơ (lần thứ 2)' }).click();
  await sending.getByRole('group', { name: 'Gửi hồ sơ' }).getByRole('button', { name: 'Gửi lại hồ sơ (lần thứ 2)' }).click();
  await expect(sending.getByTestId('dossier-review-state')).toHaveText('Hồ sơ năm 2025: Đã gửi · Lần gửi thứ 2');
  await pushAndPull(page, 4);

  // The reviewer sees what changed and recognises it: council, register, decision.
  const v2 = (await feed(reviewer)).find((o) => o.entity === 'submission' && o.key === `${COMMUNE}/2025/2`);
  expect((v2!.fields.snapshot as typeof snap).input.villages.find((v) => v.code === T01)?.households).toBe(125);
  await send(reviewer, [move(reviewer, 5, 'submitted', 'in-review', 2)]);
  const members = ['chair', 'secretary', 'member', 'member', 'member'].map((role, i) => ({ name: `Ông Nguyễn Văn ${i + 1}`, organisation: 'Sở Giáo dục và Đào tạo', role }));
  await send(reviewer, [{ entity: 'council', key: 'p:quang-ngai/2025', fields: { members, appraisal: { kind: 'meeting', date: '2026-03-10' } } }]);
  await send(reviewer, [
    { entity: 'registerEntry', key: `${COMMUNE}/2025`, fields: { outcome: 'recognised', level: 1, number: '45/QĐ-UBND', date: '2026-03-20', signer: 'Nguyễn Văn B', validUntil: '2029-12-31' } },
    move(reviewer, 6, 'in-review', 'recognised', 2),
  ]);

  // After the decision: the phone shows the title and its valid-until date, offline.
  await page.clock.setFixedTime(new Date('2026-03-25T09:00:00'));
  await pushAndPull(page, 6);
  await page.context().setOffline(true);
  await page.goto('/#/');
  const title = page.getByTestId('dash-title');
  await expect(title).toContainText('Đã được công nhận "Cộng đồng học tập" cấp xã Mức độ 1 (Quyết định số 45/QĐ-UBND ngày 20/03/2026)');
  await expect(title).toContainText('Giá trị đến hết ngày 31/12/2029');
  await expect(title.getByTestId('review-title-last-year')).toHaveCount(0);
  await page.goto('/#/ho-so');
  await expect(sending.getByTestId('dossier-review-state')).toHaveText('Hồ sơ năm 2025: Đã công nhận · Lần gửi thứ 2');
  await sending.getByText('Các lần chuyển trạng thái').click();
  await expect(sending.getByTestId('dossier-review-history').locator('li')).toHaveCount(6);
  await expect(sending.getByTestId('dossier-review-history')).toContainText('Đang thẩm định → Đã công nhận (Trần Thị Thẩm Định)');

  // In the title's last year both sides are told to ask for re-recognition.
  await page.clock.setFixedTime(new Date('2029-02-01T09:00:00'));
  await page.goto('/#/');
  await expect(title.getByTestId('review-title-last-year')).toHaveText('Danh hiệu hết hạn vào cuối năm 2029: năm nay cần đề nghị công nhận lại');
});
