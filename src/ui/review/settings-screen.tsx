// Cài đặt của tỉnh (route `#/tinh/cai-dat`): what the province sets for its communes — the body
// receiving the dossiers and its address line, the deciding body and its signer's title, the
// deadlines (default 28/02 and 31/03 of the year after), the year's guidance letter, and which
// communes are in a difficult area. Written by the province's reviewer, synced to its communes.
import { useEffect, useState } from 'preact/hooks';
import { DEFAULT_DECISION_DEADLINE, DEFAULT_DOSSIER_DEADLINE, isValidMonthDay } from '../../dossier/deadlines.ts';
import { TextArea, TextField } from '../components/fields.tsx';
import { SaveStatus, useSaver } from '../components/save-status.tsx';
import { Title } from '../components/title.tsx';
import { useLive } from '../hooks/use-live.ts';
import { t } from '../i18n/index.ts';
import { href } from '../router.ts';
import { PATHS, type ScreenProps } from '../routes.tsx';
import { saveProvinceSettings } from './actions.ts';
import { loadSettings } from './data.ts';
import type { SettingsForm } from '../../review/settings.ts';
import './words.ts';
import './review.css';

/** 'MM-DD' ↔ "dd/mm" as people write it. */
const toDayMonth = (md: string) => (/^\d{2}-\d{2}$/.test(md) ? `${md.slice(3)}/${md.slice(0, 2)}` : md);
function toMonthDay(s: string): string | null {
  const m = /^\s*(\d{1,2})\s*\/\s*(\d{1,2})\s*$/.exec(s);
  if (!m) return null;
  const md = `${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return isValidMonthDay(md) ? md : null;
}

type Errors = Partial<Record<keyof SettingsForm, string>>;

function check(f: SettingsForm, dossier: string, decision: string): { errors: Errors; value: SettingsForm } {
  const errors: Errors = {};
  if (!f.receiverName.trim()) errors.receiverName = t('rv.err.required');
  if (!f.deciderName.trim()) errors.deciderName = t('rv.err.required');
  const d1 = toMonthDay(dossier);
  const d2 = toMonthDay(decision);
  if (!d1) errors.dossierDeadline = t('rv.err.dayOfYear');
  if (!d2) errors.decisionDeadline = t('rv.err.dayOfYear');
  return { errors, value: { ...f, dossierDeadline: d1 ?? f.dossierDeadline, decisionDeadline: d2 ?? f.decisionDeadline } };
}

/** The province settings screen. */
export function ProvinceSettingsScreen({ year }: ScreenProps) {
  const live = useLive(async () => loadSettings(year), [year]);
  const [f, setF] = useState<SettingsForm | null>(null);
  const [dates, setDates] = useState<[string, string]>(['', '']);
  const [errors, setErrors] = useState<Errors>({});
  const saver = useSaver();
  useEffect(() => {
    if (live.value && !f) {
      setF(live.value.form);
      setDates([toDayMonth(live.value.form.dossierDeadline || DEFAULT_DOSSIER_DEADLINE), toDayMonth(live.value.form.decisionDeadline || DEFAULT_DECISION_DEADLINE)]);
    }
  }, [live.value]);
  if (!f || !live.value) return <><Title>{t('rv.settingsTitle')}</Title><p class="muted">{t('rv.loading')}</p></>;
  const { communes, canWrite } = live.value;
  const text = (key: 'receiverName' | 'receiverAddress' | 'deciderName' | 'signerTitle') => (
    <TextField id={`ps-${key}`} label={t(`rv.${key}`)} value={f[key]} error={errors[key]} onInput={(v) => setF({ ...f, [key]: v })} />
  );
  const areas = new Set(f.difficultAreas);
  return (
    <>
      <p><a href={href(PATHS.province)}>← {t('rv.backToList')}</a></p>
      <Title>{t('rv.settingsTitle')}</Title>
      <p class="hint">{t('rv.settingsHint')}</p>
      {!canWrite ? <p class="notice" role="note">{t('rv.readOnly')}</p> : null}
      <fieldset disabled={!canWrite} class="card">
        {text('receiverName')}
        {text('receiverAddress')}
        {text('deciderName')}
        {text('signerTitle')}
        <TextField id="ps-dossierDeadline" label={t('rv.dossierDeadline')} value={dates[0]} error={errors.dossierDeadline} onInput={(v) => setDates([v, dates[1]])} />
        <TextField id="ps-decisionDeadline" label={t('rv.decisionDeadline')} value={dates[1]} error={errors.decisionDeadline} onInput={(v) => setDates([dates[0], v])} />
        <TextArea id="ps-guidanceLetter" label={t('rv.guidanceLetter')} value={f.guidanceLetter} onInput={(v) => setF({ ...f, guidanceLetter: v })} />
        <fieldset class="field">
          <legend>{t('rv.difficultAreas')}</legend>
          {communes.map((c) => (
            <label key={c.id} class="check">
              <input
                type="checkbox"
                checked={areas.has(c.id)}
                onChange={(e) => {
                  const next = new Set(areas);
                  if ((e.currentTarget as HTMLInputElement).checked) next.add(c.id);
                  else next.delete(c.id);
                  setF({ ...f, difficultAreas: communes.map((x) => x.id).filter((x) => next.has(x)) });
                }}
              />
              <span>{c.name}</span>
            </label>
          ))}
        </fieldset>
        <button
          type="button"
          class="primary wide"
          onClick={() => {
            const r = check(f, dates[0], dates[1]);
            setErrors(r.errors);
            if (Object.keys(r.errors).length === 0) void saver.run(() => saveProvinceSettings(year, r.value));
          }}
        >
          {t('rv.saveSettings')}
        </button>
      </fieldset>
      <SaveStatus state={saver.state} />
    </>
  );
}
