// prepareEvidenceFile: turns what a person picked (camera or files) into the bytes to store — a
// photo compressed upright to ≈ 1600 px and ≤ 300 KB with its thumbnail, or a PDF as it is up to
// 5 MB — with their SHA-256, or refuses it with a Vietnamese message (EvidenceFileError). Reads
// the file once into what is kept, so a picker's file that later becomes unreadable costs nothing.
import {
  MAX_EVIDENCE_BYTES,
  MAX_PHOTO_INPUT_BYTES,
  MAX_PHOTO_PIXELS,
  sniffKind,
  type StoredEvidenceType,
} from '../domain/evidence/index.ts';
import { compress, type CompressMode, type CompressRun } from './compress/client.ts';
import { neutraliseOrientation, readJpegHeader, type JpegHeader } from './compress/jpeg-header.ts';
import { AbortedError, DecodeError, type CompressTimings } from './compress/pipeline.ts';
import { sha256Hex, sha256Method } from './hash/sha256.ts';
import { EvidenceFileError, type EvidenceProgress } from './messages.ts';

/** What to store for one attachment. */
export interface PreparedEvidence {
  /** The bytes to store and upload (a new JPEG for a photo, the file itself for a PDF). */
  bytes: Blob;
  /** A small JPEG (long edge 240 px) for lists; null for a PDF. */
  thumbnail: Blob | null;
  type: StoredEvidenceType;
  /** Byte length of `bytes`. */
  size: number;
  /** SHA-256 of `bytes`, 64 lowercase hex digits: the file's identity on the phone and the server. */
  sha256: string;
  /** The name the file had on the phone (a photo keeps its name with .jpg). */
  name: string;
  /** Pixels of `bytes`, upright (photos only). */
  width?: number;
  height?: number;
  /** How a photo was made, for the progress line, tests and the bench. */
  photo?: {
    sourceBytes: number;
    sourceWidth: number;
    sourceHeight: number;
    orientation: number;
    quality: number;
    encodes: number;
    thumbWidth: number;
    thumbHeight: number;
    via: 'worker' | 'page';
    pageReason?: string;
    timings: CompressTimings & { hashMs: number };
  };
  hashMethod: 'webcrypto' | 'fallback';
}

export interface PrepareOptions {
  onProgress?: (p: EvidenceProgress) => void;
  /** 'auto' (default): the worker, else the page. 'worker' / 'page' force one (tests, bench). */
  mode?: CompressMode;
  signal?: AbortSignal;
}

const MB = 1_000_000;
const mb = (bytes: number): number => Math.round((bytes / MB) * 10) / 10;
/** Enough for SOI, EXIF (≤ 64 KB) and the usual ICC profile before the frame header. */
const HEAD_BYTES = 256 * 1024;
const HEAD_MAX = 2 * MB;

async function readBytes(file: Blob, name: string, from = 0, to = file.size): Promise<Uint8Array> {
  try {
    return new Uint8Array(await file.slice(from, to).arrayBuffer());
  } catch (e) {
    // NotReadableError: the picker's file went away (moved, deleted, a cloud file not downloaded).
    throw new EvidenceFileError('file-unreadable', { name }, { cause: e });
  }
}

function jpgName(name: string): string {
  const base = name.replace(/\.[A-Za-z0-9]{1,5}$/, '');
  return `${base || 'anh'}.jpg`;
}

/** PNG's size from its IHDR (bytes 16–23), before anything is decoded. */
function pngSize(head: Uint8Array): { width: number; height: number } | null {
  if (head.length < 24) return null;
  const v = new DataView(head.buffer, head.byteOffset, head.byteLength);
  return { width: v.getUint32(16), height: v.getUint32(20) };
}

function checkPixels(size: { width: number; height: number } | null, name: string): void {
  if (!size) return;
  const pixels = size.width * size.height;
  if (pixels > MAX_PHOTO_PIXELS) {
    throw new EvidenceFileError('photo-too-many-pixels', { name, megapixels: Math.round(pixels / 1e5) / 10, maxMegapixels: MAX_PHOTO_PIXELS / 1e6 });
  }
}

async function preparePdf(file: Blob, name: string, report: (p: EvidenceProgress) => void): Promise<PreparedEvidence> {
  if (file.size > MAX_EVIDENCE_BYTES) throw new EvidenceFileError('pdf-too-large', { name, sizeMb: mb(file.size), maxMb: mb(MAX_EVIDENCE_BYTES) });
  report({ stage: 'read', fraction: 0.2 });
  const bytes = await readBytes(file, name);
  // A PDF ends with %%EOF (a few bytes of line ends may follow); without it the file was cut off.
  const tail = new TextDecoder('latin1').decode(bytes.subarray(Math.max(0, bytes.length - 4096)));
  if (!tail.includes('%%EOF')) throw new EvidenceFileError('pdf-damaged', { name });
  report({ stage: 'hash', fraction: 0.7 });
  const sha256 = await sha256Hex(bytes);
  report({ stage: 'done', fraction: 1 });
  return { bytes: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }), thumbnail: null, type: 'application/pdf', size: bytes.length, sha256, name, hashMethod: sha256Method() };
}

