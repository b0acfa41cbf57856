// The migration path from schema version 1 (as first shipped) to the current one, with data.
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { V1_STORES, V2_CHANGES } from '../../src/db/db.ts';
import { DB_VERSION, createRepo, openDatabase } from '../../src/db/index.ts';

async function makeV1(name: string): Promise<void> {
  const v1 = new Dexie(name);
  v1.version(1).stores(V1_STORES);
  await v1.open();
  await v1.table('meta').put({ key: 'deviceId', value: 'dev-v1' });
  await v1.table('communes').put({ code: 'X1', name: 'Xã Một' });
  await v1.table('villages').bulkPut([
    { commune: 'X1', code: 'T2', name: 'Thôn Bình' },
    { commune: 'X1', code: 'T1', name: 'Thôn An' },
    { commune: 'X1', code: 'T3', name: 'Thôn Đông', order: 7 },
  ]);
  await v1.table('villageCounts').put({ commune: 'X1', year: 2024, village: 'T1', households: 80, familiesRegistered: 70 });
  await v1.table('answers').bulkPut([
    { commune: 'X1', year: 2024, indicator: 'TC1.1', met: true, evidence: 'QĐ 12/QĐ-UBND\n\n  Kế hoạch 15/KH  ' },
    { commune: 'X1', year: 2024, indicator: 'TC1.2', met: null },
  ]);
  await v1.table('outbox').add({
    op: { opId: '6f1c1d2e-3b4a-4c5d-8e6f-7a8b9c0d1e2f', entity: 'villageCounts', key: 'X1/2024/T1', fields: { households: 80, familiesRegistered: 70 }, hlc: '001730000000000-000000-dev-v1' },
    state: 'pending',
  });
  v1.close();
}

describe('schema migration from version 1', () => {
  it('upgrades v1 data: evidence text becomes a list, villages get an order, the outbox keeps its ops', async () => {
    await makeV1('mig-1');
    const db = openDatabase('mig-1');
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(2);
    const repo = createRepo(db);

    expect(await repo.getMeta('deviceId')).toBe('dev-v1');
    const answers = await repo.getAnswers('X1', 2024);
    expect(answers.find((a) => a.indicator === 'TC1.1')!.evidence).toEqual([{ title: 'QĐ 12/QĐ-UBND' }, { title: 'Kế hoạch 15/KH' }]);
    expect(answers.find((a) => a.indicator === 'TC1.2')!.evidence).toEqual([]);
    // by name (vi collation) for those without an order; an existing order is kept
    const villages = await repo.listVillages('X1');
    expect(villages.map((v) => [v.code, v.order])).toEqual([['T1', 0], ['T2', 1], ['T3', 7]]);
    expect(await repo.pendingCount()).toBe(1);
    expect((await repo.nextBatch(10, 1 << 20)).map((o) => o.opId)).toEqual(['6f1c1d2e-3b4a-4c5d-8e6f-7a8b9c0d1e2f']);

    // the upgraded database works like a fresh one, incl. the tables v2 added
    await repo.saveVillageCounts('X1', 2024, 'T1', { familiesRecognized: 60 });
    await expect(repo.saveVillageCounts('X1', 2024, 'T1', { familiesRecognized: 75 })).rejects.toThrow();
    expect((await repo.getVillageCounts('X1', 2024))[0]).toMatchObject({ households: 80, familiesRegistered: 70, familiesRecognized: 60 });
    await repo.lockYear('X1', 2024, { meetingDate: '2025-01-10', minutesRef: 'BB-1' });
    await expect(repo.saveAnswer('X1', 2024, 'TC1.2', { met: true })).rejects.toThrow(/khóa/);
    expect(await repo.pendingCount()).toBe(3);
    const input = await repo.buildAssessInput('X1', 2024);
    expect(input.answers?.['TC1.1']).toEqual({ met: true, evidence: [{ title: 'QĐ 12/QĐ-UBND' }, { title: 'Kế hoạch 15/KH' }] });
    db.close();
  });

  it('opening an up-to-date database again changes nothing', async () => {
    await makeV1('mig-2');
    const a = openDatabase('mig-2');
    await a.open();
    const before = await a.answers.toArray();
    a.close();
    const b = openDatabase('mig-2');
    await b.open();
    expect(await b.answers.toArray()).toEqual(before);
    b.close();
  });
});

