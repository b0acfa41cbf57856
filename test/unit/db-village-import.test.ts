// Writing a confirmed dry run: through the form's save functions (entity + outbox op with only the
// changed fields), in one transaction (all or nothing), idempotent, refused when the data moved
// since the preview or the year is locked; a refused file writes nothing at all.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { strToU8 } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { createRepo, openDatabase, ImportError, type Repo } from '../../src/db/index.ts';
import { applyVillageImport, previewVillageImport } from '../../src/db/village-import.ts';
import { demoCommune } from '../../src/domain/demo-commune.ts';
import { readVillageFile, SheetRefusal } from '../../src/import/index.ts';

const open: Repo[] = [];
let n = 0;
function fresh(): Repo {
  const r = createRepo(openDatabase(`village-import-${++n}`));
  open.push(r);
  return r;
}
afterEach(() => {
  while (open.length) open.pop()!.db.close();
});

const C = demoCommune.commune.code;
async function demo(): Promise<Repo> {
  const r = fresh();
  for (const y of demoCommune.years) await r.loadAssessInput(y);
  await r.ackOps((await r.db.outbox.toArray()).map((x) => x.op.opId));
  return r;
}
const fixture = (name: string) => new Uint8Array(readFileSync(fileURLToPath(new URL(`../fixtures/sheets/${name}`, import.meta.url))));
const outbox = async (r: Repo) => (await r.db.outbox.orderBy('seq').toArray()).map((x) => x.op);
const snapshot = async (r: Repo) => ({
  villages: await r.db.villages.toArray(),
  counts: (await r.db.villageCounts.toArray()).map(({ updatedAt: _u, ...x }) => x),
  outbox: await r.db.outbox.count(),
});

