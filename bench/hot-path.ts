// The batch path of the sync server stage by stage, in one process, as CPU time per 100 000 ops:
// what the event loop does to a batch (JSON.parse, validateBatch, the identity and access
// checks, hashBatch's op JSON and content hashes, the structured clone to the writer thread) and what
// the writer thread does (createBatchWriter's group commit), beside the raw floor's own CPU. CPU time, not wall time,
// and the least of several rounds: on the shared 2-core machine this moves by a few per cent
// where the HTTP bench (bench/server.ts) moves by tens. For comparing a change to the hot path:
//   npx tsx bench/hot-path.ts [--rounds 3] [--group 32] [--no-sync]
// (--no-sync: synchronous=OFF for both, to see CPU without the WAL's fsyncs). Not part of
// `npm run bench`: the server part measures the whole server; this says where its time goes.
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { validateBatch } from '../src/domain/sync/protocol.ts';
import { identityRefusals, writeRefusal } from '../server/auth.ts';
import { hashBatch, type HashedBatch } from '../server/batch-apply.ts';
import { openSqliteStore } from '../server/store/sqlite-store.ts';
import { SQLITE_PRAGMAS, createBatchWriter } from '../server/store/sqlite-writer.ts';
import type { ApplyBatchInput, TokenGrant } from '../server/store/store.ts';
import { benchFloor, makeOps } from './server.ts';

const BATCHES = 2000;
const OPS = 50;
const DEVICES = 500;
const COMMUNES = 50;
const villages = Array.from({ length: 10 }, (_, i) => ({ code: `T${String(i + 1).padStart(2, '0')}`, name: `Thôn ${i + 1}` }));

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Least CPU ms per 100 000 ops of each stage over `rounds` rounds. */
export async function benchHotPath(rounds = 3, group = 32, noSync = false): Promise<Record<string, number>> {
  const best: Record<string, number> = {};
  const per100k = (ms: number) => (ms * 100_000) / (BATCHES * OPS);
  const stage = <T>(name: string, f: () => T): T => {
    const c = cpuMs();
    const r = f();
    best[name] = Math.min(best[name] ?? Infinity, Math.round(per100k(cpuMs() - c)));
    return r;
  };
  // The bench's devices: device d in commune d % 50, with the bench's village and roles.
  const grants: TokenGrant[] = Array.from({ length: DEVICES }, (_, d) => ({
    id: `t${d}`, commune: String(30000 + (d % COMMUNES)), province: 'Tỉnh Bench', role: d % 10 === 0 ? 'officer' : 'collector', villages: null, person: `Thiết bị ${d}`, deviceId: `bench-${d}`, deviceName: null,
  }));
  for (let round = 0; round < rounds; round++) {
    const walls = new Map<string, number>();
    const bodies = Array.from({ length: BATCHES }, (_, b) => {
      const g = grants[b % DEVICES]!;
      return { grant: g, text: JSON.stringify({ deviceId: g.deviceId, batchId: randomUUID(), ops: makeOps(g.deviceId!, g.commune, villages[b % DEVICES % villages.length]!.code, OPS, walls) }) };
    });
    const parsed = stage('jsonParse', () => bodies.map((b) => JSON.parse(b.text) as unknown));
    const checked = stage('validateBatch', () => parsed.map((p) => {
      const r = validateBatch(p, { now: Date.now() });
      if (!r.ok) throw new Error(JSON.stringify(r.problems));
      return r.batch;
    }));
    stage('identityAndAccess', () => checked.forEach((batch, i) => {
      const g = bodies[i]!.grant;
      if (identityRefusals(g, batch).length || batch.ops.some((op) => writeRefusal(g, op))) throw new Error('refused');
    }));
    const inputs: ApplyBatchInput[] = checked.map((batch, i) => ({ commune: bodies[i]!.grant.commune, deviceId: batch.deviceId, batchId: batch.batchId, tokenId: bodies[i]!.grant.id, ops: batch.ops, now: Date.now() }));
    const prepared = stage('hashBatch', () => inputs.map(hashBatch));
    const groups: HashedBatch[][] = [];
    for (let i = 0; i < prepared.length; i += group) groups.push(prepared.slice(i, i + group));
    const sent = stage('cloneToWriter', () => groups.map((g) => structuredClone({ type: 'batches', items: g.map((batch, id) => ({ id, batch })) })));

    const dir = mkdtempSync(join(tmpdir(), 'xht-hot-path-'));
    try {
      const path = join(dir, 'hot.sqlite');
      const store = openSqliteStore(path);
      for (let c = 0; c < COMMUNES; c++) await store.createCommune({ code: String(30000 + c), name: `Xã Bench ${c}`, province: 'Tỉnh Bench', villages });
      await store.close();
      const db = new Database(path);
      for (const p of SQLITE_PRAGMAS) db.pragma(p);
      if (noSync) db.pragma('synchronous = OFF');
      const writer = createBatchWriter(db);
      stage('writer', () => sent.forEach((m) => {
        for (const o of writer.applyGroup(m.items.map((x) => x.batch))) if (!('ok' in o) || o.ok.kind !== 'ok') throw new Error(JSON.stringify(o));
        writer.afterGroup(false); // as in a burst: the writer never idle, its checkpoints by count
      }));
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    if (!noSync) {
      const floor = { ms: 0 };
      benchFloor(BATCHES, OPS, floor);
      best.floor = Math.min(best.floor ?? Infinity, Math.round(per100k(floor.ms)));
    }
  }
  return best;
}

const { values } = parseArgs({ options: { rounds: { type: 'string' }, group: { type: 'string' }, 'no-sync': { type: 'boolean' } } });
const result = await benchHotPath(Number(values.rounds ?? 3), Number(values.group ?? 32), values['no-sync'] ?? false);
process.stdout.write(`${JSON.stringify({ cpuMsPer100kOps: result })}\n`);
