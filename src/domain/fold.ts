// Folding Vietnamese text the way a person reads it: lower case without marks (đ → d), so names
// compare without a Vietnamese keyboard and give the same id on every device. Pure, first-load safe.

/** "Tư Nghĩa" → "tu nghia", "Đắk Lắk" → "dak lak". */
export function withoutMarks(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();
}

/** Words of lower-case letters and digits joined by `sep`: "Bà Rịa – Vũng Tàu" → "ba-ria-vung-tau". */
export function slugOf(s: string, sep = '-'): string {
  return withoutMarks(s).replace(/[^a-z0-9]+/g, sep).split(sep).filter(Boolean).join(sep);
}
