// The photo compressor itself, written once against a small canvas kit so the same steps run in
// the worker (OffscreenCanvas) and on the page (the fallback's <canvas>): decode once, draw the
// stored pixels upright and halved in one draw, halve again while that helps, close the decoded
// bitmap as soon as it is drawn, step the JPEG quality down until the photo fits, then derive the
// thumbnail from the small copy. At most two canvases live at a time. Never reads the network.
import type { EvidenceStage } from '../messages.ts';
import { downscaleSteps, fitLongEdge, planPhoto, QUALITY_LADDER, shrinkFor, THUMB_QUALITY, LADDER_AFTER_SHRINK, type Size } from './plan.ts';
import { swapsSides, uprightSize, uprightTransform } from './orientation.ts';

/** What can be drawn: an ImageBitmap, an image element or another surface's canvas. */
export type Drawable = object;

/** The part of a 2D context the pipeline uses (an OffscreenCanvas' and a <canvas>' alike). */
export interface Ctx2D {
  fillStyle: string | CanvasGradient | CanvasPattern;
  imageSmoothingEnabled: boolean;
  imageSmoothingQuality: ImageSmoothingQuality;
  setTransform(a: number, b: number, c: number, d: number, e: number, f: number): void;
  fillRect(x: number, y: number, w: number, h: number): void;
  drawImage(image: Drawable, dx: number, dy: number, dw: number, dh: number): void;
}

/** A canvas of a fixed size that can be drawn from and encoded. */
export interface Surface {
  readonly width: number;
  readonly height: number;
  readonly ctx: Ctx2D;
  /** The canvas itself, to draw it onto the next surface. */
  readonly drawable: Drawable;
  encode(type: 'image/jpeg', quality: number): Promise<Blob>;
  /** Frees the backing pixels now (a phone should not wait for the garbage collector). */
  release(): void;
}

/** A decoded image in its stored orientation. */
export interface Decoded {
  readonly drawable: Drawable;
  readonly width: number;
  readonly height: number;
  close(): void;
}

/** A canvas of either kind as a Surface; `encode` is the kind's own (convertToBlob / toBlob). */
export function canvasSurface(canvas: { width: number; height: number; getContext(id: '2d'): unknown }, encode: Surface['encode']): Surface {
  const { width, height } = canvas;
  const ctx = canvas.getContext('2d') as Ctx2D | null;
  if (!ctx) throw new Error('no 2d context');
  return {
    width,
    height,
    ctx,
    drawable: canvas,
    encode,
    release() {
      canvas.width = 0;
      canvas.height = 0;
    },
  };
}

/** An ImageBitmap as a Decoded picture. */
export function bitmapDecoded(bitmap: ImageBitmap): Decoded {
  return { drawable: bitmap, width: bitmap.width, height: bitmap.height, close: () => bitmap.close() };
}

/** Where the pipeline runs: in the worker or on the page. */
export interface CanvasKit {
  decode(blob: Blob): Promise<Decoded>;
  surface(width: number, height: number): Surface;
}

export interface CompressInput {
  /** The image bytes whose own orientation tag (if any) already says 1 (see jpeg-header.ts). */
  blob: Blob;
  /** EXIF orientation to apply, 1–8. */
  orientation: number;
  longEdge?: number;
  thumbEdge?: number;
  targetBytes?: number;
}

export interface CompressTimings {
  decodeMs: number;
  resizeMs: number;
  encodeMs: number;
  thumbnailMs: number;
}

export interface CompressOutput {
  bytes: Blob;
  thumbnail: Blob;
  width: number;
  height: number;
  thumbWidth: number;
  thumbHeight: number;
  /** Stored size of the input, before orientation. */
  sourceWidth: number;
  sourceHeight: number;
  /** JPEG quality of `bytes`. */
  quality: number;
  /** How many JPEG encodes it took. */
  encodes: number;
  timings: CompressTimings;
}

/** Thrown by a kit when the image cannot be decoded (the caller turns it into 'image-unreadable'). */
export class DecodeError extends Error {
  constructor(cause: unknown) {
    super(`decode failed: ${(cause as Error)?.message ?? String(cause)}`);
    this.name = 'DecodeError';
  }
}

/** Thrown between steps when the caller gave up. */
export class AbortedError extends Error {
  constructor() {
    super('aborted');
    this.name = 'AbortedError';
  }
}

