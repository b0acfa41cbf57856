// Reads what the compressor needs from a JPEG's header — pixel size (SOF) and EXIF orientation —
// and neutralises that orientation in a copy of the header, so every decoder (createImageBitmap
// in a worker, an <img> on Chrome 80 that ignores EXIF, a newer one that honours it) hands back
// the same stored pixels and the compressor turns them itself. Pure: bytes in, numbers out.

/** What the header says; `orientationAt` is the offset of the 2-byte orientation value, if any. */
export interface JpegHeader {
  width: number;
  height: number;
  /** EXIF orientation 1–8 (1 when absent or invalid). */
  orientation: number;
  orientationAt: number | null;
  littleEndian: boolean;
}

const SOF_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);
const ORIENTATION_TAG = 0x0112;
const SHORT = 3;

/** `{ header }`, or `{ needMore }` when the SOF lies beyond `bytes` (read more and ask again), or null when not a JPEG. */
export function readJpegHeader(bytes: Uint8Array): { header: JpegHeader } | { needMore: true } | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let orientation = 1;
  let orientationAt: number | null = null;
  let littleEndian = false;
  let i = 2;
  while (i + 4 <= bytes.length) {
    if (bytes[i] !== 0xff) return null; // lost sync: not a JPEG we can read
    const marker = bytes[i + 1]!;
    if (marker === 0xff) { i++; continue; } // fill byte
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { i += 2; continue; }
    if (marker === 0xd9 || marker === 0xda) return null; // end or scan before any frame header
    const length = view.getUint16(i + 2);
    if (length < 2) return null;
    const start = i + 4;
    const end = i + 2 + length;
    if (SOF_MARKERS.has(marker)) {
      if (start + 5 > bytes.length) return { needMore: true };
      const height = view.getUint16(start + 1);
      const width = view.getUint16(start + 3);
      if (width === 0 || height === 0) return null; // DNL-defined height: not met in practice
      return { header: { width, height, orientation, orientationAt, littleEndian } };
    }
    if (marker === 0xe1 && orientationAt === null && end <= bytes.length) {
      const found = exifOrientation(view, start, end);
      if (found) ({ orientation, orientationAt, littleEndian } = found);
    }
    i = end;
  }
  return { needMore: true };
}

/** Orientation in an APP1 segment's payload [start, end), if it is EXIF and holds one. */
function exifOrientation(view: DataView, start: number, end: number): { orientation: number; orientationAt: number; littleEndian: boolean } | null {
  // "Exif\0\0", then a TIFF header: byte order, 42, offset of IFD0 (from the TIFF header).
  if (end - start < 14 || view.getUint32(start) !== 0x45786966 || view.getUint16(start + 4) !== 0) return null;
  const tiff = start + 6;
  const order = view.getUint16(tiff);
  if (order !== 0x4949 && order !== 0x4d4d) return null;
  const le = order === 0x4949;
  if (view.getUint16(tiff + 2, le) !== 42) return null;
  const ifd0 = tiff + view.getUint32(tiff + 4, le);
  if (ifd0 + 2 > end) return null;
  const count = view.getUint16(ifd0, le);
  for (let k = 0; k < count; k++) {
    const entry = ifd0 + 2 + k * 12;
    if (entry + 12 > end) return null;
    if (view.getUint16(entry, le) !== ORIENTATION_TAG) continue;
    if (view.getUint16(entry + 2, le) !== SHORT || view.getUint32(entry + 4, le) < 1) return null;
    const value = view.getUint16(entry + 8, le);
    return { orientation: value >= 1 && value <= 8 ? value : 1, orientationAt: entry + 8, littleEndian: le };
  }
  return null;
}

/** A copy of `head` whose EXIF orientation says 1 (same length, nothing else changed). */
export function neutraliseOrientation(head: Uint8Array, h: JpegHeader): Uint8Array {
  const copy = head.slice();
  if (h.orientationAt !== null) new DataView(copy.buffer).setUint16(h.orientationAt, 1, h.littleEndian);
  return copy;
}
