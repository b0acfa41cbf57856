// A phone set up with no signal (the first-run screen: the commune created on the phone, its typed
// code becoming its id) and enrolled days later with a code for a commune the admin CLI created
// after stable ids (a fresh id, the same code). At enrolment the phone learns the server's id and
// moves its never-synced commune onto it in one transaction, so every op typed offline is then
// accepted and a second phone pulls them. A code for another commune is refused with the reason,
// as is a commune this phone already synced with another server's commune; neither changes anything.
// Real server process (SQLite in a temp folder), the app's src/db + src/sync over fake IndexedDB.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdmin } from '../../server/admin.ts';
import { issueCode } from '../../server/codes.ts';
import { createRepo, openDatabase, type Repo } from '../../src/db/index.ts';
import { createSyncEngine, EnrollError } from '../../src/sync/index.ts';
import { startTestServer, type TestServer } from './helpers.ts';

let server: TestServer;
let other: TestServer;
const CODE = '21090';
let serverId = '';
let otherId = '';

/** The admin CLI's create-commune on a server's store; the id it printed. */
async function createCommune(s: TestServer, code: string, name: string): Promise<string> {
  let out = '';
  const status = await runAdmin(['create-commune', '--code', code, '--name', name, '--province', 'Quảng Ngãi', '--village', 'T01=Thôn Một', '--village', 'T02=Thôn Hai'], { out: (x) => (out += x), err: () => undefined, store: s.store });
  expect(status).toBe(0);
  return /id: (\S+)/.exec(out)![1]!;
}

beforeAll(async () => {
  server = await startTestServer({}, false);
  other = await startTestServer({}, false);
  serverId = await createCommune(server, CODE, 'Xã Ba Điền');
  otherId = await createCommune(server, '21091', 'Xã Ba Vinh');
});
afterAll(async () => {
  await server?.stop();
  await other?.stop();
});

let n = 0;
const repos: Repo[] = [];
function phone(): { repo: Repo; engine: ReturnType<typeof createSyncEngine> } {
  const repo = createRepo(openDatabase(`enrol-offline-${++n}`));
  repos.push(repo);
  const engine = createSyncEngine({ repo, fetch: (u, i) => fetch(u, i), isOnline: () => true, timeoutMs: 10_000, maxAttempts: 2, backoff: { baseMs: 10, capMs: 50 } });
  return { repo, engine };
}
afterAll(() => repos.forEach((r) => r.close()));

async function code(s: TestServer, commune: string): Promise<string> {
  return (await issueCode(s.store, { commune, role: 'officer', villages: null, person: 'Cán bộ văn hóa xã' })).code;
}

/** What the first-run screen and the forms write on a phone with no signal. */
async function setUpOffline(repo: Repo, communeCode: string): Promise<{ t01: string; t03: string }> {
  await repo.saveCommune({ code: communeCode, name: 'Xã Ba Điền', province: 'Quảng Ngãi' });
  await repo.setMeta('currentCommune', communeCode);
  const t01 = await repo.addVillage(communeCode, { code: 'T01', name: 'Thôn Một' });
  const t03 = await repo.addVillage(communeCode, { code: 'T03', name: 'Thôn Ba Mới' });
  await repo.saveVillageCounts(communeCode, 2025, t01, { households: 120, familiesRegistered: 80 });
  await repo.saveVillageCounts(communeCode, 2025, t03, { households: 64 });
  await repo.saveCommuneFigures(communeCode, 2025, { units: 9, unitsRecognized: 7 });
  await repo.saveAnswer(communeCode, 2025, 'TC3.2', { met: true, note: 'Thư viện xã mở cửa cả thứ Bảy' });
  await repo.saveDossier(communeCode, 2025, { narrSituation: 'Xã vùng cao, nhiều thôn xa.' });
  return { t01, t03 };
}

/** Every table of a phone, to show nothing changed. */
async function snapshot(repo: Repo): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of repo.db.tables) if (t.name !== 'meta') out[t.name] = await t.toArray();
  return out;
}

