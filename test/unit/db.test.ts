// The data layer on fake-indexeddb: every save writes its row and exactly one op atomically,
// invalid input writes nothing, year lock, startYear, and buildAssessInput.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRepo, openDatabase, ValidationError, YearLockedError, type Repo } from '../../src/db/index.ts';
import { parseHlc } from '../../src/domain/sync/hlc.ts';

let repo: Repo;
let n = 0;

beforeEach(async () => {
  repo = createRepo(openDatabase(`db-test-${++n}`));
  await repo.saveCommune({ code: 'X1', name: 'Xã Một', province: 'Quảng Ngãi' });
  await repo.saveVillage('X1', { code: 'T01', name: 'Thôn Một' });
  await repo.saveVillage('X1', { code: 'T02', name: 'Thôn Hai' });
});
afterEach(() => repo.db.close());

async function outbox() {
  return repo.db.outbox.orderBy('seq').toArray();
}

describe('saves write the row and exactly one op in one transaction', () => {
  const cases: [string, (r: Repo) => Promise<unknown>, string, string][] = [
    ['saveVillageCounts', (r) => r.saveVillageCounts('X1', 2025, 'T01', { households: 120, familiesRegistered: 100 }), 'villageCounts', 'X1/2025/T01'],
    ['saveCommuneFigures', (r) => r.saveCommuneFigures('X1', 2025, { units: 12, unitsRecognized: 10 }), 'communeFigures', 'X1/2025'],
    ['saveAnswer', (r) => r.saveAnswer('X1', 2025, 'TC1.1', { met: true, evidence: [{ number: '15/KH-UBND', date: '2025-01-10', title: 'Kế hoạch' }] }), 'answer', 'X1/2025/TC1.1'],
    ['saveDecision', (r) => r.saveDecision('X1', { level: 1, decidedOn: '2025-03-20', number: '12/QĐ-UBND' }), 'decision', 'X1/2025-03-20_1'],
    ['saveDossier', (r) => r.saveDossier('X1', 2025, { signerName: 'Nguyễn Văn A' }), 'dossier', 'X1/2025'],
    ['saveCommune', (r) => r.saveCommune({ code: 'X1', name: 'Xã Một Mới' }), 'commune', 'X1'],
    ['saveVillage', (r) => r.saveVillage('X1', { code: 'T03', name: 'Thôn Ba' }), 'village', 'X1/T03'],
  ];
  for (const [name, save, entity, key] of cases) {
    it(name, async () => {
      const before = await outbox();
      await save(repo);
      const after = await outbox();
      expect(after.length).toBe(before.length + 1);
      const op = after.at(-1)!.op;
      expect(op.entity).toBe(entity);
      expect(op.key).toBe(key);
      expect(op.opId).toMatch(/^[0-9a-f-]{36}$/);
      expect(parseHlc(op.hlc).node).toBe(await repo.deviceId());
      expect(await repo.getMeta('hlc')).toBe(op.hlc);
    });
  }

  it('an op carries only the changed fields, and an unchanged save writes nothing', async () => {
    await repo.saveVillageCounts('X1', 2025, 'T01', { households: 120, familiesRegistered: 100 });
    const n1 = (await outbox()).length;
    await repo.saveVillageCounts('X1', 2025, 'T01', { households: 120, familiesRegistered: 90 });
    const ops = await outbox();
    expect(ops.length).toBe(n1 + 1);
    expect(ops.at(-1)!.op.fields).toEqual({ familiesRegistered: 90 });
    await repo.saveVillageCounts('X1', 2025, 'T01', { households: 120 });
    expect((await outbox()).length).toBe(n1 + 1);
    expect((await repo.getVillageCounts('X1', 2025))[0]).toMatchObject({ village: 'T01', households: 120, familiesRegistered: 90 });
  });

  it('stamps increase strictly even when the wall clock stands still', async () => {
    const fixed = createRepo(openDatabase(`db-test-clock-${n}`), { now: () => 1_750_000_000_000 });
    await fixed.saveCommune({ code: 'X2', name: 'Xã Hai' });
    for (let i = 1; i <= 5; i++) await fixed.saveVillageCounts('X2', 2025, 'T01', { households: i });
    const stamps = (await fixed.db.outbox.orderBy('seq').toArray()).map((r) => r.op.hlc);
    expect([...stamps].sort()).toEqual(stamps);
    expect(new Set(stamps).size).toBe(stamps.length);
    fixed.db.close();
  });
});

