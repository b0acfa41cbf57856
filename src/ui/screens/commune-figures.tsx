// Commune figures form (route `#/so-lieu-xa`): the four standards of TC4 (universal education and
// literacy, each with the level the circular asks), whether the commune is in a difficult area
// (it sets TC5.2's thresholds), and the units (a programme target only). Saved on every valid
// change; invalid values stay on screen only, with their error.
// Read-only, with the reason, for an enrolment the server would refuse (a village collector, a viewer).
import { useState } from 'preact/hooks';
import { getCommuneFigures, getDossier, saveCommuneFigures } from '../../db/index.ts';
import type { CommuneFigures } from '../../domain/assess-types.ts';
import { COMMUNE_FIGURE_LABELS, FIGURE_LEVEL_MAX } from '../../domain/schemas/labels.ts';
import { DEFAULT_CATALOG_ID, getCatalog, indicatorsOf, type StandardIndicator } from '../../domain/catalog/index.ts';
import { validateCommuneFigures } from '../../domain/schemas/entities.ts';
import { fmtNumber, getLang, t, tx } from '../i18n/index.ts';
import { useLive } from '../hooks/use-live.ts';
import { Title } from '../components/title.tsx';
import { NumberField, RadioGroup, SelectField, type Option } from '../components/fields.tsx';
import { FormStatus, useSaver } from '../components/save-status.tsx';
import { readDrafts } from '../parse.ts';
import { useDrafts } from '../hooks/use-drafts.ts';
import type { ScreenProps } from '../routes.tsx';
import { readOnlyReason, type ReadOnlyReason } from '../access.ts';
import { loadAccess } from '../hooks/use-access.ts';
import { ReadOnlyNote } from '../components/read-only-note.tsx';
import { indicatorName } from '../../i18n/readiness.ts';
import { valueProblemText as problemText } from '../../i18n/value-problems.ts';

type UnitKey = 'units' | 'unitsRecognized';
type LevelKey = 'pcgdPrimary' | 'pcgdLowerSecondary' | 'literacy';
const UNIT_KEYS: UnitKey[] = ['units', 'unitsRecognized'];
const LEVEL_KEYS: LevelKey[] = ['pcgdPrimary', 'pcgdLowerSecondary', 'literacy'];

const STANDARDS = indicatorsOf(getCatalog(DEFAULT_CATALOG_ID)!).filter((i): i is StandardIndicator => i.kind === 'standard');

/** "Chỉ tiêu 2 của Tiêu chí 4: mức độ 1 cần từ mức độ 2, mức độ 2 cần từ mức độ 3." */
function standardHint(key: string): string | undefined {
  const ind = STANDARDS.find((s) => s.figure === key);
  if (!ind) return undefined;
  const need = (m: number | true) => (m === true ? t('standardReached') : t('levelAtLeast', { n: String(m) }));
  return t('standardHint', { indicator: indicatorName(ind.id, getLang()), one: need(ind.minimum[1]), two: need(ind.minimum[2]) });
}

function levelOptions(max: number): Option[] {
  const out: Option[] = [{ value: '', label: t('choose') }, { value: '0', label: t('level0') }];
  for (let n = 1; n <= max; n++) out.push({ value: String(n), label: t('levelN', { n }) });
  return out;
}

async function load(commune: string, year: number) {
  return {
    fig: await getCommuneFigures(commune, year),
    locked: (await getDossier(commune, year))?.locked === true,
    readOnly: readOnlyReason(await loadAccess(commune), 'communeFigures'),
  };
}

