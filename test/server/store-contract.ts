// The contract every Store passes (server/store/store.ts), in the shape of tldraw's storage
// contract suite: one list of numbered rules [SCn], registered by each store's test file with a
// factory for a fresh, empty database that can be opened more than once (two writers, a restart).
// Runs on SQLite (store-contract-sqlite.test.ts) and PostgreSQL (store-contract.pg.test.ts).
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { codeHash, hashSecret } from '../../server/auth.ts';
import { issueCode } from '../../server/codes.ts';
import { seedDemoIfEmpty, demoOps } from '../../server/seed.ts';
import type { ApplyBatchInput, ApplyResult, Store } from '../../server/store/store.ts';
import { formatHlc } from '../../src/domain/sync/hlc.ts';
import { mergeWrite, valuesOf, type EntityState } from '../../src/domain/sync/merge.ts';
import { newOpId } from '../../src/domain/sync/op-id.ts';
import type { Op } from '../../src/domain/sync/op.ts';
import { parseOp, type ChangeOp, type Role } from '../../src/domain/sync/protocol.ts';

export interface ContractDatabase {
  /** A store on this database; each call opens another (another writer, or the same data after a restart). */
  open(): Promise<Store>;
  /** Drops the database (every store opened on it is closed first by the suite). */
  cleanup(): Promise<void>;
}

export interface StoreContractFactory {
  /** A fresh, empty database. */
  create(): Promise<ContractDatabase>;
}

const A = '21085';
const B = '21086';
const HN = '00001';
const QN = 'Quảng Ngãi';

let wall = Date.now() - 3_600_000;
/** A parsed (canonical) op stamped by `node`, each later than the one before. */
function op(key: string, fields: Record<string, unknown>, node: string, entity: Op['entity'] = 'villageCounts', opId = newOpId(wall)): Op {
  wall += 1;
  const r = parseOp({ opId, entity, key, fields, hlc: formatHlc({ wall, counter: 0, node }) });
  if (!r.ok) throw new Error(`contract op does not validate: ${JSON.stringify(r.problems)}`);
  return r.op;
}
/** The same op (id, content) stamped a moment later: the same opId with other content. */
const restamped = (o: Op): Op => op(o.key, { ...o.fields }, o.hlc.slice(23), o.entity, o.opId);

const input = (commune: string, deviceId: string, ops: Op[], batchId: string = randomUUID()): ApplyBatchInput => ({
  commune, deviceId, batchId, tokenId: `tok-${deviceId}`, ops, now: Date.now(),
});

/** n village-count ops of commune c, stamped by device. */
const counts = (c: string, device: string, n: number, village = 'T01', year = 2025): Op[] =>
  Array.from({ length: n }, (_, i) => op(`${c}/${year}/${village}`, { households: 100 + i }, device));