describe('validation: nothing invalid is stored', () => {
  const bad: [string, Record<string, unknown>, string][] = [
    ['recognised above registered', { households: 100, familiesRegistered: 50, familiesRecognized: 60 }, 'familiesRecognized'],
    ['registered above total', { households: 10, familiesRegistered: 11 }, 'familiesRegistered'],
    ['negative count', { citizens: -1 }, 'citizens'],
    ['fraction', { lineages: 2.5 }, 'lineages'],
    ['text instead of a number', { households: '12' }, 'households'],
    ['citizens recognised above citizens', { citizens: 10, citizensRecognized: 11 }, 'citizensRecognized'],
  ];
  for (const [name, fields, field] of bad) {
    it(`refuses ${name} with a Vietnamese message on ${field}, writing neither row nor op`, async () => {
      const before = await outbox();
      const stampsBefore = await repo.db.stamps.toArray();
      const err = await repo.saveVillageCounts('X1', 2025, 'T01', fields as never).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationError);
      const msg = (err as ValidationError).fields[field];
      expect(msg, JSON.stringify((err as ValidationError).fields)).toBeTruthy();
      expect(msg).toMatch(/[àáảãạăâđèéêìíòóôơùúưỳý]/i);
      // And its English, for a screen in English (the same code said from the catalog).
      const msgEn = (err as ValidationError).fieldsEn[field];
      expect(msgEn).toMatch(/^[\x20-\x7E–…]+$/);
      expect(msgEn).not.toBe(msg);
      expect(await outbox()).toEqual(before);
      expect(await repo.getVillageCounts('X1', 2025)).toEqual([]);
      expect(await repo.db.stamps.toArray()).toEqual(stampsBefore);
    });
  }

  it('refuses an edit that breaks the rule against the stored values', async () => {
    await repo.saveVillageCounts('X1', 2025, 'T01', { households: 100, familiesRegistered: 80 });
    const before = await outbox();
    await expect(repo.saveVillageCounts('X1', 2025, 'T01', { households: 70 })).rejects.toBeInstanceOf(ValidationError);
    expect(await outbox()).toEqual(before);
    expect((await repo.getVillageCounts('X1', 2025))[0]!.households).toBe(100);
  });

  it('refuses a bad village code and an empty name', async () => {
    await expect(repo.saveVillage('X1', { code: 'a/b', name: 'x' })).rejects.toBeInstanceOf(ValidationError);
    await expect(repo.saveVillage('X1', { code: 'T09', name: ' ' })).rejects.toBeInstanceOf(ValidationError);
    expect((await repo.listVillages('X1')).map((v) => v.code)).toEqual(['T01', 'T02']);
  });

  it('refuses figures out of range and an answer with an impossible evidence date', async () => {
    await expect(repo.saveCommuneFigures('X1', 2025, { literacy: 3 })).rejects.toBeInstanceOf(ValidationError);
    await expect(repo.saveCommuneFigures('X1', 2025, { units: 3, unitsRecognized: 4 })).rejects.toBeInstanceOf(ValidationError);
    await expect(repo.saveAnswer('X1', 2025, 'TC1.1', { met: true, evidence: [{ date: '2025-02-30' }] })).rejects.toBeInstanceOf(ValidationError);
    expect(await repo.getCommuneFigures('X1', 2025)).toBeUndefined();
    expect(await repo.getAnswers('X1', 2025)).toEqual([]);
  });
});

