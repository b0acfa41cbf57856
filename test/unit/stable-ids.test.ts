// Stable ids (issue 13 item 3) on the phone: a commune's code and a village's code and commune are
// ordinary fields with history, so a new code, a renumbered village and a village moved to another
// commune are each ONE op on the record's own key, and nothing recorded under any key is rewritten.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createRepo, openDatabase, type Repo } from '../../src/db/index.ts';
import { newId } from '../../src/domain/ids.ts';
import { CODE_RE } from '../../src/domain/sync/limits.ts';

let n = 0;
const open: Repo[] = [];
afterEach(() => {
  while (open.length) open.pop()!.close();
});
function fresh(): Repo {
  const r = createRepo(openDatabase(`stable-ids-${++n}`));
  open.push(r);
  return r;
}
const outbox = async (r: Repo) => (await r.db.outbox.orderBy('seq').toArray()).map((x) => [x.op.entity, x.op.key, x.op.fields]);

async function twoCommunes(r: Repo): Promise<void> {
  await r.saveCommune({ code: '21085', name: 'Xã Ba Tô', province: 'Quảng Ngãi' });
  await r.saveCommune({ code: '21086', name: 'Xã Ba Vì', province: 'Quảng Ngãi' });
  await r.saveVillage('21085', { code: 'T01', name: 'Thôn Làng Mạ' });
  await r.saveVillage('21085', { code: 'T02', name: 'Thôn Gò Ra' });
  await r.saveVillageCounts('21085', 2025, 'T02', { households: 120, citizens: 300 });
}

describe('fresh ids', () => {
  it('are key segments, never a typed code, and differ each time', () => {
    const ids = Array.from({ length: 200 }, () => newId());
    expect(new Set(ids).size).toBe(200);
    for (const id of ids) {
      expect(id).toMatch(CODE_RE);
      expect(id).toMatch(/^[a-z][0-9a-z]{15}$/);
    }
  });

  it('a village added in the app gets one; its code (typed or the next T…) is a field', async () => {
    const r = fresh();
    await twoCommunes(r);
    const id = await r.addVillage('21085', { name: 'Thôn Mới Lập' });
    const v = (await r.listVillages('21085')).find((x) => x.id === id)!;
    expect(v).toMatchObject({ commune: '21085', id, code: 'T03', name: 'Thôn Mới Lập', inCommune: '21085', order: 2 });
    expect(id).not.toBe('T03');
    expect((await outbox(r)).at(-1)).toEqual(['village', `21085/${id}`, { name: 'Thôn Mới Lập', order: 2, code: 'T03' }]);
    await r.saveVillageCounts('21085', 2025, id, { households: 40 });
    expect((await r.buildAssessInput('21085', 2025)).villages.find((x) => x.code === id)).toMatchObject({ name: 'Thôn Mới Lập', households: 40 });
  });
});

describe('ordinary field edits', () => {
  it('a commune changes its code: one op on its key, every record stays where it was', async () => {
    const r = fresh();
    await twoCommunes(r);
    const before = await outbox(r);
    await r.saveCommune({ id: '21085', code: '25001', name: 'Xã Ba Tô' });
    expect(await outbox(r)).toEqual([...before, ['commune', '21085', { code: '25001' }]]);
    expect(await r.getCommune('21085')).toMatchObject({ id: '21085', code: '25001', name: 'Xã Ba Tô' });
    expect((await r.listCommunes()).map((c) => c.code)).toEqual(['21086', '25001']);
    expect((await r.buildAssessInput('21085', 2025)).villages.find((v) => v.code === 'T02')).toMatchObject({ households: 120 });
    // The code is a field with history: a later edit knows what it replaces.
    await r.saveCommune({ id: '21085', code: '25002', name: 'Xã Ba Tô' });
    const last = (await r.db.outbox.orderBy('seq').last())!.op;
    expect(last.fields).toEqual({ code: '25002' });
    expect(Object.keys(last.prev ?? {})).toEqual(['code']);
  });

  it('a village renumbered: one op, its counts and history untouched', async () => {
    const r = fresh();
    await twoCommunes(r);
    await r.saveVillage('21085', { id: 'T02', code: 'T20', name: 'Thôn Gò Ra' });
    expect((await outbox(r)).at(-1)).toEqual(['village', '21085/T02', { code: 'T20' }]);
    expect((await r.listVillages('21085')).map((v) => [v.id, v.code])).toEqual([['T01', 'T01'], ['T02', 'T20']]);
    expect((await r.getVillageCounts('21085', 2025))[0]).toMatchObject({ village: 'T02', households: 120 });
  });

  it('a village moves to another commune: one op, it lists and counts there, its records keep their keys', async () => {
    const r = fresh();
    await twoCommunes(r);
    const before = await outbox(r);
    await r.saveVillage('21085', { id: 'T02', code: 'T02', name: 'Thôn Gò Ra', inCommune: '21086' });
    expect(await outbox(r)).toEqual([...before, ['village', '21085/T02', { inCommune: '21086' }]]);
    expect((await r.listVillages('21085')).map((v) => v.id)).toEqual(['T01']);
    expect((await r.listVillages('21086')).map((v) => v.id)).toEqual(['T02']);
    expect((await r.buildAssessInput('21085', 2025)).villages.map((v) => v.code)).toEqual(['T01']);
    expect((await r.buildAssessInput('21086', 2025)).villages).toEqual([{ code: 'T02', name: 'Thôn Gò Ra', households: 120, citizens: 300 }]);
    // Typed from its new commune, a count lands on the village's own record, not a new one.
    await r.saveVillageCounts('21086', 2025, 'T02', { citizensRecognized: 150 });
    expect((await outbox(r)).at(-1)).toEqual(['villageCounts', '21085/2025/T02', { citizensRecognized: 150 }]);
    expect(await r.getVillageCounts('21086', 2025)).toMatchObject([{ commune: '21085', village: 'T02', households: 120, citizensRecognized: 150 }]);
    expect(await r.getVillageCounts('21085', 2025)).toEqual([]);
    // Renamed from its new commune, too, under its own key.
    await r.saveVillage('21086', { id: 'T02', code: 'T02', name: 'Thôn Gò Ra Mới' });
    expect((await outbox(r)).at(-1)).toEqual(['village', '21085/T02', { name: 'Thôn Gò Ra Mới' }]);
    // Nothing recorded before was rewritten.
    expect((await outbox(r)).slice(0, before.length)).toEqual(before);
  });

  it('a village saved by its code alone is the one recorded under that code (records from before stable ids)', async () => {
    const r = fresh();
    await twoCommunes(r);
    await r.saveVillage('21085', { code: 'T01', name: 'Thôn Làng Mạ Mới' });
    expect((await outbox(r)).at(-1)).toEqual(['village', '21085/T01', { name: 'Thôn Làng Mạ Mới' }]);
  });
});
