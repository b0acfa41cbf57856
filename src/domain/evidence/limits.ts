// Minh chứng (evidence files): the limits the phone, the server and the tests share. Plain
// constants and one pure check; no DOM, no Node. 1 MB = 1 000 000 B, as an Android phone shows it.

/** The one spelling of a file's identity: SHA-256 of its bytes, 64 lowercase hex digits. */
export const SHA256_HEX_RE = /^[0-9a-f]{64}$/;

/** Whether `s` is a file identity (also what keeps a hash from naming a path on the server). */
export function isSha256Hex(s: unknown): s is string {
  return typeof s === 'string' && SHA256_HEX_RE.test(s);
}

/** Largest stored file: a PDF above it is refused on the phone, an upload above it gets 413. */
export const MAX_EVIDENCE_BYTES = 5_000_000;

/** Default cap on the evidence files one commune keeps on the server (COMMUNE_EVIDENCE_MB sets it). */
export const MAX_COMMUNE_EVIDENCE_BYTES = 1_000_000_000;

/** The API path of a file by its hash, under the API prefix. */
export const BLOB_PATH = '/blobs';

/** A photo is re-encoded until it is at most this size (the "about 300 KB"). */
export const PHOTO_TARGET_BYTES = 300_000;

/** Long edge of a stored photo, in pixels (never enlarged). */
export const PHOTO_LONG_EDGE = 1600;

/** Long edge of a thumbnail, in pixels. */
export const THUMB_LONG_EDGE = 240;

/** Largest photo the phone tries to open: 50 million pixels decode to 200 MB of memory. */
export const MAX_PHOTO_PIXELS = 50_000_000;

/** Largest photo file the phone tries to open (a camera's 50 MP JPEG is 15–25 MB). */
export const MAX_PHOTO_INPUT_BYTES = 40_000_000;

/** What is ever stored: photos are re-encoded as JPEG, PDFs kept as they are. */
export const STORED_EVIDENCE_TYPES = ['image/jpeg', 'application/pdf'] as const;
export type StoredEvidenceType = (typeof STORED_EVIDENCE_TYPES)[number];