describe('year lock', () => {
  it('a locked year refuses counts, figures, answers and dossier texts; reopening with a reason allows them', async () => {
    await repo.saveVillageCounts('X1', 2025, 'T01', { households: 100 });
    await repo.lockYear('X1', 2025, { meetingDate: '2026-01-15', minutesRef: '01/BB-HĐ' });
    const before = await outbox();
    await expect(repo.saveVillageCounts('X1', 2025, 'T01', { households: 101 })).rejects.toBeInstanceOf(YearLockedError);
    await expect(repo.saveCommuneFigures('X1', 2025, { units: 1 })).rejects.toBeInstanceOf(YearLockedError);
    await expect(repo.saveAnswer('X1', 2025, 'TC1.1', { met: true })).rejects.toBeInstanceOf(YearLockedError);
    await expect(repo.saveDossier('X1', 2025, { signerName: 'B' })).rejects.toBeInstanceOf(YearLockedError);
    expect(await outbox()).toEqual(before);
    // other years stay open
    await repo.saveVillageCounts('X1', 2026, 'T01', { households: 101 });

    await expect(repo.reopenYear('X1', 2025, '  ')).rejects.toBeInstanceOf(ValidationError);
    await repo.reopenYear('X1', 2025, 'Sửa số hộ thôn Một');
    await repo.saveVillageCounts('X1', 2025, 'T01', { households: 101 });
    const d = await repo.getDossier('X1', 2025);
    expect(d?.locked).toBe(false);
    expect(d?.reopenReasons?.map((r) => r.reason)).toEqual(['Sửa số hộ thôn Một']);
    expect(d?.minutesRef).toBe('01/BB-HĐ');
  });
});

