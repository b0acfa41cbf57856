// Form fields with their label, hint, error and warning wired for screen readers
// (aria-invalid + aria-describedby) and large tap targets. Never saves: screens decide.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';

interface FieldBase {
  id: string;
  label: string;
  hint?: string | undefined;
  /** A rule the value must keep, shown under the hint while typing (e.g. "không lớn hơn …"). */
  rule?: string | undefined;
  error?: string | undefined;
  warning?: string | undefined;
}

function describedBy(f: FieldBase): string | undefined {
  const ids = [f.hint ? `${f.id}-hint` : '', f.rule ? `${f.id}-rule` : '', f.error ? `${f.id}-error` : '', f.warning ? `${f.id}-warn` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function Messages(f: FieldBase) {
  return (
    <>
      {f.hint ? (
        <p id={`${f.id}-hint`} class="hint">
          {f.hint}
        </p>
      ) : null}
      {f.rule ? (
        <p id={`${f.id}-rule`} class="hint field-rule">
          {f.rule}
        </p>
      ) : null}
      {f.error ? (
        <p id={`${f.id}-error`} class="field-error">
          {f.error}
        </p>
      ) : null}
      {f.warning ? (
        <p id={`${f.id}-warn`} class="field-warning">
          {f.warning}
        </p>
      ) : null}
    </>
  );
}

/** The attributes every control shares: id and name, and its state for screen readers. */
export function controlAttrs(f: FieldBase) {
  return {
    id: f.id,
    name: f.id,
    'aria-invalid': f.error ? ('true' as const) : ('false' as const),
    'aria-describedby': describedBy(f),
  };
}

/** A field's frame: the label, the control (children), then its hint, error and warning. */
export function Field(props: FieldBase & { children: ComponentChildren }) {
  return (
    <div class={`field${props.error ? ' has-error' : ''}`}>
      <label for={props.id}>{props.label}</label>
      {props.children}
      <Messages id={props.id} label={props.label} hint={props.hint} rule={props.rule} error={props.error} warning={props.warning} />
    </div>
  );
}

/** A whole-number input that opens the numeric keypad on phones. */
export function NumberField(props: FieldBase & { value: string; onInput: (raw: string) => void; onBlur?: () => void }) {
  return (
    <Field {...props}>
      <input
        {...controlAttrs(props)}
        type="text"
        inputMode="numeric"
        pattern="[0-9]*"
        autoComplete="off"
        value={props.value}
        onInput={(e) => props.onInput((e.currentTarget as HTMLInputElement).value)}
        onBlur={props.onBlur}
      />
    </Field>
  );
}

/** A one-line text input. */
export function TextField(
  props: FieldBase & { value: string; onInput: (raw: string) => void; type?: 'text' | 'date' | 'url'; inputMode?: string; autoComplete?: string; onBlur?: () => void },
) {
  return (
    <Field {...props}>
      <input
        {...controlAttrs(props)}
        type={(props.type ?? 'text') as 'text'}
        inputMode={props.inputMode}
        autoComplete={props.autoComplete ?? 'off'}
        value={props.value}
        onInput={(e) => props.onInput((e.currentTarget as HTMLInputElement).value)}
        onBlur={props.onBlur}
      />
    </Field>
  );
}

/** A multi-line text input. */
export function TextArea(props: FieldBase & { value: string; onInput: (raw: string) => void }) {
  return (
    <Field {...props}>
      <textarea {...controlAttrs(props)} rows={3} value={props.value} onInput={(e) => props.onInput((e.currentTarget as HTMLTextAreaElement).value)} />
    </Field>
  );
}

export interface Option {
  value: string;
  label: string;
}

/** A select with its label. */
export function SelectField(props: FieldBase & { value: string; options: Option[]; onChange: (value: string) => void }) {
  // As for radios: show the choice at once, let the stored value take over when it changes.
  const [picked, setPicked] = useState<string | null>(null);
  useEffect(() => setPicked(null), [props.value]);
  return (
    <Field {...props}>
      <select
        {...controlAttrs(props)}
        value={picked ?? props.value}
        onChange={(e) => {
          const v = (e.currentTarget as HTMLSelectElement).value;
          setPicked(v);
          props.onChange(v);
        }}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** A group of radio buttons (fieldset + legend), each a large tap target. */
export function RadioGroup(
  props: FieldBase & { name: string; value: string; options: Option[]; onChange: (value: string) => void; legendExtra?: ComponentChildren },
) {
  // The choice shows at once; the stored value (props.value) takes over when the save lands.
  const [picked, setPicked] = useState<string | null>(null);
  useEffect(() => setPicked(null), [props.value]);
  const value = picked ?? props.value;
  return (
    <fieldset class={`field radios${props.error ? ' has-error' : ''}`} aria-describedby={describedBy(props)}>
      <legend>
        {props.label}
        {props.legendExtra}
      </legend>
      <div class="radio-row">
        {props.options.map((o) => (
          <label key={o.value} class={`radio${value === o.value ? ' checked' : ''}`}>
            <input
              type="radio"
              name={props.name}
              value={o.value}
              checked={value === o.value}
              onChange={() => {
                setPicked(o.value);
                props.onChange(o.value);
              }}
            />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      <Messages {...props} />
    </fieldset>
  );
}
