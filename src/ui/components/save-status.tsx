// FIRST-LOAD. Runs saves and tells the person how they went: "Đang lưu…", then "Đã lưu" only once
// every started save's promise resolved (the transaction committed), or why it was refused.
import { useRef, useState } from 'preact/hooks';
import { ValidationError, YearLockedError } from '../../db/index.ts';
import { t } from '../i18n/index.ts';
import { afterSave } from '../after-save.ts';

export type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'failed'; message: string };

/** A Vietnamese (or English) sentence for a refused save. */
export function saveErrorMessage(e: unknown): string {
  if (e instanceof YearLockedError) return t('yearLocked', { year: e.year });
  if (e instanceof ValidationError) return Object.values(e.fields).join(' ');
  return e instanceof Error ? e.message : String(e);
}

/** A saver for one form: `run(() => saveX(...))` tracks overlapping saves. */
export function useSaver(): { state: SaveState; run: (save: () => Promise<unknown>) => Promise<boolean> } {
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const inFlight = useRef(0);
  const failed = useRef<string | null>(null);
  const run = async (save: () => Promise<unknown>): Promise<boolean> => {
    inFlight.current++;
    failed.current = null;
    setState({ kind: 'saving' });
    let ok = true;
    try {
      await save();
    } catch (e) {
      ok = false;
      failed.current = saveErrorMessage(e);
    }
    inFlight.current--;
    if (failed.current) setState({ kind: 'failed', message: t('saveFailed', { reason: failed.current }) });
    else if (inFlight.current === 0) setState({ kind: 'saved' });
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
    <p class={`save-status save-${state.kind}`} role="status" aria-live="polite" data-testid="save-status">
      {state.kind === 'saved' ? <span aria-hidden="true">✓ </span> : null}
      {text}
    </p>
  );
}
