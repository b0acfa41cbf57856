// Readiness (route `#/muc-do`): the level reached, the level the commune may apply for now (with the
// reason and date), the title it holds and what it should send, what is still missing
// cheapest-first, every level's criteria and indicators in the circular's words, and the programme
// targets as information. Judges nothing itself: the one assessment (../assessment.ts) decides,
// explain.ts words it. Updates live.
import { useState } from 'preact/hooks';
import { archiveDecision, listDecisions, repo, saveDecision, type DecisionRow, type RegisterRow } from '../../db/index.ts';
import { registerYears } from '../../domain/readiness/input-of-rows.ts';
import type {
  AssessInput, AssessOutput, IndicatorResult, LevelNo, RatioValue, TrainingThreshold, TrainingValue,
} from '../../domain/assess-types.ts';
import { DEFAULT_CATALOG_ID, findIndicator, getCatalog, indicatorText } from '../../domain/catalog/index.ts';
import { fmtDate, fmtNumber, fmtPercent, getLang, t, tx } from '../i18n/index.ts';
import { useLive } from '../hooks/use-live.ts';
import { Title } from '../components/title.tsx';
import { SelectField, TextField } from '../components/fields.tsx';
import { SaveStatus, useSaver } from '../components/save-status.tsx';
import { StatusBadge } from '../components/badges.tsx';
import type { ScreenProps } from '../routes.tsx';
import { readOnlyReason, type ReadOnlyReason } from '../access.ts';
import { loadAccess } from '../hooks/use-access.ts';
import { ReadOnlyNote } from '../components/read-only-note.tsx';
import { loadAssessment } from '../assessment.ts';
import { lazy } from '../components/lazy.tsx';
import { criterionName, indicatorName, actionsToReach, formatShare, gapText, levelLabel, requestText } from '../../i18n/readiness.ts';

const catalog = getCatalog(DEFAULT_CATALOG_ID)!;

async function load(commune: string, year: number) {
  const [assessment, decisions, access, register] = await Promise.all([
    loadAssessment(commune, year), listDecisions(commune), loadAccess(commune), repo().review().then((r) => r.listRegister(commune)),
  ]);
  // Recording a decision is the commune officer's (server/auth.ts); others see the list only. The
  // years the province's register holds are its record: shown from it, not typed (issue #14).
  return { ...assessment, decisions, register, decisionsReadOnly: readOnlyReason(access, 'decision') };
}

/** "58,4 % (1.234/2.113)" — the percent never rounded up into the threshold beside it. */
function shareText(v: RatioValue, threshold: number): string {
  return `${formatShare(v, threshold, getLang())} (${fmtNumber(v.numerator)}/${fmtNumber(v.denominator)})`;
}

function standardText(v: unknown): string {
  if (v === null || v === undefined) return t('unknown');
  if (v === true) return t('standardReached');
  if (v === false || v === 0) return t('standardNotReached');
  return t('levelN', { n: String(v) });
}

/** The figures and the requirement of one indicator, by kind. */
function valueLines(r: IndicatorResult): { value: string | null; threshold: string | null } {
  const ind = findIndicator(catalog, r.id);
  if (!ind || ind.kind === 'yes-no') return { value: null, threshold: null };
  if (ind.kind === 'standard') {
    return { value: standardText(r.value), threshold: r.threshold === true ? t('standardReached') : t('levelAtLeast', { n: String(r.threshold) }) };
  }
  if (ind.kind === 'ratio') {
    const th = r.threshold as number;
    return { value: shareText(r.value as RatioValue, th), threshold: t('percentAtLeast', { value: fmtPercent(th) }) };
  }
  const v = r.value as TrainingValue;
  const th = r.threshold as TrainingThreshold;
  return {
    value: t('trainingValue', { trained: shareText(v.trained, th.trained), university: shareText(v.university, th.university) }),
    threshold: t(th.difficultArea ? 'trainingThresholdDifficult' : 'trainingThreshold', { trained: fmtPercent(th.trained), university: fmtPercent(th.university) }),
  };
}

function IndicatorLine({ r, level, input }: { r: IndicatorResult; level: LevelNo; input: AssessInput }) {
  const ind = findIndicator(catalog, r.id);
  const lang = getLang();
  const gap = gapText(r, catalog, lang, { villages: input.villages });
  const { value, threshold } = valueLines(r);
  return (
    <li class={`indicator-line status-line-${r.status}`} data-testid={`ind-${level}-${r.id}`}>
      <div class="line-head">
        <span>
          <strong>{indicatorName(r.id, lang)}</strong> <span class="ind-id">({r.id})</span>
        </span>
        <StatusBadge status={r.status} />
      </div>
      {ind ? <p class="small">{tx(indicatorText(ind, level))}</p> : null}
      {value ? <p class="small" data-testid="value-line">{t('value', { value })}</p> : null}
      {threshold ? <p class="small" data-testid="threshold-line">{t('thresholdIs', { value: threshold })}</p> : null}
      {gap ? (
        <p class="small gap-text" data-testid="gap-line">
          {t('gap')}: {gap}
        </p>
      ) : null}
    </li>
  );
}

