// SHA-256 of a file's bytes, as the 64-hex-digit identity the server checks. WebCrypto when the
// page has it; @noble/hashes otherwise, because crypto.subtle exists only in secure contexts
// (https or localhost) and a commune may reach the province server over plain http on its LAN.
// Both give the same digest (test/unit/evidence-sha256.test.ts).
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/** Bytes the fallback reads at a time, so a 5 MB PDF never sits in memory twice. */
const CHUNK = 1 << 20;

type Bytes = Blob | ArrayBuffer | Uint8Array;

function subtle(): SubtleCrypto | null {
  const c = (globalThis as { crypto?: Crypto }).crypto;
  return c && c.subtle && typeof c.subtle.digest === 'function' ? c.subtle : null;
}

const view = (b: ArrayBuffer | Uint8Array): Uint8Array => (b instanceof Uint8Array ? b : new Uint8Array(b));

/** SHA-256 with WebCrypto; throws where crypto.subtle is missing. */
export async function sha256HexSubtle(data: Bytes): Promise<string> {
  const s = subtle();
  if (!s) throw new Error('crypto.subtle is not available (not a secure context)');
  const bytes = data instanceof Blob ? new Uint8Array(await data.arrayBuffer()) : view(data);
  return bytesToHex(new Uint8Array(await s.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)));
}

/** SHA-256 in JavaScript (@noble/hashes), reading a Blob a chunk at a time. */
export async function sha256HexFallback(data: Bytes): Promise<string> {
  const h = sha256.create();
  if (data instanceof Blob) {
    for (let at = 0; at < data.size; at += CHUNK) h.update(new Uint8Array(await data.slice(at, at + CHUNK).arrayBuffer()));
  } else {
    h.update(view(data));
  }
  return bytesToHex(h.digest());
}

/** Which implementation `sha256Hex` uses here. */
export function sha256Method(): 'webcrypto' | 'fallback' {
  return subtle() ? 'webcrypto' : 'fallback';
}

/** SHA-256 of `data` as 64 lowercase hex digits. */
export async function sha256Hex(data: Bytes): Promise<string> {
  if (subtle()) {
    try {
      return await sha256HexSubtle(data);
    } catch {
      // An engine whose digest rejects (seen with some WebViews): the JS path still answers.
    }
  }
  return sha256HexFallback(data);
}
