// Malformed batches, generated: each is a valid batch with one defect. The server must refuse it
// whole with 400, point at the defect, and write nothing at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatHlc } from '../../src/domain/sync/hlc.ts';
import type { Op } from '../../src/domain/sync/op.ts';
import type { ChangesResponse, ErrorResponse, SyncResponse } from '../../src/domain/sync/protocol.ts';
import { call, enrolDevice, startTestServer, type Device, type TestServer } from './helpers.ts';

let s: TestServer;
let officer: Device;
beforeAll(async () => {
  s = await startTestServer();
  officer = await enrolDevice(s, '21086', 'officer');
});
afterAll(async () => {
  await s.stop();
});

const hlcArb = fc.record({ wall: fc.integer({ min: 1, max: 2 ** 44 }), counter: fc.nat(999), node: fc.constantFrom('dev-a', 'dev-b') }).map(formatHlc);
const count = fc.oneof(fc.nat(5000), fc.constant(null));

/** A valid op of one of the entities, in commune 21086. */
const validOp: fc.Arbitrary<Op> = fc
  .record({
    opId: fc.uuid({ version: 4 }),
    hlc: hlcArb,
    year: fc.integer({ min: 2023, max: 2030 }),
    pick: fc.nat(4),
    n: count,
    b: fc.oneof(fc.boolean(), fc.constant(null)),
    level: fc.integer({ min: 0, max: 2 }),
    indicator: fc.constantFrom('TC1.1', 'TC2.1', 'TC3.3'),
  })
  .map(({ opId, hlc, year, pick, n, b, level, indicator }): Op => {
    switch (pick) {
      case 0:
        return { opId, hlc, entity: 'villageCounts', key: `21086/${year}/T01`, fields: { households: n, villageRecognized: b } };
      case 1:
        return { opId, hlc, entity: 'communeFigures', key: `21086/${year}`, fields: { units: n, literacy: level } };
      case 2:
        return { opId, hlc, entity: 'answer', key: `21086/${year}/${indicator}`, fields: { met: b, note: 'Đã có kế hoạch' } };
      case 3:
        return { opId, hlc, entity: 'village', key: '21086/T01', fields: { name: 'Thôn Một', order: level } };
      default:
        return { opId, hlc, entity: 'villageCounts', key: `21086/${year}/T02`, fields: { citizens: (n ?? 0) + level, trained: n, university: Math.min(n ?? 0, level) } };
    }
  });

const validBatch = fc.record({
  deviceId: fc.constantFrom('dev-a', 'dev-b'),
  batchId: fc.uuid(),
  ops: fc.uniqueArray(validOp, { minLength: 1, maxLength: 6, selector: (o) => o.opId }),
});

type Json = Record<string, unknown>;
/** Defects of one op: each returns the broken op. */
const opDefects: ((op: Json) => unknown)[] = [
  (op) => ({ ...op, opId: 'not-a-uuid' }),
  (op) => ({ ...op, opId: 42 }),
  (op) => ({ ...op, entity: 'villageCountz' }),
  (op) => ({ ...op, key: `${op.key as string}/extra` }),
  (op) => ({ ...op, key: (op.key as string).replace(/^21086/, '21 086') }),
  (op) => ({ ...op, entity: 'villageCounts', key: '21086/1999/T01', fields: { households: 1 } }),
  (op) => ({ ...op, entity: 'villageCounts', key: '21086/20x5/T01', fields: { households: 1 } }),
  (op) => ({ ...op, entity: 'answer', key: '21086/2025/TC5.1', fields: { met: true } }),
  (op) => ({ ...op, entity: 'answer', key: '21086/2025/TC9.9', fields: { met: true } }),
  (op) => ({ ...op, fields: {} }),
  (op) => ({ ...op, fields: [] }),
  (op) => ({ ...op, fields: null }),
  (op) => ({ ...op, fields: { ...(op.fields as Json), bogus: 1 } }),
  (op) => ({ ...op, entity: 'villageCounts', key: '21086/2025/T01', fields: { households: -1 } }),
  (op) => ({ ...op, entity: 'villageCounts', key: '21086/2025/T01', fields: { households: 1.5 } }),
  (op) => ({ ...op, entity: 'villageCounts', key: '21086/2025/T01', fields: { households: '12' } }),
  (op) => ({ ...op, entity: 'villageCounts', key: '21086/2025/T01', fields: { villageRecognized: 'yes' } }),
  (op) => ({ ...op, entity: 'communeFigures', key: '21086/2025', fields: { literacy: 3 } }),
  (op) => ({ ...op, entity: 'answer', key: '21086/2025/TC1.1', fields: { met: 'true' } }),
  (op) => ({ ...op, entity: 'answer', key: '21086/2025/TC1.1', fields: { evidence: [{ date: '2025-02-30' }] } }),
  // The province thresholds entity is retired (issue #11): even a well-formed op of it is refused.
  (op) => ({ ...op, entity: 'thresholds', key: '21086', fields: { 'TC5.1@1': 70 } }),
  (op) => ({ ...op, entity: 'villageCounts', key: '21086/2025/T01', fields: { university: -2 } }),
  (op) => ({ ...op, entity: 'communeFigures', key: '21086/2025', fields: { difficultArea: 'có' } }),
  (op) => ({ ...op, entity: 'decision', key: '21086/QD1', fields: { level: 3 } }),
  (op) => ({ ...op, hlc: 'yesterday' }),
  (op) => ({ ...op, hlc: '000001-000000-dev' }),
  (op) => ({ ...op, extra: true }),
  (op) => ({ ...op, prev: { notAField: '000000000000001-000000-x' } }),
  (op) => {
    const { key: _key, ...rest } = op;
    return rest;
  },
  (op) => {
    const { hlc: _hlc, ...rest } = op;
    return rest;
  },
  () => null,
  () => 'op',
  () => [1, 2],
];

