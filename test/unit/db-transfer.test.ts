// Xuất / Nhập dữ liệu: round trip to a fresh device, idempotence, LWW against newer local edits,
// and bad files refused whole with a Vietnamese reason.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createRepo, openDatabase, ImportError, type Repo } from '../../src/db/index.ts';
import { exportAll, importAll, type ExportFile } from '../../src/db/transfer.ts';

const open: Repo[] = [];
let n = 0;
function fresh(): Repo {
  const r = createRepo(openDatabase(`transfer-${++n}`));
  open.push(r);
  return r;
}
afterEach(() => {
  while (open.length) open.pop()!.db.close();
});

async function seed(r: Repo): Promise<void> {
  await r.saveCommune({ code: 'X1', name: 'Xã Một', province: 'Quảng Ngãi' });
  await r.saveVillage('X1', { code: 'T01', name: 'Thôn Một' });
  await r.saveVillage('X1', { code: 'T02', name: 'Thôn Hai' });
  await r.saveVillageCounts('X1', 2025, 'T01', { households: 120, familiesRegistered: 110, familiesRecognized: 90 });
  await r.saveVillageCounts('X1', 2025, 'T02', { households: 60, citizens: 200, citizensRecognized: 50, trained: 110, university: 25 });
  await r.saveCommuneFigures('X1', 2025, { units: 12, unitsRecognized: 10, difficultArea: true });
  await r.saveAnswer('X1', 2025, 'TC1.1', { met: true, evidence: [{ number: '15/KH-UBND', date: '2025-01-10', issuer: 'UBND xã Một', title: 'Kế hoạch' }] });
  await r.saveDecision('X1', { level: 1, decidedOn: '2024-03-20' });
  await r.lockYear('X1', 2025, { meetingDate: '2026-01-05', minutesRef: '01/BB' });
  await r.reopenYear('X1', 2025, 'Bổ sung minh chứng');
  await r.setMeta('token', 'secret-token');
  await r.setMeta('lang', 'vi');
}

const viaJson = (f: ExportFile): unknown => JSON.parse(JSON.stringify(f));
const opIds = async (r: Repo) => (await r.db.outbox.orderBy('seq').toArray()).map((x) => x.op.opId);

