// Pull: a change feed from its stored cursor, page by page, each page merged through the LWW merge
// together with its cursor (one transaction: a crash cannot skip a page) — the commune's own, its
// province's records, and for a province reviewer every commune of its province that moved.
import { API_PREFIX, type ChangesResponse, type ProvinceHeadsResponse } from '../domain/sync/protocol.ts';
import { provinceId } from '../domain/keys.ts';
import { fillCommune, fillOps } from './enrol.ts';
import { stopOf, withRetry, type EngineCtx, type Stop } from './requests.ts';
import { request } from './transport.ts';
import type { MetaKey } from '../db/index.ts';
import type { Op } from '../domain/sync/op.ts';

/** What lands with a feed's last page. */
interface Done {
  ops: Op[];
  meta: Partial<Record<MetaKey, unknown>>;
}

function isChanges(b: unknown): b is ChangesResponse {
  const r = b as ChangesResponse;
  return !!r && Array.isArray(r.ops) && typeof r.nextCursor === 'number' && typeof r.hasMore === 'boolean';
}

/**
 * Pulls every page there is of one feed: the token's own (stream null), a commune of a reviewer's
 * province, or the province's own records; each feed keeps its cursor. What `done` gives (ops
 * and meta, told the last page's ops) lands with that page, in its transaction: a screen reading both sees one change,
 * not two or three. Returns how many ops came, or why it stopped.
 */
export async function pull(ctx: EngineCtx, base: string, token: string, stream: string | null = null, done?: (landing: readonly Op[]) => Promise<Done>): Promise<number | Stop> {
  const { repo } = ctx;
  const cursorKey = stream === null ? 'pullCursor' : `pullCursor:${stream}`;
  let cursor = (await repo.getMeta<number>(cursorKey)) ?? 0;
  let pulled = 0;
  const of = stream === null ? '' : `&commune=${encodeURIComponent(stream)}`;
  for (;;) {
    const url = `${base}${API_PREFIX}/changes?since=${encodeURIComponent(String(cursor))}&limit=${ctx.pullLimit}${of}`;
    const r = await withRetry(ctx, () => request(ctx.fetch, url, { method: 'GET', token, timeoutMs: ctx.timeoutMs, now: ctx.now }));
    if (r.kind !== 'ok') return stopOf(ctx, r);
    if (!isChanges(r.body)) return stopOf(ctx, { kind: 'bad-response', status: r.status });
    const page = r.body;
    const next = page.nextCursor;
    const last = !page.hasMore || page.ops.length === 0 || next === cursor;
    const more = last && done ? await done(page.ops) : { ops: [], meta: {} };
    await repo.applyRemoteOps([...page.ops, ...more.ops], { [cursorKey]: next, ...more.meta });
    pulled += page.ops.length;
    if (last) return pulled;
    cursor = next;
  }
}

/**
 * A province reviewer's pull (issue #14): asks where each feed of the province stands and pulls
 * only those that moved past this device's cursor, commune by commune, each page landing with its
 * cursor; the communes the server lists fill in their name and villages (weakest stamp, nothing
 * sent). Leaving half-way loses nothing: the next run starts where this one stopped. Progress in
 * the status (pullProgress); `pulledAt:<commune>` says when each commune was last brought up to date.
 */
export async function pullProvince(ctx: EngineCtx, base: string, token: string): Promise<number | Stop> {
  const { repo, status } = ctx;
  const r = await withRetry(ctx, () => request(ctx.fetch, `${base}${API_PREFIX}/province/heads`, { method: 'GET', token, timeoutMs: ctx.timeoutMs, now: ctx.now }));
  if (r.kind !== 'ok') return stopOf(ctx, r);
  const heads = r.body as ProvinceHeadsResponse;
  if (!heads || !Array.isArray(heads.communes)) return stopOf(ctx, { kind: 'bad-response', status: r.status });
  const todo: ProvinceHeadsResponse['communes'] = [];
  const infoOf = (c: ProvinceHeadsResponse['communes'][number]) => ({ id: c.id, code: c.code, name: c.name, province: heads.province, villages: c.villages ?? [] });
  for (const c of heads.communes) {
    if (c.seq > ((await repo.getMeta<number>(`pullCursor:${c.id}`)) ?? 0)) todo.push(c);
    // A commune with nothing in its feed yet still belongs on the province's list.
    else if (!(await repo.getCommune(c.id))) await fillCommune(ctx, infoOf(c));
  }
  let pulled = 0;
  status.set({ pullProgress: { done: 0, total: todo.length } });
  try {
    for (const [i, c] of todo.entries()) {
      // What the feed did not bring (a commune made by the admin CLI, as the weakest stamp: the
      // feed's own ops win) and when it was brought up to date land with its last page: the
      // province's list, which shows all three, reads the province once per commune pulled.
      const n = await pull(ctx, base, token, c.id, async (landing) => ({ ops: await fillOps(ctx, infoOf(c), landing), meta: { [`pulledAt:${c.id}`]: new Date(ctx.now()).toISOString() } }));
      if (typeof n !== 'number') return n;
      pulled += n;
      status.set({ pullProgress: { done: i + 1, total: todo.length } });
    }
  } finally {
    status.set({ pullProgress: null });
  }
  return pulled;
}

/** After the own feed: a commune's phone brings its province's own records (the settings), a reviewer its province's communes. */
export async function pullMore(ctx: EngineCtx, base: string, token: string): Promise<number | Stop> {
  const role = await ctx.repo.getMeta<string>('role');
  if (role === 'reviewer') return pullProvince(ctx, base, token);
  const province = await ctx.repo.getMeta<string>('province');
  return province ? pull(ctx, base, token, provinceId(province)) : 0;
}
