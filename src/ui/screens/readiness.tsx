// Readiness (route `#/muc-do`): the level reached, the level the commune may apply for now (with the
// reason and date), what is still missing cheapest-first, and every level's criteria and
// indicators. Judges nothing itself: assess() decides, explain.ts words it. Updates live.
import { useState } from 'preact/hooks';
import { buildAssessInput, listDecisions, saveDecision, type DecisionRow } from '../../db/index.ts';
import type { AssessInput, AssessOutput, IndicatorResult, LevelNo, RatioValue } from '../../domain/assess-types.ts';
import { DEFAULT_CATALOG_ID, findIndicator, getCatalog, type StandardFigureKey } from '../../domain/catalog/index.ts';
import { assess } from '../../domain/readiness/index.ts';
import { actionsToReach, gapText, levelLabel } from '../../domain/readiness/explain.ts';
import { COMMUNE_FIGURE_LABELS } from '../../domain/schemas/labels.ts';
import { fmtDate, fmtNumber, fmtPercent, getLang, t, tx } from '../i18n/index.ts';
import { useLive } from '../hooks/use-live.ts';
import { Title } from '../components/title.tsx';
import { SelectField, TextField } from '../components/fields.tsx';
import { SaveStatus, useSaver } from '../components/save-status.tsx';
import { ProvisionalBadge, StatusBadge } from '../components/badges.tsx';
import type { ScreenProps } from '../app.tsx';
import { readOnlyReason, type ReadOnlyReason } from '../access.ts';
import { loadAccess } from '../hooks/use-access.ts';
import { ReadOnlyNote } from '../components/read-only-note.tsx';

const catalog = getCatalog(DEFAULT_CATALOG_ID)!;

async function load(commune: string, year: number) {
  const input = await buildAssessInput(commune, year);
  const decisions = await listDecisions(commune);
  // Recording a decision is the commune officer's (server/auth.ts); others see the list only.
  const decisionsReadOnly = readOnlyReason(await loadAccess(commune), 'decision');
  return { input, output: assess(input), decisions, decisionsReadOnly };
}

function ratioText(v: RatioValue): string {
  return `${fmtPercent(v.percent)} (${fmtNumber(v.numerator)}/${fmtNumber(v.denominator)})`;
}

function figureText(key: string, v: number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'boolean') return v ? t('met') : t('unmet');
  return key === 'pcgdPreschool5' ? String(v) : t('levelN', { n: v });
}

function IndicatorLine({ r, level, input }: { r: IndicatorResult; level: LevelNo; input: AssessInput }) {
  const ind = findIndicator(catalog, r.id);
  const lang = getLang();
  const gap = gapText(r, catalog, lang, { level, villages: input.villages });
  let value: string | null = null;
  let threshold: string | null = null;
  if (ind?.kind === 'ratio') {
    value = r.value && typeof r.value === 'object' && 'numerator' in r.value ? ratioText(r.value as RatioValue) : null;
    threshold = typeof r.threshold === 'number' ? fmtPercent(r.threshold) : null;
  } else if (ind?.kind === 'standard') {
    const vals = (r.value ?? {}) as Record<string, number | boolean | null>;
    const mins = (r.threshold ?? {}) as Record<string, number | boolean>;
    value = ind.figures.map((f) => `${tx(COMMUNE_FIGURE_LABELS[f as StandardFigureKey])}: ${figureText(f, vals[f])}`).join('; ');
    threshold = r.threshold ? ind.figures.filter((f) => f in mins).map((f) => `${tx(COMMUNE_FIGURE_LABELS[f])}: ${figureText(f, mins[f])}`).join('; ') : null;
  }
  return (
    <li class={`indicator-line status-line-${r.status}`} data-testid={`ind-${level}-${r.id}`}>
      <div class="line-head">
        <span>
          <span class="ind-id">{r.id}</span> {ind ? tx(ind.text) : ''}
          {r.provisional ? <ProvisionalBadge /> : null}
        </span>
        <StatusBadge status={r.status} />
      </div>
      {value ? <p class="small">{t('value', { value })}</p> : null}
      {threshold ? <p class="small">{t('thresholdIs', { value: threshold })}</p> : null}
      {gap ? (
        <p class="small gap-text">
          {t('gap')}: {gap}
        </p>
      ) : null}
    </li>
  );
}