async function preparePhoto(file: Blob, name: string, head: Uint8Array, kind: 'jpeg' | 'png' | 'webp', opts: PrepareOptions, report: (p: EvidenceProgress) => void): Promise<PreparedEvidence> {
  if (file.size > MAX_PHOTO_INPUT_BYTES) throw new EvidenceFileError('photo-too-large', { name, sizeMb: mb(file.size), maxMb: mb(MAX_PHOTO_INPUT_BYTES) });
  let blob = file;
  let orientation = 1;
  if (kind === 'jpeg') {
    let header: JpegHeader | null = null;
    let got = head;
    for (;;) {
      const r = readJpegHeader(got);
      if (r && 'header' in r) { header = r.header; break; }
      if (!r || got.length >= Math.min(file.size, HEAD_MAX)) break;
      got = await readBytes(file, name, 0, Math.min(file.size, HEAD_MAX));
    }
    if (!header) throw new EvidenceFileError('image-unreadable', { name });
    checkPixels(header, name);
    orientation = header.orientation;
    // The decoder sees orientation 1 and hands back the stored pixels; the pipeline turns them.
    // Only the header is copied: the rest of the file is a slice of the original Blob.
    if (header.orientationAt !== null) blob = new Blob([neutraliseOrientation(got, header) as Uint8Array<ArrayBuffer>, file.slice(got.length)], { type: 'image/jpeg' });
  } else if (kind === 'png') {
    checkPixels(pngSize(head), name);
  }

  let run: CompressRun;
  try {
    run = await compress({ blob, orientation }, {
      mode: opts.mode,
      signal: opts.signal,
      onStage: (stage, fraction) => report({ stage, fraction: fraction * 0.9 }),
    });
  } catch (e) {
    if (e instanceof AbortedError) throw new EvidenceFileError('aborted', { name }, { cause: e });
    if (e instanceof DecodeError) throw new EvidenceFileError('image-unreadable', { name }, { cause: e });
    throw new EvidenceFileError('compress-failed', { name }, { cause: e });
  }
  // Non-JPEG sources have no header check: a huge PNG/WebP is refused once its size is known.
  checkPixels({ width: run.sourceWidth, height: run.sourceHeight }, name);

  report({ stage: 'hash', fraction: 0.92 });
  const t = typeof performance !== 'undefined' ? performance.now() : Date.now();
  const sha256 = await sha256Hex(run.bytes);
  const hashMs = (typeof performance !== 'undefined' ? performance.now() : Date.now()) - t;
  report({ stage: 'done', fraction: 1 });
  return {
    bytes: run.bytes,
    thumbnail: run.thumbnail,
    type: 'image/jpeg',
    size: run.bytes.size,
    sha256,
    name: jpgName(name),
    width: run.width,
    height: run.height,
    photo: {
      sourceBytes: file.size,
      sourceWidth: run.sourceWidth,
      sourceHeight: run.sourceHeight,
      orientation,
      quality: run.quality,
      encodes: run.encodes,
      thumbWidth: run.thumbWidth,
      thumbHeight: run.thumbHeight,
      via: run.via,
      ...(run.pageReason ? { pageReason: run.pageReason } : {}),
      timings: { ...run.timings, hashMs },
    },
    hashMethod: sha256Method(),
  };
}

/**
 * Prepares one picked file for storing as evidence (minh chứng). Rejects with EvidenceFileError
 * (`code`, Vietnamese `message`, `messageEn`) when the file is refused or cannot be prepared.
 */
export async function prepareEvidenceFile(file: Blob & { name?: string }, opts: PrepareOptions = {}): Promise<PreparedEvidence> {
  const name = file.name ?? '';
  const report = (p: EvidenceProgress): void => opts.onProgress?.(p);
  report({ stage: 'read', fraction: 0 });
  if (opts.signal?.aborted) throw new EvidenceFileError('aborted', { name });
  if (file.size === 0) throw new EvidenceFileError('empty-file', { name });
  const head = await readBytes(file, name, 0, Math.min(file.size, HEAD_BYTES));
  const kind = sniffKind(head);
  switch (kind) {
    case 'pdf':
      return preparePdf(file, name, report);
    case 'jpeg':
    case 'png':
    case 'webp':
      return preparePhoto(file, name, head, kind, opts, report);
    case 'heic':
    case 'avif':
      throw new EvidenceFileError('heic-unsupported', { name });
    default:
      throw new EvidenceFileError('unsupported-type', { name });
  }
}
