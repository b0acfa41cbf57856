// Mã thôn shared by two active villages (the rule: src/domain/village-codes.ts): the warning that
// names the code and the villages sharing it, and the editor that changes one village's code right
// there, refusing a code another active village holds. Two phones offline can each add "Thôn 5" as
// T05 and the server keeps both, so the phone shows the pair; it never picks one. Lazy: the village
// list and the village adder import it.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { saveVillage, type VillageRow } from '../../db/index.ts';
import { CODE_RE } from '../../domain/sync/limits.ts';
import { activeWithCode, duplicateVillageCodes } from '../../domain/village-codes.ts';
import { t } from '../i18n/index.ts';
import { TextField } from '../components/fields.tsx';
import { SaveStatus, useSaver } from '../components/save-status.tsx';

type Coded = Pick<VillageRow, 'id' | 'code' | 'name' | 'archived'>;

/** Why `code` cannot be given to village `self` (none: a village being added) among `villages`, or undefined. */
export function codeError(villages: readonly Coded[], code: string, self?: string): string | undefined {
  if (!CODE_RE.test(code)) return t('errCode');
  if (activeWithCode(villages, code).some((v) => v.id !== self)) return t('errCodeTaken', { code });
  return undefined;
}

/**
 * A village's line (`children`) with "Sửa mã", which opens the field for its new code in place.
 * `actions`: the line's other buttons. `onSaved`: told the new code once stored.
 */
export function CodeEditor(p: {
  commune: string; village: Coded; villages: readonly Coded[]; idPrefix: string; children: ComponentChildren; actions?: ComponentChildren;
  onSaved?: (code: string) => void;
}) {
  const { village: v } = p;
  const [code, setCode] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const saver = useSaver();
  const fieldId = `${p.idPrefix}-code-${v.id}`;
  const close = () => {
    setCode(null);
    setErrors({});
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    const c = (code ?? '').trim();
    if (c === v.code) return close();
    const error = codeError(p.villages, c, v.id);
    if (error) {
      setErrors({ code: error });
      document.getElementById(fieldId)?.focus();
      return;
    }
    if (await saver.run(() => saveVillage(p.commune, { id: v.id, code: c, name: v.name }), setErrors)) {
      close();
      p.onSaved?.(c);
    }
  };
  return (
    <>
      <div class="row">
        {p.children}
        <span>
          {code === null ? (
            <button type="button" class="link" aria-label={t('editCodeOf', { name: v.name })} onClick={() => setCode(v.code)}>
              {t('editCode')}
            </button>
          ) : null}
          {p.actions}
        </span>
      </div>
      {code !== null ? (
        <form class="card" onSubmit={submit} noValidate>
          <TextField id={fieldId} label={t('newCodeOf', { name: v.name })} value={code} error={errors.code} onInput={setCode} />
          <button type="submit" class="primary wide">
            {t('saveCode')}
          </button>
          <button type="button" class="wide" onClick={close}>
            {t('cancelEdit')}
          </button>
          <SaveStatus state={saver.state} />
        </form>
      ) : null}
    </>
  );
}

/** The warning of the village list: each code two or more active villages share, their names, and (when `canEdit`) a way to change each one's code. */
export function DuplicateCodes({ commune, villages, canEdit }: { commune: string; villages: readonly Coded[]; canEdit: boolean }) {
  const [saved, setSaved] = useState<string | null>(null);
  const groups = duplicateVillageCodes(villages);
  return (
    <>
      {groups.map((g) => (
        <section key={g.code} class="notice warn" aria-labelledby={`dup-${g.code}`} data-testid="dup-codes">
          <p id={`dup-${g.code}`} role="alert">
            {t('dupCodes', { code: g.code, n: g.villages.length, names: g.villages.map((v) => v.name).join(', ') })}
          </p>
          <ul class="plain-list">
            {g.villages.map((v) => (
              <li key={v.id}>
                {canEdit ? (
                  <CodeEditor commune={commune} village={v} villages={villages} idPrefix="dup" onSaved={(code) => setSaved(t('codeSaved', { code, name: v.name }))}>
                    <span>
                      {v.name} <span class="muted">({v.code})</span>
                    </span>
                  </CodeEditor>
                ) : (
                  <span>
                    {v.name} ({v.code})
                  </span>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
      {/* Kept once shown, so the saved code is announced when the last warning goes. */}
      {groups.length || saved ? (
        <p role="status" class="save-status save-saved">
          {saved}
        </p>
      ) : null}
    </>
  );
}
