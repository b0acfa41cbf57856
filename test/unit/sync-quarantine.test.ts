// Phone side of issue 12.1: a server (an old one, or a broken one) hands out ops that fail the
// checks. Each is set aside with its reason; the rest of the page lands and the pull goes on.
// The app's own src/db + src/sync over fake IndexedDB, a fake server answering raw JSON text.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createRepo, openDatabase, type Repo } from '../../src/db/index.ts';
import { createSyncEngine, type FetchLike } from '../../src/sync/index.ts';
import { formatHlc } from '../../src/domain/sync/hlc.ts';

const BASE = 'http://sync.test';
const repos: Repo[] = [];
afterEach(() => {
  while (repos.length) repos.pop()!.db.close();
});

let n = 0;
const stamp = (wall: number, node = 'dev-old') => formatHlc({ wall: 1_760_000_000_000 + wall, counter: 0, node });
const uuid = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

/** One page of changes as the text a server would send (so JSON.parse makes own `__proto__` keys). */
function pageText(ops: string[], nextCursor: number, hasMore = false): string {
  return `{"ops":[${ops.join(',')}],"nextCursor":${nextCursor},"hasMore":${hasMore}}`;
}

function opText(seq: number, key: string, fields: string, entity = 'villageCounts'): string {
  return `{"seq":${seq},"opId":"${uuid(seq)}","entity":"${entity}","key":"${key}","fields":${fields},"hlc":"${stamp(seq)}"}`;
}

/** `pages` by the cursor they answer (`since`); any other cursor gets an empty page. */
async function phoneWith(pages: Record<number, string>) {
  const repo = createRepo(openDatabase(`quarantine-${++n}`));
  repos.push(repo);
  await repo.setMeta('token', 'tok_aaaaaaaaaaaaaaaaaaaaaaaa');
  await repo.setMeta('serverUrl', BASE);
  const asked: string[] = [];
  const fetch: FetchLike = async (url) => {
    const u = new URL(url);
    asked.push(u.pathname + u.search);
    if (u.pathname === '/api/v1/changes') {
      const since = Number(u.searchParams.get('since'));
      const text = pages[since] ?? pageText([], since);
      return new Response(text, { status: 200, headers: { 'content-type': 'application/json' } });
    }
    return new Response('{}', { status: 200 });
  };
  const engine = createSyncEngine({ repo, fetch, isOnline: () => true, maxAttempts: 1 });
  return { repo, engine, asked };
}

