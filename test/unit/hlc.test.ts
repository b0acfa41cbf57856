import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { tick, receive, formatHlc, parseHlc, MAX_DRIFT_MS } from '../../src/domain/sync/hlc.ts';

describe('hybrid logical clock', () => {
  it('orders stamps as strings the same way as (wall, counter)', () => {
    fc.assert(
      fc.property(fc.nat(2 ** 45), fc.nat(999_999), fc.nat(2 ** 45), fc.nat(999_999), (w1, c1, w2, c2) => {
        const a = formatHlc({ wall: w1, counter: c1, node: 'a' });
        const b = formatHlc({ wall: w2, counter: c2, node: 'a' });
        const byTuple = w1 !== w2 ? Math.sign(w1 - w2) : Math.sign(c1 - c2);
        expect(Math.sign(a.localeCompare(b, 'en'))).toBe(byTuple === 0 ? 0 : byTuple);
        expect(a < b).toBe(byTuple < 0);
      }),
    );
  });

  it('round-trips through parse', () => {
    const h = { wall: 1_732_600_000_000, counter: 7, node: 'dev-1' };
    expect(parseHlc(formatHlc(h))).toEqual(h);
    expect(() => parseHlc('garbage')).toThrow();
  });

  it('ticks forward even when the wall clock goes back', () => {
    const first = tick(null, 1000, 'n');
    const second = tick(first, 500, 'n');
    expect(formatHlc(second) > formatHlc(first)).toBe(true);
    expect(second).toEqual({ wall: 1000, counter: 1, node: 'n' });
  });

  it('orders a local edit after any stamp it has received', () => {
    fc.assert(
      fc.property(fc.nat(2 ** 40), fc.nat(1000), fc.nat(2 ** 40), (now, rc, rw) => {
        const remote = { wall: rw, counter: rc, node: 'r' };
        const next = receive(null, remote, now, 'l');
        if (rw <= now + MAX_DRIFT_MS) expect(formatHlc({ ...next, node: 'r' }) > formatHlc(remote)).toBe(true);
        expect(next.wall).toBeLessThanOrEqual(Math.max(now, now + MAX_DRIFT_MS));
      }),
    );
  });

  it('does not follow a remote clock set far in the future', () => {
    const now = 1_000_000;
    const next = receive(null, { wall: now + 10 * MAX_DRIFT_MS, counter: 0, node: 'r' }, now, 'l');
    expect(next.wall).toBe(now + MAX_DRIFT_MS);
  });
});