describe('a phone set up offline, enrolled later with a code of a commune the admin CLI created', () => {
  it('moves onto the server commune at enrolment: every op typed offline is accepted and a second phone pulls them', async () => {
    const a = phone();
    await setUpOffline(a.repo, CODE);
    const typed = await a.repo.pendingCount();
    expect(typed).toBeGreaterThan(5);
    expect(serverId).not.toBe(CODE);

    await a.engine.enroll(server.url, await code(server, serverId));
    expect(await a.engine.syncNow()).toMatchObject({ ok: true, pushed: typed });
    expect(await a.repo.listQuarantined()).toEqual([]);
    expect(await a.repo.pendingCount()).toBe(0);
    // The phone now works on the server's commune, its code kept as a field; nothing under the old id.
    expect(await a.repo.getMeta('currentCommune')).toBe(serverId);
    expect(await a.repo.getCommune(serverId)).toMatchObject({ id: serverId, code: CODE, name: 'Xã Ba Điền' });
    expect(await a.repo.getCommune(CODE)).toBeUndefined();
    // T01 typed on the phone is the server's T01 (one village per code); T03 is new.
    const villagesA = await a.repo.listVillages(serverId);
    expect(villagesA.map((v) => v.code).sort()).toEqual(['T01', 'T02', 'T03']);
    const listed = (await server.store.getCommune(serverId))!.villages;
    expect(villagesA.find((v) => v.code === 'T01')!.id).toBe(listed.find((v) => v.code === 'T01')!.id);

    const b = phone();
    await b.engine.enroll(server.url, await code(server, serverId));
    expect(await b.engine.syncNow()).toMatchObject({ ok: true });
    expect(await b.repo.getCommune(serverId)).toMatchObject({ id: serverId, code: CODE, name: 'Xã Ba Điền' });
    const villagesB = await b.repo.listVillages(serverId);
    expect(villagesB.map((v) => [v.code, v.id]).sort()).toEqual(villagesA.map((v) => [v.code, v.id]).sort());
    // The readiness input names a village by its id.
    const byCode = (c: string) => villagesB.find((v) => v.code === c)!.id;
    const input = await b.repo.buildAssessInput(serverId, 2025);
    expect(input.villages.find((v) => v.code === byCode('T01'))).toMatchObject({ households: 120, familiesRegistered: 80 });
    expect(input.villages.find((v) => v.code === byCode('T03'))).toMatchObject({ name: 'Thôn Ba Mới', households: 64 });
    expect(input.answers!['TC3.2']).toMatchObject({ met: true, note: 'Thư viện xã mở cửa cả thứ Bảy' });
    expect((await b.repo.getDossier(serverId, 2025))!.narrSituation).toBe('Xã vùng cao, nhiều thôn xa.');
    expect(await b.repo.getCommuneFigures(serverId, 2025)).toMatchObject({ units: 9, unitsRecognized: 7 });
  });

  it('refuses a code for a commune with another code while ops typed offline are unsent, with the reason in Vietnamese, and changes nothing', async () => {
    const a = phone();
    await setUpOffline(a.repo, CODE);
    const before = await snapshot(a.repo);
    const err = await a.engine.enroll(server.url, await code(server, otherId)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EnrollError);
    expect((err as EnrollError).message).toBe('Mã đăng ký này dành cho xã có mã 21091, còn máy này đang làm việc với xã có mã 21090. Không có gì thay đổi; hãy xin mã đăng ký của đúng xã.');
    expect((err as EnrollError).en).toContain('21091');
    expect(await snapshot(a.repo)).toEqual(before);
    expect(await a.repo.getMeta('token')).toBeUndefined();
    expect(await a.repo.getMeta('currentCommune')).toBe(CODE);
    // The right commune's code then enrols this phone at the same server.
    await a.engine.enroll(server.url, await code(server, serverId));
    expect(await a.engine.syncNow()).toMatchObject({ ok: true, pushed: (before.outbox as unknown[]).length });
  });

  it('a phone holding the sample commune (Dữ liệu mẫu), unsent, enrols for its real commune: the sample stays on the phone and is never sent', async () => {
    const a = phone();
    const demo = await a.repo.loadDemoCommune();
    await a.repo.setMeta('currentCommune', demo);
    expect(demo).not.toBe(CODE);
    expect(await a.repo.pendingCount()).toBeGreaterThan(5);
    const sample = await a.repo.buildAssessInput(demo, 2025);

    const res = await a.engine.enroll(server.url, await code(server, serverId));
    expect(res.demoSetAside).toBe('Xã Ba Tô');
    // The phone now works on the commune it enrolled for; the sample is still there to look at.
    expect(await a.repo.getMeta('currentCommune')).toBe(serverId);
    expect(await a.repo.buildAssessInput(demo, 2025)).toEqual(sample);
    expect(await a.repo.pendingCount()).toBe(0);
    expect(await a.engine.syncNow()).toMatchObject({ ok: true, pushed: 0 });
    expect(await a.repo.listQuarantined()).toEqual([]);
    expect(await a.repo.getCommune(serverId)).toMatchObject({ code: CODE, name: 'Xã Ba Điền' });

    // A commune someone set up by hand is never set aside that way: it is still refused.
    const b = phone();
    await setUpOffline(b.repo, CODE);
    await b.repo.setMeta('demoCommune', 'another');
    await expect(b.engine.enroll(server.url, await code(server, otherId))).rejects.toBeInstanceOf(EnrollError);
  });

  it('enrols as before when the commune on the phone has another code but nothing unsent (all sent there)', async () => {
    const a = phone();
    await a.engine.enroll(server.url, await code(server, otherId));
    expect(await a.engine.syncNow()).toMatchObject({ ok: true });
    expect(await a.repo.getMeta('currentCommune')).toBe(otherId);
    expect(await a.repo.pendingCount()).toBe(0);
    await a.engine.enroll(server.url, await code(server, serverId));
    expect(await a.repo.getMeta('enrolledCommune')).toBe(serverId);
    expect(await a.engine.syncNow()).toMatchObject({ ok: true });
    expect(await a.repo.getCommune(serverId)).toMatchObject({ code: CODE });
  });

  it('a tab killed in the middle of the move leaves the old state whole; enrolling again then moves everything', async () => {
    const a = phone();
    await setUpOffline(a.repo, CODE);
    const before = await snapshot(a.repo);
    // The tab dies after the move has already rewritten the villages, while it writes the counts.
    const die = () => {
      throw new Error('tab killed');
    };
    a.repo.db.villageCounts.hook('creating', die);
    await expect(a.engine.enroll(server.url, await code(server, serverId))).rejects.toThrow('tab killed');
    a.repo.db.villageCounts.hook('creating').unsubscribe(die);
    expect(await snapshot(a.repo)).toEqual(before);
    expect(await a.repo.getMeta('currentCommune')).toBe(CODE);
    expect(await a.repo.getMeta('token')).toBeUndefined();

    await a.engine.enroll(server.url, await code(server, serverId));
    expect(await a.engine.syncNow()).toMatchObject({ ok: true, pushed: (before.outbox as unknown[]).length });
    expect(await a.repo.listQuarantined()).toEqual([]);
  });

  it('refuses, changing nothing, when the commune already synced with a commune of another server', async () => {
    // The same code, recorded on another server as before stable ids (id = code), and synced there.
    await other.store.createCommune({ code: CODE, name: 'Xã Ba Điền', province: 'Quảng Ngãi', villages: [] });
    const a = phone();
    await setUpOffline(a.repo, CODE);
    await a.engine.enroll(other.url, await code(other, CODE));
    expect(await a.engine.syncNow()).toMatchObject({ ok: true });
    const before = await snapshot(a.repo);
    const err = await a.engine.enroll(server.url, await code(server, serverId)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EnrollError);
    expect((err as EnrollError).message).toContain('đã đồng bộ');
    expect(await snapshot(a.repo)).toEqual(before);
    expect(await a.repo.getMeta('serverUrl')).toBe(other.url);
  });
});
