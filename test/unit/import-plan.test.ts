// The dry run: each village of a sheet new, changed (old beside new), unchanged or refused,
// against what the commune holds — with the form's rules on the merged record and the device's
// access. Table-driven on small CSV sheets and on the LibreOffice fixture against the demo commune.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { demoCommune } from '../../src/domain/demo-commune.ts';
import { planFingerprint, planImport, readVillageFile, type KnownVillage, type PlanContext } from '../../src/import/index.ts';

const demo2025 = demoCommune.years.find((y) => y.year === 2025)!;
const demoCtx = (over: Partial<PlanContext> = {}): PlanContext => ({
  villages: demoCommune.villages.map((v) => ({ code: v.code, name: v.name })),
  counts: new Map(demo2025.villages.map(({ code, name: _n, ...c }) => [code, c as Record<string, unknown>])),
  ...over,
});
const csv = (text: string) => readVillageFile(strToU8(text));

describe('the LibreOffice sheet of Xã Ba Tô against the demo commune (2025)', () => {
  it('marks each village changed, unchanged or refused, with the old value beside the new', async () => {
    const sheet = await readVillageFile(new Uint8Array(readFileSync(fileURLToPath(new URL('../fixtures/sheets/lo-ba-to-2025.xlsx', import.meta.url)))));
    const plan = planImport(sheet, demoCtx());
    expect(plan.rows.map((r) => [r.row, r.village.code, r.status])).toEqual([
      [5, 'T01', 'changed'], [6, 'T02', 'unchanged'], [8, 'T03', 'refused'], [9, 'T04', 'refused'], [10, 'T05', 'unchanged'],
    ]);
    expect(plan.rows[0]!.changes).toEqual([{ field: 'familiesRegistered', column: 'E', old: 216, new: 218 }]);
    expect(plan.rows[2]!.problems.map((p) => p.vi)).toEqual(['Dòng 8, cột E: số hộ đăng ký "Gia đình học tập" (450) không được lớn hơn tổng số hộ gia đình (405)']);
    expect(plan.tally).toEqual({ new: 0, changed: 1, unchanged: 2, refused: 2 });
    expect(plan.blocked).toBeNull();
  });
});

describe('matching villages', () => {
  const villages: KnownVillage[] = [
    { code: 'T01', name: 'Thôn Làng Mạ' }, { code: 'T02', name: 'Bản Gò Ra' }, { code: 'T03', name: 'Tổ dân phố 3' },
    { code: 'T04', name: 'Thôn Cũ', archived: true },
  ];
  const ctx: PlanContext = { villages, counts: new Map([['T01', { households: 100 }]]) };

  it('by name, ignoring diacritics, case and the Thôn / Bản / Ấp / Tổ dân phố prefix', async () => {
    const plan = planImport(await csv('Tên thôn,Tổng số hộ gia đình\nlang ma,100\nThôn Gò Ra,50\n3,40\n'), ctx);
    expect(plan.rows.map((r) => [r.village.code, r.village.name, r.status])).toEqual([
      ['T01', 'Thôn Làng Mạ', 'unchanged'], ['T02', 'Bản Gò Ra', 'changed'], ['T03', 'Tổ dân phố 3', 'changed'],
    ]);
    expect(plan.rows[1]!.changes).toEqual([{ field: 'households', column: 'B', old: null, new: 50 }]);
  });

  it('by code when there is a "Mã thôn" column, whatever the name says', async () => {
    const plan = planImport(await csv('Mã thôn,Thôn,Tổng số hộ gia đình\nT02,Làng Mạ (ghi nhầm),70\n'), ctx);
    expect(plan.rows[0]!.village).toEqual({ code: 'T02', name: 'Bản Gò Ra' });
  });

  it('a village the commune does not have is new: the sheet\'s code, or the next free one', async () => {
    const plan = planImport(await csv('Tên thôn,Tổng số hộ gia đình\nThôn Mới,30\nThôn Mới Nữa,20\n'), ctx);
    expect(plan.rows.map((r) => [r.status, r.village.code, r.village.name, r.addVillage])).toEqual([
      ['new', 'T05', 'Thôn Mới', true], ['new', 'T06', 'Thôn Mới Nữa', true],
    ]);
    const byCode = planImport(await csv('Mã thôn,Tên thôn,Tổng số hộ gia đình\nX9,Thôn Xa,30\n'), ctx);
    expect(byCode.rows[0]!.village).toEqual({ code: 'X9', name: 'Thôn Xa' });
  });

  it('an archived village named again comes back (new), with its own code', async () => {
    const plan = planImport(await csv('Tên thôn,Tổng số hộ gia đình\nCũ,30\n'), ctx);
    expect(plan.rows[0]).toMatchObject({ status: 'new', addVillage: true, village: { code: 'T04', name: 'Thôn Cũ' } });
  });

  it('refuses a row it cannot place: two villages of that name, or an unknown code for a village it knows by name', async () => {
    const twins: PlanContext = { villages: [{ code: 'A', name: 'Thôn 1' }, { code: 'B', name: 'Tổ dân phố 1' }], counts: new Map() };
    const plan = planImport(await csv('Tên thôn,Tổng số hộ gia đình\n1,30\n'), twins);
    expect(plan.rows[0]!.status).toBe('refused');
    expect(plan.rows[0]!.problems[0]!.vi).toBe('Dòng 2, cột A: có 2 thôn cùng tên "1" (A, B): thêm cột "Mã thôn" để phân biệt');
    const typo = planImport(await csv('Mã thôn,Tên thôn,Tổng số hộ gia đình\nT11,Làng Mạ,30\n'), ctx);
    expect(typo.rows[0]!.status).toBe('refused');
    expect(typo.rows[0]!.problems[0]!.vi).toBe('Dòng 2, cột A: mã thôn "T11" không có trong xã, nhưng thôn "Thôn Làng Mạ" có mã T01: hãy sửa mã cho đúng');
  });

  it('a code the commune lacks with no name column to name a new village is refused', async () => {
    const plan = planImport(await csv('Mã thôn,Tổng số hộ gia đình\nT01,100\nT77,30\n'), ctx);
    expect(plan.rows.map((r) => r.status)).toEqual(['unchanged', 'refused']);
    expect(plan.rows[1]!.problems[0]!.vi).toBe('Dòng 3, cột A: mã thôn "T77" không có trong xã; muốn thêm thôn mới thì thêm cột "Tên thôn"');
  });

  it('two rows reaching one village (one by code, one by name) are refused', async () => {
    const plan = planImport(await csv('Mã thôn,Tên thôn,Tổng số hộ gia đình\nT01,,10\n,Làng Mạ,12\n'), ctx);
    expect(plan.rows.map((r) => r.status)).toEqual(['changed', 'refused']);
  });
});

