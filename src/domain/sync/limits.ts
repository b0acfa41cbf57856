// Plain constants of the wire protocol that the first-load path needs (key codes, year range,
// reserved names). No valibot here: protocol.ts re-exports these beside its schemas.

/**
 * Object keys that JavaScript gives a meaning of their own. As a field name, key segment, device
 * id or evidence key they would reach an object's prototype (valibot's record drops them
 * silently), so they are refused everywhere rather than stored.
 */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** True for `__proto__`, `constructor` or `prototype`. */
export function isReservedKey(key: string): boolean {
  return RESERVED_KEYS.has(key);
}

/** A code segment of a key: commune, village, decision. No slash, no spaces, no reserved name. */
export const CODE_RE = /^(?!(?:constructor|prototype)$)[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;

/** Năm đánh giá — the years an assessment may be for. */
export const MIN_YEAR = 2023;
export const MAX_YEAR = 2100;
