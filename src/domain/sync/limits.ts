// Plain constants of the wire protocol that the first-load path needs (key codes, year range).
// No valibot here: protocol.ts re-exports these beside its schemas.

/** A code segment of a key: commune, village, decision. No slash, no spaces. */
export const CODE_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;

/** Năm đánh giá — the years an assessment may be for. */
export const MIN_YEAR = 2023;
export const MAX_YEAR = 2100;
