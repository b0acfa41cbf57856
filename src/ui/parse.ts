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

/**
 * What a form sent of each field and has not yet seen in the live row: the value last sent, and the
 * values the live row may still show until it catches up with it (what it held before, then the
 * values sent earlier that may land one by one while a person types "2", "26", "265").
 */
export type SentValues<K extends string> = Partial<Record<K, { value: unknown; behind: unknown[] }>>;

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
    out[k] = s && s.behind.includes(live) ? s.value : live;
  }
  return out;
}

/** Notes `patch` as sent, against the live row it was computed from. */
export function markSent<K extends string>(sent: SentValues<K>, patch: Partial<Record<K, unknown>>, stored: Partial<Record<K, unknown>> | undefined): void {
  for (const k of Object.keys(patch) as K[]) {
    const live = stored?.[k] ?? null;
    const s = sent[k];
    // Sent again before the row caught up: the earlier value may still show on the way.
    sent[k] = { value: patch[k], behind: s && s.behind.includes(live) ? [...s.behind, s.value] : [live] };
  }
}

/** Forgets `patch` as sent (its save was refused): the value sent before it, if any, is the last sent again. */
export function unmarkSent<K extends string>(sent: SentValues<K>, patch: Partial<Record<K, unknown>>): void {
  for (const k of Object.keys(patch) as K[]) {
    const s = sent[k];
    if (s?.value !== patch[k]) continue; // a newer value was sent since
    if (s.behind.length > 1) sent[k] = { value: s.behind[s.behind.length - 1], behind: s.behind.slice(0, -1) };
    else delete sent[k];
  }
}

/** A form's typed texts per field, and the fields whose saved value changed under a text not saved. */
export interface DraftBook<K extends string> {
  drafts: Partial<Record<K, string>>;
  moved: Partial<Record<K, true>>;
}

/**
 * Brings a form's drafts up to date with a new live row (`after`; `before` is the row it replaces).
 * A draft stands over the live row only while it is not saved yet or its save has not shown up:
 * - its value was sent and the row caught up with it, or moved past it (another device's edit,
 *   merged by a sync): it gives way to the row, whatever the timing of focus and refreshes;
 * - it equals the row (before or after): nothing of it is unsaved, it gives way too;
 * - it was never sent (no number, a broken rule, a locked year, a refused save): it stays, as the
 *   person is still on it, and if someone else changed the saved value under it, it is `moved`.
 * Forgets in `sent` each value the row caught up with or moved past. Returns `book` itself if nothing changed.
 */
export function settleDrafts<K extends string>(
  keys: readonly K[],
  book: DraftBook<K>,
  before: Partial<Record<K, unknown>> | undefined,
  after: Partial<Record<K, unknown>> | undefined,
  sent: SentValues<K>,
): DraftBook<K> {
  const drafts = { ...book.drafts };
  const moved = { ...book.moved };
  let changed = false;
  for (const k of keys) {
    const live = after?.[k] ?? null;
    const s = sent[k];
    if (s?.behind.includes(live)) continue; // this form's save is on its way
    if (s) delete sent[k];
    const raw = drafts[k];
    if (raw === undefined) continue;
    const typed = parseCount(raw);
    const was = before?.[k] ?? null;
    if ((s && typed === s.value) || typed === live || (!s && typed === was)) {
      delete drafts[k];
      delete moved[k];
      changed = true;
    } else if (live !== (s ? s.value : was) && !moved[k]) {
      moved[k] = true;
      changed = true;
    }
  }
  return changed ? { drafts, moved } : book;
}