describe('export and import', () => {
  it('round-trips everything to a fresh device with the same readiness input and the same unsent ops', async () => {
    const a = fresh();
    await seed(a);
    const sent = (await a.nextBatch(3, 1 << 20)).map((o) => o.opId);
    await a.ackOps(sent);
    const file = await exportAll(a);
    expect(file.deviceId).toBe(await a.deviceId());
    expect(JSON.stringify(file)).not.toContain('secret-token');

    const b = fresh();
    const res = await importAll(b, viaJson(file));
    expect(res.communes).toEqual(['X1']);
    expect(res.opsAdded).toBe((await a.pendingCount()));
    expect(await b.buildAssessInput('X1', 2025)).toEqual(await a.buildAssessInput('X1', 2025));
    expect(await b.getDossier('X1', 2025)).toEqual(await a.getDossier('X1', 2025));
    expect(await opIds(b)).toEqual(await opIds(a));
    expect(await opIds(b)).not.toContain(sent[0]);
    expect(await b.getMeta('token')).toBeUndefined();
    expect(await b.getMeta('lang')).toBe('vi');
    expect(await b.deviceId()).not.toBe(await a.deviceId());
  });

  it('importing twice (or into the device that exported) adds no op and changes no row', async () => {
    const a = fresh();
    await seed(a);
    const file = viaJson(await exportAll(a));
    const b = fresh();
    await importAll(b, file);
    const outbox = await b.db.outbox.toArray();
    const counts = await b.db.villageCounts.toArray();
    const again = await importAll(b, file);
    expect(again).toMatchObject({ opsAdded: 0, rowsChanged: 0 });
    expect(again.opsKnown).toBe(outbox.length);
    expect(await b.db.outbox.toArray()).toEqual(outbox);
    expect(await b.db.villageCounts.toArray()).toEqual(counts);

    const self = await importAll(a, file);
    expect(self).toMatchObject({ opsAdded: 0, rowsChanged: 0 });
  });

  it('an op already acknowledged here is not queued again by an old export', async () => {
    const a = fresh();
    await seed(a);
    const file = viaJson(await exportAll(a));
    const all = await opIds(a);
    await a.ackOps(all);
    const res = await importAll(a, file);
    expect(res.opsAdded).toBe(0);
    expect(await a.pendingCount()).toBe(0);
  });

  it('an older file never overwrites a newer local edit; edits from the file land where newer', async () => {
    const a = fresh();
    await seed(a);
    const old = viaJson(await exportAll(a));
    const b = fresh();
    await importAll(b, old);
    await b.saveVillageCounts('X1', 2025, 'T01', { households: 130 });
    await a.saveVillageCounts('X1', 2025, 'T02', { households: 65 });
    await importAll(b, old); // older copy of T01: ignored
    await importAll(b, viaJson(await exportAll(a))); // newer T02 from a
    const rows = await b.getVillageCounts('X1', 2025);
    expect(rows.find((r) => r.village === 'T01')!.households).toBe(130);
    expect(rows.find((r) => r.village === 'T02')!.households).toBe(65);
  });

  it('a local edit replaces an imported value even when that was stamped by a clock years ahead', async () => {
    const future = createRepo(openDatabase(`transfer-future-${n}`), { now: () => Date.UTC(2030, 0, 1) });
    open.push(future);
    await future.saveCommune({ code: 'X9', name: 'Xã Chín' });
    const file = viaJson(await exportAll(future));
    const b = fresh();
    await importAll(b, file);
    await b.saveCommune({ code: 'X9', name: 'Xã Chín Mới' });
    expect((await b.getCommune('X9'))!.name).toBe('Xã Chín Mới');
    // ...without dragging this device's own clock years ahead
    await b.saveCommune({ code: 'X8', name: 'Xã Tám' });
    const last = (await b.db.outbox.orderBy('seq').last())!.op.hlc;
    expect(Number(last.slice(0, 15))).toBeLessThan(Date.UTC(2030, 0, 1));
  });
});

describe('values a file holds without their history (rows written before per-field stamps)', () => {
  it('land through the write path as edits of this device: queued to send, never over a value here', async () => {
    const a = fresh();
    await a.saveCommune({ code: 'X1', name: 'Xã Một' });
    await a.saveVillage('X1', { code: 'T01', name: 'Thôn Một' });
    await a.saveVillageCounts('X1', 2025, 'T01', { households: 120, familiesRegistered: 110 });
    const file = viaJson(await exportAll(a)) as Record<string, any>;
    file.tables.stamps = [];
    file.tables.outbox = [];
    const b = fresh();
    await b.saveCommune({ code: 'X1', name: 'Xã Một (trên máy này)' });
    await importAll(b, file);
    expect((await b.getCommune('X1'))!.name).toBe('Xã Một (trên máy này)');
    expect(await b.buildAssessInput('X1', 2025)).toMatchObject({ villages: [{ code: 'T01', name: 'Thôn Một', households: 120, familiesRegistered: 110 }] });
    const queued = (await b.db.outbox.orderBy('seq').toArray()).map((r) => [r.op.entity, r.op.key, r.op.fields]);
    expect(queued).toEqual([
      ['commune', 'X1', { name: 'Xã Một (trên máy này)' }],
      ['village', 'X1/T01', { name: 'Thôn Một', order: 0 }],
      ['villageCounts', 'X1/2025/T01', { households: 120, familiesRegistered: 110 }],
    ]);
    // A second import finds every value here: nothing more to send.
    await importAll(b, file);
    expect(await b.pendingCount()).toBe(3);
  });

  it('a value that would break a rule against this device\'s values refuses the whole file', async () => {
    const a = fresh();
    await a.saveCommune({ code: 'X1', name: 'Xã Một' });
    await a.saveVillageCounts('X1', 2025, 'T01', { familiesRegistered: 110 });
    const file = viaJson(await exportAll(a)) as Record<string, any>;
    file.tables.stamps = [];
    file.tables.outbox = [];
    const b = fresh();
    await b.saveVillageCounts('X1', 2025, 'T01', { households: 100 });
    const before = await b.db.outbox.count();
    await expect(importAll(b, file)).rejects.toBeInstanceOf(ImportError);
    expect(await b.db.outbox.count()).toBe(before);
    expect(await b.getCommune('X1')).toBeUndefined();
  });
});

