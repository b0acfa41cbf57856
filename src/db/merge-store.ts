// The merge store: per-field LWW state (the `stamps` table) and the rows and conflicts it decides,
// for ops from anywhere (this device's writes, a pull, an imported file). Merges through
// src/domain/sync/merge.ts only; never adds an outbox op (write.ts does, for local edits).
import { parseHlc } from '../domain/sync/hlc.ts';
import { conflictsOf, mergeWrite, winnerOf, type EntityState } from '../domain/sync/merge.ts';
import { RETIRED_ENTITIES, type EntityName, type JsonValue, type Op } from '../domain/sync/op.ts';
import type { MetaKey, RepoContext } from './context.ts';
import { applyFieldsToRow, dexieKey, stampedAtOf } from './entities.ts';

/** Most pulled ops kept in quarantine (the newest); each is at most one op of the server's page. */
const MAX_PULLED_REFUSED = 200;

/** A pulled op set aside: where it was in the commune's feed, why, and a plain copy of it. */
export interface PulledRefusal {
  seq: number | null;
  opId: string | null;
  /** Path and reason of each problem, in Vietnamese. */
  error: string;
  /** Why, for the person, one line per problem (absent on rows kept before it existed). */
  reasons?: { vi: string; en: string }[];
  /** ISO time it was pulled. */
  at: string;
  /** The op as received, as JSON text cut at 2 000 characters (text: no object of it is ever merged). */
  op: string;
}

/** How a batch of remote ops went: merged, set aside (refused), or dropped as a retired entity. */
export interface RemoteResult {
  applied: number;
  skipped: number;
  retired: number;
}

