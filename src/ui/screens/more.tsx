// "Thêm" (route `#/them`): the screens beyond the bottom navigation, the assessment year (switch,
// or start a new year from last year), the language, and switching commune.
import { useState } from 'preact/hooks';
import { getMeta, listYears, setMeta, startYear } from '../../db/index.ts';
import { getLang, t, type Lang } from '../i18n/index.ts';
import { useLive } from '../hooks/use-live.ts';
import { href } from '../router.ts';
import { Title } from '../components/title.tsx';
import { RadioGroup, SelectField } from '../components/fields.tsx';
import { SaveStatus, useSaver } from '../components/save-status.tsx';
import { PATHS, type ScreenProps } from '../routes.tsx';

/** The language switch, saved in meta (device-local, never synced). */
export function LanguageSwitch() {
  return (
    <RadioGroup
      id="lang"
      name="lang"
      label={t('language')}
      value={getLang()}
      options={[
        { value: 'vi', label: t('langVi') },
        { value: 'en', label: t('langEn') },
      ]}
      onChange={(v) => void setMeta('lang', v as Lang)}
    />
  );
}

function Years({ commune, year }: ScreenProps) {
  const live = useLive(() => listYears(commune), [commune]);
  const saver = useSaver();
  const [started, setStarted] = useState<number | null>(null);
  const years = live.value ?? [];
  const all = years.includes(year) ? years : [...years, year].sort((a, b) => a - b);
  const last = all[all.length - 1] ?? year;
  const next = last + 1;
  return (
    <section aria-labelledby="years-h" class="card">
      <h2 id="years-h">{t('yearsTitle')}</h2>
      <SelectField
        id="year-more"
        label={t('yearLabel')}
        value={String(year)}
        options={all.map((y) => ({ value: String(y), label: String(y) }))}
        onChange={(v) => void setMeta('currentYear', Number(v))}
      />
      <p class="hint">{t('startNewYearHint')}</p>
      <button
        type="button"
        class="wide"
        onClick={() =>
          void saver
            .run(async () => {
              await startYear(commune, next, last);
              await setMeta('currentYear', next);
            })
            .then((ok) => ok && setStarted(next))
        }
      >
        {t('startNewYear', { year: next, from: last })}
      </button>
      <SaveStatus state={saver.state} />
      {started ? <p>{t('yearStarted', { year: started })}</p> : null}
    </section>
  );
}

/** The "Thêm" screen. */
export function More(props: ScreenProps) {
  const reviewer = useLive(async () => (await getMeta('role')) === 'reviewer', []).value;
  const links: [string, string][] = [
    ...(reviewer ? [[href(PATHS.province), t('provinceReview')] as [string, string]] : []),
    [href(PATHS.figures), t('figuresTitle')],
    [href(PATHS.dossier), t('dossier')],
    [href(PATHS.data), t('dataTitle')],
    [href(PATHS.sync), t('syncTitle')],
    [href(PATHS.setup), t('switchCommune')],
  ];
  return (
    <>
      <Title>{t('moreTitle')}</Title>
      <ul class="link-list">
        {links.map(([h, label]) => (
          <li key={h}>
            <a href={h}>{label}</a>
          </li>
        ))}
      </ul>
      <Years {...props} />
      <section class="card" aria-label={t('language')}>
        <LanguageSwitch />
      </section>
    </>
  );
}
