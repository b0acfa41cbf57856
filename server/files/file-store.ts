// The server's port for evidence bytes: files addressed by the SHA-256 of their content, each
// kept once. Routes (PUT/GET /api/v1/blobs/{sha256}, issue #15) speak only to this interface;
// the embedded default keeps files under the data folder (disk-file-store.ts), a folder every
// server process mounts takes its place on a deployment of several (shared-folder-file-store.ts),
// and an S3-compatible store can, by passing the same contract suite
// (test/server/file-store-contract.ts). A store never keeps bytes that do not match their hash.
import { createHash } from 'node:crypto';
import { isSha256Hex, SNIFF_BYTES, sniffKind, type SniffedKind } from '../../src/domain/evidence/index.ts';

/** What a file arrives as: whole, a web stream (a request body), or any async source of chunks. */
export type FileBody = Uint8Array | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

export interface PutOptions {
  /** Refuse (413) a body longer than this, as soon as it is longer. */
  maxBytes?: number;
  /** Refuse (415) a body whose first bytes are none of these kinds (the route passes 'jpeg', 'pdf': what the phone stores). */
  kinds?: readonly SniffedKind[];
}

export interface PutResult {
  /** False when the file was already held (a repeat is answered the same way, nothing rewritten). */
  created: boolean;
  size: number;
}

export interface StoredFile {
  size: number;
  /** The bytes; cancel it to stop reading (the file is closed either way). */
  stream: ReadableStream<Uint8Array>;
}

export interface FileStore {
  /** 'disk', 'shared-folder'; an S3-compatible store would be 's3' (the seam: server/files/index.ts). */
  readonly kind: string;
  has(sha256: string): Promise<boolean>;
  /** Byte length, or null when not held. */
  size(sha256: string): Promise<number | null>;
  /**
   * Stores `body` under `sha256` once its bytes are proven to hash to it. Either the whole file
   * becomes visible at once, or nothing does (mismatch, over the cap, a body cut off, a crash).
   * Safe to call concurrently and repeatedly for the same hash.
   */
  put(sha256: string, body: FileBody, opts?: PutOptions): Promise<PutResult>;
  /** The file, or null when not held. */
  get(sha256: string): Promise<StoredFile | null>;
  /** Removes the file; false when it was not held. */
  delete(sha256: string): Promise<boolean>;
  /**
   * Records that `owner` (a commune id) holds this file: who may read it and whose total it counts
   * in. Once per owner (a repeat changes nothing); the file must be held.
   */
  claim(sha256: string, owner: string): Promise<void>;
  /** The owners of a held file (none when nobody claimed it). */
  owners(sha256: string): Promise<string[]>;
  /** Bytes of all files `owner` claimed (each counted once). */
  usage(owner: string): Promise<number>;
  close(): Promise<void>;
}

/** Why a put was refused; `status` is the HTTP answer a route gives for it. */
export type FileStoreErrorCode = 'bad-hash' | 'hash-mismatch' | 'too-large' | 'wrong-kind' | 'body-failed';

const STATUS: Record<FileStoreErrorCode, 400 | 413 | 415> = { 'bad-hash': 400, 'hash-mismatch': 400, 'too-large': 413, 'wrong-kind': 415, 'body-failed': 400 };

export class FileStoreError extends Error {
  readonly code: FileStoreErrorCode;
  readonly status: 400 | 413 | 415;
  constructor(code: FileStoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message);
    this.name = 'FileStoreError';
    this.code = code;
    this.status = STATUS[code];
    if (options?.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
  }
}

/** An owner id names a folder: the code segments' characters only, never '.' or '..'. */
export const OWNER_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** Throws 'bad-hash' unless `sha256` is 64 lowercase hex digits (which also keeps it from naming a path). */
export function assertSha256(sha256: string): void {
  if (!isSha256Hex(sha256)) throw new FileStoreError('bad-hash', 'not a SHA-256 (64 lowercase hex digits)');
}

async function* chunksOf(body: FileBody): AsyncIterable<Uint8Array> {
  if (body instanceof Uint8Array) {
    yield body;
    return;
  }
  yield* body as AsyncIterable<Uint8Array>; // a web ReadableStream is async-iterable in Node 20
}

/**
 * Reads `body` to its end, handing each chunk to `sink` while hashing and counting it; resolves
 * with the size once the bytes hash to `sha256`, else throws (mismatch, over `maxBytes`, or the
 * body failed). The caller commits what `sink` wrote only after this resolved.
 */
export async function readVerified(sha256: string, body: FileBody, sink: (chunk: Uint8Array) => Promise<void> | void, opts: PutOptions = {}): Promise<number> {
  assertSha256(sha256);
  const hash = createHash('sha256');
  let size = 0;
  // The first bytes, gathered across chunks until there are enough to tell the kind.
  let head: Uint8Array | null = opts.kinds ? new Uint8Array(0) : null;
  const checkKind = (final: boolean): void => {
    if (!head || (!final && head.length < SNIFF_BYTES)) return;
    const kind = sniffKind(head);
    if (!opts.kinds!.includes(kind)) throw new FileStoreError('wrong-kind', `a ${kind} file, not one of ${opts.kinds!.join(', ')}`);
    head = null;
  };
  try {
    for await (const chunk of chunksOf(body)) {
      size += chunk.byteLength;
      if (opts.maxBytes !== undefined && size > opts.maxBytes) throw new FileStoreError('too-large', `body longer than ${opts.maxBytes} bytes`);
      if (head) {
        const take = chunk.subarray(0, SNIFF_BYTES - head.length);
        const joined = new Uint8Array(head.length + take.length);
        joined.set(head);
        joined.set(take, head.length);
        head = joined;
        checkKind(false);
      }
      hash.update(chunk);
      await sink(chunk);
    }
    checkKind(true);
  } catch (e) {
    if (e instanceof FileStoreError) throw e;
    throw new FileStoreError('body-failed', `body ended early: ${(e as Error)?.message ?? String(e)}`, { cause: e });
  }
  const got = hash.digest('hex');
  if (got !== sha256) throw new FileStoreError('hash-mismatch', `the bytes hash to ${got}, not to ${sha256}`);
  return size;
}
