// The number, date and signer of a decision, with each rule's error under its field (the rules of
// src/review/decide.ts, worded by the catalog). Used by one commune's decision and the bulk one.
import type { RecogniseInput } from '../../review/decide.ts';
import type { Msg } from '../../i18n/words.ts';
import { TextField } from '../components/fields.tsx';
import { say, t } from '../i18n/index.ts';

type Parts = Omit<RecogniseInput, 'level'>;

export function DecisionFields({ id, value, onChange, problems }: {
  id: string; value: Parts; onChange: (v: Parts) => void; problems: readonly (Msg & { field: keyof RecogniseInput })[];
}) {
  const err = (f: keyof RecogniseInput) => {
    const p = problems.find((x) => x.field === f);
    return p ? say(p) : undefined;
  };
  return (
    <>
      <TextField id={`${id}-number`} label={t('rv.decisionNumber')} value={value.number} error={err('number')} onInput={(v) => onChange({ ...value, number: v })} />
      <TextField id={`${id}-date`} type="date" label={t('rv.decisionDate')} value={value.date} error={err('date')} onInput={(v) => onChange({ ...value, date: v })} />
      <TextField id={`${id}-signer`} label={t('rv.signer')} value={value.signer} error={err('signer')} onInput={(v) => onChange({ ...value, signer: v })} />
    </>
  );
}
