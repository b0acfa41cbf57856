// FIRST-LOAD, imported before anything else. Fills the few newer-than-Chrome-80 APIs the app calls
// (test/e2e/build-target.spec.ts lists what the built code uses and which of them are filled here).
// Never changes an API that exists.

/** crypto.randomUUID: Chrome 92+, and only on https; opIds and device ids need it everywhere. */
if (typeof crypto !== 'undefined' && typeof crypto.randomUUID !== 'function') {
  const c = crypto as Crypto & { randomUUID: () => string };
  c.randomUUID = () => {
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6]! & 0x0f) | 0x40; // version 4
    b[8] = (b[8]! & 0x3f) | 0x80; // RFC 4122 variant
    const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}` as `${string}-${string}-${string}-${string}-${string}`;
  };
}

export {};
