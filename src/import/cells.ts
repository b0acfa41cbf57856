// What a cell holds, read the way a commune cadre writes it: numbers as numbers or as text
// ("1.250", "1 250", "120 "), a dash for "none", yes/no as "Có", "Không" or a tick "x".
// Returns what the value is; whether it is allowed is the domain schema's business.
import type { Cell } from './read.ts';
import { fold } from './text.ts';

/** An empty cell: nothing, spaces, or a dash. */
export function isBlank(cell: Cell | undefined): boolean {
  if (cell === null || cell === undefined) return true;
  if (typeof cell !== 'string') return false;
  return /^[\s\u00a0\u2007\u202f]*[-–—]?[\s\u00a0\u2007\u202f]*$/.test(cell);
}

/**
 * A count cell's value: a number cell as is, a text cell with digits (grouped by ".", ",", or
 * spaces in threes, as vi-VN writes 1.250) as that number, anything else as its text, so the
 * schema says what is wrong. `undefined` for a blank cell.
 */
export function countValue(cell: Cell | undefined): unknown {
  if (isBlank(cell)) return undefined;
  if (typeof cell === 'number') return cell;
  if (typeof cell === 'boolean') return cell;
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  const s = String(cell).replace(/[\u00a0\u2007\u202f]/g, ' ').trim();
  if (/^[+-]?\d+$/.test(s)) return Number(s);
  if (/^\d{1,3}(?:([.,\s])\d{3})(?:\1\d{3})*$/.test(s)) return Number(s.replace(/[.,\s]/g, ''));
  if (/^[+-]?\d+[.,]\d+$/.test(s)) return Number(s.replace(',', '.'));
  return s;
}

/** Words read as yes or no (folded). A tick ("x", "✓") is yes. */
const YES = new Set(['co', 'x', 'yes', 'true']);
const NO = new Set(['khong', 'ko', 'no', 'false']);
const TICKS = /^[\s]*[✓✔☑]\s*$/;

/** A yes/no cell: true, false, `undefined` when blank, or `{ text }` when it is neither. */
export function yesNoValue(cell: Cell | undefined): boolean | undefined | { text: string } {
  if (isBlank(cell)) return undefined;
  if (typeof cell === 'boolean') return cell;
  const s = String(cell instanceof Date ? cell.toISOString().slice(0, 10) : cell);
  if (TICKS.test(s)) return true;
  const f = fold(s);
  if (YES.has(f)) return true;
  if (NO.has(f)) return false;
  return { text: s.trim() };
}

/** Whether a cell is a tick mark ("x", "✓"): a column of ticks reads a blank cell as "no". */
export function isTick(cell: Cell | undefined): boolean {
  if (typeof cell !== 'string') return false;
  return TICKS.test(cell) || fold(cell) === 'x';
}

/** A cell as text (codes and names); numbers as they were written. */
export function textValue(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).replace(/[\u00a0\u2007\u202f]/g, ' ').replace(/\s+/g, ' ').trim();
}
