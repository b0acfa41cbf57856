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

/** Object.hasOwn: Chrome 93+; the SHA-256 fallback (@noble/hashes, for old Chrome on plain http) calls it. */
if (typeof Object.hasOwn !== 'function') {
  Object.defineProperty(Object, 'hasOwn', { value: (o: object, k: PropertyKey) => Object.prototype.hasOwnProperty.call(o, k), configurable: true, writable: true });
}

/**
 * structuredClone: Chrome 98+. The data layer clones stored rows with it; rows are plain data
 * (objects, arrays, strings, numbers, booleans, null, Dates), which this copies the same way.
 */
if (typeof structuredClone !== 'function') {
  const clone = (v: unknown, seen: Map<object, unknown>): unknown => {
    if (v === null || typeof v !== 'object') {
      if (typeof v === 'function' || typeof v === 'symbol') throw new DOMException('could not be cloned', 'DataCloneError');
      return v;
    }
    if (seen.has(v)) return seen.get(v);
    if (v instanceof Date) return new Date(v.getTime());
    if (v instanceof RegExp) return new RegExp(v.source, v.flags);
    if (ArrayBuffer.isView(v)) return (v as unknown as { slice(): unknown }).slice();
    if (v instanceof ArrayBuffer) return v.slice(0);
    if (v instanceof Map) {
      const out = new Map();
      seen.set(v, out);
      v.forEach((val, key) => out.set(clone(key, seen), clone(val, seen)));
      return out;
    }
    if (v instanceof Set) {
      const out = new Set();
      seen.set(v, out);
      v.forEach((val) => out.add(clone(val, seen)));
      return out;
    }
    const out: Record<string, unknown> | unknown[] = Array.isArray(v) ? [] : {};
    seen.set(v, out);
    for (const k of Object.keys(v)) (out as Record<string, unknown>)[k] = clone((v as Record<string, unknown>)[k], seen);
    return out;
  };
  (globalThis as { structuredClone?: unknown }).structuredClone = <T>(v: T): T => clone(v, new Map()) as T;
}

export {};
