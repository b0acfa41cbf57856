// Convergence with a REAL server process: phones whose clocks are hours wrong, and two phones
// editing the same village offline, then syncing: identical data, the concurrent field listed
// as a conflict on both, and a person's re-apply settles it everywhere.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ServerProcess, makeClient, snapshot, syncUntilDone, type Client, type StoreKind } from './faults-harness.ts';
import { parseHlc } from '../../src/domain/sync/hlc.ts';

export function convergenceSuite(kind: StoreKind): void {
  describe(`on ${kind}`, () => {
    const COMMUNE = '21085';
    const HOUR = 60 * 60 * 1000;
    let server: ServerProcess;
    const clients: Client[] = [];

    beforeAll(async () => {
      server = await ServerProcess.of(kind);
      await server.start();
    });
    afterEach(() => {
      while (clients.length) clients.pop()!.close();
    });
    afterAll(async () => {
      await server.stop();
    });

    async function phone(name: string, skewMs = 0): Promise<Client> {
      const [code] = await server.issueCodes(COMMUNE, 1);
      const c = makeClient(name, skewMs);
      clients.push(c);
      await c.engine.enroll(server.url, code!);
      await syncUntilDone(c);
      return c;
    }

    const households = async (c: Client, village: string) =>
      (await c.repo.getVillageCounts(COMMUNE, 2025)).find((r) => r.village === village)?.households;
    const lastStamp = async (c: Client) => (await c.repo.db.outbox.orderBy('seq').last())!.op.hlc;

    describe('clocks hours wrong', { timeout: 90_000 }, () => {
      it('an edit made after seeing another phone\'s value wins, whichever clock is wrong', async () => {
        const behind = await phone('behind', -5 * HOUR);
        const ahead = await phone('ahead', +3 * HOUR);
        const right = await phone('right');

        // right edits; behind (5 h slow) sees it, then edits the same field
        await right.repo.saveVillageCounts(COMMUNE, 2025, 'T03', { households: 1500 });
        const rightStamp = await lastStamp(right);
        await syncUntilDone(right);
        await syncUntilDone(behind);
        expect(await households(behind, 'T03')).toBe(1500);
        await behind.repo.saveVillageCounts(COMMUNE, 2025, 'T03', { households: 1600 });
        // its stamp follows what it saw, not its slow wall clock
        expect(await lastStamp(behind) > rightStamp).toBe(true);
        expect(parseHlc(await lastStamp(behind)).wall).toBeGreaterThanOrEqual(parseHlc(rightStamp).wall);
        await syncUntilDone(behind);
        await syncUntilDone(right);
        expect(await households(right, 'T03')).toBe(1600);

        // ahead (3 h fast) edits; right sees it and edits after: right's edit stands
        await syncUntilDone(ahead);
        await ahead.repo.saveVillageCounts(COMMUNE, 2025, 'T03', { households: 1700 });
        await syncUntilDone(ahead);
        await syncUntilDone(right);
        expect(await households(right, 'T03')).toBe(1700);
        await right.repo.saveVillageCounts(COMMUNE, 2025, 'T03', { households: 1800 });
        await syncUntilDone(right);
        for (const c of [ahead, behind, right]) await syncUntilDone(c);
        for (const c of [ahead, behind]) expect(await households(c, 'T03')).toBe(1800);

        // informed overwrites are not conflicts
        for (const c of [ahead, behind, right]) {
          expect((await c.repo.listConflicts()).filter((x) => x.key === `${COMMUNE}/2025/T03`)).toEqual([]);
        }
        expect(await snapshot(behind, COMMUNE)).toEqual(await snapshot(right, COMMUNE));
        expect(await snapshot(ahead, COMMUNE)).toEqual(await snapshot(right, COMMUNE));
      });
    });

    describe('two phones editing the same village offline', { timeout: 90_000 }, () => {
      it('converge to identical data with the concurrent field in both conflict lists; re-applying settles it', async () => {
        const a = await phone('a');
        const b = await phone('b', -2 * HOUR); // b's clock is also off, to keep it honest
        expect(await snapshot(a, COMMUNE)).toEqual(await snapshot(b, COMMUNE));

        // offline: both edit village T01 of 2025; households concurrently, other fields apart
        await a.repo.saveVillageCounts(COMMUNE, 2025, 'T01', { households: 2000, familiesRegistered: 300 });
        await b.repo.saveVillageCounts(COMMUNE, 2025, 'T01', { households: 2100, citizens: 5000 });
        await b.repo.saveAnswer(COMMUNE, 2025, 'TC3.2', { note: 'Ghi chú từ máy B' });

        await syncUntilDone(a);
        await syncUntilDone(b);
        await syncUntilDone(a);

        const sa = await snapshot(a, COMMUNE);
        expect(sa).toEqual(await snapshot(b, COMMUNE));
        const t01 = (await a.repo.getVillageCounts(COMMUNE, 2025)).find((r) => r.village === 'T01')!;
        expect(t01).toMatchObject({ familiesRegistered: 300, citizens: 5000 });
        expect([2000, 2100]).toContain(t01.households);
        expect(await a.repo.buildAssessInput(COMMUNE, 2025)).toEqual(await b.repo.buildAssessInput(COMMUNE, 2025));

        const key = `${COMMUNE}/2025/T01`;
        for (const c of [a, b]) {
          const list = await c.repo.listConflicts();
          expect(list.map((x) => [x.key, x.field])).toEqual([[key, 'households']]);
          expect(new Set([list[0]!.localValue, list[0]!.remoteValue])).toEqual(new Set([2000, 2100]));
        }

        // a person on b reviews it and keeps the value that lost
        const onB = (await b.repo.listConflicts())[0]!;
        const loser = onB.winner === 'local' ? onB.remoteValue : onB.localValue;
        const keep = onB.winner === 'local' ? 'remote' : 'local';
        await b.repo.resolveConflict(onB.id!, keep);
        expect(await households(b, 'T01')).toBe(loser);
        await syncUntilDone(b);
        await syncUntilDone(a);
        expect(await households(a, 'T01')).toBe(loser);
        expect(await a.repo.listConflicts()).toEqual([]);
        expect(await b.repo.listConflicts()).toEqual([]);
        expect(await snapshot(a, COMMUNE)).toEqual(await snapshot(b, COMMUNE));

        // and a third phone arriving later sees the same data and no conflict
        const c = await phone('late');
        expect(await snapshot(c, COMMUNE)).toEqual(await snapshot(a, COMMUNE));
        expect(await c.repo.listConflicts()).toEqual([]);
      });
    });
  });
}
