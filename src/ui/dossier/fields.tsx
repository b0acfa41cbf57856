// Text fields of the "Hồ sơ" screen that save themselves: while typing (short pause), on leaving
// the field, and when the screen goes away, so no wording is ever lost. Never decides what to save.
import { useEffect, useRef, useState } from 'preact/hooks';
import { isValidMonthDay } from '../../dossier/deadlines.ts';
import { controlAttrs, Field } from '../components/fields.tsx';
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

/** A labelled input or textarea holding its own draft; the stored value wins only when not editing. */
export function TextInput(p: Props) {
  const [draft, setDraft] = useState(p.value);
  const editing = useRef(false);
  const pending = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const onSave = useRef(p.onSave);
  onSave.current = p.onSave;

  // A value arriving from elsewhere (another device, a reload) shows unless the person is typing.
  useEffect(() => {
    if (!editing.current && pending.current === null) setDraft(p.value);
  }, [p.value]);

  const flush = () => {
    clearTimeout(timer.current);
    if (pending.current !== null) {
      const v = pending.current;
      pending.current = null;
      void onSave.current(v);
    }
  };
  // Leaving the screen mid-pause still saves.
  useEffect(() => () => flush(), []);

  const onInput = (v: string) => {
    setDraft(v);
    p.onInputNow?.(v);
    if (v === p.value && pending.current === null) return;
    pending.current = v;
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
