// Deadlines of a year's dossier: the date it must reach the recipient and the date the decision
// is due, both in the year after the assessed one, set per province ('MM-DD'). Pure: the caller
// passes today's date; only `localToday` reads the device clock, and only when not given a Date.
import { parseIsoDate } from './format.ts';

/** Defaults of the procedure before July 2025: dossier by 28/02, decision by 31/03. */
export const DEFAULT_DOSSIER_DEADLINE = '02-28';
export const DEFAULT_DECISION_DEADLINE = '03-31';

const MM_DD = /^(\d{2})-(\d{2})$/;

/** True when 'MM-DD' names a day that exists in some year (29/02 included). */
export function isValidMonthDay(s: string | undefined | null): boolean {
  if (!s) return false;
  const m = MM_DD.exec(s);
  if (!m) return false;
  // 2024 is a leap year, so 29/02 passes; month 00 or day 00 fail the calendar check.
  return parseIsoDate(`2024-${m[1]}-${m[2]}`) !== null;
}

/** The deadline 'MM-DD' in `year`, as 'YYYY-MM-DD'; 29/02 becomes 28/02 in a common year. */
export function deadlineIn(year: number, monthDay: string | undefined | null, fallback: string): string {
  const md = isValidMonthDay(monthDay) ? monthDay! : fallback;
  const [mo, d] = md.split('-') as [string, string];
  const iso = `${year}-${mo}-${d}`;
  return parseIsoDate(iso) ? iso : `${year}-${mo}-28`;
}

/** Whole days from `from` to `to` (both 'YYYY-MM-DD'); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  const a = parseIsoDate(from);
  const b = parseIsoDate(to);
  if (!a || !b) throw new RangeError(`Ngày không hợp lệ: ${!a ? from : to}`);
  return Math.round((Date.UTC(b.y, b.m - 1, b.d) - Date.UTC(a.y, a.m - 1, a.d)) / 86_400_000);
}

export interface Deadline {
  /** 'YYYY-MM-DD' */
  date: string;
  /** Days from today to the date: 0 on the day, negative once passed. */
  daysLeft: number;
}

export interface YearDeadlines {
  dossier: Deadline;
  decision: Deadline;
}

/** The deadlines of the dossier of `year` (they fall in `year + 1`), counted from `today`. */
export function yearDeadlines(
  year: number,
  settings: { dossierDeadline?: string | undefined; decisionDeadline?: string | undefined },
  today: string,
): YearDeadlines {
  const dossier = deadlineIn(year + 1, settings.dossierDeadline, DEFAULT_DOSSIER_DEADLINE);
  const decision = deadlineIn(year + 1, settings.decisionDeadline, DEFAULT_DECISION_DEADLINE);
  return {
    dossier: { date: dossier, daysLeft: daysBetween(today, dossier) },
    decision: { date: decision, daysLeft: daysBetween(today, decision) },
  };
}

/** "còn 12 ngày", "hạn chót là hôm nay", "đã quá hạn 3 ngày". */
export function daysLeftText(daysLeft: number): string {
  if (daysLeft > 0) return `còn ${daysLeft} ngày`;
  if (daysLeft === 0) return 'hạn chót là hôm nay';
  return `đã quá hạn ${-daysLeft} ngày`;
}

/** Today's date on this device, 'YYYY-MM-DD' in local time (a cadre's calendar, not UTC). */
export function localToday(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/**
 * The dossier due this calendar year: the one of the year before `today`'s year, with its days
 * left. For a shell or dashboard banner ("Hồ sơ năm 2025: còn 12 ngày").
 */
export function previousYearDeadlines(
  settings: { dossierDeadline?: string | undefined; decisionDeadline?: string | undefined },
  today: string,
): YearDeadlines & { year: number } {
  const year = Number(today.slice(0, 4)) - 1;
  return { year, ...yearDeadlines(year, settings, today) };
}
