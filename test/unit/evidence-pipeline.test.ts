// The compressor's steps, run against a recording canvas kit (Node has no canvas; the real one
// runs in Chromium in test/e2e/evidence.spec.ts): what is drawn where, when the big decoded
// picture is let go, how the quality ladder and the shrink behave, that nothing is left allocated.
import { describe, expect, it } from 'vitest';
import { AbortedError, compressPhoto, DecodeError, type CanvasKit, type Ctx2D, type Surface } from '../../src/evidence/compress/pipeline.ts';
import { MIN_LONG_EDGE, QUALITY_LADDER } from '../../src/evidence/compress/plan.ts';

interface Event { kind: string; w?: number; h?: number; q?: number; m?: number[] }

/** A kit that records everything; encode size = pixels × bytesPerPixel(quality). */
function recordingKit(source: { width: number; height: number } | 'broken', bytesPerPixel: (q: number) => number) {
  const events: Event[] = [];
  let livePixels = 0;
  let peakPixels = 0;
  let liveSurfaces = 0;
  let decodedOpen = false;
  const alloc = (px: number) => { livePixels += px; peakPixels = Math.max(peakPixels, livePixels); };
  const kit: CanvasKit = {
    async decode() {
      if (source === 'broken') throw new Error('bad image data');
      const { width, height } = source;
      alloc(width * height);
      decodedOpen = true;
      events.push({ kind: 'decode', w: width, h: height });
      return { drawable: { decoded: true }, width, height, close: () => { if (decodedOpen) { decodedOpen = false; livePixels -= width * height; events.push({ kind: 'close' }); } } };
    },
    surface(width, height): Surface {
      events.push({ kind: 'surface', w: width, h: height });
      alloc(width * height);
      liveSurfaces++;
      let released = false;
      let transform = [1, 0, 0, 1, 0, 0];
      const ctx: Ctx2D = {
        fillStyle: '',
        imageSmoothingEnabled: false,
        imageSmoothingQuality: 'low',
        setTransform: (...m: number[]) => { transform = m; },
        fillRect: () => {},
        drawImage: (_src, _x, _y, dw, dh) => events.push({ kind: 'draw', w: dw, h: dh, m: transform }),
      };
      return {
        width,
        height,
        ctx,
        drawable: { surface: true },
        encode: async (_type, q) => {
          events.push({ kind: 'encode', w: width, h: height, q });
          return new Blob([new Uint8Array(Math.round(width * height * bytesPerPixel(q)))]);
        },
        release() {
          if (released) return;
          released = true;
          livePixels -= width * height;
          liveSurfaces--;
        },
      };
    },
  };
  return { kit, events, stats: () => ({ livePixels, peakPixels, liveSurfaces, decodedOpen }) };
}

// Like a phone photo at 1600×1200: ≈ 400 KB at 0.86, 345 KB at 0.8, 298 KB at 0.74.
const photoLike = (q: number) => ({ 0.86: 0.21, 0.8: 0.18, 0.74: 0.155 } as Record<number, number>)[q] ?? 0.12;

