// FIRST-LOAD. Runs saves and tells the person how they went: "Đang lưu…", then "Đã lưu" only once
// every started save's promise resolved (the transaction committed), or why it was refused.
import { Dexie } from 'dexie';
import { useRef, useState } from 'preact/hooks';
import { ValidationError, YearLockedError } from '../../db/index.ts';
import { t, tx } from '../i18n/index.ts';
import { afterSave } from '../after-save.ts';

/** `n` counts the saves of this form that committed (tests wait on it; people read the text). */
export type SaveState = { n: number } & ({ kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'failed'; message: string });

/** A refused save's reasons per field, in the UI's language. */
function refusedFields(e: ValidationError): Record<string, string> {
  return Object.fromEntries(Object.entries(e.fields).map(([k, vi]) => [k, tx({ vi, en: e.fieldsEn[k] ?? vi })]));
}

/** A Vietnamese (or English) sentence for a refused save. */
export function saveErrorMessage(e: unknown): string {
  if (e instanceof YearLockedError) return t('yearLocked', { year: e.year });
  if (e instanceof ValidationError) return Object.values(refusedFields(e)).join(' ');
  return e instanceof Error ? e.message : String(e);
}

/** Runs one save; `onRefused` also gets a ValidationError's reasons per field, to show beside them. */
export type RunSave = (save: () => Promise<unknown>, onRefused?: (fields: Record<string, string>) => void) => Promise<boolean>;

/** A saver for one form: `run(() => saveX(...))` tracks overlapping saves. */
export function useSaver(): { state: SaveState; run: RunSave } {
  const [state, setState] = useState<SaveState>({ kind: 'idle', n: 0 });
  const inFlight = useRef(0);
  const done = useRef(0);
  const failed = useRef<string | null>(null);
  const run: RunSave = async (save, onRefused) => {
    inFlight.current++;
    failed.current = null;
    setState({ kind: 'saving', n: done.current });
    let ok = true;
    try {
      // A save starts outside any Dexie zone: a callback that runs while a live query's read-only
      // transaction (or a finished write) is still the current zone would otherwise nest in it and fail.
      await Dexie.ignoreTransaction(save);
      done.current++;
    } catch (e) {
      ok = false;
      if (onRefused && e instanceof ValidationError) onRefused(refusedFields(e));
      failed.current = saveErrorMessage(e);
    }
    inFlight.current--;
    if (failed.current) setState({ kind: 'failed', message: t('saveFailed', { reason: failed.current }), n: done.current });
    else if (inFlight.current === 0) setState({ kind: 'saved', n: done.current });
    if (ok) afterSave();
    return ok;
  };
  return { state, run };
}

/** The live region that announces the save state; always in the DOM so it is announced. */
export function SaveStatus({ state }: { state: SaveState }) {
  const text =
    state.kind === 'saving' ? t('saving') : state.kind === 'saved' ? t('saved') : state.kind === 'failed' ? state.message : '';
  return (
    <p class={`save-status save-${state.kind}`} role="status" aria-live="polite" data-testid="save-status" data-saved={state.n}>
      {state.kind === 'saved' ? <span aria-hidden="true">✓ </span> : null}
      {text}
    </p>
  );
}

/** A year form's head: the locked-year notice (when the dossier meeting locked it) and the sticky save status. */
export function FormStatus({ state, locked, year }: { state: SaveState; locked: boolean; year: number }) {
  return (
    <>
      {locked ? (
        <p class="notice" role="note">
          {t('yearLocked', { year })}
        </p>
      ) : null}
      <div class="sticky-status">
        <SaveStatus state={state} />
      </div>
    </>
  );
}
