// Push: drains the outbox in order, ≤ 500 ops and ≤ 256 KB a batch, one batch in flight. Only an
// acknowledgement removes an op; a refused op is quarantined with its reason, never dropped; a
// role that may not write at all stops the push with everything kept (`readOnly`).
import type { Op } from '../domain/sync/op.ts';
import { API_PREFIX, MAX_BATCH_OPS, type ErrorResponse, type SyncResponse, type WireProblem } from '../domain/sync/protocol.ts';
import { stopOf, withRetry, type EngineCtx, type Stop } from './requests.ts';
import { isTransient, request } from './transport.ts';
import { syncWords } from './words.ts';

/** The most ops and bytes of one batch (issue 5); the op count is the server's own limit. */
export const MAX_OPS = MAX_BATCH_OPS;
export const MAX_BYTES = 256 * 1024;

/**
 * A batch id that is the same for every re-send of the same ops (so the server returns the same
 * receipt) and differs when the batch differs: FNV-1a over the opIds, plus the count.
 */
export function batchIdOf(ops: Op[]): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ ops.length;
  for (const op of ops) {
    for (let i = 0; i < op.opId.length; i++) {
      const c = op.opId.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
      h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
    }
    h1 = Math.imul(h1 ^ 0x2c, 0x01000193) >>> 0;
  }
  return `b-${h1.toString(16).padStart(8, '0')}${h2.toString(16).padStart(8, '0')}-${ops.length}`;
}

function isSyncResponse(b: unknown): b is SyncResponse {
  const r = b as SyncResponse;
  return !!r && Array.isArray(r.applied) && Array.isArray(r.known) && typeof r.receipt === 'string'
    && r.applied.every((x) => typeof x === 'string') && r.known.every((x) => typeof x === 'string');
}

/** Reasons per op of a refusal, in Vietnamese. */
function reasonsByOp(problems: WireProblem[] | undefined, ops: Op[]): Map<string, string> {
  const inBatch = new Set(ops.map((op) => op.opId));
  const out = new Map<string, string>();
  for (const p of problems ?? []) {
    if (!p.opId || !inBatch.has(p.opId)) continue;
    const path = p.path.replace(/^ops\[\d+\]\.?/, '');
    // A field is worth naming; the key and the stamp are the whole op, the sentence says it all.
    const text = path && path !== '(body)' && path !== 'key' && path !== 'hlc' ? `${path}: ${p.vi}` : p.vi;
    out.set(p.opId, out.has(p.opId) ? `${out.get(p.opId)}; ${text}` : text);
  }
  return out;
}

/** Sends every pending op; returns how many the server acknowledged, or why it stopped. */
export async function push(ctx: EngineCtx, base: string, token: string): Promise<number | Stop> {
  const { repo } = ctx;
  let maxOps = Math.min(ctx.maxOps, MAX_OPS);
  let maxBytes = Math.min(ctx.maxBytes, MAX_BYTES);
  const deviceId = await repo.deviceId();
  let sent = 0;
  for (;;) {
    const ops = await repo.nextBatch(maxOps, maxBytes);
    if (ops.length === 0) return sent;
    const body = { deviceId, batchId: batchIdOf(ops), ops };
    const r = await withRetry(ctx, () => request(ctx.fetch, `${base}${API_PREFIX}/sync`, { method: 'POST', token, body, timeoutMs: ctx.timeoutMs, now: ctx.now }));
    if (r.kind === 'ok') {
      if (!isSyncResponse(r.body)) return stopOf(ctx, { kind: 'bad-response', status: r.status });
      const got = new Set([...r.body.applied, ...r.body.known]);
      const acked = ops.filter((op) => got.has(op.opId)).map((op) => op.opId);
      if (acked.length === 0) return stopOf(ctx, { kind: 'bad-response', status: r.status });
      await repo.ackOps(acked);
      await repo.setMeta('lastReceipt', r.body.receipt);
      sent += acked.length;
      ctx.status.set({ lastReceipt: r.body.receipt, pending: await repo.pendingCount() });
      continue;
    }
    if (r.kind !== 'http' || isTransient(r) || r.status === 401) return stopOf(ctx, r);
    const err: ErrorResponse | null = r.body;
    if (r.status === 413) {
      if (ops.length === 1) {
        await repo.quarantineOps([{ opId: ops[0]!.opId, error: syncWords({ code: 'tooLarge' }).vi }]);
      } else {
        maxOps = Math.max(1, Math.floor(ops.length / 2));
        maxBytes = Math.max(4096, Math.floor(maxBytes / 2));
      }
      continue;
    }
    if (r.status === 400 || r.status === 409 || r.status === 403) {
      const reasons = reasonsByOp(err?.problems, ops);
      if (r.status === 403 && reasons.size === 0) {
        // The token may not write at all (chair, reviewer): keep everything pending.
        return { ok: false, reason: 'error', code: 'readOnly' };
      }
      const general = err?.message_vi ?? syncWords({ code: r.status === 409 ? 'opConflict' : 'server' }).vi;
      // A locked year's refusal says all in its own sentence (which year, how to reopen).
      const own = err?.error === 'year-locked';
      // A refusal that names no op (a malformed envelope) sets the whole batch aside rather than
      // blocking every later edit behind it; a person can put it back in the queue. The ops it
      // does not name were not refused: they stay queued and go in the next batch.
      const list = reasons.size
        ? [...reasons].map(([opId, why]) => ({ opId, error: own ? why : `${general} — ${why}` }))
        : ops.map((op) => ({ opId: op.opId, error: general }));
      await repo.quarantineOps(list);
      continue;
    }
    return stopOf(ctx, r);
  }
}
