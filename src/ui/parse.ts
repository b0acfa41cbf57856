// What a person typed, read as data: counts, percents, and the "unlikely jump" hint. Pure, no DOM;
// screens decide what to show and save. Never reads "1.000" as 1 (a Vietnamese thousands point).

/** '' → null (no data); digits → a number; a fraction → that number (the rules refuse it); else the text (invalid). */
export function parseCount(raw: string): number | string | null {
  const s = raw.trim();
  if (s === '') return null;
  if (/^-?\d+$/.test(s)) return Number(s);
  // A decimal comma (vi) or point followed by 1–2 digits is a fraction the rules will refuse;
  // "1.000" (a thousands point) stays text so it is never read as 1.
  if (/^-?\d+,\d+$/.test(s) || /^-?\d+\.\d{1,2}$/.test(s)) return Number(s.replace(',', '.'));
  return s;
}

/** An unlikely change from last year: more than half up or down, and by more than 5. */
export function isUnlikelyJump(before: number, after: number): boolean {
  const diff = Math.abs(after - before);
  return diff > 5 && diff > Math.max(before, 1) * 0.5;
}

/** "72,5" or "72.5" (a trailing % allowed) → 72.5; '' → null; anything else → NaN. */
export function parsePercent(raw: string): number | null {
  const s = raw.trim().replace('%', '').trim();
  if (s === '') return null;
  if (!/^\d{1,3}([.,]\d+)?$/.test(s)) return Number.NaN;
  return Number(s.replace(',', '.'));
}

/**
 * Parses the typed drafts of `keys` into `merged` (the row the shared rules will check); returns
 * the keys whose text is no number at all, which get a plain hint instead of a rule's message.
 */
export function readDrafts<K extends string>(keys: readonly K[], drafts: Partial<Record<K, string>>, merged: Record<string, unknown>): K[] {
  const notNumbers: K[] = [];
  for (const k of keys) {
    const raw = drafts[k];
    if (raw === undefined) continue;
    const parsed = parseCount(raw);
    if (typeof parsed === 'string') notNumbers.push(k);
    merged[k] = parsed;
  }
  return notNumbers;
}

/** What to save of the drafts: each typed count without an error that differs from the stored one. */
export function changedCounts<K extends string>(
  keys: readonly K[],
  drafts: Partial<Record<K, string>>,
  errors: Partial<Record<K, string>>,
  stored: Partial<Record<K, unknown>> | undefined,
): Partial<Record<K, number | null>> {
  const patch: Partial<Record<K, number | null>> = {};
  for (const k of keys) {
    const raw = drafts[k];
    if (raw === undefined || errors[k]) continue;
    const v = parseCount(raw) as number | null;
    if (v !== (stored?.[k] ?? null)) patch[k] = v;
  }
  return patch;
}