export type OnStage = (stage: EvidenceStage, fraction: number) => void;

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** Draws `from` (a surface or the decoded image, already upright) onto a new surface of `to`. */
function drawScaled(kit: CanvasKit, from: Drawable, to: Size): Surface {
  const s = kit.surface(to.width, to.height);
  s.ctx.imageSmoothingEnabled = true;
  s.ctx.imageSmoothingQuality = 'high';
  s.ctx.drawImage(from, 0, 0, to.width, to.height);
  return s;
}

/** Scales `surface` down to `to` through halving steps, releasing each intermediate (and `surface` when `releaseFrom`). */
function downscale(kit: CanvasKit, surface: Surface, to: Size, releaseFrom: boolean): Surface {
  let current = surface;
  for (const step of downscaleSteps(surface, to)) {
    const next = drawScaled(kit, current.drawable, step);
    if (current !== surface || releaseFrom) current.release();
    current = next;
  }
  return current;
}

/** Compresses one photo. `isAborted` is asked between steps. */
export async function compressPhoto(kit: CanvasKit, input: CompressInput, onStage: OnStage = () => {}, isAborted: () => boolean = () => false): Promise<CompressOutput> {
  const check = (): void => { if (isAborted()) throw new AbortedError(); };
  const t0 = now();
  onStage('decode', 0.05);
  let decoded: Decoded;
  try {
    decoded = await kit.decode(input.blob);
  } catch (e) {
    throw e instanceof AbortedError ? e : new DecodeError(e);
  }
  const sourceWidth = decoded.width;
  const sourceHeight = decoded.height;
  const o = input.orientation;
  const upright = uprightSize(o, sourceWidth, sourceHeight);
  const plan = planPhoto(upright, input);
  const steps = downscaleSteps(upright, plan.target);
  const first = steps[0] ?? plan.target;
  const t1 = now();

  let surface: Surface;
  try {
    check();
    onStage('resize', 0.3);
    // One draw turns the picture upright and makes the first (largest) step down; a white
    // ground first, since JPEG has no transparency (a PNG's clear pixels would turn black).
    surface = kit.surface(first.width, first.height);
    const ctx = surface.ctx;
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, first.width, first.height);
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = 'high';
    const drawW = swapsSides(o) ? first.height : first.width;
    const drawH = swapsSides(o) ? first.width : first.height;
    const [a, b, c, d, e, f] = uprightTransform(o, drawW, drawH);
    ctx.setTransform(a, b, c, d, e, f);
    ctx.drawImage(decoded.drawable, 0, 0, drawW, drawH);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
  } finally {
    // The full-size pixels go as soon as they are drawn: the largest allocation of the job.
    decoded.close();
  }
  let result: Surface | null = null;
  let thumbSurface: Surface | null = null;
  try {
    result = downscale(kit, surface, plan.target, true);
    const t2 = now();

    onStage('encode', 0.45);
    let encodes = 0;
    let bytes: Blob | null = null;
    let quality = QUALITY_LADDER[0]!;
    let ladder = QUALITY_LADDER;
    for (;;) {
      for (const q of ladder) {
        check();
        bytes = await result.encode('image/jpeg', q);
        encodes++;
        quality = q;
        onStage('encode', Math.min(0.8, 0.45 + encodes * 0.05));
        if (bytes.size <= plan.targetBytes) break;
      }
      if (bytes!.size <= plan.targetBytes) break;
      // Even the lowest quality is too big (a very detailed picture): make it smaller instead.
      const smaller = shrinkFor(result, bytes!.size, plan.targetBytes);
      if (!smaller) break;
      const next = drawScaled(kit, result.drawable, smaller);
      result.release();
      result = next;
      ladder = QUALITY_LADDER.slice(LADDER_AFTER_SHRINK);
    }
    const t3 = now();

    check();
    onStage('thumbnail', 0.85);
    thumbSurface = downscale(kit, result, fitLongEdge(result, plan.thumbEdge), false);
    const thumbnail = await thumbSurface.encode('image/jpeg', THUMB_QUALITY);
    const t4 = now();
    return {
      bytes: bytes!,
      thumbnail,
      width: result.width,
      height: result.height,
      thumbWidth: thumbSurface.width,
      thumbHeight: thumbSurface.height,
      sourceWidth,
      sourceHeight,
      quality,
      encodes,
      timings: { decodeMs: t1 - t0, resizeMs: t2 - t1, encodeMs: t3 - t2, thumbnailMs: t4 - t3 },
    };
  } finally {
    if (thumbSurface && thumbSurface !== result) thumbSurface.release();
    result?.release();
    if (result !== surface) surface.release();
  }
}