/** Version 2's tables (as release 96506a9 ships them), to build a v2 database the way it left one. */
const V2_STORES = { ...V1_STORES, ...V2_CHANGES };

describe('schema migration from version 2 (issue #11: the province thresholds retire)', () => {
  it('drops the thresholds table, its stamps, conflicts and queued ops (pending or quarantined), keeps everything else', async () => {
    const v2 = new Dexie('mig-3');
    v2.version(2).stores(V2_STORES);
    await v2.open();
    await v2.table('thresholds').put({ commune: 'X1', values: { 'TC5.1': { 1: 72.5 } } });
    await v2.table('villageCounts').put({ commune: 'X1', year: 2025, village: 'T1', households: 80, citizens: 300 });
    const op = (opId: string, entity: string, key: string, fields: Record<string, unknown>) => ({ opId, entity, key, fields, hlc: '001760000000000-000000-dev-v2' });
    await v2.table('outbox').bulkAdd([
      { op: op('00000000-0000-4000-8000-000000000001', 'thresholds', 'X1', { 'TC5.1@1': 72.5 }), state: 'pending' },
      { op: op('00000000-0000-4000-8000-000000000002', 'villageCounts', 'X1/2025/T1', { households: 80 }), state: 'pending' },
      { op: op('00000000-0000-4000-8000-000000000003', 'thresholds', 'X1', { 'TC5.2@2': 70 }), state: 'quarantined', error: 'x' },
      { op: op('00000000-0000-4000-8000-000000000004', 'answer', 'X1/2025/TC1.1', { note: 'y' }), state: 'quarantined', error: 'z' },
    ]);
    await v2.table('stamps').bulkPut([
      { entity: 'thresholds', key: 'X1', state: {} },
      { entity: 'villageCounts', key: 'X1/2025/T1', state: {} },
    ]);
    await v2.table('conflicts').bulkAdd([
      { entity: 'thresholds', key: 'X1', field: 'TC5.1@1', localValue: 70, remoteValue: 72.5, localHlc: 'a', remoteHlc: 'b', at: '2025-12-01' },
      { entity: 'villageCounts', key: 'X1/2025/T1', field: 'households', localValue: 80, remoteValue: 81, localHlc: 'a', remoteHlc: 'b', at: '2025-12-01' },
    ]);
    v2.close();

    const db = openDatabase('mig-3');
    await db.open();
    // Opened at the newest version (6 added the evidence tables, empty).
    expect(db.verno).toBe(DB_VERSION);
    expect(DB_VERSION).toBe(7);
    expect(await db.attachments.count()).toBe(0);
    expect(await db.blobs.count()).toBe(0);
    expect(db.tables.map((t) => t.name)).not.toContain('thresholds');
    // Version 6 (issue 14) adds the review's tables.
    expect(db.tables.map((t) => t.name)).toEqual(expect.arrayContaining(['submissions', 'stateChanges', 'reviews', 'councils', 'register', 'provinceSettings']));
    expect((await db.outbox.orderBy('seq').toArray()).map((r) => [r.op.opId.slice(-1), r.state])).toEqual([['2', 'pending'], ['4', 'quarantined']]);
    expect((await db.stamps.toArray()).map((s) => s.entity)).toEqual(['villageCounts']);
    expect((await db.conflicts.toArray()).map((c) => c.entity)).toEqual(['villageCounts']);
    expect(await db.villageCounts.toArray()).toEqual([{ commune: 'X1', year: 2025, village: 'T1', households: 80, citizens: 300 }]);
    // New fields land on the old row.
    const repo = createRepo(db);
    await repo.saveVillageCounts('X1', 2025, 'T1', { trained: 160, university: 40 });
    expect((await repo.getVillageCounts('X1', 2025))[0]).toMatchObject({ households: 80, citizens: 300, trained: 160, university: 40 });
    db.close();
  });
});
