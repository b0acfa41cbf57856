// Bytes for the file store tests: deterministic content, its SHA-256, chunked streams. No test
// runner import, so the killed-put child process (file-store-put-child.ts) can use it too.
import { createHash } from 'node:crypto';

export const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** Deterministic bytes of `n` length. */
export function bytesOf(n: number, seed = 1): Uint8Array {
  const b = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) { x ^= x << 13; x ^= x >>> 17; x ^= x << 5; b[i] = x & 0xff; }
  return b;
}

/** `b` as a stream of `size`-byte chunks, yielding to the event loop between them. */
export async function* chunked(b: Uint8Array, size = 64 * 1024): AsyncIterable<Uint8Array> {
  for (let i = 0; i < b.length; i += size) {
    await new Promise((ok) => setImmediate(ok));
    yield b.subarray(i, i + size);
  }
}

export async function readAll(s: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const c of s as unknown as AsyncIterable<Uint8Array>) parts.push(c);
  return new Uint8Array(Buffer.concat(parts));
}