/** Defects of the envelope: each returns a broken body. */
const envelopeDefects: ((b: Json) => unknown)[] = [
  (b) => ({ ...b, deviceId: undefined }),
  (b) => ({ ...b, deviceId: '' }),
  (b) => ({ ...b, deviceId: 'has spaces' }),
  (b) => ({ ...b, batchId: 7 }),
  (b) => ({ ...b, ops: {} }),
  (b) => ({ ...b, ops: 'ops' }),
  (b) => ({ ...b, more: 1 }),
  (b) => [b],
  () => null,
  () => 17,
  () => 'batch',
];

const malformed = fc.oneof(
  fc.record({ batch: validBatch, at: fc.nat(), defect: fc.nat(opDefects.length - 1) }).map(({ batch, at, defect }) => {
    const index = at % batch.ops.length;
    const ops: unknown[] = batch.ops.map((o) => ({ ...o }));
    ops[index] = opDefects[defect]!(ops[index] as Json);
    return { body: { ...batch, ops } as unknown, index: index as number | null, defect: `op#${defect}` };
  }),
  fc.record({ batch: validBatch, defect: fc.nat(envelopeDefects.length - 1) }).map(({ batch, defect }) => ({ body: envelopeDefects[defect]!(batch as unknown as Json), index: null, defect: `env#${defect}` })),
  fc.record({ batch: validBatch, at: fc.nat() }).map(({ batch, at }) => {
    // The same opId twice in one batch.
    const index = at % batch.ops.length;
    const dup = { ...batch.ops[index]!, hlc: formatHlc({ wall: 5, counter: 0, node: 'dup' }) };
    return { body: { ...batch, ops: [...batch.ops, dup] } as unknown, index: batch.ops.length as number | null, defect: 'dup' };
  }),
);

describe('malformed batches (fuzz)', () => {
  it('a batch built by the generator before a defect is accepted (the fuzz base is valid)', async () => {
    await fc.assert(
      fc.asyncProperty(validBatch, async (body) => {
        const res = await call(s, 'POST', '/api/v1/sync', { token: officer.token, body });
        expect(res.status, JSON.stringify(res.json)).toBe(200);
        expect((res.json as SyncResponse).applied.length + (res.json as SyncResponse).known.length).toBe(body.ops.length);
      }),
      { numRuns: 40 },
    );
  });

  it('refuses every malformed batch whole, points at the defect, writes nothing', async () => {
    const before = await s.store.stats();
    const cursor = ((await call(s, 'GET', '/api/v1/changes?limit=1000', { token: officer.token })).json as ChangesResponse).nextCursor;
    await fc.assert(
      fc.asyncProperty(malformed, async ({ body, index }) => {
        const res = await call(s, 'POST', '/api/v1/sync', { token: officer.token, body });
        expect(res.status, JSON.stringify(res.json)).toBe(400);
        const err = res.json as ErrorResponse;
        expect(err.error).toBe('invalid-batch');
        expect(err.problems?.length).toBeGreaterThan(0);
        for (const p of err.problems!) {
          expect(p.vi.length).toBeGreaterThan(0);
          expect(p.en.length).toBeGreaterThan(0);
          if (index !== null) expect(p.path.startsWith(`ops[${index}]`), p.path).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
    expect(await s.store.stats()).toEqual(before);
    const page = (await call(s, 'GET', `/api/v1/changes?since=${cursor}`, { token: officer.token })).json as ChangesResponse;
    expect(page.ops).toEqual([]);
  });
});
