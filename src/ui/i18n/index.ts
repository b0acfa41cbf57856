// FIRST-LOAD. The page's door to the catalog (src/i18n): t() in the current locale (`vi` by
// default, `en` second) and number/date formats. Only the shell's Vietnamese is in the first load;
// every other part of the catalog arrives with what shows it (lazy() awaits its parts), English
// only when chosen. Glossary labels come from src/domain/schemas/labels.ts and the TT25 catalog.
import type { Text } from '../../domain/catalog/types.ts';
import type { Lang } from '../../i18n/lang.ts';
import { PARTS, type Code, type Part } from '../../i18n/parts.ts';
import { words as viShell } from '../../i18n/vi/shell.ts';
import { speak, type Entry, type Msg } from '../../i18n/words.ts';

export type { Lang };
export type StringKey = Code;

let lang: Lang = 'vi';
const tables: Record<Lang, Record<string, Entry>> = { vi: { ...viShell }, en: {} };
const loaded: Record<Lang, Map<Part, Promise<void>>> = { vi: new Map([['shell', Promise.resolve()]]), en: new Map() };

function loadPart(l: Lang, part: Part): Promise<void> {
  let pending = loaded[l].get(part);
  if (!pending) {
    const load = PARTS[part][l];
    pending = load ? load().then((m) => void Object.assign(tables[l], m.words)) : Promise.resolve();
    pending.catch(() => loaded[l].delete(part)); // a failed load is retried next time
    loaded[l].set(part, pending);
  }
  return pending;
}

/** Loads parts of the catalog in the current locale (once); what shows them renders after this resolved. */
export function loadWords(...parts: Part[]): Promise<void> {
  return Promise.all(parts.map((p) => loadPart(lang, p))).then(() => undefined);
}

/** Adds a part that came with the module showing it, in both locales (dashboard, dossier, spreadsheets). */
export function addWords(part: Readonly<Record<Lang, Readonly<Record<string, Entry>>>>): void {
  Object.assign(tables.vi, part.vi);
  Object.assign(tables.en, part.en);
}

/** Loads the screens' words (once); screens render only after this resolved. */
export function loadStrings(): Promise<void> {
  return loadWords('screens');
}

let nf = new Intl.NumberFormat('vi-VN');
let nf1 = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

/** Loads (if needed) every part shown so far in `next`, then switches to it; resolves once t() speaks it. */
export async function loadLang(next: Lang): Promise<void> {
  const parts = new Set<Part>([...loaded[lang].keys(), 'shell', 'screens']);
  await Promise.all([...parts].map((p) => loadPart(next, p)));
  setLang(next);
}

/** Switches the locale of every later t()/fmt call and of the document (screen readers, dashboard). */
function setLang(next: Lang): void {
  lang = next;
  const locale = next === 'en' ? 'en-GB' : 'vi-VN';
  nf = new Intl.NumberFormat(locale);
  nf1 = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  if (typeof document !== 'undefined') document.documentElement.lang = next;
}

export function getLang(): Lang {
  return lang;
}

/** The words of `key` in the current locale, with `{name}` placeholders filled from `params`. */
export function t(key: StringKey, params?: Record<string, unknown>): string {
  // A key shown raw is a code used before its part loaded: a bug to see.
  return speak(tables[lang][key], key, params);
}

/** A code with parameters (from the domain, the data layer, the server) in the current locale. */
export function say(m: Msg): string {
  return speak(tables[lang][m.code], m.code, m.params);
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
  return p === null || p === undefined ? '—' : `${nf1.format(p)}${lang === 'en' ? '%' : ' %'}`;
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