describe('applying a confirmed import', () => {
  it('writes each change through saveVillageCounts with its op, and nothing for unchanged or refused villages', async () => {
    const r = await demo();
    const sheet = await readVillageFile(fixture('lo-ba-to-2025.xlsx'));
    const plan = await previewVillageImport(r, C, 2025, sheet);
    expect(plan.tally).toEqual({ new: 0, changed: 1, unchanged: 2, refused: 2 });
    const res = await applyVillageImport(r, C, 2025, sheet, plan);
    expect(res).toEqual({ villagesAdded: 0, villagesChanged: 1, fieldsWritten: 1 });
    const ops = await outbox(r);
    expect(ops).toHaveLength(1);
    expect(ops[0]).toMatchObject({ entity: 'villageCounts', key: `${C}/2025/T01`, fields: { familiesRegistered: 218 } });
    // The previous value's stamp travels with the op, as the form's edits do (an informed overwrite).
    expect(Object.keys(ops[0]!.prev ?? {})).toEqual(['familiesRegistered']);
    expect((await r.getVillageCounts(C, 2025)).find((x) => x.village === 'T01')!.familiesRegistered).toBe(218);
  });

  it('importing the same file twice changes nothing the second time', async () => {
    const r = await demo();
    const sheet = await readVillageFile(fixture('lo-ba-to-2025.xlsx'));
    await applyVillageImport(r, C, 2025, sheet, await previewVillageImport(r, C, 2025, sheet));
    const before = await snapshot(r);
    const again = await previewVillageImport(r, C, 2025, sheet);
    expect(again.tally).toEqual({ new: 0, changed: 0, unchanged: 3, refused: 2 });
    expect(await applyVillageImport(r, C, 2025, sheet, again)).toEqual({ villagesAdded: 0, villagesChanged: 0, fieldsWritten: 0 });
    expect(await snapshot(r)).toEqual(before);
  });

  it('adds new villages through the write path (at the end of the list, a fresh id, the code a field) and their counts', async () => {
    const r = await demo();
    const sheet = await readVillageFile(strToU8('Tên thôn,Tổng số hộ gia đình,Số hộ đăng ký\nThôn Mới Lập,50,40\n'));
    const plan = await previewVillageImport(r, C, 2025, sheet);
    expect(plan.rows[0]).toMatchObject({ status: 'new', village: { code: 'T13', name: 'Thôn Mới Lập' } });
    await applyVillageImport(r, C, 2025, sheet, plan);
    const v = (await r.listVillages(C)).at(-1)!;
    expect(v).toMatchObject({ code: 'T13', name: 'Thôn Mới Lập', inCommune: C });
    // Issue 13: a new village gets a stable id of its own, never the typed or numbered code.
    expect(v.id).toMatch(/^[a-z][0-9a-z]{15}$/);
    expect((await outbox(r)).map((o) => [o.entity, o.key, o.fields])).toEqual([
      ['village', `${C}/${v.id}`, { name: 'Thôn Mới Lập', order: 12, code: 'T13' }],
      ['villageCounts', `${C}/2025/${v.id}`, { households: 50, familiesRegistered: 40 }],
    ]);
  });

  it('all or nothing: a save that fails half-way leaves no village, no count and no op', async () => {
    const r = await demo();
    const sheet = await readVillageFile(strToU8('Tên thôn,Tổng số hộ gia đình\nThôn Mới Lập,50\nLàng Mạ,400\nGò Ra,300\n'));
    const plan = await previewVillageImport(r, C, 2025, sheet);
    const before = await snapshot(r);
    let calls = 0;
    const failing: Repo = {
      ...r,
      saveVillageCounts: async (...a: Parameters<Repo['saveVillageCounts']>) => {
        if (++calls === 3) throw new Error('the phone ran out of space');
        return r.saveVillageCounts(...a);
      },
    };
    await expect(applyVillageImport(failing, C, 2025, sheet, plan)).rejects.toThrow('the phone ran out of space');
    expect(calls).toBe(3);
    expect(await snapshot(r)).toEqual(before);
  });

  it('refuses when the data moved since the preview (a sync arrived), writing nothing', async () => {
    const r = await demo();
    const sheet = await readVillageFile(strToU8('Tên thôn,Tổng số hộ gia đình\nLàng Mạ,400\nGò Ra,300\n'));
    const plan = await previewVillageImport(r, C, 2025, sheet);
    await r.saveVillageCounts(C, 2025, 'T02', { households: 290 });
    const before = await snapshot(r);
    await expect(applyVillageImport(r, C, 2025, sheet, plan)).rejects.toThrow(/đã thay đổi từ lúc xem trước/);
    expect(await snapshot(r)).toEqual(before);
  });

  it('a locked year takes nothing', async () => {
    const r = await demo();
    const sheet = await readVillageFile(strToU8('Tên thôn,Tổng số hộ gia đình\nLàng Mạ,400\n'));
    const plan = await previewVillageImport(r, C, 2025, sheet);
    await r.lockYear(C, 2025, { meetingDate: '2026-01-10', minutesRef: '01/BB-UBND' });
    const before = await snapshot(r);
    const locked = await previewVillageImport(r, C, 2025, sheet);
    expect(locked.blocked?.vi).toMatch(/^Năm 2025 đã khóa hồ sơ/);
    await expect(applyVillageImport(r, C, 2025, sheet, plan)).rejects.toBeInstanceOf(ImportError);
    expect(await snapshot(r)).toEqual(before);
  });

  it('a refused file is refused before anything can be planned or written', async () => {
    const r = await demo();
    const before = await snapshot(r);
    for (const bad of [fixture('lo-password.xlsx'), fixture('lo-ba-to-2025.xls'), fixture('lo-ba-to-2025.xlsx').subarray(0, 3000)]) {
      await expect(readVillageFile(bad)).rejects.toBeInstanceOf(SheetRefusal);
    }
    expect(await snapshot(r)).toEqual(before);
  });
});

describe('two active villages sharing a code on this device', () => {
  it('a row naming the shared code writes to neither; a row naming a unique code goes in, under that village\'s id', async () => {
    const r = await demo();
    // Two phones offline each added "Thôn 5" as T05 (fresh ids); a removed village keeps T06's code too.
    const a = await r.addVillage(C, { code: 'T05', name: 'Thôn Năm Mới' });
    const b = await r.addVillage(C, { code: 'T05', name: 'Thôn Năm Bên' });
    const gone = await r.addVillage(C, { code: 'T02', name: 'Thôn Hai cũ' });
    await r.archiveVillage(C, gone);
    const sheet = await readVillageFile(strToU8('Mã thôn,Tổng số hộ gia đình\nT05,77\nT02,321\n'));
    const plan = await previewVillageImport(r, C, 2025, sheet);
    expect(plan.rows.map((x) => x.status)).toEqual(['refused', 'changed']);
    expect(plan.rows[0]!.problems[0]!.vi).toContain('Thôn Năm Mới, Thôn Năm Bên');
    await applyVillageImport(r, C, 2025, sheet, plan);
    const counts = await r.getVillageCounts(C, 2025);
    expect(counts.filter((x) => x.village === a || x.village === b)).toEqual([]);
    expect(counts.find((x) => x.village === gone)).toBeUndefined();
    expect(counts.find((x) => x.village === 'T02')!.households).toBe(321);
  });
});
