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

/** What a form last sent of each field, with what the live row held then (to tell when it caught up). */
export type SentValues<K extends string> = Partial<Record<K, { value: unknown; before: unknown }>>;

/**
 * The values drafts are compared with to decide what changed: the one last sent while the live row
 * still shows what it held before that save (its refresh has not arrived yet), else the live row
 * (caught up, or changed since by another device). So a value already sent is never sent again.
 */
export function knownSaved<K extends string>(
  keys: readonly K[],
  stored: Partial<Record<K, unknown>> | undefined,
  sent: SentValues<K>,
): Partial<Record<K, unknown>> {
  const out: Partial<Record<K, unknown>> = {};
  for (const k of keys) {
    const live = stored?.[k] ?? null;
    const s = sent[k];
    out[k] = s && live === (s.before ?? null) ? s.value : live;
  }
  return out;
}

/** Notes `patch` as sent, against the live row it was computed from. */
export function markSent<K extends string>(sent: SentValues<K>, patch: Partial<Record<K, unknown>>, stored: Partial<Record<K, unknown>> | undefined): void {
  for (const k of Object.keys(patch) as K[]) sent[k] = { value: patch[k], before: stored?.[k] ?? null };
}

/** Forgets `patch` as sent (its save was refused), unless a newer value was sent since. */
export function unmarkSent<K extends string>(sent: SentValues<K>, patch: Partial<Record<K, unknown>>): void {
  for (const k of Object.keys(patch) as K[]) if (sent[k]?.value === patch[k]) delete sent[k];
}
