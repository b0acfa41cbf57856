// Vietnamese number and date wording for the dossier's papers, written out by hand so that
// Node (tests), Chromium and old Android Chrome print the same characters. Pure; no Intl, no DOM.
// Shares and percents are the engine's (src/domain/readiness/explain.ts: formatShare, formatPercent).

/** 12345 → "12.345" (vi-VN groups thousands with a dot). */
export function formatInt(n: number): string {
  const sign = n < 0 ? '-' : '';
  const digits = String(Math.trunc(Math.abs(n)));
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** 25000000 → "25.000.000 đồng". */
export function formatVnd(n: number): string {
  return `${formatInt(n)} đồng`;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses 'YYYY-MM-DD' into parts when it is a real calendar date. */
export function parseIsoDate(s: string | undefined | null): { y: number; m: number; d: number } | null {
  if (!s) return null;
  const m = ISO_DATE.exec(s);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const t = new Date(Date.UTC(y, mo - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return null;
  return { y, m: mo, d };
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** '2026-02-05' → "05/02/2026"; anything else is returned as typed. */
export function formatDate(s: string | undefined | null): string {
  const p = parseIsoDate(s);
  return p ? `${pad2(p.d)}/${pad2(p.m)}/${p.y}` : (s ?? '');
}

/** "ngày 05 tháng 02 năm 2026" (days and months below 10 with a leading zero); blanks for the hand without a date. */
export function longDate(iso: string | undefined, fallbackYear: number): string {
  const p = parseIsoDate(iso);
  if (!p) return `ngày … tháng … năm ${fallbackYear}`;
  return `ngày ${pad2(p.d)} tháng ${pad2(p.m)} năm ${p.y}`;
}

/**
 * The place-and-date line of an administrative paper (papers.md: day and month below 10 with a
 * leading zero): "Ba Tô, ngày 05 tháng 02 năm 2026". Without a date the blanks are left for the
 * hand: "Ba Tô, ngày … tháng … năm 2026".
 */
export function dateLine(place: string, iso: string | undefined, fallbackYear: number): string {
  return `${place.trim() || '…'}, ${longDate(iso, fallbackYear)}`;
}

/** Straight double quotes around a title become curly ones, as the seeds print them: "x" → “x”. */
export function curlyQuotes(s: string): string {
  let open = true;
  return s.replace(/"/g, () => {
    const q = open ? '\u201c' : '\u201d';
    open = !open;
    return q;
  });
}

/** "Xã Ba Tô" → "Ba Tô": the place name used in the date line. */
export function placeName(communeName: string): string {
  return communeName.replace(/^\s*(xã|phường|đặc khu|thị trấn)\s+/iu, '').trim();
}

/** "Xã Ba Tô" → "XÃ BA TÔ"; a bare "Ba Tô" becomes "XÃ BA TÔ". */
export function issuerLine(communeName: string): string {
  const name = communeName.trim();
  const withKind = /^(xã|phường|đặc khu|thị trấn)\s/iu.test(name) ? name : `Xã ${name}`;
  return withKind.toLocaleUpperCase('vi');
}

/** The commune as named inside a sentence: "Xã Ba Tô" → "xã Ba Tô". */
export function communeInText(communeName: string): string {
  const name = communeName.trim();
  const m = /^(xã|phường|đặc khu|thị trấn)(\s.*)$/iu.exec(name);
  return m ? `${m[1]!.toLocaleLowerCase('vi')}${m[2]}` : `xã ${name}`;
}
