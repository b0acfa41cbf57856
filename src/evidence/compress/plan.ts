// The compressor's decisions as pure functions of sizes: the upright target size, the chain of
// halving steps that gets there (each draw at most halves, which keeps a bilinear resize sharp and
// free of aliasing), and the JPEG quality ladder. Tested as tables; the pipeline only follows them.
import { PHOTO_LONG_EDGE, PHOTO_TARGET_BYTES, THUMB_LONG_EDGE } from '../../domain/evidence/index.ts';

export interface Size { width: number; height: number }

/** `size` scaled so its long edge is at most `longEdge` (never enlarged; at least 1 px a side). */
export function fitLongEdge(size: Size, longEdge: number): Size {
  const long = Math.max(size.width, size.height);
  if (long <= longEdge) return { width: size.width, height: size.height };
  const k = longEdge / long;
  return { width: Math.max(1, Math.round(size.width * k)), height: Math.max(1, Math.round(size.height * k)) };
}

/**
 * The sizes to draw through from `from` down to `to`, last one `to`: halve (each side, never
 * below the target's) while a side is more than twice the target's, then one final step. No
 * step shrinks a side more than 2×. Empty when from = to.
 */
export function downscaleSteps(from: Size, to: Size): Size[] {
  const steps: Size[] = [];
  let w = from.width;
  let h = from.height;
  while (w / 2 > to.width || h / 2 > to.height) {
    w = Math.max(to.width, Math.round(w / 2));
    h = Math.max(to.height, Math.round(h / 2));
    steps.push({ width: w, height: h });
  }
  if (w !== to.width || h !== to.height) steps.push({ width: to.width, height: to.height });
  return steps;
}

/** JPEG qualities tried in turn until the photo fits PHOTO_TARGET_BYTES; below the last one the photo is made smaller instead. */
export const QUALITY_LADDER: readonly number[] = [0.86, 0.8, 0.74, 0.68, 0.62, 0.56, 0.5];

/** When even the lowest quality is too big, the photo is made smaller, each side by this factor at least… */
export const SHRINK_FACTOR = 0.8;
/** …but never below this long edge (at which any photo fits: 800 px at quality 0.5 is ≈ 100 KB). */
export const MIN_LONG_EDGE = 800;

export const THUMB_QUALITY = 0.7;

export interface CompressPlan {
  /** Upright size of the stored photo (before any shrinking for bytes). */
  target: Size;
  /** Long edge of the thumbnail. */
  thumbEdge: number;
  targetBytes: number;
}

/** The plan for an upright `size` photo. */
export function planPhoto(size: Size, opts: { longEdge?: number; thumbEdge?: number; targetBytes?: number } = {}): CompressPlan {
  return {
    target: fitLongEdge(size, opts.longEdge ?? PHOTO_LONG_EDGE),
    thumbEdge: opts.thumbEdge ?? THUMB_LONG_EDGE,
    targetBytes: opts.targetBytes ?? PHOTO_TARGET_BYTES,
  };
}

/** Where the ladder starts again after a shrink: the size estimate already aims under the target. */
export const LADDER_AFTER_SHRINK = 4;

/**
 * The smaller size to try when the lowest quality still gave `bytes` > `targetBytes`: JPEG size
 * grows about with the pixel count, so the area is cut to land near 85 % of the target (and by at
 * least SHRINK_FACTOR a side); null once the long edge is at MIN_LONG_EDGE.
 */
export function shrinkFor(size: Size, bytes: number, targetBytes: number): Size | null {
  const long = Math.max(size.width, size.height);
  if (long <= MIN_LONG_EDGE) return null;
  const k = Math.min(SHRINK_FACTOR, Math.sqrt((0.85 * targetBytes) / bytes));
  return fitLongEdge(size, Math.max(MIN_LONG_EDGE, Math.floor(long * k)));
}
