// What a person typed in a form's number fields, kept over the live row only while it is not saved
// (see settleDrafts in ../parse.ts): a saved value gives way to the row as soon as the row shows it
// or another device's edit replaces it, so after a sync the open form shows what the phone holds.
// Shared by the village form and the commune figures form. Never writes: screens save.
import { useReducer, useRef } from 'preact/hooks';
import { changedCounts, knownSaved, markSent, settleDrafts, unmarkSent, type DraftBook, type SentValues } from '../parse.ts';

type Row<K extends string> = Partial<Record<K, unknown>> | undefined;

export interface Drafts<K extends string> {
  /** The typed texts that stand over the live row. */
  drafts: Partial<Record<K, string>>;
  /** Fields whose saved value another device changed under a text not saved (the form says so). */
  moved: Partial<Record<K, true>>;
  /** Notes a field's new text; returns all drafts, to check and save. */
  type: (key: K, raw: string) => Partial<Record<K, string>>;
  /** What of `drafts` to save (error-free, changed from what is saved or on its way), noted as sent. */
  takePatch: (drafts: Partial<Record<K, string>>, errors: Partial<Record<K, string>>) => Partial<Record<K, number | null>>;
  /** Forgets a patch whose save was refused. */
  refused: (patch: Partial<Record<K, unknown>>) => void;
}

export function useDrafts<K extends string>(keys: readonly K[], stored: Row<K>): Drafts<K> {
  const book = useRef<DraftBook<K>>({ drafts: {}, moved: {} });
  // What this form sent, so a count whose save finished before the live row arrived is not sent twice.
  const sent = useRef<SentValues<K>>({});
  const seen = useRef<Row<K>>(stored);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  // Each new live row is read once, before anything is shown or saved from it, so handlers never
  // act on a draft the row has already replaced. (Refs, not state: the book must be current in the
  // same render, and the work is idempotent for one row.)
  if (seen.current !== stored) {
    book.current = settleDrafts(keys, book.current, seen.current, stored, sent.current);
    seen.current = stored;
  }
  return {
    drafts: book.current.drafts,
    moved: book.current.moved,
    type(key, raw) {
      book.current = { drafts: { ...book.current.drafts, [key]: raw }, moved: book.current.moved };
      rerender(0);
      return book.current.drafts;
    },
    takePatch(drafts, errors) {
      const patch = changedCounts(keys, drafts, errors, knownSaved(keys, seen.current, sent.current));
      const keysSent = Object.keys(patch) as K[];
      if (keysSent.length === 0) return patch;
      markSent(sent.current, patch, seen.current);
      // What is sent is no longer a text not saved.
      const moved = { ...book.current.moved };
      for (const k of keysSent) delete moved[k];
      book.current = { drafts: book.current.drafts, moved };
      return patch;
    },
    refused(patch) {
      unmarkSent(sent.current, patch);
    },
  };
}
