// SHA-256 of evidence bytes: the WebCrypto path and the JavaScript fallback (for pages on plain
// http, where crypto.subtle does not exist) give the digest node:crypto gives, on the standard
// vectors and on random bytes, Blobs read across chunk boundaries included.
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { sha256Hex, sha256HexFallback, sha256HexSubtle, sha256Method } from '../../src/evidence/hash/sha256.ts';

const node = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const text = (s: string) => new TextEncoder().encode(s);

describe('SHA-256', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('the FIPS 180-2 vectors, both paths', async () => {
    const vectors: Array<[Uint8Array<ArrayBuffer>, string]> = [
      [text(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
      [text('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
      [text('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'), '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
      [text('a'.repeat(1_000_000)), 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0'],
    ];
    for (const [bytes, hex] of vectors) {
      expect(await sha256HexSubtle(bytes)).toBe(hex);
      expect(await sha256HexFallback(bytes)).toBe(hex);
      expect(await sha256HexFallback(new Blob([bytes]))).toBe(hex);
    }
  });

  it('random bytes: fallback = WebCrypto = node:crypto', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 5000 }), async (bytes) => {
      const want = node(bytes);
      expect(await sha256HexFallback(bytes)).toBe(want);
      expect(await sha256HexSubtle(new Blob([bytes]))).toBe(want);
    }), { numRuns: 200 });
  });

  it('a Blob larger than the fallback reads at once (3.5 MB, read in 1 MB chunks)', async () => {
    const bytes = new Uint8Array(3_500_017);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 2654435761) >>> 24;
    const blob = new Blob([bytes.subarray(0, 1000), bytes.subarray(1000)]);
    expect(await sha256HexFallback(blob)).toBe(node(bytes));
    expect(await sha256Hex(blob)).toBe(node(bytes));
  });

  it('without crypto.subtle (plain http) sha256Hex takes the fallback and still answers', async () => {
    expect(sha256Method()).toBe('webcrypto');
    vi.stubGlobal('crypto', { getRandomValues: globalThis.crypto.getRandomValues.bind(globalThis.crypto) });
    expect(sha256Method()).toBe('fallback');
    await expect(sha256HexSubtle(text('abc'))).rejects.toThrow(/secure context/);
    expect(await sha256Hex(text('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('a WebCrypto whose digest rejects falls back too', async () => {
    vi.stubGlobal('crypto', { subtle: { digest: () => Promise.reject(new Error('NotSupportedError')) } });
    expect(await sha256Hex(text('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
