// A reviewer's device reads the engine's input of every commune of its province at once: the same
// input, commune by commune, as buildAssessInput gives for each one alone (figures, answers,
// villages in order with archived ones that hold data, decisions), and no commune's rows in another's.
import 'fake-indexeddb/auto';
import { afterEach, expect, it } from 'vitest';
import { createRepo, openDatabase } from '../../src/db/index.ts';
import { buildInputs as buildProvinceInputs } from '../../src/db/assess-input.ts';
import { sampleInput } from './review-fixtures.ts';

const repo = createRepo(openDatabase('db-province-inputs'));
afterEach(() => repo.db.close());

it('reads the same inputs as one commune at a time', async () => {
  const names = ['meets-level-1', 'one-indicator-short', 'difficult-area', 'missing-data'];
  const codes: string[] = [];
  for (const [i, n] of names.entries()) {
    const input = { ...sampleInput(n), commune: { code: `P${i}`, name: `Xã ${i}`, province: 'Quảng Ngãi' } };
    codes.push(await repo.loadAssessInput(input));
  }
  await repo.saveVillage('P0', { code: 'Z9', name: 'Thôn cũ', order: 99 });
  await repo.saveVillageCounts('P0', 2025, 'Z9', { households: 10 });
  await repo.archiveVillage('P0', 'Z9');
  await repo.saveDecision('P1', { level: 1, decidedOn: '2023-03-20', number: '12/QĐ-UBND' });
  // A village made on the phone has a fresh id, which names it to the engine; one that moved from
  // P2 to P3 is counted in P3 with the counts kept under P2's key, and no longer in P2.
  const fresh = await repo.addVillage('P0', { code: 'N1', name: 'Thôn Mới', order: 100 });
  await repo.saveVillageCounts('P0', 2025, fresh, { households: 7 });
  await repo.saveVillage('P2', { id: 'MV', code: 'MV', name: 'Thôn Chuyển', order: 50 });
  await repo.saveVillageCounts('P2', 2025, 'MV', { households: 30 });
  await repo.saveVillage('P2', { id: 'MV', code: 'MV', name: 'Thôn Chuyển', inCommune: 'P3' });
  const all = await buildProvinceInputs(repo.db, [...codes, 'NONE'], 2025, '2026-02-28');
  for (const [i, code] of codes.entries()) expect(all[i]).toEqual(await repo.buildAssessInput(code, 2025, '2026-02-28'));
  expect(all[0]!.villages.map((v) => v.code).slice(-2)).toEqual(['Z9', fresh]);
  expect(fresh).not.toBe('N1');
  expect(all[0]!.villages.at(-1)).toEqual({ code: fresh, name: 'Thôn Mới', households: 7 });
  expect(all[2]!.villages.some((v) => v.code === 'MV')).toBe(false);
  expect(all[3]!.villages.find((v) => v.code === 'MV')).toEqual({ code: 'MV', name: 'Thôn Chuyển', households: 30 });
  expect(all[1]!.history).toEqual([{ level: 1, decidedOn: '2023-03-20' }]);
  expect(all[4]).toEqual({ catalog: 'tt25-2023', year: 2025, asOf: '2026-02-28', commune: { code: 'NONE', name: 'NONE' }, villages: [] });
});
