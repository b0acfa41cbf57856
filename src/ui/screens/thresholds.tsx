// Province thresholds (route `#/nguong`): the province's own threshold per indicator and level,
// beside the catalog default (or "chưa đặt"). They feed the engine's `thresholds`, so level 2 can
// be judged once the province has published its figures. Saves every valid change. Only a commune
// officer may change them: other enrolments see them read-only, with the reason.
import { useRef, useState } from 'preact/hooks';
import { getThresholds, saveThresholds } from '../../db/index.ts';
import type { LevelNo, ThresholdOverrides } from '../../domain/assess-types.ts';
import {
  DEFAULT_CATALOG_ID, getCatalog, indicatorsOf, type RatioIndicator, type StandardFigureKey, type StandardIndicator,
} from '../../domain/catalog/index.ts';
import { COMMUNE_FIGURE_LABELS, FIGURE_LEVEL_MAX } from '../../domain/schemas/labels.ts';
import { isPercent } from '../../domain/schemas/entities.ts';
import { fmtPercent, t, tx } from '../i18n/index.ts';
import { useLive } from '../hooks/use-live.ts';
import { Title } from '../components/title.tsx';
import { SelectField, TextField, type Option } from '../components/fields.tsx';
import { SaveStatus, useSaver } from '../components/save-status.tsx';
import { ProvisionalBadge } from '../components/badges.tsx';
import { parsePercent } from '../parse.ts';
import type { ScreenProps } from '../app.tsx';
import { readOnlyReason } from '../access.ts';
import { loadAccess } from '../hooks/use-access.ts';
import { ReadOnlyNote } from '../components/read-only-note.tsx';

const catalog = getCatalog(DEFAULT_CATALOG_ID)!;
const LEVELS: LevelNo[] = [1, 2];
type Lv = '1' | '2';

function levelLabel(level: LevelNo): string {
  return level === 1 ? t('level1') : t('level2');
}

function minText(key: StandardFigureKey, v: number | boolean | undefined): string {
  if (v === undefined) return t('notSet');
  if (typeof v === 'boolean') return v ? t('met') : t('no');
  return key === 'pcgdPreschool5' ? String(v) : t('levelN', { n: v });
}

function RatioRow({
  ind, level, values, onSave,
}: { ind: RatioIndicator; level: LevelNo; values: ThresholdOverrides; onSave: (v: ThresholdOverrides) => void }) {
  const lv = String(level) as Lv;
  const stored = values[ind.id]?.[lv];
  const [draft, setDraft] = useState<string | null>(null);
  const def = ind.thresholds[level];
  const id = `th-${ind.id.replace('.', '-')}-${level}`;
  const raw = draft ?? (typeof stored === 'number' ? String(stored).replace('.', ',') : '');
  const parsed = parsePercent(raw);
  const error = parsed !== null && !isPercent(parsed) ? t('errPercent') : undefined;
  return (
    <TextField
      id={id}
      label={`${levelLabel(level)} — ${t('provinceValue')}`}
      hint={t('catalogDefault', { value: def === null ? t('notSet') : fmtPercent(def) })}
      value={raw}
      inputMode="decimal"
      error={error}
      onInput={(r) => {
        setDraft(r);
        const p = parsePercent(r);
        if (p !== null && !isPercent(p)) return;
        const next: ThresholdOverrides = JSON.parse(JSON.stringify(values)) as ThresholdOverrides;
        const entry = { ...(next[ind.id] ?? {}) };
        if (p === null) delete entry[lv];
        else entry[lv] = p;
        if (Object.keys(entry).length) next[ind.id] = entry;
        else delete next[ind.id];
        onSave(next);
      }}
    />
  );
}

