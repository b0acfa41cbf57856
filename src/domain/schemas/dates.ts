// Calendar dates as `YYYY-MM-DD` strings: validity and month arithmetic, without time zones.
// Pure; never reads the clock (callers pass "today" in).

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days in a month (1–12) of a year, Gregorian. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Year, month, day of a real `YYYY-MM-DD` date, or null (2025-02-30 is null). */
export function parseDate(s: string): { y: number; m: number; d: number } | null {
  const match = DATE_RE.exec(s);
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (y < 1900 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return { y, m, d };
}

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isRealDate(s: unknown): s is string {
  return typeof s === 'string' && parseDate(s) !== null;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Formats year, month, day as `YYYY-MM-DD`. */
export function formatDate(y: number, m: number, d: number): string {
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/**
 * The date `months` calendar months after `date`. When the target month has no such day, the last
 * day of that month (Bộ luật Dân sự 2015, Điều 148: a period counted in months ends on the
 * corresponding day, or the month's last day when there is none): 2024-02-29 + 12 → 2025-02-28.
 */
export function addMonths(date: string, months: number): string {
  const p = parseDate(date);
  if (!p) throw new Error(`not a date: ${date}`);
  const index = p.y * 12 + (p.m - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return formatDate(y, m, Math.min(p.d, daysInMonth(y, m)));
}