describe('years', () => {
  it('startYear carries villages over with empty counts; last year stays readable', async () => {
    await repo.saveVillageCounts('X1', 2024, 'T01', { households: 100, familiesRegistered: 90 });
    await repo.saveVillageCounts('X1', 2024, 'T02', { households: 50 });
    await repo.startYear('X1', 2025);
    expect(await repo.listYears('X1')).toEqual([2024, 2025]);
    expect(await repo.getVillageCounts('X1', 2025)).toEqual([]);
    expect((await repo.getVillageCounts('X1', 2024)).length).toBe(2);
    expect((await repo.getDossier('X1', 2025))?.startedFrom).toBe(2024);
    const input = await repo.buildAssessInput('X1', 2025);
    expect(input.villages.map((v) => v.code)).toEqual(['T01', 'T02']);
    expect(input.villages.every((v) => v.households === undefined)).toBe(true);
    const ops = (await outbox()).length;
    await repo.startYear('X1', 2025);
    expect((await outbox()).length).toBe(ops);
  });

  it('refuses an impossible year', async () => {
    await expect(repo.saveVillageCounts('X1', 1999, 'T01', { households: 1 })).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('buildAssessInput', () => {
  it('gathers villages in order, counts, figures, answers (evidence as the input cites it) and history', async () => {
    await repo.saveVillage('X1', { code: 'T00', name: 'Thôn Không', order: 5 });
    await repo.archiveVillage('X1', 'T02');
    await repo.saveVillageCounts('X1', 2025, 'T01', { households: 120, familiesRegistered: 110, familiesRecognized: 90, citizens: 300, trained: 160, university: 40, villageRecognized: true });
    await repo.saveCommuneFigures('X1', 2025, { units: 12, unitsRecognized: 10, pcgdPreschool5: true, difficultArea: false });
    await repo.saveAnswer('X1', 2025, 'TC2.1', { met: true, amount: 25_000_000 });
    // A note inside an evidence entry (older releases allowed one) stays on the row, not in the input.
    await repo.saveAnswer('X1', 2025, 'TC1.1', { met: true, evidence: [{ number: '15/KH-UBND', issuer: 'UBND xã Một', title: 'Kế hoạch', note: 'bản chụp' }] });
    await repo.saveDecision('X1', { level: 1, decidedOn: '2025-03-20' });
    const input = await repo.buildAssessInput('X1', 2025, '2026-02-20');
    expect(input).toEqual({
      catalog: 'tt25-2023',
      year: 2025,
      asOf: '2026-02-20',
      commune: { code: 'X1', name: 'Xã Một', province: 'Quảng Ngãi' },
      villages: [
        { code: 'T01', name: 'Thôn Một', households: 120, familiesRegistered: 110, familiesRecognized: 90, citizens: 300, trained: 160, university: 40, villageRecognized: true },
        { code: 'T00', name: 'Thôn Không' },
      ],
      figures: { units: 12, unitsRecognized: 10, pcgdPreschool5: true, difficultArea: false },
      answers: {
        'TC1.1': { met: true, evidence: [{ number: '15/KH-UBND', issuer: 'UBND xã Một', title: 'Kế hoạch' }] },
        'TC2.1': { met: true, amount: 25_000_000 },
      },
      history: [{ level: 1, decidedOn: '2025-03-20' }],
    });
    expect((await repo.getAnswers('X1', 2025)).find((a) => a.indicator === 'TC1.1')!.evidence[0]!.note).toBe('bản chụp');
  });

  it('a decision removed as typed by mistake leaves the history and the list, and counts again when typed again', async () => {
    const id = await repo.saveDecision('X1', { level: 1, decidedOn: '2025-03-20', number: '12/QĐ-UBND' });
    await repo.saveDecision('X1', { level: 2, decidedOn: '2021-05-10' });
    await repo.archiveDecision('X1', id);
    expect((await repo.listDecisions('X1')).map((d) => d.id)).toEqual(['2021-05-10_2']);
    expect((await repo.buildAssessInput('X1', 2025, '2026-02-20')).history).toEqual([{ level: 2, decidedOn: '2021-05-10' }]);
    // The removal is an op like any edit: it reaches the server and the other phones.
    const ops = (await repo.nextBatch(100, 1_000_000)).filter((o) => o.key === `X1/${id}`);
    expect(ops.at(-1)!.fields).toEqual({ archived: true });
    await repo.saveDecision('X1', { level: 1, decidedOn: '2025-03-20', number: '12/QĐ-UBND' });
    expect((await repo.listDecisions('X1')).map((d) => d.id)).toEqual(['2021-05-10_2', id]);
    expect((await repo.buildAssessInput('X1', 2025, '2026-02-20')).history).toEqual([{ level: 2, decidedOn: '2021-05-10' }, { level: 1, decidedOn: '2025-03-20' }]);
  });

  it('refuses university above trained and trained above the people aged 15 and over', async () => {
    await expect(repo.saveVillageCounts('X1', 2025, 'T01', { citizens: 100, trained: 101 })).rejects.toBeInstanceOf(ValidationError);
    await repo.saveVillageCounts('X1', 2025, 'T01', { citizens: 100, trained: 60 });
    const err = await repo.saveVillageCounts('X1', 2025, 'T01', { university: 61 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).fields.university).toMatch(/Số người có trình độ đại học trở lên \(61\) không được lớn hơn số người được đào tạo trình độ chuyên môn kỹ thuật \(60\)/);
  });

  it('loadAssessInput stores a whole input and is idempotent', async () => {
    const input = {
      catalog: 'tt25-2023', year: 2025,
      commune: { code: 'D1', name: 'Xã Mẫu' },
      villages: [{ code: 'A', name: 'Thôn A', households: 10, familiesRegistered: 5 }],
      figures: { units: 3 },
      answers: { 'TC1.1': { met: true } },
      history: [{ level: 1 as const, decidedOn: '2024-03-01' }],
    };
    await repo.loadAssessInput(input);
    const ops = (await outbox()).length;
    await repo.loadAssessInput(input);
    expect((await outbox()).length).toBe(ops);
    expect(await repo.buildAssessInput('D1', 2025)).toEqual(input);
  });
});

describe('demo commune', () => {
  it('loads through the save functions (ops queued), idempotently, and gives the engine the same answer', async () => {
    const { useDatabase, loadDemoCommune, pendingCount, buildAssessInput, listYears } = await import('../../src/db/index.ts');
    const { demoCommune } = await import('../../src/domain/demo-commune.ts');
    const { assess } = await import('../../src/domain/readiness/index.ts');
    const r = useDatabase(`db-test-demo-${n}`);
    const code = await loadDemoCommune();
    expect(code).toBe(demoCommune.commune.code);
    const ops = await pendingCount();
    expect(ops).toBeGreaterThan(demoCommune.villages.length * 2);
    expect(await loadDemoCommune()).toBe(code);
    expect(await pendingCount()).toBe(ops);
    expect(await listYears(code)).toEqual(demoCommune.years.map((y) => y.year));
    for (const year of demoCommune.years) {
      expect(assess(await buildAssessInput(code, year.year))).toEqual(assess(year));
    }
    r.db.close();
  });
});
