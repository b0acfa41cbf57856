// Pull: the commune's change feed from the stored cursor, page by page, each page merged through
// the LWW merge together with its cursor (one transaction: a crash cannot skip a page).
import { API_PREFIX, type ChangesResponse } from '../domain/sync/protocol.ts';
import { stopOf, withRetry, type EngineCtx, type Stop } from './requests.ts';
import { request } from './transport.ts';

function isChanges(b: unknown): b is ChangesResponse {
  const r = b as ChangesResponse;
  return !!r && Array.isArray(r.ops) && typeof r.nextCursor === 'number' && typeof r.hasMore === 'boolean';
}

/** Pulls every page there is; returns how many ops came, or why it stopped. */
export async function pull(ctx: EngineCtx, base: string, token: string): Promise<number | Stop> {
  const { repo } = ctx;
  let cursor = (await repo.getMeta<number>('pullCursor')) ?? 0;
  let pulled = 0;
  for (;;) {
    const url = `${base}${API_PREFIX}/changes?since=${encodeURIComponent(String(cursor))}&limit=${ctx.pullLimit}`;
    const r = await withRetry(ctx, () => request(ctx.fetch, url, { method: 'GET', token, timeoutMs: ctx.timeoutMs, now: ctx.now }));
    if (r.kind !== 'ok') return stopOf(ctx, r);
    if (!isChanges(r.body)) return stopOf(ctx, { kind: 'bad-response', status: r.status });
    const page = r.body;
    const next = page.nextCursor;
    await repo.applyRemoteOps(page.ops, { pullCursor: next });
    pulled += page.ops.length;
    if (!page.hasMore || page.ops.length === 0 || next === cursor) return pulled;
    cursor = next;
  }
}
