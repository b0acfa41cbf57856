// The JPEG header reader of the photo compressor: pixel size and EXIF orientation, in both byte
// orders, from files written by exiftool (an independent tool) and by the tests' own writer,
// and the neutralised copy that every decoder then reads as orientation 1.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { neutraliseOrientation, readJpegHeader, type JpegHeader } from '../../src/evidence/compress/jpeg-header.ts';
import { withExif } from '../fixtures/evidence/exif.ts';

const dir = join(import.meta.dirname, '../fixtures/evidence');
const file = (name: string) => new Uint8Array(readFileSync(join(dir, name)));
const header = (b: Uint8Array): JpegHeader => {
  const r = readJpegHeader(b);
  if (!r || !('header' in r)) throw new Error(`no header: ${JSON.stringify(r)}`);
  return r.header;
};

describe('readJpegHeader on files written by exiftool', () => {
  for (let o = 1; o <= 8; o++) {
    const order = o % 2 === 1 ? 'MM' : 'II';
    it(`orientation ${o}, ${order}`, () => {
      const h = header(file(`exiftool-o${o}-${order}.jpg`));
      expect(h).toMatchObject({ width: 64, height: 48, orientation: o, littleEndian: order === 'II' });
      expect(h.orientationAt).not.toBeNull();
    });
  }
  it('EXIF without an orientation tag, and no EXIF at all: orientation 1', () => {
    expect(header(file('exiftool-no-orientation.jpg'))).toMatchObject({ width: 64, height: 48, orientation: 1, orientationAt: null });
    expect(header(file('quarters-64x48.jpg'))).toMatchObject({ width: 64, height: 48, orientation: 1, orientationAt: null });
  });
});

describe('readJpegHeader on segments placed as phones place them', () => {
  const base = file('quarters-64x48.jpg');
  it('after a JFIF APP0 or right after SOI, with a Make tag before the orientation, either byte order', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 8 }), fc.constantFrom('II' as const, 'MM' as const), fc.boolean(), fc.option(fc.string({ maxLength: 20 }).filter((s) => !s.includes('\0'))), (orientation, byteOrder, afterApp0, make) => {
      const h = header(withExif(base, { orientation, byteOrder, afterApp0, ...(make === null ? {} : { make }) }));
      expect(h).toMatchObject({ width: 64, height: 48, orientation, littleEndian: byteOrder === 'II' });
    }));
  });
  it('an orientation outside 1–8 reads as 1', () => {
    expect(header(withExif(base, { orientation: 9 })).orientation).toBe(1);
    expect(header(withExif(base, { orientation: 0 })).orientation).toBe(1);
  });
  it('asks for more bytes when the frame header is beyond what it was given, and finds it then', () => {
    const b = withExif(base, { orientation: 6 });
    const sof = b.findIndex((x, i) => x === 0xff && b[i + 1] === 0xc0);
    expect(readJpegHeader(b.subarray(0, sof + 3))).toEqual({ needMore: true });
    expect(header(b).orientation).toBe(6);
  });
  it('refuses what is not a JPEG, and a file whose markers lose sync', () => {
    expect(readJpegHeader(new TextEncoder().encode('%PDF-1.7 not a photo'))).toBeNull();
    const broken = base.slice();
    broken[2] = 0x00; // the first marker is gone
    expect(readJpegHeader(broken)).toBeNull();
  });
});

describe('neutraliseOrientation', () => {
  it('changes only the two orientation bytes, and the copy reads as orientation 1 with the same size', () => {
    for (let o = 1; o <= 8; o++) {
      const order = o % 2 === 1 ? 'MM' : 'II';
      const original = file(`exiftool-o${o}-${order}.jpg`);
      const h = header(original);
      const copy = neutraliseOrientation(original, h);
      expect(copy.length).toBe(original.length);
      const changed = [...copy.keys()].filter((i) => copy[i] !== original[i]);
      expect(changed.every((i) => i === h.orientationAt || i === h.orientationAt! + 1)).toBe(true);
      expect(header(copy)).toMatchObject({ width: 64, height: 48, orientation: 1 });
      expect(header(original).orientation).toBe(o); // the original is left as it was
    }
  });
});
