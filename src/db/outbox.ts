// The outbox: this device's ops waiting for the server, in order, until an acknowledgement removes
// them. Only write.ts adds a local op; an imported file's unsent ops join through queueImported.
// A refused op is set aside (quarantined) with its reason, never dropped.
import type { Op } from '../domain/sync/op.ts';
import { communeOfKey } from '../domain/keys.ts';
import type { OutboxRow } from './db.ts';
import type { RepoContext } from './context.ts';

/** A refused op and why (Vietnamese), as the sync engine hands it to quarantineOps. */
export interface QuarantineItem {
  opId: string;
  error: string;
}

export function createOutbox(ctx: RepoContext) {
  const { db } = ctx;

  /** Chờ đồng bộ — ops not yet acknowledged by the server (quarantined ones excluded). */
  async function pendingCount(): Promise<number> {
    // All rows minus the (few) quarantined ones: counting the whole store is several times faster
    // in Chromium than counting 10 000 equal entries of the `state` index, and the sync engine
    // asks after every acknowledged batch. One read transaction, so both counts see one state.
    return db.transaction('r', ['outbox'], async () => {
      const [all, quarantined] = await Promise.all([db.outbox.count(), db.outbox.where('state').equals('quarantined').count()]);
      return all - quarantined;
    });
  }

  /** The oldest pending ops, in order, within the caps (always at least one op if any). */
  async function nextBatch(maxOps: number, maxBytes: number): Promise<Op[]> {
    // The `state` index holds equal keys in primary-key order, so this is the oldest pending ops
    // in seq order, read in one getAll (a filtered cursor costs one round trip per row).
    const rows = await db.outbox.where('state').equals('pending').limit(maxOps).toArray();
    const out: Op[] = [];
    const enc = new TextEncoder();
    let bytes = 200; // the envelope: deviceId, batchId, brackets
    // One stream per batch (the server's rule): the oldest op's commune, or its province's records.
    // A commune's phone writes one commune only; a reviewer's batches follow its queue stream by stream.
    const stream = rows.length ? communeOfKey(rows[0]!.op.key) : '';
    for (const row of rows) {
      if (communeOfKey(row.op.key) !== stream) break;
      const size = enc.encode(JSON.stringify(row.op)).length + 1;
      if (out.length > 0 && bytes + size > maxBytes) break;
      bytes += size;
      out.push(row.op);
    }
    return out;
  }

  /** Removes acknowledged ops from the outbox and remembers their ids. */
  async function ackOps(opIds: string[]): Promise<void> {
    if (opIds.length === 0) return;
    await db.transaction('rw', ['outbox', 'acked'], async () => {
      // An acknowledged batch is nearly always the head of the queue (nextBatch's ops): one
      // ordered read of that head finds their seqs. Looking each opId up in the `op.opId` index
      // (anyOf) walks a cursor with one round trip per op, most of a batch's client time.
      const want = new Set(opIds);
      const seqs: number[] = [];
      const head = await db.outbox.where('state').equals('pending').limit(opIds.length).toArray();
      for (const row of head) {
        if (want.delete(row.op.opId)) seqs.push(row.seq!);
      }
      // The rest (acknowledged out of order, or quarantined meanwhile): the index, as before.
      if (want.size) seqs.push(...(await db.outbox.where('op.opId').anyOf([...want]).primaryKeys()));
      await deleteSeqs(seqs);
      await db.acked.bulkPut(opIds.map((opId) => ({ opId })));
    });
  }

  /**
   * Deletes outbox rows by seq. A run of consecutive seqs goes as one key-range delete (one
   * request instead of one per row): seqs come from the store's key generator and are unique,
   * so no other row can lie inside a run whose every seq is in the list.
   */
  async function deleteSeqs(seqs: number[]): Promise<void> {
    const sorted = [...new Set(seqs)].sort((a, b) => a - b);
    const single: number[] = [];
    const ranges: Promise<unknown>[] = [];
    for (let i = 0; i < sorted.length; ) {
      let j = i;
      while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
      if (j > i) ranges.push(db.outbox.where(':id').between(sorted[i]!, sorted[j]!, true, true).delete());
      else single.push(sorted[i]!);
      i = j + 1;
    }
    await Promise.all([...ranges, single.length ? db.outbox.bulkDelete(single) : null]);
  }

  /** Sets refused ops aside with their reason, so they no longer block the queue. */
  async function quarantineOps(list: QuarantineItem[]): Promise<void> {
    await db.transaction('rw', ['outbox'], async () => {
      for (const q of list) await db.outbox.where('op.opId').equals(q.opId).modify({ state: 'quarantined', error: q.error });
    });
  }
  async function listQuarantined(): Promise<OutboxRow[]> {
    return db.outbox.where('state').equals('quarantined').sortBy('seq');
  }
  /** Puts quarantined ops back in the queue (after the cause was fixed, e.g. on the server). */
  async function requeueOps(opIds: string[]): Promise<void> {
    await db.outbox.where('op.opId').anyOf(opIds).modify((r: OutboxRow) => {
      r.state = 'pending';
      delete r.error;
    });
  }

  /**
   * Queues the unsent ops of an imported file once, in their order, inside the caller's
   * transaction. The server applies an opId at most once, so two phones sending the same op is
   * harmless; an op this device holds or the server acknowledged is not queued again.
   */
  async function queueImported(rows: OutboxRow[]): Promise<{ added: number; known: number }> {
    let added = 0;
    let known = 0;
    for (const r of [...rows].sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0))) {
      const have = (await db.outbox.where('op.opId').equals(r.op.opId).count()) > 0 || (await db.acked.get(r.op.opId)) !== undefined;
      if (have) {
        known++;
        continue;
      }
      const row: OutboxRow = { op: r.op, state: r.state };
      if (r.error) row.error = r.error;
      await db.outbox.add(row);
      added++;
    }
    return { added, known };
  }

  /** The whole queue in order (export, clock repair). */
  async function allQueued(): Promise<OutboxRow[]> {
    return db.outbox.orderBy('seq').toArray();
  }

  return { pendingCount, nextBatch, ackOps, quarantineOps, listQuarantined, requeueOps, queueImported, allQueued };
}
