// The compressor's geometry and decisions as tables: upright sizes and transforms for the eight
// EXIF orientations, the halving steps, the byte-driven shrink.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { uprightSize, uprightTransform } from '../../src/evidence/compress/orientation.ts';
import { downscaleSteps, fitLongEdge, MIN_LONG_EDGE, planPhoto, shrinkFor } from '../../src/evidence/compress/plan.ts';
import { PHOTO_LONG_EDGE, PHOTO_TARGET_BYTES, THUMB_LONG_EDGE } from '../../src/domain/evidence/index.ts';

const apply = ([a, b, c, d, e, f]: number[], x: number, y: number) => [a! * x + c! * y + e!, b! * x + d! * y + f!];

describe('EXIF orientation', () => {
  // Where the stored picture's top-left and top-right corners are seen, per the EXIF definition
  // of the tag (1: as stored, 6: turned 90° clockwise to view, 8: counter-clockwise, …).
  const table: Array<[number, string, string]> = [
    [1, 'top-left', 'top-right'],
    [2, 'top-right', 'top-left'],
    [3, 'bottom-right', 'bottom-left'],
    [4, 'bottom-left', 'bottom-right'],
    [5, 'top-left', 'bottom-left'],
    [6, 'top-right', 'bottom-right'],
    [7, 'bottom-right', 'top-right'],
    [8, 'bottom-left', 'top-left'],
  ];
  const w = 400;
  const h = 300;
  for (const [o, topLeftGoes, topRightGoes] of table) {
    it(`${o}: stored top-left is seen ${topLeftGoes}, top-right ${topRightGoes}`, () => {
      const size = uprightSize(o, w, h);
      expect(size).toEqual(o >= 5 ? { width: h, height: w } : { width: w, height: h });
      const m = uprightTransform(o, w, h);
      const name = ([x, y]: number[]) => `${y === 0 ? 'top' : y === size.height ? 'bottom' : '?'}-${x === 0 ? 'left' : x === size.width ? 'right' : '?'}`;
      expect(name(apply(m, 0, 0))).toBe(topLeftGoes);
      expect(name(apply(m, w, 0))).toBe(topRightGoes);
      // The stored rectangle lands exactly on the upright canvas.
      const xs = [apply(m, 0, 0), apply(m, w, 0), apply(m, 0, h), apply(m, w, h)];
      expect(Math.min(...xs.map((p) => p[0]!))).toBe(0);
      expect(Math.max(...xs.map((p) => p[0]!))).toBe(size.width);
      expect(Math.min(...xs.map((p) => p[1]!))).toBe(0);
      expect(Math.max(...xs.map((p) => p[1]!))).toBe(size.height);
    });
  }
});

describe('sizes', () => {
  it('fitLongEdge keeps the shape, never enlarges', () => {
    expect(fitLongEdge({ width: 4000, height: 3000 }, 1600)).toEqual({ width: 1600, height: 1200 });
    expect(fitLongEdge({ width: 3000, height: 4000 }, 1600)).toEqual({ width: 1200, height: 1600 });
    expect(fitLongEdge({ width: 800, height: 600 }, 1600)).toEqual({ width: 800, height: 600 });
    expect(fitLongEdge({ width: 10000, height: 10 }, 240)).toEqual({ width: 240, height: 1 });
  });
  it('planPhoto: 1600 px and 300 KB for a photo, 240 px thumbnails', () => {
    expect(planPhoto({ width: 4032, height: 3024 })).toEqual({ target: { width: 1600, height: 1200 }, thumbEdge: THUMB_LONG_EDGE, targetBytes: PHOTO_TARGET_BYTES });
    expect(PHOTO_LONG_EDGE).toBe(1600);
    expect(PHOTO_TARGET_BYTES).toBe(300_000);
  });
  it('downscaleSteps: 12 MP to 1600 px is one halving then one final step', () => {
    expect(downscaleSteps({ width: 4000, height: 3000 }, { width: 1600, height: 1200 })).toEqual([{ width: 2000, height: 1500 }, { width: 1600, height: 1200 }]);
    expect(downscaleSteps({ width: 1600, height: 1200 }, { width: 1600, height: 1200 })).toEqual([]);
    expect(downscaleSteps({ width: 1600, height: 1200 }, { width: 240, height: 180 })).toEqual([{ width: 800, height: 600 }, { width: 400, height: 300 }, { width: 240, height: 180 }]);
  });
  it('downscaleSteps: every step at most halves, never grows, and ends on the target', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 12000 }), fc.integer({ min: 1, max: 12000 }), fc.integer({ min: 16, max: 2000 }), (w, h, edge) => {
      const to = fitLongEdge({ width: w, height: h }, edge);
      const steps = downscaleSteps({ width: w, height: h }, to);
      let prev = { width: w, height: h };
      for (const s of steps) {
        expect(s.width).toBeLessThanOrEqual(prev.width);
        expect(s.height).toBeLessThanOrEqual(prev.height);
        expect(s.width * 2 + 1).toBeGreaterThanOrEqual(prev.width);
        expect(s.height * 2 + 1).toBeGreaterThanOrEqual(prev.height);
        expect(s.width).toBeGreaterThanOrEqual(to.width);
        expect(s.height).toBeGreaterThanOrEqual(to.height);
        prev = s;
      }
      expect(prev).toEqual(to);
    }));
  });
  it('shrinkFor: cuts the area towards the target, at least by 0.8 a side, never below the floor', () => {
    expect(shrinkFor({ width: 1600, height: 1200 }, 350_000, 300_000)).toEqual({ width: 1280, height: 960 });
    expect(shrinkFor({ width: 1600, height: 1200 }, 400_000, 300_000)).toEqual({ width: 1277, height: 958 });
    const big = shrinkFor({ width: 1600, height: 1200 }, 1_000_000, 300_000)!;
    expect(Math.max(big.width, big.height)).toBe(Math.floor(1600 * Math.sqrt(0.255))); // 807
    expect(shrinkFor({ width: 1600, height: 1200 }, 100_000_000, 300_000)).toEqual({ width: MIN_LONG_EDGE, height: 600 });
    expect(shrinkFor({ width: MIN_LONG_EDGE, height: 600 }, 400_000, 300_000)).toBeNull();
  });
});