export function createMergeStore(ctx: RepoContext) {
  const { db } = ctx;

  async function loadState(entity: EntityName, key: string): Promise<EntityState | undefined> {
    return (await db.stamps.get([entity, key]))?.state;
  }

  /** Mirrors merge.ts's conflict set of one entity/key into the conflicts table. */
  async function syncConflicts(entity: EntityName, key: string, state: EntityState, me: string): Promise<void> {
    const current = conflictsOf(entity, key, state);
    const existing = await db.conflicts.where('[entity+key]').equals([entity, key]).toArray();
    const seen = new Set<number>();
    for (const c of current) {
      const winnerMine = parseHlc(c.winner.hlc).node === me;
      const loserMine = parseHlc(c.loser.hlc).node === me;
      // "local" is what this device holds or wrote; the other side is "remote".
      const localIsWinner = winnerMine || !loserMine;
      const local = localIsWinner ? c.winner : c.loser;
      const remote = localIsWinner ? c.loser : c.winner;
      const match = existing.find((r) => r.field === c.field && r.loserOpId === c.loser.opId && r.winnerOpId === c.winner.opId);
      if (match) {
        seen.add(match.id!);
        continue;
      }
      const id = await db.conflicts.add({
        entity, key, field: c.field,
        localValue: local.value, localHlc: local.hlc,
        remoteValue: remote.value, remoteHlc: remote.hlc,
        winner: localIsWinner ? 'local' : 'remote',
        winnerOpId: c.winner.opId, loserOpId: c.loser.opId,
        at: new Date(ctx.now()).toISOString(),
      });
      seen.add(id);
    }
    // A conflict no longer in the state was settled by a later informed edit (here or elsewhere).
    for (const r of existing) {
      if (!seen.has(r.id!) && !r.resolved) await db.conflicts.update(r.id!, { resolved: true });
    }
  }

  /** Merges ops of ONE entity/key in memory, then writes row, state and conflicts once. */
  async function mergeGroup(entity: EntityName, key: string, ops: Op[], me: string): Promise<string[]> {
    const pk = dexieKey(entity, key);
    if (pk === null) throw new Error(`bad key ${entity} ${key}`);
    let state = await loadState(entity, key);
    const changed = new Set<string>();
    let newest = '';
    for (const op of ops) {
      const res = mergeWrite(state, op);
      state = res.state;
      for (const f of res.changed) changed.add(f);
      if (res.changed.length && op.hlc > newest) newest = op.hlc;
    }
    if (!state) return [];
    await db.stamps.put({ entity, key, state });
    if (changed.size) {
      const values: Record<string, JsonValue> = {};
      for (const f of changed) values[f] = winnerOf(state[f])!.value;
      const row = (await ctx.tbl(entity).get(pk)) as Record<string, unknown> | undefined;
      const next = applyFieldsToRow(entity, key, row, values);
      const stampedAt = stampedAtOf(entity);
      if (stampedAt) next[stampedAt] = new Date(parseHlc(newest).wall).toISOString();
      await ctx.tbl(entity).put(next);
    }
    await syncConflicts(entity, key, state, me);
    return [...changed];
  }

  /** Applies one op (local or remote) to row + merge state; returns the changed fields. */
  async function mergeOne(op: Op, me: string): Promise<string[]> {
    return mergeGroup(op.entity, op.key, [op], me);
  }

  /** Merges any ops (remote, imported) grouped by entity/key; returns how many rows changed. */
  async function mergeOps(ops: Op[]): Promise<number> {
    const me = await ctx.deviceId();
    const groups = new Map<string, Op[]>();
    for (const op of ops) {
      const id = `${op.entity}\u0000${op.key}`;
      const g = groups.get(id);
      if (g) g.push(op);
      else groups.set(id, [op]);
    }
    let rows = 0;
    for (const g of groups.values()) {
      const changed = await mergeGroup(g[0]!.entity, g[0]!.key, g, me);
      if (changed.length) rows++;
    }
    await ctx.receiveStamps(ops.map((o) => o.hlc));
    return rows;
  }

  /**
   * Merges ops pulled from the server (any order, duplicates fine) and advances the clock. An op
   * that fails the same checks the server makes is set aside with its reason (quarantine, in meta
   * `pulledRefused`) and never merged: one bad op must not stop the pull of everything after it.
   * Ops of a retired entity are skipped without a word (`retired`). `meta` (the pull cursor, a
   * consumed enrolment) is written in the same transaction: a crash cannot keep one without the other.
   */
  async function applyRemoteOps(ops: Op[], meta: Partial<Record<MetaKey, unknown>> = {}): Promise<RemoteResult> {
    const good: Op[] = [];
    const refused: PulledRefusal[] = [];
    let retired = 0;
    const { parseOp, problemText } = await ctx.checks();
    const at = new Date(ctx.now()).toISOString();
    for (const raw of ops as unknown[]) {
      // An entity this release retired (province thresholds, issue #11) stored by an older one:
      // dropped quietly, never listed as a refusal — nothing is wrong with the person's data.
      const entity = (raw as { entity?: unknown } | null)?.entity;
      if (typeof entity === 'string' && RETIRED_ENTITIES.has(entity)) {
        retired++;
        continue;
      }
      const seq = typeof (raw as { seq?: unknown } | null)?.seq === 'number' ? (raw as { seq: number }).seq : null;
      const r = parseOp(raw && typeof raw === 'object' ? stripSeq(raw) : raw);
      const problems = !r.ok
        ? r.problems
        : dexieKey(r.op.entity, r.op.key) === null ? [{ path: 'key', code: 'pb.keyInvalid', params: { key: r.op.key } }] : [];
      if (r.ok && problems.length === 0) good.push(r.op);
      else {
        refused.push({
          seq,
          opId: typeof (raw as { opId?: unknown } | null)?.opId === 'string' ? (raw as { opId: string }).opId : null,
          error: problems.map((p) => `${p.path}: ${problemText(p)}`).join('; '),
          reasons: problems.map((p) => ({ vi: problemText(p, 'vi'), en: problemText(p, 'en') })),
          at,
          op: safeCopy(raw),
        });
      }
    }
    await ctx.rw(async () => {
      if (refused.length) {
        const kept = (await ctx.getMeta<PulledRefusal[]>('pulledRefused')) ?? [];
        await ctx.setMeta('pulledRefused', [...kept, ...refused].slice(-MAX_PULLED_REFUSED));
      }
      await mergeOps(good);
      for (const [k, v] of Object.entries(meta)) await ctx.setMeta(k, v);
    });
    return { applied: good.length, skipped: refused.length, retired };
  }

  /** Ops pulled from the server that failed the checks, oldest first (at most 200 are kept). */
  async function listPulledRefused(): Promise<PulledRefusal[]> {
    return (await ctx.getMeta<PulledRefusal[]>('pulledRefused')) ?? [];
  }

  /**
   * Pulled ops set aside that this release's checks now accept — a phone that was behind pulled
   * ops of a newer release (a village's code as a field, say) and has since been updated: merged
   * now and no longer listed. An op kept cut at 2 000 characters, or still refused, stays listed.
   * Returns how many were merged.
   */
  async function retryPulledRefused(): Promise<number> {
    if (!(await listPulledRefused()).length) return 0;
    const { parseOp } = await ctx.checks();
    return ctx.rw(async () => {
      const kept = await listPulledRefused();
      const now: Op[] = [];
      const left = kept.filter((r) => {
        let raw: unknown;
        try {
          raw = JSON.parse(r.op);
        } catch {
          return true;
        }
        const p = raw && typeof raw === 'object' ? parseOp(stripSeq(raw)) : null;
        if (!p?.ok || dexieKey(p.op.entity, p.op.key) === null) return true;
        now.push(p.op);
        return false;
      });
      if (!now.length) return 0;
      await mergeOps(now);
      await ctx.setMeta('pulledRefused', left);
      return now.length;
    });
  }

  return { loadState, syncConflicts, mergeOne, mergeOps, applyRemoteOps, listPulledRefused, retryPulledRefused };
}

export type MergeStore = ReturnType<typeof createMergeStore>;

/** An op as the protocol knows it (the changes feed adds `seq`). */
function stripSeq(op: object): unknown {
  const { seq: _seq, ...rest } = op as { seq?: unknown };
  return rest;
}

function safeCopy(x: unknown): string {
  try {
    return (JSON.stringify(x ?? null) ?? 'null').slice(0, 2000);
  } catch {
    return '';
  }
}