describe('compressPhoto', () => {
  it('12 MP stored sideways (orientation 6): one upright halving draw, big picture closed at once, 1200×1600 at the first quality that fits', async () => {
    const { kit, events, stats } = recordingKit({ width: 4000, height: 3000 }, photoLike);
    const out = await compressPhoto(kit, { blob: new Blob([]), orientation: 6 });
    expect(out).toMatchObject({ width: 1200, height: 1600, sourceWidth: 4000, sourceHeight: 3000, quality: 0.74, encodes: 3, thumbWidth: 180, thumbHeight: 240 });
    expect(out.bytes.size).toBeLessThanOrEqual(300_000);
    const kinds = events.map((e) => e.kind);
    // decode, the first (upright, halved) surface, its draw, then close — before anything else is allocated.
    expect(kinds.slice(0, 4)).toEqual(['decode', 'surface', 'draw', 'close']);
    expect(events[1]).toMatchObject({ w: 1500, h: 2000 });
    // Drawn at the stored shape (2000×1500) under the quarter-turn transform.
    expect(events[2]).toMatchObject({ w: 2000, h: 1500, m: [0, 1, -1, 0, 1500, 0] });
    expect(events.filter((e) => e.kind === 'encode').map((e) => e.q)).toEqual([0.86, 0.8, 0.74, 0.7]);
    expect(events.filter((e) => e.kind === 'encode').map((e) => `${e.w}×${e.h}`)).toEqual(['1200×1600', '1200×1600', '1200×1600', '180×240']);
    // At most the decoded picture and a quarter of it alive at once, and nothing alive after.
    expect(stats().peakPixels).toBe(12_000_000 + 3_000_000);
    expect(stats()).toMatchObject({ livePixels: 0, liveSurfaces: 0, decodedOpen: false });
  });

  it('a photo that fits at no quality is made smaller and tried again from the ladder\'s lower rungs', async () => {
    // 0.25 bytes a pixel at every quality: 1600×1200 is 480 KB; 300 KB needs ≤ 1.2 MP.
    const { kit, events, stats } = recordingKit({ width: 4000, height: 3000 }, () => 0.25);
    const out = await compressPhoto(kit, { blob: new Blob([]), orientation: 1 });
    expect(out.bytes.size).toBeLessThanOrEqual(300_000);
    expect(out.width).toBeLessThan(1600);
    expect(out.width / out.height).toBeCloseTo(4 / 3, 2);
    const qs = events.filter((e) => e.kind === 'encode' && e.w! >= 240 * 2).map((e) => e.q);
    expect(qs).toEqual([...QUALITY_LADDER, ...QUALITY_LADDER.slice(4, 5)]);
    expect(stats()).toMatchObject({ livePixels: 0, liveSurfaces: 0 });
  });

  it('gives up shrinking at the floor and keeps the best it has', async () => {
    const { kit, stats } = recordingKit({ width: 4000, height: 3000 }, () => 5);
    const out = await compressPhoto(kit, { blob: new Blob([]), orientation: 1 });
    expect(Math.max(out.width, out.height)).toBe(MIN_LONG_EDGE);
    expect(out.quality).toBe(QUALITY_LADDER[QUALITY_LADDER.length - 1]);
    expect(stats().liveSurfaces).toBe(0);
  });

  it('a small photo is not enlarged; its thumbnail is 240 px', async () => {
    const { kit, events } = recordingKit({ width: 640, height: 480 }, () => 0.1);
    const out = await compressPhoto(kit, { blob: new Blob([]), orientation: 1 });
    expect(out).toMatchObject({ width: 640, height: 480, thumbWidth: 240, thumbHeight: 180, encodes: 1 });
    expect(events.filter((e) => e.kind === 'surface').map((e) => `${e.w}×${e.h}`)).toEqual(['640×480', '320×240', '240×180']);
  });

  it('stopped between steps: AbortedError, nothing left allocated', async () => {
    const { kit, stats } = recordingKit({ width: 4000, height: 3000 }, photoLike);
    let asks = 0;
    await expect(compressPhoto(kit, { blob: new Blob([]), orientation: 3 }, () => {}, () => ++asks > 2)).rejects.toBeInstanceOf(AbortedError);
    expect(stats()).toMatchObject({ livePixels: 0, liveSurfaces: 0, decodedOpen: false });
  });

  it('an undecodable picture is a DecodeError', async () => {
    const { kit } = recordingKit('broken', photoLike);
    await expect(compressPhoto(kit, { blob: new Blob([]), orientation: 1 })).rejects.toBeInstanceOf(DecodeError);
  });

  it('reports its stages in order, with a growing fraction', async () => {
    const { kit } = recordingKit({ width: 4000, height: 3000 }, photoLike);
    const seen: Array<[string, number]> = [];
    await compressPhoto(kit, { blob: new Blob([]), orientation: 1 }, (s, f) => seen.push([s, f]));
    expect([...new Set(seen.map(([s]) => s))]).toEqual(['decode', 'resize', 'encode', 'thumbnail']);
    for (let i = 1; i < seen.length; i++) expect(seen[i]![1]).toBeGreaterThanOrEqual(seen[i - 1]![1]);
  });
});