function Form({ commune, year, fig, locked: yearLocked, readOnly }: ScreenProps & { fig: CommuneFigures | undefined; locked: boolean; readOnly: ReadOnlyReason | null }) {
  // Nothing is saved while the year is locked or the enrolment may not write here.
  const locked = yearLocked || readOnly !== null;
  const [refused, setRefused] = useState<Record<string, string>>({});
  const saver = useSaver();
  const book = useDrafts(UNIT_KEYS, fig);
  const drafts = book.drafts;

  const errorsFor = (d: Partial<Record<UnitKey, string>>): Partial<Record<UnitKey, string>> => {
    const merged: Record<string, unknown> = { ...(fig ?? {}) };
    delete merged.commune;
    delete merged.year;
    const errors: Partial<Record<UnitKey, string>> = {};
    for (const k of readDrafts(UNIT_KEYS, d, merged)) errors[k] = t('notANumber');
    for (const p of validateCommuneFigures(merged)) {
      const field = p.path as UnitKey;
      // unitsRecognized ≤ units: if the person just typed units, the error belongs there.
      const target = field in d ? field : UNIT_KEYS.find((k) => k in d);
      if (target && !errors[target]) errors[target] = problemText(p, getLang());
    }
    return errors;
  };
  const errors = errorsFor(drafts);

  const save = (patch: Partial<CommuneFigures>) => saver.run(() => saveCommuneFigures(commune, year, patch), setRefused);

  const onUnit = (key: UnitKey, raw: string) => {
    const next = book.type(key, raw);
    setRefused({});
    const errs = errorsFor(next);
    if (locked) return;
    const patch = book.takePatch(next, errs);
    if (Object.keys(patch).length === 0) return;
    void save(patch).then((ok) => {
      if (!ok) book.refused(patch);
    });
  };

  const pre = fig?.pcgdPreschool5;
  const area = fig?.difficultArea;
  return (
    <>
      <ReadOnlyNote reason={readOnly} level="commune" />
      <FormStatus state={saver.state} locked={yearLocked} year={year} />
      <form onSubmit={(e) => e.preventDefault()} noValidate>
        <fieldset disabled={readOnly !== null}>
          <h2 class="form-section">{t('figuresStandards')}</h2>
          <SelectField
            id="g-pcgdPreschool5"
            label={tx(COMMUNE_FIGURE_LABELS.pcgdPreschool5)}
            hint={standardHint('pcgdPreschool5')}
            value={pre === true ? 'yes' : pre === false ? 'no' : ''}
            error={refused.pcgdPreschool5}
            options={[
              { value: '', label: t('choose') },
              { value: 'yes', label: t('met') },
              { value: 'no', label: t('unmet') },
            ]}
            onChange={(v) => void (locked ? null : save({ pcgdPreschool5: v === 'yes' ? true : v === 'no' ? false : null }))}
          />
          {LEVEL_KEYS.map((k) => (
            <SelectField
              key={k}
              id={`g-${k}`}
              label={tx(COMMUNE_FIGURE_LABELS[k])}
              hint={standardHint(k)}
              value={typeof fig?.[k] === 'number' ? String(fig[k]) : ''}
              error={refused[k]}
              options={levelOptions(FIGURE_LEVEL_MAX[k])}
              onChange={(v) => void (locked ? null : save({ [k]: v === '' ? null : Number(v) }))}
            />
          ))}
          <h2 class="form-section">{t('figuresArea')}</h2>
          <RadioGroup
            id="g-difficultArea"
            name="difficultArea"
            label={tx(COMMUNE_FIGURE_LABELS.difficultArea)}
            hint={t('difficultAreaHint')}
            value={area === true ? 'yes' : area === false ? 'no' : ''}
            options={[
              { value: 'yes', label: t('yes') },
              { value: 'no', label: t('no') },
              { value: '', label: t('notAnswered') },
            ]}
            onChange={(v) => void (locked ? null : save({ difficultArea: v === 'yes' ? true : v === 'no' ? false : null }))}
          />
          <h2 class="form-section">{t('figuresUnits')}</h2>
          {UNIT_KEYS.map((k) => {
            const now = fig?.[k];
            return (
              <NumberField
                key={k}
                id={`g-${k}`}
                label={tx(COMMUNE_FIGURE_LABELS[k])}
                value={drafts[k] ?? (typeof now === 'number' ? String(now) : '')}
                error={errors[k] ?? refused[k]}
                // A text not saved over a value someone else just saved: say so.
                warning={book.moved[k] ? t('savedChangedUnder', { value: typeof now === 'number' ? fmtNumber(now) : t('emptyValue') }) : undefined}
                onInput={(r) => onUnit(k, r)}
              />
            );
          })}
        </fieldset>
      </form>
    </>
  );
}

/** The commune figures screen. */
export function CommuneFiguresForm({ commune, year }: ScreenProps) {
  const live = useLive(() => load(commune, year), [commune, year]);
  return (
    <>
      <Title>
        {t('figuresTitle')} — {year}
      </Title>
      <p class="hint">{t('figuresHint')}</p>
      {live.value ? <Form key={`${commune}/${year}`} commune={commune} year={year} fig={live.value.fig} locked={live.value.locked} readOnly={live.value.readOnly} /> : <p class="muted">{t('loading')}</p>}
    </>
  );
}
