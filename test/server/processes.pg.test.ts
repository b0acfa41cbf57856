// Two REAL server processes on one PostgreSQL database behind a balancer, as a national or a
// standby deployment runs them: they start together on an empty database (schema and demo
// commune made once), phones of one commune push through both at once, one process is SIGKILLed
// mid-stream and the phones' retries reach the other, which answers "known" for what the dead
// one committed; then both serve the same complete, gap-free, duplicate-free change feed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FaultProxy, ServerProcess, makeClient, observerToken, serverOps, snapshot, syncUntilDone, type Client } from './faults-harness.ts';
import { freshDatabase, sql, type TestDatabase } from './pg-helpers.ts';
import { demoOps } from '../../server/seed.ts';
import { POSTGRES_MIGRATIONS } from '../../server/store/postgres-migrations.ts';
import type { SyncResponse } from '../../src/domain/sync/protocol.ts';

const COMMUNE = '21085'; // the demo commune, seeded by whichever process gets there first

describe('two server processes on one PostgreSQL', { timeout: 180_000 }, () => {
  let db: TestDatabase;
  let a: ServerProcess;
  let b: ServerProcess;
  let balancer: FaultProxy;
  let observer: string;
  let shared: string;
  const clients: Client[] = [];

  beforeAll(async () => {
    db = await freshDatabase();
    // One folder both mount for evidence files, as such a deployment must.
    shared = mkdtempSync(join(tmpdir(), 'xht-shared-files-'));
    a = new ServerProcess({ FILES_DIR: shared }, { databaseUrl: db.url });
    b = ServerProcess.beside(a, { FILES_DIR: shared });
    await Promise.all([a.start(), b.start()]);
    balancer = new FaultProxy([a, b]);
    await balancer.start();
  });
  afterEach(() => {
    while (clients.length) clients.pop()!.close();
  });
  afterAll(async () => {
    await balancer?.stop();
    await b?.stop();
    await a?.stop();
    await db?.drop();
    if (shared) rmSync(shared, { recursive: true, force: true });
  });

  it('started together on an empty database: the schema is migrated once and the demo commune seeded once', async () => {
    expect(a.output).toContain('"store":"postgres"');
    expect(b.output).toContain('"store":"postgres"');
    for (const s of [a, b]) expect(s.output).toContain('"files":"shared-folder"');
    const seeders = [a, b].filter((s) => s.seedCode);
    expect(seeders).toHaveLength(1);
    const versions = await sql<{ version: number }>(db.url, 'SELECT version FROM schema_migrations ORDER BY version');
    expect(versions.map((r) => r.version)).toEqual(POSTGRES_MIGRATIONS.map((_m, i) => i + 1));
    expect(await a.stats()).toMatchObject({ communes: 1, ops: demoOps().length });
    observer = await observerToken(balancer.url, seeders[0]!.seedCode!);
  });

  it('pushes of one commune through both at once, one SIGKILLed mid-stream: retries through the other are answered "known"; both then serve one complete, gap-free, duplicate-free feed', async () => {
    // Four phones of the commune, enrolled through the balancer (each request to A and B in turn).
    const phones: Client[] = [];
    for (let i = 0; i < 4; i++) {
      const [code] = await a.issueCodes(COMMUNE, 1);
      const c = makeClient(`p${i}`, 0, { maxOps: 20 });
      clients.push(c);
      phones.push(c);
      await c.engine.enroll(balancer.url, code!);
      await syncUntilDone(c);
    }
    // Each edits the commune offline: its own village and, with the others, the same answer.
    for (const [i, c] of phones.entries()) {
      for (let n = 0; n < 120; n++) {
        if (n % 3 === 0) await c.repo.saveAnswer(COMMUNE, 2025, 'TC3.2', { note: `Ghi chú của máy ${i}, lần ${n}` });
        else await c.repo.saveVillageCounts(COMMUNE, 2025, `T0${i + 1}`, { households: 1000 + n });
      }
    }
    const pushed = (await Promise.all(phones.map(async (c) => (await c.repo.db.outbox.toArray()).map((r) => r.op.opId)))).flat();
    expect(pushed).toHaveLength(480);

    // After six batches were taken, the next one A commits kills it before its answer goes out;
    // whatever else A had in flight is cut with it. A stays down: everything after goes to B.
    let taken = 0;
    let killed = -1;
    balancer.decide = (r, index) => {
      if (!r.path.startsWith('/api/v1/sync')) return 'pass';
      if (killed < 0 && r.target === 0 && taken >= 6) {
        killed = index;
        return 'kill-after-commit';
      }
      taken++;
      return 'pass';
    };
    await Promise.all(phones.map((c) => syncUntilDone(c, 120)));
    expect(killed).toBeGreaterThanOrEqual(0);
    expect(a.child).toBeNull();

    const syncs = balancer.syncs();
    expect(syncs.filter((r) => r.target === 0 && r.status === 200).length).toBeGreaterThan(0);
    expect(syncs.filter((r) => r.target === 1 && r.status === 200).length).toBeGreaterThan(0);
    // The batch A committed as it died: applied there, and its retry through B applied nothing
    // and knew every op of it, with the same receipt.
    const lost = balancer.seen[killed]!;
    const lostBatch = JSON.parse(lost.body) as { batchId: string; ops: { opId: string }[] };
    const lostIds = lostBatch.ops.map((o) => o.opId).sort();
    expect(lost.target).toBe(0);
    expect(lost.status).toBe(200);
    const first = JSON.parse(lost.response!) as SyncResponse;
    expect(first.applied.sort()).toEqual(lostIds);
    const retries = syncs.filter((r) => r !== lost && (JSON.parse(r.body) as { batchId: string }).batchId === lostBatch.batchId);
    expect(retries.length).toBeGreaterThan(0);
    for (const r of retries) {
      expect(r.target).toBe(1);
      expect(r.status).toBe(200);
      const again = JSON.parse(r.response!) as SyncResponse;
      expect(again.applied).toEqual([]);
      expect(again.known.sort()).toEqual(lostIds);
      expect(again.receipt).toBe(first.receipt);
    }
    // Every batch answered 200 by either process is durable: a later re-send of it only knows.
    for (const r of syncs.filter((x) => x.status === 200)) {
      const res = JSON.parse(r.response!) as SyncResponse;
      expect(res.applied.length + res.known.length).toBe((JSON.parse(r.body) as { ops: unknown[] }).ops.length);
    }

    // A comes back on the same database; both serve the same feed: every op once, seq 1, 2, 3…
    await a.start();
    const feedA = await serverOps(a.url, observer);
    const feedB = await serverOps(b.url, observer);
    expect(feedA).toEqual(feedB);
    expect(feedA.map((o) => o.seq)).toEqual(feedA.map((_o, i) => i + 1));
    const ids = feedA.map((o) => o.opId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(demoOps().length + pushed.length);
    const held = new Set(ids);
    expect(pushed.filter((id) => !held.has(id))).toEqual([]);

    // And the phones, pulling once more through either, hold the same data.
    for (const c of phones) {
      expect(await c.repo.pendingCount()).toBe(0);
      await syncUntilDone(c);
    }
    const want = await snapshot(phones[0]!, COMMUNE);
    for (const c of phones.slice(1)) expect(await snapshot(c, COMMUNE)).toEqual(want);
  });
});
