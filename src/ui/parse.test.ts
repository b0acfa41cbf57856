// Table-driven checks of how typed text becomes data (src/ui/parse.ts).
import { describe, expect, it } from 'vitest';
import {
  changedCounts, isUnlikelyJump, knownSaved, markSent, parseCount, parsePercent, readDrafts, settleDrafts, unmarkSent,
  type DraftBook, type SentValues,
} from './parse.ts';

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
    ['refresh not arrived', { a: 1 }, { a: { value: 5, behind: [1] } }, { a: 5, b: null, c: null }],
    ['refresh arrived', { a: 5 }, { a: { value: 5, behind: [1] } }, { a: 5, b: null, c: null }],
    ['another device changed it since', { a: 9 }, { a: { value: 5, behind: [1] } }, { a: 9, b: null, c: null }],
    ['cleared, not refreshed', { a: 1 }, { a: { value: null, behind: [1] } }, { a: null, b: null, c: null }],
    ['an earlier save landed, the last not yet', { a: 2 }, { a: { value: 26, behind: [1, 2] } }, { a: 26, b: null, c: null }],
    ['nothing sent', { b: 2 }, {}, { a: null, b: 2, c: null }],
  ] as const)('%s: live %j, sent %j → compared with %j', (_name, live, sent, want) => {
    expect(knownSaved(KEYS, live, structuredClone(sent) as SentValues<Key>)).toEqual(want);
  });

  it('a refused save is forgotten, so typing the value again sends it; a newer one sent since stays; the one before it is the last sent again', () => {
    const sent: SentValues<Key> = {};
    markSent(sent, { a: 5 }, { a: 1 });
    unmarkSent(sent, { a: 5 });
    expect(changedCounts(KEYS, { a: '5' }, {}, knownSaved(KEYS, { a: 1 }, sent))).toEqual({ a: 5 });
    markSent(sent, { a: 5 }, { a: 1 });
    markSent(sent, { a: 6 }, { a: 1 });
    unmarkSent(sent, { a: 5 });
    expect(knownSaved(KEYS, { a: 1 }, sent).a).toBe(6);
    unmarkSent(sent, { a: 6 });
    expect(knownSaved(KEYS, { a: 1 }, sent).a).toBe(5);
    unmarkSent(sent, { a: 5 });
    expect(sent).toEqual({});
  });
});

/**
 * A form as the screens drive it (the village form, the commune figures form): a person types, what
 * changed is sent, and live rows arrive later, one by one or not at all between keystrokes.
 */
function formOver(row: Partial<Record<Key, unknown>> | undefined) {
  let book: DraftBook<Key> = { drafts: {}, moved: {} };
  const sent: SentValues<Key> = {};
  let live = row;
  return {
    /** Types `raw` in field `k` (no errors); returns what is saved. */
    type(k: Key, raw: string, errors: Partial<Record<Key, string>> = {}) {
      book = { drafts: { ...book.drafts, [k]: raw }, moved: book.moved };
      const patch = changedCounts(KEYS, book.drafts, errors, knownSaved(KEYS, live, sent));
      markSent(sent, patch, live);
      return patch;
    },
    /** A new live row arrives (a save of this form landing, or a sync merge). */
    arrives(next: Partial<Record<Key, unknown>>) {
      book = settleDrafts(KEYS, book, live, next, sent);
      live = next;
    },
    /** What field `k` shows. */
    shows: (k: Key) => book.drafts[k] ?? (typeof live?.[k] === 'number' ? String(live[k]) : ''),
    moved: (k: Key) => book.moved[k] === true,
    sent,
  };
}

describe('drafts give way to the live row once saved (settleDrafts)', () => {
  it('typed, saved, the next field typed before the row refreshed; then a sync brings another device\'s value: it shows', () => {
    // The loaded-machine run of the two-phone e2e: focus left "a" before its refresh arrived.
    const f = formOver({ a: 254, b: 10 });
    expect(f.type('a', '265')).toEqual({ a: 265 });
    expect(f.type('b', '13')).toEqual({ b: 13 }); // "a" is not sent again
    expect(f.shows('a')).toBe('265');
    f.arrives({ a: 265, b: 13 });
    f.arrives({ a: 283, b: 13 }); // the merge: the other phone's newer households
    expect(f.shows('a')).toBe('283');
    expect(f.moved('a')).toBe(false);
    expect(f.sent).toEqual({});
  });

  it('a sync merge that lands before this form\'s own refresh, or instead of it, shows too', () => {
    const f = formOver({ a: 254 });
    f.type('a', '265');
    f.arrives({ a: 283 });
    expect(f.shows('a')).toBe('283');
  });

  it('typing "2", "26", "265" with the saves landing one by one: the field never jumps back while typing', () => {
    const f = formOver({ a: 254 });
    for (const raw of ['2', '26', '265']) f.type('a', raw);
    expect(f.sent.a).toEqual({ value: 265, behind: [254, 2, 26] });
    f.arrives({ a: 2 });
    expect(f.shows('a')).toBe('265');
    f.arrives({ a: 26 });
    expect(f.shows('a')).toBe('265');
    f.arrives({ a: 265 });
    expect(f.shows('a')).toBe('265');
    expect(f.sent).toEqual({});
    f.arrives({ a: 26 }); // later, another device sets a value typed on the way: it shows
    expect(f.shows('a')).toBe('26');
  });

  it('a text not saved stays as typed when the row changes under it, and says so; a number typed there is saved and the note goes', () => {
    const f = formOver({ a: 254 });
    expect(f.type('a', '1.000', { a: 'không phải số' })).toEqual({});
    f.arrives({ a: 254 }); // the same row again (another field, the sync status): nothing moved
    expect(f.moved('a')).toBe(false);
    f.arrives({ a: 283 });
    expect(f.shows('a')).toBe('1.000');
    expect(f.moved('a')).toBe(true);
    f.type('a', '300');
    f.arrives({ a: 300 });
    expect(f.shows('a')).toBe('300');
    expect(f.moved('a')).toBe(false);
  });

  it('a number typed after a save, not sent (a broken rule), then the save lands: nothing moved; another device\'s edit: moved', () => {
    const f = formOver({ a: 254 });
    f.type('a', '26');
    expect(f.type('a', '2600', { a: 'lớn hơn tổng số hộ' })).toEqual({});
    f.arrives({ a: 26 });
    expect([f.shows('a'), f.moved('a')]).toEqual(['2600', false]);
    f.arrives({ a: 30 });
    expect([f.shows('a'), f.moved('a')]).toEqual(['2600', true]);
  });

  it('a draft equal to the saved value holds nothing unsaved: it gives way when the row changes', () => {
    const f = formOver({ a: 254 });
    expect(f.type('a', '254')).toEqual({});
    f.arrives({ a: 283 });
    expect([f.shows('a'), f.moved('a')]).toEqual(['283', false]);
  });

  it('the first row arrives after typing (nothing stored yet): the saved draft gives way to it', () => {
    const f = formOver(undefined);
    expect(f.type('c', '0')).toEqual({ c: 0 });
    f.arrives({ c: 0 });
    expect(f.shows('c')).toBe('0');
    expect(f.sent).toEqual({});
  });
});