/** Programme targets (Quyết định 387/QĐ-TTg): shown as information, never part of the level. */
function Programmes({ output }: { output: AssessOutput }) {
  return (
    <section aria-labelledby="programmes-h" class="card" data-testid="programmes">
      <h2 id="programmes-h">{t('programmesTitle')}</h2>
      <p class="hint">{t('programmesHint', { source: tx(catalog.programmes.source) })}</p>
      <ul class="plain-list">
        {catalog.programmes.targets.map((p) => {
          const r = output.info[p.key];
          return (
            <li key={p.key} data-programme={p.key}>
              {tx(p.label)}: {r && r.denominator > 0 ? shareText(r, p.target) : '—'} — {t('targetIs', { value: fmtPercent(p.target) })}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** A decision's photos or scans: the evidence panel's own chunk. */
const EvidencePanel = lazy(() => import('../evidence/index.tsx').then((m) => m.EvidencePanel));

function Decisions({ commune, year, decisions, register, readOnly }: { commune: string; year: number; decisions: DecisionRow[]; register: RegisterRow[]; readOnly: ReadOnlyReason | null }) {
  const registers = registerYears(register);
  const titles = register.filter((r): r is RegisterRow & { level: 1 | 2; date: string } => r.outcome === 'recognised' && (r.level === 1 || r.level === 2) && typeof r.date === 'string');
  const [level, setLevel] = useState('1');
  const [date, setDate] = useState('');
  const [num, setNum] = useState('');
  const [error, setError] = useState<string | undefined>();
  const saver = useSaver();
  return (
    <section aria-labelledby="decisions-h" class="card">
      <h2 id="decisions-h">{t('decisionsTitle')}</h2>
      <p class="hint">{t('decisionsHint')}</p>
      {registers.size ? <p class="hint" data-testid="decisions-register-hint">{t('decisionsRegisterHint', { years: [...registers].sort().join(', ') })}</p> : null}
      {decisions.length || titles.length ? (
        <ul class="plain-list">
          {titles.map((r) => (
            <li key={`register-${r.year}`} data-testid="decision-register">
              {levelLabel(r.level, getLang())} — {fmtDate(r.date)}
              {r.number ? ` — ${r.number}` : ''} <span class="muted">({t('decisionFromRegister')})</span>
            </li>
          ))}
          {decisions.map((d) => {
            const which = { level: levelLabel(d.level, getLang()), date: fmtDate(d.decidedOn) };
            return (
              <li key={d.id} data-testid="decision-typed">
                <div class="row">
                  <span>
                    {which.level} — {which.date}
                    {d.number ? ` — ${d.number}` : ''}
                    {registers.has(Number(d.decidedOn.slice(0, 4))) ? <span class="muted"> ({t('decisionReplaced', { year: d.decidedOn.slice(0, 4) })})</span> : null}
                  </span>
                  {readOnly ? null : (
                    <button
                      type="button"
                      class="link danger"
                      aria-label={t('removeDecision', which)}
                      onClick={() => {
                        // A decision typed by mistake would hold the 12-month and 3-year rules for good.
                        if (window.confirm(t('confirmRemoveDecision', which))) void saver.run(() => archiveDecision(commune, d.id));
                      }}
                    >
                      ✕
                    </button>
                  )}
                </div>
                <EvidencePanel commune={commune} year={year} decision={d.id} readOnly={readOnly !== null} />
              </li>
            );
          })}
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
  const { input, output, plan } = data;
  const target: LevelNo | null = output.level === 0 ? 1 : output.level === 1 ? 2 : null;
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
          <dt>{t('heldTitle')}</dt>
          <dd data-testid="held">
            {output.held
              ? t('heldValue', { level: levelLabel(output.held.level, lang), date: fmtDate(output.held.decidedOn), until: fmtDate(output.held.validUntil) })
              : t('heldNone')}
          </dd>
        </dl>
        {output.eligibility ? <p class="notice">{t('level2Wait', { date: fmtDate(output.eligibility.from) })}</p> : null}
        <p class="notice" data-testid="request-plan" data-kind={plan.kind}>
          {requestText(plan, lang)}
        </p>
        <p class="small muted">{t(data.asOfFrom === 'signed' ? 'asOfSigned' : 'asOf', { date: fmtDate(output.asOf) })}</p>
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
                    {criterionName(c.id, lang)}. {def ? tx(def.text) : ''}
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
      <Programmes output={output} />
      <Decisions commune={commune} year={year} decisions={data.decisions} register={data.register} readOnly={data.decisionsReadOnly} />
    </>
  );
}