function Decisions({ commune, decisions, readOnly }: { commune: string; decisions: DecisionRow[]; readOnly: ReadOnlyReason | null }) {
  const [level, setLevel] = useState('1');
  const [date, setDate] = useState('');
  const [num, setNum] = useState('');
  const [error, setError] = useState<string | undefined>();
  const saver = useSaver();
  return (
    <section aria-labelledby="decisions-h" class="card">
      <h2 id="decisions-h">{t('decisionsTitle')}</h2>
      <p class="hint">{t('decisionsHint')}</p>
      {decisions.length ? (
        <ul class="plain-list">
          {decisions.map((d) => (
            <li key={d.id}>
              {levelLabel(d.level, getLang())} — {fmtDate(d.decidedOn)}
              {d.number ? ` — ${d.number}` : ''}
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t('noDecisions')}</p>
      )}
      <ReadOnlyNote reason={readOnly} level="commune" />
      {readOnly ? null : (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
              setError(t('errDate'));
              return;
            }
            setError(undefined);
            void saver
              .run(() => saveDecision(commune, { level: level === '2' ? 2 : 1, decidedOn: date, ...(num.trim() ? { number: num.trim() } : {}) }))
              .then((ok) => {
                if (ok) {
                  setDate('');
                  setNum('');
                }
              });
          }}
        >
          <SelectField
            id="dec-level"
            label={t('decisionLevel')}
            value={level}
            options={[
              { value: '1', label: t('level1') },
              { value: '2', label: t('level2') },
            ]}
            onChange={setLevel}
          />
          <TextField id="dec-date" type="date" label={t('decidedOn')} value={date} error={error} onInput={setDate} />
          <TextField id="dec-number" label={t('decisionNumber')} value={num} onInput={setNum} />
          <button type="submit" class="wide">
            {t('addDecision')}
          </button>
          <SaveStatus state={saver.state} />
        </form>
      )}
    </section>
  );
}

function Gaps({ output, input, target }: { output: AssessOutput; input: AssessInput; target: LevelNo }) {
  const lang = getLang();
  const actions = actionsToReach(output, target, input, lang, catalog);
  return (
    <>
      <h3>{t('gapsTo', { level: levelLabel(target, lang) })}</h3>
      {actions.length ? (
        <ol class="gaps">
          {actions.map((a, i) => (
            <li key={`${a.indicatorId ?? 'wait'}-${a.kind}-${i}`}>
              {a.text}
              {a.details.length ? (
                <ul>
                  {a.details.map((d, j) => (
                    <li key={j}>{d}</li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ol>
      ) : (
        <p>{t('noGaps')}</p>
      )}
    </>
  );
}

/** The readiness screen (also the home summary when the dashboard is not built). */
export function Readiness({ commune, year }: ScreenProps) {
  const live = useLive(() => load(commune, year), [commune, year]);
  const data = live.value;
  const lang = getLang();
  if (!data) {
    return (
      <>
        <Title>{t('readinessTitle')}</Title>
        <p class="muted">{t('loading')}</p>
      </>
    );
  }
  const { input, output } = data;
  const target: LevelNo | null = output.level === 0 ? 1 : output.level === 1 ? 2 : null;
  const info = output.info.citizens;
  return (
    <>
      <Title>
        {t('readinessTitle')} — {year}
      </Title>
      <section class="card summary" aria-labelledby="summary-h">
        <h2 id="summary-h" class="visually-hidden">
          {t('selfAssessment')}
        </h2>
        <dl class="summary-list">
          <dt>{t('levelReached')}</dt>
          <dd data-testid="level-reached">{levelLabel(output.level, lang)}</dd>
          <dt>{t('mayApply')}</dt>
          <dd data-testid="eligible-level">{output.eligibleLevel === 0 ? t('mayApplyNone') : levelLabel(output.eligibleLevel, lang)}</dd>
        </dl>
        {output.eligibility ? (
          <p class="notice">
            {output.eligibility.reason === 'level2-wait' && output.eligibility.from
              ? t('level2Wait', { date: fmtDate(output.eligibility.from) })
              : t('eligibilityOther', { reason: output.eligibility.reason })}
          </p>
        ) : null}
        <p class="small muted">{t('asOf', { date: fmtDate(output.asOf) })}</p>
      </section>
      {target ? (
        <section aria-labelledby="gaps-h" class="card">
          <h2 id="gaps-h">{t('gapsTitle')}</h2>
          <Gaps output={output} input={input} target={target} />
        </section>
      ) : null}
      {output.levels.map((l) => (
        <section key={l.level} aria-labelledby={`lv-${l.level}`} class="level" data-testid={`level-${l.level}`}>
          <h2 id={`lv-${l.level}`} class="level-head">
            <span>{levelLabel(l.level, lang)}</span> <StatusBadge status={l.status} />
          </h2>
          {l.criteria.map((c) => {
            const def = catalog.criteria.find((x) => x.id === c.id);
            return (
              <div key={c.id} class="criterion-result" data-testid={`crit-${l.level}-${c.id}`}>
                <h3 class="line-head">
                  <span>
                    {c.id}. {def ? tx(def.text) : ''}
                  </span>
                  <StatusBadge status={c.status} />
                </h3>
                <ul class="plain-list">
                  {c.indicators.map((r) => (
                    <IndicatorLine key={r.id} r={r} level={l.level} input={input} />
                  ))}
                </ul>
              </div>
            );
          })}
        </section>
      ))}
      <p class="card small">{t('citizensInfo', { value: info.denominator ? ratioText(info) : '—', target: fmtPercent(info.target) })}</p>
      <Decisions commune={commune} decisions={data.decisions} readOnly={data.decisionsReadOnly} />
    </>
  );
}
