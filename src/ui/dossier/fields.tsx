// Text fields of the "Hồ sơ" screen that save themselves: while typing (short pause), on leaving
// the field, and when the screen goes away, so no wording is ever lost. Never decides what to save.
import { useEffect, useRef, useState } from 'preact/hooks';
import { isValidMonthDay } from '../../dossier/deadlines.ts';
import { controlAttrs, Field } from '../components/fields.tsx';
import { createFieldSaver, type FieldSaver } from './field-saver.ts';
import type { PendingFields } from './pending.ts';
import { t } from '../i18n/index.ts';

const PAUSE_MS = 600;

interface Props {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  value: string;
  multiline?: boolean | undefined;
  type?: 'text' | 'date';
  disabled?: boolean;
  onSave: (value: string) => unknown;
  /** Called on every keystroke (for fields whose value the parent keeps, e.g. a reason). */
  onInputNow?: (value: string) => void;
  /**
   * Where the typed draft is kept, synchronously, until it is stored: a reload or a killed tab in the
   * typing pause cannot wait for IndexedDB, so the draft comes back and is saved on the next visit.
   */
  draftKey?: string;
  /** Where the screen asks for this field's typed value before it prints or builds a file. */
  pending?: { fields: PendingFields; key: string } | undefined;
}

const DRAFT_PREFIX = 'xht-draft:';

function keptDraft(key: string | undefined): string | null {
  if (!key) return null;
  try {
    return localStorage.getItem(DRAFT_PREFIX + key);
  } catch {
    return null;
  }
}

function keepDraft(key: string | undefined, v: string | null): void {
  if (!key) return;
  try {
    if (v === null) localStorage.removeItem(DRAFT_PREFIX + key);
    else localStorage.setItem(DRAFT_PREFIX + key, v);
  } catch {
    // Storage full or refused: the IndexedDB save below still runs; only the reload safety is lost.
  }
}

/**
 * A labelled input or textarea holding its own draft. Saves run one at a time per field and the last
 * one writes what was typed last; the stored value replaces the draft only when nothing typed is
 * waiting or being saved and the person is not in the field (a live refresh never clobbers a draft).
 */
export function TextInput(p: Props) {
  const [draft, setDraft] = useState(p.value);
  // The value the field shows, read by the screen before a print (state would be a render late).
  const shown = useRef(p.value);
  shown.current = draft;
  const editing = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const onSave = useRef(p.onSave);
  onSave.current = p.onSave;
  const saver = useRef<FieldSaver | null>(null);
  if (!saver.current) {
    saver.current = createFieldSaver(async (v) => {
      await onSave.current(v);
      // Stored: the kept draft is no longer needed (unless something newer was typed meanwhile).
      if (keptDraft(p.draftKey) === v) keepDraft(p.draftKey, null);
    });
    saver.current.known(p.value);
  }
  const adopt = (v: string) => {
    saver.current!.known(v);
    setDraft(v);
  };

  // A value arriving from elsewhere (another device, a reload) shows unless the person is typing.
  useEffect(() => {
    if (!editing.current && !saver.current!.unsaved()) adopt(p.value);
  }, [p.value]);

  // A draft left by a reload or a killed tab in the typing pause: shown again and stored now.
  useEffect(() => {
    const kept = keptDraft(p.draftKey);
    if (kept === null || p.disabled) return;
    if (kept === p.value) {
      keepDraft(p.draftKey, null);
      return;
    }
    setDraft(kept);
    saver.current!.typed(kept);
    void saver.current!.flush();
  }, []);

  const flush = () => {
    clearTimeout(timer.current);
    void saver.current!.flush();
  };
  // A print or a Word file asks first: the typing pause ends now, and what is still unsaved is told.
  useEffect(() => {
    if (!p.pending) return;
    return p.pending.fields.register(p.pending.key, {
      flush: () => {
        clearTimeout(timer.current);
        return saver.current!.flush();
      },
      unsaved: () => (saver.current!.unsaved() ? shown.current : null),
    });
  }, [p.pending?.fields, p.pending?.key]);

  // Leaving the screen mid-pause still saves; so does leaving the page (a reload, a closed tab, the
  // phone switching apps): the pause must never be where a typed word is lost.
  useEffect(() => {
    const away = () => flush();
    const hidden = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    window.addEventListener('pagehide', away);
    document.addEventListener('visibilitychange', hidden);
    return () => {
      window.removeEventListener('pagehide', away);
      document.removeEventListener('visibilitychange', hidden);
      flush();
    };
  }, []);

  const onInput = (v: string) => {
    shown.current = v;
    setDraft(v);
    keepDraft(p.draftKey, v);
    p.onInputNow?.(v);
    saver.current!.typed(v);
    clearTimeout(timer.current);
    timer.current = setTimeout(flush, PAUSE_MS);
  };
  const common = {
    ...controlAttrs(p),
    value: draft,
    disabled: p.disabled,
    onFocus: () => {
      editing.current = true;
    },
    onBlur: () => {
      editing.current = false;
      flush();
    },
  };
  return (
    <Field id={p.id} label={p.label} hint={p.hint} error={p.error}>
      {p.multiline ? (
        <textarea {...common} rows={3} onInput={(e) => onInput((e.currentTarget as HTMLTextAreaElement).value)} />
      ) : p.type === 'date' ? (
        <input {...common} type="date" onInput={(e) => onInput((e.currentTarget as HTMLInputElement).value)} />
      ) : (
        <input {...common} type="text" autoComplete="off" onInput={(e) => onInput((e.currentTarget as HTMLInputElement).value)} />
      )}
    </Field>
  );
}

/** 'MM-DD' → "28/02". */
export function monthDayToText(md: string): string {
  const m = /^(\d{2})-(\d{2})$/.exec(md);
  return m ? `${m[2]}/${m[1]}` : md;
}

/** "28/2" or "28/02" → '02-28'; null when it is not a day of the year. */
export function textToMonthDay(text: string): string | null {
  const m = /^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*$/.exec(text);
  if (!m) return null;
  const md = `${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return isValidMonthDay(md) ? md : null;
}

/** A day/month deadline typed as "28/02"; refused (with the reason) unless it is a real day. */
export function MonthDayField(p: { id: string; label: string; value: string; onSave: (md: string) => unknown; pending?: Props['pending'] }) {
  const [error, setError] = useState<string | undefined>();
  return (
    <TextInput
      id={p.id}
      label={p.label}
      hint={t('dossier.monthDayHint')}
      error={error}
      value={monthDayToText(p.value)}
      pending={p.pending}
      onSave={(text) => {
        const md = textToMonthDay(text);
        if (!md) {
          setError(t('dossier.monthDayError'));
          return;
        }
        setError(undefined);
        return p.onSave(md);
      }}
    />
  );
}
