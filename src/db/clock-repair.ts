// After the phone's date is corrected backwards: edits stamped that far ahead, which the server
// keeps refusing, are stamped again from the corrected clock, in their order, and queued again.
// Rewrites only this device's own queued ops and its own writes in the merge state.
import { MAX_DRIFT_MS, formatHlc, parseHlc, tick, type Hlc } from '../domain/sync/hlc.ts';
import { winnerOf, type FieldWrite } from '../domain/sync/merge.ts';
import type { JsonValue, Op } from '../domain/sync/op.ts';
import { newOpId } from '../domain/sync/op-id.ts';
import type { RepoContext } from './context.ts';
import { applyFieldsToRow, dexieKey } from './entities.ts';
import type { MergeStore } from './merge-store.ts';

/**
 * A clock more than MAX_DRIFT_MS ahead of the wall clock can only come from this phone's own wrong
 * date (received stamps are capped, and the server refuses stamps that far ahead); the clock
 * restarts after the newest stamp it may keep. Returns how many ops were re-stamped.
 */
export function createClockRepair(ctx: RepoContext, merge: MergeStore) {
  const { db } = ctx;
  return async function repairClock(): Promise<number> {
    const lastS = await ctx.getMeta<string>('hlc');
    const t = ctx.now();
    const limit = t + MAX_DRIFT_MS;
    if (!lastS || parseHlc(lastS).wall <= limit) return 0;
    return ctx.rw(async () => {
      const me = await ctx.deviceId();
      let clock: Hlc = { wall: t, counter: 0, node: me };
      for (const row of await db.stamps.toArray()) {
        for (const writes of Object.values(row.state)) {
          for (const w of Object.values(writes)) {
            const h = parseHlc(w.hlc);
            if (h.wall <= limit && formatHlc(h) > formatHlc(clock)) clock = { ...h, node: me };
          }
        }
      }
      const far = (await db.outbox.orderBy('seq').toArray()).filter((r) => parseHlc(r.op.hlc).wall > limit);
      const renamed = new Map<string, string>();
      for (const row of far) {
        const old = row.op;
        clock = tick(clock, t, me);
        const hlc = formatHlc(clock);
        renamed.set(old.hlc, hlc);
        const op: Op = { ...old, opId: newOpId(clock.wall), hlc };
        if (old.prev) {
          op.prev = {};
          for (const [f, p] of Object.entries(old.prev)) op.prev[f] = renamed.get(p) ?? p;
        }
        // This device's write of each field, if it is still this op's, becomes the new op's.
        const state = await merge.loadState(old.entity, old.key);
        if (state) {
          const values: Record<string, JsonValue> = {};
          for (const f of Object.keys(old.fields)) {
            const mine = state[f]?.[me];
            if (!mine || mine.opId !== old.opId) continue;
            const w: FieldWrite = { value: mine.value, hlc, opId: op.opId };
            if (op.prev?.[f] !== undefined) w.prev = op.prev[f];
            state[f]![me] = w;
            values[f] = winnerOf(state[f])!.value;
          }
          await db.stamps.put({ entity: old.entity, key: old.key, state });
          const pk = dexieKey(old.entity, old.key);
          if (pk !== null && Object.keys(values).length) {
            const current = (await ctx.tbl(old.entity).get(pk)) as Record<string, unknown> | undefined;
            await ctx.tbl(old.entity).put(applyFieldsToRow(old.entity, old.key, current, values));
          }
          await merge.syncConflicts(old.entity, old.key, state, me);
        }
        await db.outbox.put({ seq: row.seq!, op, state: 'pending' });
      }
      await ctx.setMeta('hlc', formatHlc(clock));
      return far.length;
    });
  };
}
