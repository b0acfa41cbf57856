// Table-driven checks of how typed text becomes data (src/ui/parse.ts).
import { describe, expect, it } from 'vitest';
import { isUnlikelyJump, parseCount, parsePercent } from './parse.ts';

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
