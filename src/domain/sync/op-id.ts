// Op ids: UUIDv7 (RFC 9562), a 48-bit millisecond time then random bits. Time-ordered ids keep the
// server's opId index append-mostly: with random (v4) ids every op lands on a random page of an
// index that outgrows the cache, and each insert writes a page of its own to the WAL.
// Pure but for crypto.getRandomValues, which the page, the service worker and Node all have.

/** A new op id for an op stamped at `ms` (its HLC wall time: the clock the op is ordered by). */
export function newOpId(ms: number, fill: (bytes: Uint8Array<ArrayBuffer>) => void = (x) => void crypto.getRandomValues(x)): string {
  const b = new Uint8Array(16);
  fill(b);
  let t = Math.max(0, Math.min(Math.floor(ms), 2 ** 48 - 1));
  for (let i = 5; i >= 0; i--) {
    b[i] = t % 256;
    t = Math.floor(t / 256);
  }
  b[6] = (b[6]! & 0x0f) | 0x70; // version 7
  b[8] = (b[8]! & 0x3f) | 0x80; // variant 10
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
