// Table-driven checks of how typed text becomes data (src/ui/parse.ts).
import { describe, expect, it } from 'vitest';
import { changedCounts, isUnlikelyJump, knownSaved, markSent, parseCount, parsePercent, readDrafts, unmarkSent, type SentValues } from './parse.ts';

describe('parseCount', () => {
  it.each([
    ['', null],
    ['   ', null],
    ['0', 0],
    [' 120 ', 120],
    ['-3', -3],
    ['1,5', 1.5],
    ['2.25', 2.25],
    ['1.000', '1.000'], // a thousands point is never read as 1
    ['25.000.000', '25.000.000'],
    ['12a', '12a'],
    ['mười', 'mười'],
  ] as const)('%j → %j', (raw, want) => {
    expect(parseCount(raw)).toBe(want);
  });
});

describe('isUnlikelyJump', () => {
  it.each([
    [100, 100, false],
    [100, 150, false], // exactly half up is not more than half
    [100, 151, true],
    [100, 49, true],
    [100, 50, false],
    [2, 7, false], // a change of 5 is never flagged
    [2, 8, true],
    [0, 6, true],
    [0, 5, false],
  ] as const)('%d → %d: %s', (before, after, want) => {
    expect(isUnlikelyJump(before, after)).toBe(want);
  });
});

describe('parsePercent', () => {
  it.each([
    ['', null],
    ['70', 70],
    ['72,5', 72.5],
    ['72.5', 72.5],
    [' 65 % ', 65],
    ['100', 100],
    ['abc', Number.NaN],
    ['1.000,5', Number.NaN],
    ['-5', Number.NaN],
  ] as const)('%j → %j', (raw, want) => {
    expect(parsePercent(raw)).toBe(want);
  });
});

type Key = 'a' | 'b' | 'c';
const KEYS: Key[] = ['a', 'b', 'c'];

describe('readDrafts', () => {
  it.each([
    [{}, { a: 1, b: 2 }, []],
    [{ a: '' }, { a: null, b: 2 }, []],
    [{ a: '12' }, { a: 12, b: 2 }, []],
    [{ a: '1,5', c: '3' }, { a: 1.5, b: 2, c: 3 }, []], // a fraction is parsed; the rules refuse it
    [{ a: 'mười', b: '1.000' }, { a: 'mười', b: '1.000' }, ['a', 'b']],
  ] as const)('%j over {a:1,b:2} → %j, not numbers %j', (drafts, merged, notNumbers) => {
    const row: Record<string, unknown> = { a: 1, b: 2 };
    expect(readDrafts(KEYS, drafts, row)).toEqual(notNumbers);
    expect(row).toEqual(merged);
  });
});

describe('changedCounts', () => {
  it.each([
    [{ a: '1', b: '3' }, {}, { a: 1, b: 2 }, { b: 3 }], // only what differs from the stored row
    [{ a: '', c: '' }, {}, { a: 1, b: 2 }, { a: null }], // cleared: null; c was empty already
    [{ a: '5', b: '6' }, { b: 'lỗi' }, { a: 1, b: 2 }, { a: 5 }], // a field with an error is never saved
    [{ c: '0' }, {}, undefined, { c: 0 }], // nothing stored yet
  ] as const)('%j, errors %j, stored %j → %j', (drafts, errors, stored, want) => {
    expect(changedCounts(KEYS, drafts, errors, stored)).toEqual(want);
  });
});

describe('what was sent: a value saved before the live row caught up is not sent again', () => {
  it('households typed, saved, live row not refreshed yet; then another field typed', () => {
    const sent: SentValues<Key> = {};
    const live = undefined; // the live row has not arrived at all yet
    const first = changedCounts(KEYS, { a: '50' }, {}, knownSaved(KEYS, live, sent));
    expect(first).toEqual({ a: 50 });
    markSent(sent, first, live);
    // "b" typed (with an error); "a" still shows its draft "50" and must not be sent again.
    expect(changedCounts(KEYS, { a: '50', b: '60' }, { b: 'lỗi' }, knownSaved(KEYS, live, sent))).toEqual({});
    // Compared with the live row alone, it would have been sent a second time.
    expect(changedCounts(KEYS, { a: '50', b: '60' }, { b: 'lỗi' }, live)).toEqual({ a: 50 });
  });

  it.each([
    ['refresh not arrived', { a: 1 }, { a: { value: 5, before: 1 } }, { a: 5, b: null, c: null }],
    ['refresh arrived', { a: 5 }, { a: { value: 5, before: 1 } }, { a: 5, b: null, c: null }],
    ['another device changed it since', { a: 9 }, { a: { value: 5, before: 1 } }, { a: 9, b: null, c: null }],
    ['cleared, not refreshed', { a: 1 }, { a: { value: null, before: 1 } }, { a: null, b: null, c: null }],
    ['nothing sent', { b: 2 }, {}, { a: null, b: 2, c: null }],
  ] as const)('%s: live %j, sent %j → compared with %j', (_name, live, sent, want) => {
    expect(knownSaved(KEYS, live, structuredClone(sent) as SentValues<Key>)).toEqual(want);
  });

  it('a refused save is forgotten, so typing the value again sends it; a newer one sent since stays', () => {
    const sent: SentValues<Key> = {};
    markSent(sent, { a: 5 }, { a: 1 });
    unmarkSent(sent, { a: 5 });
    expect(changedCounts(KEYS, { a: '5' }, {}, knownSaved(KEYS, { a: 1 }, sent))).toEqual({ a: 5 });
    markSent(sent, { a: 5 }, { a: 1 });
    markSent(sent, { a: 6 }, { a: 1 });
    unmarkSent(sent, { a: 5 });
    expect(knownSaved(KEYS, { a: 1 }, sent).a).toBe(6);
  });
});