describe('ops pulled from the server that fail validation', () => {
  it('are quarantined with the reason while the rest of the page and the next page apply', async () => {
    const pages = {
      0: pageText([
        opText(1, '21085/2025/T01', '{"households":1,"__proto__":-5}'),
        opText(2, '21085/2025/T01', '{"households":2}'),
        opText(3, '21085/2025/T02', '{"households":"many"}'),
        opText(4, '21085/1999/T02', '{"households":3}'),
        opText(5, '21085/2025/T02', '{"citizens":40}'),
      ], 5, true),
      5: pageText([opText(101, '21085/2025/T03', '{"households":7}'), opText(102, '21085/2025/T03', '{"constructor":1}')], 102),
    };
    const { repo, engine } = await phoneWith(pages);
    const run = await engine.syncNow();
    expect(run).toMatchObject({ ok: true, pulled: 7 });

    const counts = Object.fromEntries((await repo.getVillageCounts('21085', 2025)).map((r) => [r.village, { households: r.households, citizens: r.citizens }]));
    expect(counts).toEqual({
      T01: { households: 2, citizens: undefined },
      T02: { households: undefined, citizens: 40 },
      T03: { households: 7, citizens: undefined },
    });
    const refused = await repo.listPulledRefused();
    expect(refused.map((r) => [r.seq, r.opId])).toEqual([[1, uuid(1)], [3, uuid(3)], [4, uuid(4)], [102, uuid(102)]]);
    expect(refused[0]!.error).toContain('fields.__proto__');
    expect(refused[1]!.error).toMatch(/households.*số/);
    expect(refused[2]!.error).toMatch(/key.*Năm "1999"/);
    expect(refused[3]!.error).toContain('constructor');
    expect(refused[0]!.op).toContain('"__proto__":-5');
    // Each reason as the sync screen shows it, in both languages.
    expect(refused[1]!.reasons).toEqual([{ vi: 'Tổng số hộ gia đình phải là một số', en: expect.stringContaining('number') }]);
    // The cursor moved past the bad ops: the next run asks from the end, nothing is pulled twice.
    expect(await repo.getMeta('pullCursor')).toBe(102);
    // Nothing leaked into the prototype of plain objects.
    expect(({} as Record<string, unknown>).households).toBeUndefined();
  });

  it('ops of a retired entity (province thresholds of an older release) are skipped quietly, not listed as refused', async () => {
    const { repo, engine } = await phoneWith({
      0: pageText([
        opText(1, '21085', '{"TC5.1@1":75}', 'thresholds'),
        opText(2, '21085/2025/T01', '{"households":9}'),
        opText(3, '21085', '{"TC5.1@1":null}', 'thresholds'),
      ], 3),
    });
    expect(await engine.syncNow()).toMatchObject({ ok: true });
    expect((await repo.getVillageCounts('21085', 2025))[0]?.households).toBe(9);
    expect(await repo.listPulledRefused()).toEqual([]);
    expect(await repo.getMeta('pullCursor')).toBe(3);
    // An entity nobody ever had is still a refusal.
    const other = await phoneWith({ 0: pageText([opText(1, '21085', '{"x":1}', 'gadgets')], 1) });
    expect((await other.engine.syncNow()).ok).toBe(true);
    expect((await other.repo.listPulledRefused()).map((r) => r.seq)).toEqual([1]);
  });

  it('a phone can still save and merge after a quarantined op on the same key', async () => {
    const { repo, engine } = await phoneWith({ 0: pageText([opText(1, '21085/2025/T01', '{"households":1,"__proto__":{"value":9}}')], 1) });
    expect((await engine.syncNow()).ok).toBe(true);
    await repo.saveVillageCounts('21085', 2025, 'T01', { households: 5 });
    expect((await repo.getVillageCounts('21085', 2025))[0]?.households).toBe(5);
    expect(await repo.listPulledRefused()).toHaveLength(1);
  });

  it('after an update, ops set aside by the release before that this one accepts are merged at the next sync; the rest stay listed', async () => {
    // What the release before kept: an op it could not read then (a village renamed, with its code
    // as a field, as stable ids send it), one still refused, one cut at 2 000 characters.
    const older = [
      { seq: 7, opId: uuid(7), error: 'fields.code: trường không được nhận', at: '2026-11-20T08:00:00.000Z', op: opText(7, '21085/T04', '{"name":"Thôn Bốn Mới","code":"T04"}', 'village') },
      { seq: 8, opId: uuid(8), error: 'fields.households: …', at: '2026-11-20T08:00:00.000Z', op: opText(8, '21085/2025/T02', '{"households":"many"}') },
      { seq: 9, opId: uuid(9), error: '…', at: '2026-11-20T08:00:00.000Z', op: opText(9, '21085/2025/T03', '{"households":12}').slice(0, 60) },
    ];
    const { repo, engine } = await phoneWith({ 9: pageText([opText(10, '21085/2025/T01', '{"households":4}')], 10) });
    await repo.setMeta('pullCursor', 9);
    await repo.setMeta('pulledRefused', older);

    expect(await engine.syncNow()).toMatchObject({ ok: true, pulled: 1 });
    expect((await repo.listVillages('21085')).map((v) => [v.id, v.code, v.name])).toEqual([['T04', 'T04', 'Thôn Bốn Mới']]);
    expect((await repo.listPulledRefused()).map((r) => r.seq)).toEqual([8, 9]);
    expect((await repo.getVillageCounts('21085', 2025)).map((r) => [r.village, r.households])).toEqual([['T01', 4]]);
    // Done once per start: a second run finds nothing new to merge and lists the same two.
    expect((await engine.syncNow()).ok).toBe(true);
    expect((await repo.listPulledRefused()).map((r) => r.seq)).toEqual([8, 9]);
  });
});