function ok(r: ApplyResult): Extract<ApplyResult, { kind: 'ok' }> {
  if (r.kind !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(r)}`);
  return r;
}

/** Every op of a commune's feed, paging as a phone does. */
async function feed(s: Store, commune: string, pageSize = 1000): Promise<ChangeOp[]> {
  const out: ChangeOp[] = [];
  let since = 0;
  for (let i = 0; i < 10_000; i++) {
    const page = await s.changes(commune, since, pageSize);
    out.push(...page.json.map((j) => JSON.parse(j) as ChangeOp));
    if (!page.hasMore) return out;
    since = page.lastSeq!;
  }
  throw new Error('feed did not end');
}

const seqs = (ops: ChangeOp[]) => ops.map((o) => o.seq);
const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/** What the merge makes of these ops, in this order (the store must hold the same). */
function folded(ops: Op[]): EntityState | undefined {
  let s: EntityState | undefined;
  for (const o of ops) s = mergeWrite(s, o).state;
  return s;
}

const plain = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

async function rejects(p: Promise<unknown>): Promise<unknown> {
  return p.then(() => { throw new Error('expected a rejection'); }, (e: unknown) => e);
}

export function storeContract(name: string, factory: StoreContractFactory): void {
  describe(`Store contract: ${name}`, () => {
    /** A fresh database with three communes (two in Quảng Ngãi, one in Hà Nội) and open stores. */
    const withDb = (fn: (s: Store, db: ContractDatabase & { another(): Promise<Store> }) => Promise<void>) => async () => {
      const db = await factory.create();
      const opened: Store[] = [];
      const another = async () => {
        const s = await db.open();
        opened.push(s);
        return s;
      };
      try {
        const s = await another();
        await s.createCommune({ code: A, name: 'Xã Ba Tô', province: QN, villages: [{ code: 'T02', name: 'Thôn Hai' }, { code: 'T01', name: 'Thôn Một' }] });
        await s.createCommune({ code: B, name: 'Xã Ba Vì', province: QN, villages: [{ code: 'T01', name: 'Thôn Một' }] });
        await s.createCommune({ code: HN, name: 'Phường Phúc Xá', province: 'Hà Nội', villages: [] });
        await fn(s, { ...db, another });
      } finally {
        for (const s of opened) await s.close();
        await db.cleanup();
      }
    };

    describe('communes', () => {
      it('[SC1] creates a commune with its villages in the order given; lists by code; a code taken is refused', withDb(async (s) => {
        // Created without ids: each is its code (identity, as every commune before stable ids).
        expect(await s.getCommune(A)).toEqual({ id: A, code: A, name: 'Xã Ba Tô', province: QN, villages: [{ id: 'T02', code: 'T02', name: 'Thôn Hai' }, { id: 'T01', code: 'T01', name: 'Thôn Một' }] });
        expect(await s.getCommune('99999')).toBeNull();
        expect((await s.listCommunes()).map((c) => c.code)).toEqual([HN, A, B]);
        expect((await s.listCommunes())[0]).toEqual({ id: HN, code: HN, name: 'Phường Phúc Xá', province: 'Hà Nội', villages: [] });
        await rejects(s.createCommune({ code: A, name: 'Trùng', province: QN, villages: [{ code: 'T09', name: 'Thôn Chín' }] }));
        expect((await s.getCommune(A))!.name).toBe('Xã Ba Tô');
        expect((await s.getCommune(A))!.villages).toHaveLength(2);
        expect((await s.stats()).communes).toBe(3);
      }));

      it('[SC1b] a commune and its villages created with ids keep them apart from their codes; the id is what a code and a batch name', withDb(async (s) => {
        await s.createCommune({ id: 'qn4k8x2m9p0r7t5v', code: '21090', name: 'Xã Mới Lập', province: QN, villages: [{ id: 'v7h3n2b8c4d6f1g9', code: 'T01', name: 'Thôn Một' }] });
        expect(await s.getCommune('qn4k8x2m9p0r7t5v')).toEqual({ id: 'qn4k8x2m9p0r7t5v', code: '21090', name: 'Xã Mới Lập', province: QN, villages: [{ id: 'v7h3n2b8c4d6f1g9', code: 'T01', name: 'Thôn Một' }] });
        expect(await s.getCommune('21090')).toBeNull();
        expect(await s.communesInProvince(QN)).toContain('qn4k8x2m9p0r7t5v');
      }));

      it('[SC2] a reviewer\'s reach is the province\'s communes, including those added later', withDb(async (s) => {
        expect(await s.communesInProvince(QN)).toEqual([A, B]);
        await s.createCommune({ code: '21001', name: 'Xã Mới', province: QN, villages: [] });
        expect(await s.communesInProvince(QN)).toEqual(['21001', A, B]);
        expect(await s.communesInProvince('Hà Nội')).toEqual([HN]);
        expect(await s.communesInProvince('Không có')).toEqual([]);
      }));

      it('[SC14] a province\'s own stream (p:…) takes batches like a commune, is never listed as one, and heads give each feed\'s last seq', withDb(async (s) => {
        await s.createCommune({ code: 'p:quang-ngai', name: QN, province: QN, villages: [] });
        expect((await s.listCommunes()).map((c) => c.code)).toEqual([HN, A, B]);
        expect(await s.communesInProvince(QN)).toEqual([A, B]);
        ok(await s.applyBatch(input('p:quang-ngai', 'dev-r', [op('p:quang-ngai/2025', { dossierDeadline: '02-25' }, 'dev-r', 'provinceSettings')])));
        ok(await s.applyBatch(input(A, 'dev-a', counts(A, 'dev-a', 3))));
        expect(await s.communeHeads(QN)).toEqual([
          { id: A, code: A, name: 'Xã Ba Tô', seq: 3 }, { id: B, code: B, name: 'Xã Ba Vì', seq: 0 }, { id: 'p:quang-ngai', code: 'p:quang-ngai', name: QN, seq: 1 },
        ]);
        expect(await s.communeHeads('Hà Nội')).toEqual([{ id: HN, code: HN, name: 'Phường Phúc Xá', seq: 0 }]);
      }));

      it('[SC15] states by key prefix: exactly the keys that start with it, in key order', withDb(async (s) => {
        ok(await s.applyBatch(input(A, 'dev-a', [
          ...counts(A, 'dev-a', 1, 'T02'), ...counts(A, 'dev-a', 1, 'T01'), ...counts(A, 'dev-a', 1, 'T01', 2024),
        ])));
        await s.createCommune({ code: '210850', name: 'Xã Tiền Tố', province: QN, villages: [] });
        ok(await s.applyBatch(input('210850', 'dev-x', counts('210850', 'dev-x', 1))));
        const got = await s.statesByPrefix('villageCounts', `${A}/2025/`);
        expect(got.map((r) => r.key)).toEqual([`${A}/2025/T01`, `${A}/2025/T02`]);
        expect(valuesOf(got[0]!.state)).toEqual({ households: 100 });
        expect((await s.statesByPrefix('villageCounts', `${A}/`)).map((r) => r.key)).toEqual([`${A}/2024/T01`, `${A}/2025/T01`, `${A}/2025/T02`]);
        expect(await s.statesByPrefix('answer', `${A}/`)).toEqual([]);
      }));
    });

    describe('codes and tokens', () => {
      const make = async (s: Store, role: Role = 'collector', villages: string[] | null = ['T01'], now = Date.now(), validDays = 30) =>
        issueCode(s, { commune: A, role, villages, person: 'Người nhận', validDays }, now);
      const device = (deviceId: string | null, proofTokenHash: string | null = null) => ({ deviceId, deviceName: deviceId && `Máy ${deviceId}`, proofTokenHash });

      it('[SC3] a code is kept by its hash and works once, for the grant it was made with', withDb(async (s) => {
        const now = Date.now();
        const { id, code, expiresAt } = await make(s, 'collector', ['T01'], now);
        const [listed] = await s.listCodes(A);
        expect(listed).toEqual({ id, commune: A, role: 'collector', villages: ['T01'], person: 'Người nhận', createdAt: now, usedAt: null, revokedAt: null, expiresAt, deviceId: null, deviceName: null });
        expect(await s.listCodes(B)).toEqual([]);
        expect(JSON.stringify(await s.listCodes())).not.toContain(code);
        const token = hashSecret('token-1');
        const r = await s.redeemCode(codeHash(code), token, device('phone-1'), now + 1);
        const grant = { id, commune: A, province: QN, role: 'collector', villages: ['T01'], person: 'Người nhận', deviceId: 'phone-1', deviceName: 'Máy phone-1' };
        expect(r).toEqual({ kind: 'ok', grant });
        expect(await s.tokenGrant(token)).toEqual(grant);
        expect(await s.tokenGrant(hashSecret('another'))).toBeNull();
        expect((await s.listCodes(A))[0]).toMatchObject({ usedAt: now + 1, deviceId: 'phone-1' });
        expect(await s.redeemCode(codeHash(code), hashSecret('token-2'), device('phone-2'), now + 2)).toEqual({ kind: 'bad-code' });
        expect(await s.tokenGrant(hashSecret('token-2'))).toBeNull();
        expect((await s.stats()).tokens).toBe(1);
      }));

      it('[SC3] an expired, revoked or unknown code is refused; revoking a used code ends its token', withDb(async (s) => {
        const now = Date.now();
        const expired = await make(s, 'officer', null, now - 2 * 86_400_000, 1);
        expect(await s.redeemCode(codeHash(expired.code), hashSecret('t-exp'), device('p-exp'), now)).toEqual({ kind: 'bad-code' });
        // expiry is a strict bound: at the very moment it passes, the code no longer works
        const edge = await make(s, 'officer', null, now);
        expect(await s.redeemCode(codeHash(edge.code), hashSecret('t-edge'), device('p-edge'), edge.expiresAt)).toEqual({ kind: 'bad-code' });
        const revoked = await make(s, 'officer', null, now);
        expect(await s.revoke(revoked.id, now)).toBe(true);
        expect(await s.redeemCode(codeHash(revoked.code), hashSecret('t-rev'), device('p-rev'), now)).toEqual({ kind: 'bad-code' });
        expect(await s.redeemCode(codeHash('AAAA-BBBB-CCCC'), hashSecret('t-x'), device('p-x'), now)).toEqual({ kind: 'bad-code' });
        expect(await s.revoke('no-such-id', now)).toBe(false);
        // a code made before codes expired (expiresAt null) never expires
        await s.createCode({ id: 'old-code', codeHash: codeHash('OLD0-CODE-0001'), commune: A, role: 'chair', villages: null, person: 'Cũ', now: 0, expiresAt: null });
        const used = await s.redeemCode(codeHash('OLD0-CODE-0001'), hashSecret('t-old'), device('p-old'), now);
        expect(used).toMatchObject({ kind: 'ok', grant: { id: 'old-code', role: 'chair', villages: null } });
        expect(await s.revoke('old-code', now + 5)).toBe(true);
        expect(await s.tokenGrant(hashSecret('t-old'))).toBeNull();
        expect((await s.listCodes()).find((c) => c.id === 'old-code')).toMatchObject({ revokedAt: now + 5 });
        expect(await s.revoke('old-code', now + 9)).toBe(true); // again: the first moment stays
        expect((await s.listCodes()).find((c) => c.id === 'old-code')).toMatchObject({ revokedAt: now + 5 });
      }));

      it('[SC3] one device id, one live token: another code for it is refused unless the phone proves itself, which ends its old token', withDb(async (s) => {
        const now = Date.now();
        const first = await make(s, 'officer', null, now);
        expect((await s.redeemCode(codeHash(first.code), hashSecret('t-1'), device('phone'), now)).kind).toBe('ok');
        const second = await make(s, 'officer', null, now);
        expect(await s.redeemCode(codeHash(second.code), hashSecret('t-2'), device('phone'), now)).toEqual({ kind: 'device-taken' });
        expect(await s.redeemCode(codeHash(second.code), hashSecret('t-2'), device('phone', hashSecret('wrong')), now)).toEqual({ kind: 'device-taken' });
        expect((await s.listCodes(A)).find((c) => c.id === second.id)!.usedAt).toBeNull(); // refused: still unused
        expect((await s.redeemCode(codeHash(second.code), hashSecret('t-2'), device('phone', hashSecret('t-1')), now + 1)).kind).toBe('ok');
        expect(await s.tokenGrant(hashSecret('t-1'))).toBeNull();
        expect(await s.tokenGrant(hashSecret('t-2'))).toMatchObject({ id: second.id, deviceId: 'phone' });
        // a token without a device id (an old client) takes no device's place
        const third = await make(s, 'chair', null, now);
        expect((await s.redeemCode(codeHash(third.code), hashSecret('t-3'), device(null), now)).kind).toBe('ok');
        expect(await s.tokenGrant(hashSecret('t-2'))).not.toBeNull();
      }));

      it('[SC3] one code redeemed at once through two stores of one database works for exactly one', withDb(async (s, db) => {
        const other = await db.another();
        const now = Date.now();
        const codes = await Promise.all(Array.from({ length: 5 }, () => make(s, 'officer', null, now)));
        for (const { code } of codes) {
          const both = await Promise.all([
            s.redeemCode(codeHash(code), hashSecret(`${code}-a`), device(`${code}-a`), now),
            other.redeemCode(codeHash(code), hashSecret(`${code}-b`), device(`${code}-b`), now),
          ]);
          expect(both.map((r) => r.kind).sort()).toEqual(['bad-code', 'ok']);
        }
        expect((await s.stats()).tokens).toBe(5);
      }));
    });

    describe('batches', () => {
      it('[SC4] a re-sent batch is acknowledged, not applied again: same receipt, nothing new in the feed', withDb(async (s) => {
        const ops = counts(A, 'dev-a', 3);
        const b = input(A, 'dev-a', ops);
        const first = ok(await s.applyBatch(b));
        expect(first).toMatchObject({ applied: ops.map((o) => o.opId), known: [], cursor: 3 });
        const stats = await s.stats();
        const again = ok(await s.applyBatch({ ...b, now: b.now + 1000 }));
        expect(again).toEqual({ kind: 'ok', applied: [], known: ops.map((o) => o.opId), receipt: first.receipt, cursor: 3 });
        expect(await s.stats()).toEqual(stats);
        expect(seqs(await feed(s, A))).toEqual([1, 2, 3]);
        // known ops under another batch id: acknowledged, with a receipt of that batch's own
        const other = ok(await s.applyBatch(input(A, 'dev-a', ops.slice(1))));
        expect(other).toMatchObject({ applied: [], known: [ops[1]!.opId, ops[2]!.opId], cursor: 3 });
        expect(other.receipt).not.toBe(first.receipt);
        // half known, half new: only the new are applied, numbered on
        const more = counts(A, 'dev-a', 2);
        const mixed = ok(await s.applyBatch(input(A, 'dev-a', [ops[0]!, ...more])));
        expect(mixed).toMatchObject({ applied: more.map((o) => o.opId), known: [ops[0]!.opId], cursor: 5 });
        expect((await feed(s, A)).map((o) => o.opId)).toEqual([...ops, ...more].map((o) => o.opId));
      }));

      it('[SC5] an opId held with other content refuses the whole batch (409), naming it; nothing is written', withDb(async (s) => {
        const [held] = counts(A, 'dev-a', 1);
        ok(await s.applyBatch(input(A, 'dev-a', [held!])));
        const before = { stats: await s.stats(), feed: await feed(s, A), state: await s.entityState('villageCounts', held!.key) };
        const changed = { ...held!, fields: { households: 999 } };
        const fresh = op(`${A}/2025/T02`, { households: 5 }, 'dev-a');
        expect(await s.applyBatch(input(A, 'dev-a', [fresh, changed]))).toEqual({ kind: 'conflict', opIds: [held!.opId] });
        expect(await s.applyBatch(input(A, 'dev-a', [fresh, restamped(held!)]))).toEqual({ kind: 'conflict', opIds: [held!.opId] });
        expect(await s.stats()).toEqual(before.stats);
        expect(await feed(s, A)).toEqual(before.feed);
        expect(await s.entityState('villageCounts', held!.key)).toEqual(before.state);
        expect(await s.entityState('villageCounts', fresh.key)).toBeNull();
      }));

      it('[SC6] a batch breaking a record rule or the year lock is refused whole, with nothing written', withDb(async (s) => {
        const good = counts(A, 'dev-a', 2);
        const bad = op(`${A}/2025/T02`, { citizens: 10, citizensRecognized: 11 }, 'dev-a');
        const invalid = await s.applyBatch(input(A, 'dev-a', [...good, bad]));
        expect(invalid.kind).toBe('invalid');
        expect(invalid.kind === 'invalid' && invalid.problems.every((p) => p.opId === bad.opId && p.path.startsWith('ops[2].fields'))).toBe(true);
        expect(await s.stats()).toMatchObject({ ops: 0, entities: 0, batches: 0 });
        expect(await s.entityState('villageCounts', good[0]!.key)).toBeNull();
        // the good ops alone are new, not known: nothing of the refused batch was kept
        expect(ok(await s.applyBatch(input(A, 'dev-a', good))).applied).toHaveLength(2);

        const lock = op(`${A}/2025`, { locked: true, meetingDate: '2026-01-15', minutesRef: '01/BB-HĐ', lockedAt: new Date().toISOString() }, 'dev-a', 'dossier');
        ok(await s.applyBatch(input(A, 'dev-a', [lock])));
        const before = await s.stats();
        const late = op(`${A}/2025/T01`, { households: 5 }, 'dev-a');
        const open = op(`${A}/2024/T01`, { households: 5 }, 'dev-a');
        const locked = await s.applyBatch(input(A, 'dev-a', [open, late]));
        expect(locked.kind).toBe('locked');
        expect(locked.kind === 'locked' && locked.problems.map((p) => [p.opId, p.path])).toEqual([[late.opId, 'ops[1].key']]);
        expect(await s.stats()).toEqual(before);
        expect(await s.entityState('villageCounts', open.key)).toBeNull();
        // a lock and an edit of its year in one batch: the edit comes after the lock, so it is refused
        const lock24 = op(`${A}/2024`, { locked: true, lockedAt: new Date().toISOString() }, 'dev-a', 'dossier');
        expect((await s.applyBatch(input(A, 'dev-a', [lock24, open]))).kind).toBe('locked');
        expect(await s.stats()).toEqual(before);
      }));

      it('[SC6] an op not stamped by the batch\'s device, or a commune that does not exist, is refused; nothing is written', withDb(async (s) => {
        const ops = [...counts(A, 'dev-a', 1), ...counts(A, 'dev-b', 1)];
        await rejects(s.applyBatch(input(A, 'dev-a', ops)));
        await rejects(s.applyBatch(input('99999', 'dev-a', counts('99999', 'dev-a', 1))));
        expect(await s.stats()).toMatchObject({ ops: 0, entities: 0, batches: 0 });
        expect(await feed(s, A)).toEqual([]);
      }));

      it('[SC7] each commune\'s changes are numbered 1, 2, 3… with no gap, in batch and commit order', withDb(async (s) => {
        const results: { commune: string; ops: Op[]; r: Extract<ApplyResult, { kind: 'ok' }> }[] = [];
        for (let i = 0; i < 6; i++) {
          const commune = i % 3 === 2 ? B : A;
          const ops = counts(commune, `dev-${i % 2}`, 1 + i, i % 2 ? 'T02' : 'T01');
          results.push({ commune, ops, r: ok(await s.applyBatch(input(commune, `dev-${i % 2}`, ops))) });
        }
        for (const c of [A, B]) {
          const mine = results.filter((x) => x.commune === c);
          const all = mine.flatMap((x) => x.ops.map((o) => o.opId));
          const got = await feed(s, c);
          expect(seqs(got)).toEqual(oneTo(all.length));
          expect(got.map((o) => o.opId)).toEqual(all);
          expect(mine.map((x) => x.r.cursor)).toEqual(mine.map((_, i) => mine.slice(0, i + 1).reduce((n, x) => n + x.ops.length, 0)));
        }
        expect(await feed(s, HN)).toEqual([]);
      }));

      it('[SC7] many batches of one commune at once: one gap-free sequence, each batch a block ending at its cursor', withDb(async (s) => {
        const batches = Array.from({ length: 24 }, (_, i) => input(A, `dev-${i}`, counts(A, `dev-${i}`, 1 + (i % 4), `T0${1 + (i % 2)}`)));
        const results = (await Promise.all(batches.map((b) => s.applyBatch(b)))).map(ok);
        const got = await feed(s, A);
        const total = batches.reduce((n, b) => n + b.ops.length, 0);
        expect(seqs(got)).toEqual(oneTo(total));
        expect(new Set(got.map((o) => o.opId)).size).toBe(total);
        const bySeq = new Map(got.map((o) => [o.seq, o.opId]));
        batches.forEach((b, i) => {
          const end = results[i]!.cursor;
          expect(b.ops.map((_, k) => bySeq.get(end - b.ops.length + 1 + k))).toEqual(b.ops.map((o) => o.opId));
        });
      }));

      it('[SC8] changes come in pages bounded by count and by bytes (at least one op a page), as ChangeOp JSON', withDb(async (s) => {
        const ops = Array.from({ length: 30 }, (_, i) => op(`${A}/2025/T0${1 + (i % 2)}`, { households: i }, 'dev-a'));
        const noted = op(`${A}/2025/TC3.2`, { note: 'Ghi chú "có ngoặc" \\ và dấu: Thôn Một — 100 %' }, 'dev-a', 'answer');
        ok(await s.applyBatch(input(A, 'dev-a', ops)));
        ok(await s.applyBatch(input(A, 'dev-a', [noted])));
        const p1 = await s.changes(A, 0, 10);
        expect(p1).toMatchObject({ lastSeq: 10, hasMore: true });
        expect(p1.json).toHaveLength(10);
        expect(JSON.parse(p1.json[0]!)).toEqual({ seq: 1, opId: ops[0]!.opId, entity: 'villageCounts', key: ops[0]!.key, fields: { households: 0 }, hlc: ops[0]!.hlc });
        expect((await s.changes(A, 10, 10)).lastSeq).toBe(20);
        const last = await s.changes(A, 20, 100);
        expect(last).toMatchObject({ lastSeq: 31, hasMore: false });
        expect(last.json).toHaveLength(11);
        expect(JSON.parse(last.json[10]!)).toEqual({ seq: 31, opId: noted.opId, entity: 'answer', key: noted.key, fields: plain(noted.fields), hlc: noted.hlc });
        expect(await s.changes(A, 31, 10)).toEqual({ json: [], lastSeq: null, hasMore: false });
        expect(await s.changes(A, 500, 10)).toEqual({ json: [], lastSeq: null, hasMore: false });
        // bytes: three ops' worth gives three ops; one byte less gives two
        const three = (await s.changes(A, 0, 3)).json;
        const size = three.reduce((n, j) => n + Buffer.byteLength(j), 0);
        expect(await s.changes(A, 0, 100, size)).toEqual({ json: three, lastSeq: 3, hasMore: true });
        expect((await s.changes(A, 0, 100, size - 1)).json).toEqual(three.slice(0, 2));
        // an op larger than the budget still comes, alone
        expect(await s.changes(A, 30, 100, 10)).toEqual({ json: [last.json[10]], lastSeq: 31, hasMore: false });
        expect(await s.changes(A, 0, 100, 10)).toMatchObject({ lastSeq: 1, hasMore: true });
        // an op with the stamps it replaced carries them, as sent
        const edit = op(`${A}/2025/T01`, { households: 7 }, 'dev-b');
        const withPrev = { ...edit, prev: { households: ops[28]!.hlc } };
        ok(await s.applyBatch(input(A, 'dev-b', [withPrev])));
        expect(JSON.parse((await s.changes(A, 31, 1)).json[0]!)).toEqual({ seq: 32, opId: edit.opId, entity: 'villageCounts', key: edit.key, fields: { households: 7 }, hlc: edit.hlc, prev: { households: ops[28]!.hlc } });
      }));

      it('[SC9] a receipt belongs to one device\'s batch id with its content', withDb(async (s) => {
        const ops = counts(A, 'dev-a', 2);
        const first = ok(await s.applyBatch(input(A, 'dev-a', ops, 'batch-1')));
        expect(first.receipt).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
        const reused = ok(await s.applyBatch(input(A, 'dev-a', counts(A, 'dev-a', 1), 'batch-1')));
        expect(reused.receipt).not.toBe(first.receipt);
        expect(ok(await s.applyBatch(input(A, 'dev-a', ops, 'batch-1'))).receipt).toBe(first.receipt);
        const fromB = ok(await s.applyBatch(input(A, 'dev-b', counts(A, 'dev-b', 2), 'batch-1')));
        expect(new Set([first.receipt, reused.receipt, fromB.receipt]).size).toBe(3);
        // the same ids in another order are another batch
        expect(ok(await s.applyBatch(input(A, 'dev-a', [ops[1]!, ops[0]!], 'batch-1'))).receipt).not.toBe(first.receipt);
        expect((await s.stats()).batches).toBe(4);
      }));

      it('[SC10] the merged state of a record is the merge of its ops, whatever order they arrived in', withDb(async (s) => {
        const key = `${A}/2025/T01`;
        const early = op(key, { households: 10, familiesRegistered: 4 }, 'dev-a');
        const later = op(key, { households: 20 }, 'dev-b');
        const other = op(key, { citizens: 300 }, 'dev-c');
        ok(await s.applyBatch(input(A, 'dev-b', [later])));
        ok(await s.applyBatch(input(A, 'dev-a', [early])));
        ok(await s.applyBatch(input(A, 'dev-c', [other])));
        const state = await s.entityState('villageCounts', key);
        expect(plain(state)).toEqual(plain(folded([later, early, other])));
        expect(valuesOf(state!)).toEqual({ citizens: 300, familiesRegistered: 4, households: 20 });
        expect(await s.entityState('villageCounts', `${A}/2025/T02`)).toBeNull();
        expect(await s.entityState('answer', key)).toBeNull();
        // a later batch planned on it: a rule checked on the merged values, not the op alone
        const worse = op(key, { citizensRecognized: 301 }, 'dev-a');
        expect((await s.applyBatch(input(A, 'dev-a', [worse]))).kind).toBe('invalid');
        expect(plain(await s.entityState('villageCounts', key))).toEqual(plain(state));
      }));
    });

    describe('two writers on one database', () => {
      it('[SC11] batches of one commune through two stores at once: one gap-free, duplicate-free feed that both serve', withDb(async (s, db) => {
        const t = await db.another();
        const batches = Array.from({ length: 30 }, (_, i) => input(A, `dev-${i % 6}`, counts(A, `dev-${i % 6}`, 1 + (i % 5), `T0${1 + (i % 2)}`)));
        const results = (await Promise.all(batches.map((b, i) => (i % 2 ? t : s).applyBatch(b)))).map(ok);
        // the same batches again, each through the other store: all known, the same receipts
        const again = (await Promise.all(batches.map((b, i) => (i % 2 ? s : t).applyBatch(b)))).map(ok);
        expect(again.map((r) => r.applied.length)).toEqual(batches.map(() => 0));
        expect(again.map((r) => r.receipt)).toEqual(results.map((r) => r.receipt));
        const total = batches.reduce((n, b) => n + b.ops.length, 0);
        const got = await feed(s, A, 7);
        expect(seqs(got)).toEqual(oneTo(total));
        expect(new Set(got.map((o) => o.opId))).toEqual(new Set(batches.flatMap((b) => b.ops.map((o) => o.opId))));
        expect(await feed(t, A, 13)).toEqual(got);
        expect(plain(await t.entityState('villageCounts', `${A}/2025/T01`))).toEqual(plain(await s.entityState('villageCounts', `${A}/2025/T01`)));
        expect(await t.stats()).toEqual(await s.stats());
      }));

      it('[SC11] one batch sent through both stores at once is applied once, with one receipt', withDb(async (s, db) => {
        const t = await db.another();
        for (let i = 0; i < 5; i++) {
          const b = input(A, 'dev-a', counts(A, 'dev-a', 20));
          const [x, y] = (await Promise.all([s.applyBatch(b), t.applyBatch(b)])).map(ok);
          expect([x!.applied.length, y!.applied.length].sort()).toEqual([0, 20]);
          expect(x!.receipt).toBe(y!.receipt);
          expect(x!.cursor).toBe(y!.cursor);
        }
        expect(seqs(await feed(s, A))).toEqual(oneTo(100));
      }));

      it('[SC12] what was answered survives a restart; a store closed with batches in flight commits and answers them first', withDb(async (s, db) => {
        const answered = ok(await s.applyBatch(input(A, 'dev-a', counts(A, 'dev-a', 3))));
        const pending = Array.from({ length: 10 }, (_, i) => s.applyBatch(input(B, `dev-${i}`, counts(B, `dev-${i}`, 2))));
        const closing = s.close();
        const results = (await Promise.all(pending)).map(ok);
        await closing;
        const again = await db.another();
        expect(seqs(await feed(again, A))).toEqual([1, 2, 3]);
        expect(seqs(await feed(again, B))).toEqual(oneTo(20));
        expect(Math.max(...results.map((r) => r.cursor))).toBe(20);
        expect(ok(await again.applyBatch(input(A, 'dev-z', counts(A, 'dev-z', 1)))).cursor).toBe(answered.cursor + 1);
        expect(await again.getCommune(A)).toMatchObject({ villages: [{ code: 'T02' }, { code: 'T01' }] });
      }));

      it('[SC13] exclusive runs of one name never overlap, across stores; a failed run lets the next in', withDb(async (s, db) => {
        const t = await db.another();
        let inside = 0;
        let most = 0;
        const run = (store: Store, i: number) => store.exclusive('contract', async () => {
          inside += 1;
          most = Math.max(most, inside);
          await new Promise((r) => setTimeout(r, 15));
          inside -= 1;
          if (i === 2) throw new Error('failed run');
          return i;
        });
        const settled = await Promise.allSettled([0, 1, 2, 3, 4, 5].map((i) => run(i % 2 ? t : s, i)));
        expect(most).toBe(1);
        expect(settled.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
        expect(await s.exclusive('other', async () => 'free')).toBe('free');
      }));

      it('[SC13] the demo seed run by two stores at once seeds once', withDb(async (s) => {
        // a database with no commune at all, as a fresh deployment starts
        const fresh = await factory.create();
        const stores = [await fresh.open(), await fresh.open()];
        try {
          const seeded = await Promise.all(stores.map((x) => seedDemoIfEmpty(x)));
          expect(seeded.filter(Boolean)).toHaveLength(1);
          expect((await stores[0]!.stats()).ops).toBe(demoOps().length);
          expect((await stores[1]!.listCodes()).length).toBe(1);
        } finally {
          for (const x of stores) await x.close();
          await fresh.cleanup();
        }
        expect((await s.stats()).communes).toBe(3);
      }));
    });
  });
}