describe('a file exported by an older release (with province thresholds)', () => {
  it('imports whole, the retired thresholds (table, stamps, queued op) dropped quietly', async () => {
    const a = fresh();
    await seed(a);
    const file = viaJson(await exportAll(a)) as Record<string, any>;
    // What release 96506a9 also put in its files: the thresholds table, their stamps and a queued op.
    const hlc = '001760000000000-000000-old-phone';
    file.tables.thresholds = [{ commune: 'X1', values: { 'TC5.1': { 1: 72.5 } } }];
    file.tables.stamps.push({ entity: 'thresholds', key: 'X1', state: { 'TC5.1@1': { 'old-phone': { value: 72.5, hlc, opId: '00000000-0000-4000-8000-00000000000a' } } } });
    file.tables.outbox.push({ seq: 999, op: { opId: '00000000-0000-4000-8000-00000000000a', entity: 'thresholds', key: 'X1', fields: { 'TC5.1@1': 72.5 }, hlc }, state: 'pending' });
    const b = fresh();
    const res = await importAll(b, file);
    expect(res.communes).toEqual(['X1']);
    expect(await b.buildAssessInput('X1', 2025)).toEqual(await a.buildAssessInput('X1', 2025));
    expect(await opIds(b)).toEqual(await opIds(a));
    expect((await b.db.stamps.toArray()).some((s) => (s.entity as string) === 'thresholds')).toBe(false);
  });
});

describe('a bad file is refused whole with a Vietnamese reason', () => {
  const mutations: [string, (f: Record<string, any>) => unknown][] = [
    ['not JSON', () => '{"app": "xa-hoc-tap", '],
    ['another app', (f) => ({ ...f, app: 'other' })],
    ['a newer format', (f) => ({ ...f, version: 99 })],
    ['no tables', (f) => ({ ...f, tables: null })],
    ['recognised above registered', (f) => {
      f.tables.villageCounts[0].familiesRecognized = 1000;
      return f;
    }],
    ['a count that is text', (f) => {
      f.tables.villageCounts[1].households = 'sáu mươi';
      return f;
    }],
    ['a broken op in the outbox (last row)', (f) => {
      f.tables.outbox.at(-1).op.hlc = 'yesterday';
      return f;
    }],
    ['a broken key', (f) => {
      f.tables.villages[0].code = 'a/b';
      return f;
    }],
  ];
  for (const [name, mutate] of mutations) {
    it(name, async () => {
      const a = fresh();
      await seed(a);
      const file = mutate(viaJson(await exportAll(a)) as Record<string, any>);
      const b = fresh();
      await b.saveCommune({ code: 'B1', name: 'Xã B' });
      const before = { outbox: await b.db.outbox.toArray(), communes: await b.db.communes.toArray(), stamps: await b.db.stamps.toArray() };
      const err = await importAll(b, file).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ImportError);
      expect((err as Error).message).toMatch(/[ệạảờ]/);
      expect({ outbox: await b.db.outbox.toArray(), communes: await b.db.communes.toArray(), stamps: await b.db.stamps.toArray() }).toEqual(before);
      expect(await b.db.villageCounts.count()).toBe(0);
    });
  }
});
