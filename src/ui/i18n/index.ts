// FIRST-LOAD. The UI's words and number/date formats: `vi` by default, `en` second.
// Glossary labels come from src/domain/schemas/labels.ts and the catalog (never reworded here).
// Only the shell's strings are in the first load; the screens' arrive with the first screen
// (lazy() awaits loadStrings()), English only when chosen.
import type { Text } from '../../domain/catalog/types.ts';
import { viShell } from './vi-shell.ts';
import type { UiStrings } from './vi.ts';

export type Lang = 'vi' | 'en';
export type StringKey = keyof UiStrings;

let lang: Lang = 'vi';
let vi: Partial<UiStrings> = viShell;
let viLoaded: Promise<void> | null = null;
let table: Partial<UiStrings> = vi;
/** English is a lazy chunk: most people never switch, so it stays out of the first load. */
let en: UiStrings | null = null;

/** Loads the screens' strings (once); screens render only after this resolved. */
export function loadStrings(): Promise<void> {
  if (!viLoaded) {
    viLoaded = import('./vi.ts').then((m) => {
      vi = { ...viShell, ...m.viScreens };
      if (lang === 'vi') table = vi;
    });
    viLoaded.catch(() => {
      viLoaded = null;
    });
  }
  return viLoaded;
}
let nf = new Intl.NumberFormat('vi-VN');
let nf1 = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

/** Loads (if needed) and switches to a locale; resolves once t() speaks it. */
export async function loadLang(next: Lang): Promise<void> {
  if (next === 'en' && !en) en = (await import('./en.ts')).en;
  else await loadStrings();
  setLang(next);
}

/** Switches the locale of every later t()/fmt call and of the document (screen readers, dashboard). */
function setLang(next: Lang): void {
  lang = next === 'en' && en ? 'en' : 'vi';
  table = lang === 'en' && en ? en : vi;
  const locale = next === 'en' ? 'en-GB' : 'vi-VN';
  nf = new Intl.NumberFormat(locale);
  nf1 = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  if (typeof document !== 'undefined') document.documentElement.lang = next;
}

export function getLang(): Lang {
  return lang;
}

/** The UI string `key`, with `{name}` placeholders filled from `params`. */
export function t(key: StringKey, params?: Record<string, string | number>): string {
  const s = table[key] ?? key; // a key shown raw is a string used before loadStrings(): a bug to see
  if (!params) return s;
  return s.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** A two-locale text (catalog, glossary labels) in the current locale. */
export function tx(text: Text): string {
  return text[lang];
}

/** 1234567 → "1.234.567" (vi-VN). */
export function fmtNumber(n: number): string {
  return nf.format(n);
}

/** 75.25 → "75,3 %" (vi-VN; "75.3%" in English); null → "—". As explain.ts's formatPercent. */
export function fmtPercent(p: number | null | undefined): string {
  return p === null || p === undefined ? '—' : `${nf1.format(p)}${lang === 'vi' ? ' %' : '%'}`;
}

/** "2026-02-20" → "20/02/2026" (string work only, so no time zone can shift the day). */
export function fmtDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** An ISO instant as local "dd/mm/yyyy hh:mm". */
export function fmtDateTime(iso: string | number | null | undefined): string {
  if (iso === null || iso === undefined || iso === '') return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** An ISO instant as "hh:mm dd/mm" (the year only when it is not this year): fits the sync bar. */
export function fmtShortDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  const year = d.getFullYear() === new Date().getFullYear() ? '' : `/${d.getFullYear()}`;
  return `${p(d.getHours())}:${p(d.getMinutes())} ${p(d.getDate())}/${p(d.getMonth() + 1)}${year}`;
}

/** Bytes as "1,2 MB". */
export function fmtBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return '—';
  if (bytes < 1024) return `${fmtNumber(bytes)} B`;
  if (bytes < 1024 * 1024) return `${nf1.format(bytes / 1024)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${nf1.format(bytes / 1024 / 1024)} MB`;
  return `${nf1.format(bytes / 1024 / 1024 / 1024)} GB`;
}
