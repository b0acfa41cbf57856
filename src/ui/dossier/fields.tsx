// Text fields of the "Hồ sơ" screen that save themselves: while typing (short pause), on leaving
// the field, and when the screen goes away, so no wording is ever lost. Never decides what to save.
import { useEffect, useRef, useState } from 'preact/hooks';
import { isValidMonthDay } from '../../dossier/deadlines.ts';
import { controlAttrs, Field } from '../components/fields.tsx';
import { createFieldSaver, type FieldSaver } from './field-saver.ts';
import { ds } from './strings.ts';

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
}

/**
 * A labelled input or textarea holding its own draft. Saves run one at a time per field and the last
 * one writes what was typed last; the stored value replaces the draft only when nothing typed is
 * waiting or being saved and the person is not in the field (a live refresh never clobbers a draft).
 */
export function TextInput(p: Props) {
  const [draft, setDraft] = useState(p.value);
  const editing = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const onSave = useRef(p.onSave);
  onSave.current = p.onSave;
  const saver = useRef<FieldSaver | null>(null);
  if (!saver.current) {
    saver.current = createFieldSaver((v) => onSave.current(v));
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

  const flush = () => {
    clearTimeout(timer.current);
    void saver.current!.flush();
  };
  // Leaving the screen mid-pause still saves.
  useEffect(
    () => () => flush(),
    [],
  );

  const onInput = (v: string) => {
    setDraft(v);
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
export function MonthDayField(p: { id: string; label: string; value: string; onSave: (md: string) => unknown }) {
  const [error, setError] = useState<string | undefined>();
  return (
    <TextInput
      id={p.id}
      label={p.label}
      hint={ds('monthDayHint')}
      error={error}
      value={monthDayToText(p.value)}
      onSave={(text) => {
        const md = textToMonthDay(text);
        if (!md) {
          setError(ds('monthDayError'));
          return;
        }
        setError(undefined);
        return p.onSave(md);
      }}
    />
  );
}
