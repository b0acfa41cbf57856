// Issue 12.2: a full counter never becomes a 7-digit one (which would no longer parse and would
// stop every save); the wall time advances instead, and order is kept. And op ids (UUIDv7).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as v from 'valibot';
import { MAX_COUNTER, after, formatHlc, parseHlc, receive, tick, type Hlc } from '../../src/domain/sync/hlc.ts';
import { newOpId } from '../../src/domain/sync/op-id.ts';

describe('HLC counter at its limit', () => {
  it('tick and receive carry a full counter into the wall time', () => {
    const full = { wall: 5000, counter: MAX_COUNTER, node: 'a' };
    expect(tick(full, 4000, 'me')).toEqual({ wall: 5001, counter: 0, node: 'me' });
    expect(receive(null, full, 4000, 'me')).toEqual({ wall: 5001, counter: 0, node: 'me' });
    expect(receive(full, { ...full, node: 'b' }, 5000, 'me')).toEqual({ wall: 5001, counter: 0, node: 'me' });
    expect(after(full, 'me')).toEqual({ wall: 5001, counter: 0, node: 'me' });
    // A first receive at wall time 0 (no stamp of our own yet) orders after the remote one.
    expect(receive(null, { wall: 0, counter: 0, node: 'r' }, 0, 'me')).toEqual({ wall: 0, counter: 1, node: 'me' });
    expect(() => formatHlc({ wall: 1, counter: MAX_COUNTER + 1, node: 'x' })).toThrow();
  });

  it('any sequence of ticks and receives gives parseable, increasing stamps', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ remoteWall: fc.nat(10_000), remoteCounter: fc.constantFrom(0, MAX_COUNTER - 1, MAX_COUNTER), now: fc.nat(10_000), remote: fc.boolean() }), { maxLength: 60 }), (steps) => {
        let last: Hlc | null = null;
        for (const s of steps) {
          const next: Hlc = s.remote ? receive(last, { wall: s.remoteWall, counter: s.remoteCounter, node: 'r' }, s.now, 'me') : tick(last, s.now, 'me');
          const text = formatHlc(next);
          expect(parseHlc(text)).toEqual(next);
          if (last) expect(text > formatHlc(last)).toBe(true);
          last = next;
        }
      }),
    );
  });
});

describe('op ids', () => {
  it('are UUIDs (version 7) ordered by the time given', () => {
    const ids = [1, 2, 1_760_000_000_000, 1_760_000_000_001].map((ms) => newOpId(ms));
    for (const id of ids) {
      expect(v.is(v.pipe(v.string(), v.uuid()), id)).toBe(true);
      expect(id[14]).toBe('7');
      expect('89ab').toContain(id[19]);
    }
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(Array.from({ length: 1000 }, () => newOpId(7))).size).toBe(1000);
  });
});
