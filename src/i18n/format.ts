// Numbers and dates in each locale: vi-VN for Vietnamese (1.234; 58,4 %; 20/03/2026), en-GB for
// English. Pure (Intl only), so the page, the workers, the papers and the CLI format alike.
import type { Lang } from './lang.ts';

/** The Intl locale of each language. */
export const LOCALES: Readonly<Record<Lang, string>> = { vi: 'vi-VN', en: 'en-GB' };

/** What follows a percent's number: a space before "%" in Vietnamese, none in English. */
export const PERCENT_SIGN: Readonly<Record<Lang, string>> = { vi: ' %', en: '%' };

/** A whole count in the locale's digits: 1.234 (vi-VN), 1,234 (en). */
export function formatCount(n: number, lang: Lang = 'vi'): string {
  return n.toLocaleString(LOCALES[lang], { maximumFractionDigits: 0 });
}

/** A percent as computed (at most two decimals): 58,4 % (vi-VN), 58.4% (en). */
export function formatPercent(p: number, lang: Lang = 'vi'): string {
  return `${p.toLocaleString(LOCALES[lang], { maximumFractionDigits: 2 })}${PERCENT_SIGN[lang]}`;
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY: Readonly<Record<Lang, (y: string, m: string, d: string) => string>> = {
  vi: (y, m, d) => `${d}/${m}/${y}`,
  en: (y, m, d) => `${Number(d)} ${MONTHS_EN[Number(m) - 1] ?? m} ${y}`,
};

/** `YYYY-MM-DD` as 20/03/2026 (vi) or 20 Mar 2026 (en). */
export function formatDay(date: string, lang: Lang = 'vi'): string {
  const [y, m, d] = date.split('-');
  return DAY[lang](y!, m!, d!);
}