function StandardRow({
  ind, level, values, onSave,
}: { ind: StandardIndicator; level: LevelNo; values: ThresholdOverrides; onSave: (v: ThresholdOverrides) => void }) {
  const lv = String(level) as Lv;
  const stored = values[ind.id]?.[lv];
  const mins = typeof stored === 'object' && stored !== null ? stored : {};
  const def = ind.thresholds[level];
  return (
    <fieldset class="field">
      <legend>{levelLabel(level)}</legend>
      {ind.figures.map((f) => {
        const v = mins[f];
        const options: Option[] =
          f === 'pcgdPreschool5'
            ? [
                { value: '', label: t('useDefault') },
                { value: 'true', label: t('met') },
                { value: 'false', label: t('no') },
              ]
            : [{ value: '', label: t('useDefault') }, ...Array.from({ length: FIGURE_LEVEL_MAX[f] + 1 }, (_, n) => ({ value: String(n), label: n === 0 ? t('level0') : t('levelN', { n }) }))];
        return (
          <SelectField
            key={f}
            id={`th-${ind.id.replace('.', '-')}-${level}-${f}`}
            label={`${tx(COMMUNE_FIGURE_LABELS[f])} — ${t('provinceMin')}`}
            hint={t('catalogDefault', { value: def === null ? t('notSet') : minText(f, def[f]) })}
            value={v === undefined ? '' : String(v)}
            options={options}
            onChange={(val) => {
              const next: ThresholdOverrides = JSON.parse(JSON.stringify(values)) as ThresholdOverrides;
              const entry = { ...(next[ind.id] ?? {}) };
              const m: Record<string, number | boolean> = { ...(typeof entry[lv] === 'object' ? (entry[lv] as Record<string, number | boolean>) : {}) };
              if (val === '') delete m[f];
              else m[f] = val === 'true' ? true : val === 'false' ? false : Number(val);
              if (Object.keys(m).length) entry[lv] = m;
              else delete entry[lv];
              if (Object.keys(entry).length) next[ind.id] = entry;
              else delete next[ind.id];
              onSave(next);
            }}
          />
        );
      })}
    </fieldset>
  );
}

/** The province thresholds screen. */
export function Thresholds({ commune }: ScreenProps) {
  const live = useLive(
    async () => ({ values: await getThresholds(commune), readOnly: readOnlyReason(await loadAccess(commune), 'thresholds') }),
    [commune],
  );
  const saver = useSaver();
  // Every save sends the whole set, so the next edit must start from the set last sent until the
  // live one has caught up; starting from a stale live set would clear what was just saved.
  const sent = useRef<{ value: ThresholdOverrides; before: ThresholdOverrides } | null>(null);
  const liveValues = live.value?.values;
  const values = sent.current && liveValues === sent.current.before ? sent.current.value : liveValues;
  const readOnly = live.value?.readOnly ?? null;
  const onSave = (v: ThresholdOverrides) => {
    if (readOnly || !liveValues) return;
    sent.current = { value: v, before: liveValues };
    void saver.run(() => saveThresholds(commune, v)).then((ok) => {
      if (!ok && sent.current?.value === v) sent.current = null;
    });
  };
  return (
    <>
      <Title>{t('thresholdsTitle')}</Title>
      <p class="hint">{t('thresholdsHint')}</p>
      <ReadOnlyNote reason={readOnly} level="commune" />
      <div class="sticky-status">
        <SaveStatus state={saver.state} />
      </div>
      {!values ? (
        <p class="muted">{t('loading')}</p>
      ) : (
        <form onSubmit={(e) => e.preventDefault()} noValidate>
          <fieldset disabled={readOnly !== null}>
            {indicatorsOf(catalog)
              .filter((i): i is RatioIndicator | StandardIndicator => i.kind !== 'yes-no')
              .map((ind) => (
                <section key={ind.id} class="card" aria-labelledby={`thh-${ind.id.replace('.', '-')}`}>
                  <h2 id={`thh-${ind.id.replace('.', '-')}`} class="h3">
                    <span class="ind-id">{ind.id}</span> {tx(ind.text)}
                    {ind.provisional ? <ProvisionalBadge /> : null}
                  </h2>
                  {LEVELS.map((level) =>
                    ind.kind === 'ratio' ? (
                      <RatioRow key={level} ind={ind} level={level} values={values} onSave={onSave} />
                    ) : (
                      <StandardRow key={level} ind={ind} level={level} values={values} onSave={onSave} />
                    ),
                  )}
                </section>
              ))}
          </fieldset>
        </form>
      )}
    </>
  );
}
