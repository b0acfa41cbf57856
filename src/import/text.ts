// Text helpers of the sheet reader: folding a header or a village name to compare it the way a
// person reads it (case, spacing, quotes, punctuation and diacritics ignored), and column letters.
// Pure; never uses a cell's text as an object key.
import { slugOf } from '../domain/fold.ts';

/** "Số hộ đăng ký \"Gia đình học tập\"" → "so ho dang ky gia dinh hoc tap". */
export function fold(text: unknown): string {
  return slugOf(String(text ?? ''), ' ');
}

/** The label without its quoted part: "Số dòng họ đăng ký \"Dòng họ học tập\"" → "Số dòng họ đăng ký". */
export function withoutQuoted(label: string): string {
  return label.replace(/["“”„«»][^"“”„«»]*["“”„«»]/g, ' ').replace(/\s+/g, ' ').trim();
}

/** The label without a part in parentheses: "Thôn / Bản (gọi chung là thôn)" → "Thôn / Bản". */
export function withoutParenthesis(label: string): string {
  return label.replace(/\([^)]*\)/g, ' ').replace(/\s+/g, ' ').trim();
}

/** The quoted part of a label, if any: "Số hộ đăng ký \"Gia đình học tập\"" → "Gia đình học tập". */
export function quotedPart(label: string): string | null {
  const m = /["“”„«»]([^"“”„«»]+)["“”„«»]/.exec(label);
  return m ? m[1]!.trim() : null;
}

/** Column letters as the spreadsheet shows them: 0 → "A", 25 → "Z", 26 → "AA". */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** A cell's text for a message: trimmed, cut to `max` characters. */
export function shown(value: unknown, max = 40): string {
  const s = String(value ?? '').replace(/\s+/g, ' ').trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