describe('two active villages sharing a code (two phones offline each added it)', () => {
  // Ids as the app holds them; counts by id.
  const ctx: PlanContext = {
    villages: [
      { id: 'v5a', code: 'T05', name: 'Thôn 5' }, { id: 'v5b', code: 'T05', name: 'Thôn Năm' },
      { id: 'v1', code: 'T01', name: 'Thôn Một' }, { id: 'v6', code: 'T06', name: 'Thôn Sáu' }, { id: 'v6old', code: 'T06', name: 'Thôn Sáu cũ', archived: true },
    ],
    counts: new Map([['v5a', { households: 10 }], ['v5b', { households: 20 }], ['v6', { households: 60 }], ['v6old', { households: 66 }]]),
  };

  it('refuses a row naming the shared code, naming both villages, and writes to neither; the other rows go in', async () => {
    const plan = planImport(await csv('Mã thôn,Tên thôn,Tổng số hộ gia đình\nT01,Thôn Một,100\nT05,Thôn 5,50\nt05,,51\nT06,,61\n'), ctx);
    expect(plan.rows.map((r) => [r.village.code, r.status, r.villageId ?? null, r.addVillage])).toEqual([
      ['T01', 'changed', 'v1', false], ['T05', 'refused', null, false], ['t05', 'refused', null, false], ['T06', 'changed', 'v6', false],
    ]);
    expect(plan.rows[1]!.changes).toEqual([]);
    expect(plan.rows[1]!.problems.map((p) => p.vi)).toEqual([
      'Dòng 3, cột A: mã thôn "T05" đang dùng cho 2 thôn của xã (Thôn 5, Thôn Năm) nên không biết ghi vào thôn nào: hãy sửa mã của một thôn trong danh sách thôn rồi nhập lại',
    ]);
    expect(plan.rows[1]!.problems.map((p) => p.en)).toEqual([
      'Row 3, column A: village code "T05" is used by 2 villages of the commune (Thôn 5, Thôn Năm), so it is not clear which one to write to: change the code of one village in the village list, then import again',
    ]);
    // The unique code is matched to the active village by id, not to the archived one sharing its code.
    expect(plan.rows[3]!.changes).toEqual([{ field: 'households', column: 'C', old: 60, new: 61 }]);
    expect(plan.tally).toEqual({ new: 0, changed: 2, unchanged: 0, refused: 2 });
  });

  it('a row naming the village by name alone still goes in', async () => {
    const plan = planImport(await csv('Tên thôn,Tổng số hộ gia đình\nThôn Năm,25\n'), ctx);
    expect(plan.rows[0]).toMatchObject({ status: 'changed', villageId: 'v5b', changes: [{ field: 'households', old: 20, new: 25 }] });
  });
});

describe('the form\'s rules on the merged record', () => {
  const ctx: PlanContext = {
    villages: [{ code: 'T01', name: 'Thôn Một' }],
    counts: new Map([['T01', { households: 100, familiesRegistered: 90, familiesRecognized: 80 }]]),
  };

  it('refuses a value that breaks a "≤" rule against a figure the app already holds, and says so', async () => {
    const plan = planImport(await csv('Tên thôn,Tổng số hộ gia đình\nThôn Một,85\n'), ctx);
    expect(plan.rows[0]!.status).toBe('refused');
    expect(plan.rows[0]!.problems.map((p) => p.vi)).toEqual([
      'Dòng 2, cột B: số hộ đăng ký "Gia đình học tập" (90) không được lớn hơn tổng số hộ gia đình (85) (so với số đã lưu)',
    ]);
  });

  it('accepts the same value when the sheet also lowers the counts under it', async () => {
    const plan = planImport(await csv('Tên thôn,Tổng số hộ gia đình,Số hộ đăng ký,Số hộ được công nhận\nThôn Một,85,80,70\n'), ctx);
    expect(plan.rows[0]!.status).toBe('changed');
    expect(plan.rows[0]!.changes.map((c) => [c.field, c.old, c.new])).toEqual([['households', 100, 85], ['familiesRegistered', 90, 80], ['familiesRecognized', 80, 70]]);
  });

  it('an old disagreement the sheet does not touch does not refuse the row (as the form does)', async () => {
    const merged: PlanContext = { villages: ctx.villages, counts: new Map([['T01', { households: 50, familiesRegistered: 90 }]]) };
    const plan = planImport(await csv('Tên thôn,Tổng số dòng họ\nThôn Một,7\n'), merged);
    expect(plan.rows[0]!.status).toBe('changed');
  });

  it('the issue\'s example: university above trained, at its row and column (with the reference rewrite)', async () => {
    const plan = planImport(await csv('STT,Tên thôn,Số người từ 15 tuổi trở lên,Số người được đào tạo trình độ chuyên môn kỹ thuật,Số người có trình độ đại học trở lên\n1,Thôn Một,300,90,120\n'), ctx);
    expect(plan.rows[0]!.problems.map((p) => p.vi)).toEqual([
      'Dòng 2, cột E: số người có trình độ đại học trở lên (120) không được lớn hơn số người được đào tạo trình độ chuyên môn kỹ thuật (90)',
    ]);
  });
});

describe('who may import, and when', () => {
  it('a collector\'s villages go in; the others are refused with the reason', async () => {
    const refusal = (code: string, isNew: boolean) => (isNew || code !== 'T01' ? { vi: 'Chỉ được nhập số liệu của thôn mình phụ trách', en: 'Only your own villages' } : null);
    const plan = planImport(await csv('Tên thôn,Tổng số hộ gia đình\nLàng Mạ,400\nGò Ra,200\nMới,3\n'), demoCtx({ refusal }));
    expect(plan.rows.map((r) => [r.village.code, r.status])).toEqual([['T01', 'changed'], ['T02', 'refused'], ['T13', 'refused']]);
    expect(plan.rows[1]!.problems[0]!.vi).toBe('Dòng 3, cột A: chỉ được nhập số liệu của thôn mình phụ trách');
  });

  it('a locked year blocks the whole import; so does a header written twice', async () => {
    const locked = planImport(await csv('Tên thôn,Tổng số hộ gia đình\nLàng Mạ,1\n'), demoCtx({ blocked: { vi: 'Năm 2025 đã khóa hồ sơ', en: 'locked' } }));
    expect(locked.blocked?.vi).toBe('Năm 2025 đã khóa hồ sơ');
    const twice = planImport(await csv('Tên thôn,Tổng số hộ gia đình,Tổng số hộ gia đình\nLàng Mạ,1,1\n'), demoCtx());
    expect(twice.blocked?.vi).toMatch(/^Dòng 1, cột C: cột B và cột C cùng là/);
  });

  it('the same sheet and data give the same plan and fingerprint; other data another fingerprint', async () => {
    const sheet = await csv('Tên thôn,Tổng số hộ gia đình\nLàng Mạ,1\n');
    expect(planFingerprint(planImport(sheet, demoCtx()))).toBe(planFingerprint(planImport(sheet, demoCtx())));
    const moved = demoCtx({ counts: new Map([['T01', { households: 5 }]]) });
    expect(planFingerprint(planImport(sheet, moved))).not.toBe(planFingerprint(planImport(sheet, demoCtx())));
  });
});
