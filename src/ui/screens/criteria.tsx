// Criteria form (route `#/tieu-chi`): the catalog's 5 criteria and 15 indicators. Yes/no indicators
// get an answer (Đạt / Chưa đạt / Chưa trả lời), a note, an amount (TC2.1, TC2.2) and evidence;
// computed ones show their live status and where their data is entered. Saves every change.
// Read-only, with the reason, for an enrolment the server would refuse (a village collector, a viewer).
import { useMemo, useState } from 'preact/hooks';
import { getAnswers, saveAnswer, type AnswerRow } from '../../db/index.ts';
import type { Answer, Evidence, IndicatorResult, Status } from '../../domain/assess-types.ts';
import { DEFAULT_CATALOG_ID, getCatalog, type IndicatorDef, type YesNoIndicator } from '../../domain/catalog/index.ts';
import { getLang, t, tx } from '../i18n/index.ts';
import { useLive } from '../hooks/use-live.ts';
import { href } from '../router.ts';
import { Title } from '../components/title.tsx';
import { NumberField, RadioGroup, TextArea, TextField } from '../components/fields.tsx';
import { FormStatus, useSaver } from '../components/save-status.tsx';
import { StatusBadge } from '../components/badges.tsx';
import { loadAssessment } from '../assessment.ts';
import { parseCount } from '../parse.ts';
import { PATHS, type ScreenProps } from '../routes.tsx';
import { readOnlyReason } from '../access.ts';
import { loadAccess } from '../hooks/use-access.ts';
import { ReadOnlyNote } from '../components/read-only-note.tsx';
import { criterionName, indicatorName } from '../../i18n/readiness.ts';
import { ReviewNote, loadReviewView } from '../sending/index.tsx';
import { lazy } from '../components/lazy.tsx';

/** The evidence files of an indicator: its own chunk (camera, compression, upload), loaded with this screen's first indicator. */
const EvidencePanel = lazy(() => import('../evidence/index.tsx').then((m) => m.EvidencePanel));

const catalog = getCatalog(DEFAULT_CATALOG_ID)!;

async function load(commune: string, year: number) {
  const answers = new Map((await getAnswers(commune, year)).map((a) => [a.indicator, a]));
  const { output, dossier } = await loadAssessment(commune, year);
  const level1 = new Map<string, IndicatorResult>();
  for (const c of output.levels[0]?.criteria ?? []) for (const i of c.indicators) level1.set(i.id, i);
  const locked = dossier?.locked === true;
  const readOnly = readOnlyReason(await loadAccess(commune), 'answer');
  // The reviewer's comments of the last version it spoke on, shown beside each indicator (offline).
  const review = await loadReviewView(commune, year);
  return { answers, level1, locked, readOnly, comments: review.comments };
}

type Saver = ReturnType<typeof useSaver>;

interface EvidenceDraft extends Evidence {
  /** Local id so React-style keys survive removals. */
  k: number;
}

let nextKey = 1;

function AnswerEditor({
  commune, year, ind, answer, saver, locked,
}: { commune: string; year: number; ind: YesNoIndicator; answer: AnswerRow | undefined; saver: Saver; locked: boolean }) {
  const [note, setNote] = useState<string | null>(null);
  const [amount, setAmount] = useState<string | null>(null);
  const [evidence, setEvidence] = useState<EvidenceDraft[] | null>(null);
  const id = ind.id.replace('.', '-');
  const met = answer?.met;
  const storedEv = useMemo(() => (answer?.evidence ?? []).map((e) => ({ ...e, k: nextKey++ })), [answer?.evidence]);
  const evList: EvidenceDraft[] = evidence ?? storedEv;
  const save = (fields: Partial<Answer>) => {
    if (!locked) void saver.run(() => saveAnswer(commune, year, ind.id, fields));
  };
  const amountParsed = amount === null ? null : parseCount(amount);
  const amountError = amount !== null && (typeof amountParsed === 'string' || (typeof amountParsed === 'number' && (!Number.isInteger(amountParsed) || amountParsed < 0)))
    ? t('errAmount')
    : undefined;

  const setEv = (list: EvidenceDraft[]) => {
    setEvidence(list);
    save({ evidence: list.map(({ k: _k, ...e }) => e) });
  };
  const editEv = (k: number, field: 'number' | 'date' | 'issuer' | 'title', value: string) =>
    setEv(evList.map((e) => (e.k === k ? { ...e, [field]: value } : e)));

  return (
    <>
      <RadioGroup
        id={`a-${id}`}
        name={`met-${id}`}
        label={t('answerLegend', { name: indicatorName(ind.id, getLang()) })}
        value={met === true ? 'yes' : met === false ? 'no' : ''}
        options={[
          { value: 'yes', label: t('met') },
          { value: 'no', label: t('unmet') },
          { value: '', label: t('notAnswered') },
        ]}
        onChange={(v) => save({ met: v === 'yes' ? true : v === 'no' ? false : null })}
      />
      <details class="more">
        <summary>{t('notesAndEvidence', { n: evList.filter((e) => e.number || e.date || e.issuer || e.title).length })}</summary>
        {ind.hasAmount ? (
          <NumberField
            id={`amount-${id}`}
            label={t('amount')}
            hint={t('amountHint')}
            value={amount ?? (typeof answer?.amount === 'number' ? String(answer.amount) : '')}
            error={amountError}
            onInput={(raw) => {
              setAmount(raw);
              const p = parseCount(raw);
              if (p === null || (typeof p === 'number' && Number.isInteger(p) && p >= 0)) save({ amount: p } as Partial<Answer>);
            }}
          />
        ) : null}
        <TextArea
          id={`note-${id}`}
          label={t('note')}
          value={note ?? answer?.note ?? ''}
          onInput={(v) => {
            setNote(v);
            save({ note: v });
          }}
        />
        <fieldset class="evidence">
          <legend>{t('evidence')}</legend>
          {evList.map((e, i) => (
            <div class="evidence-item" key={e.k}>
              <p class="evidence-n">{t('evidenceN', { n: i + 1 })}</p>
              <TextField id={`ev-${id}-${e.k}-number`} label={t('evidenceNumber')} value={e.number ?? ''} onInput={(v) => editEv(e.k, 'number', v)} />
              <TextField id={`ev-${id}-${e.k}-date`} label={t('evidenceDate')} type="date" value={e.date ?? ''} onInput={(v) => editEv(e.k, 'date', v)} />
              <TextField id={`ev-${id}-${e.k}-issuer`} label={t('evidenceIssuer')} value={e.issuer ?? ''} onInput={(v) => editEv(e.k, 'issuer', v)} />
              <TextField id={`ev-${id}-${e.k}-title`} label={t('evidenceTitle')} value={e.title ?? ''} onInput={(v) => editEv(e.k, 'title', v)} />
              <button type="button" class="link danger" onClick={() => setEv(evList.filter((x) => x.k !== e.k))}>
                {t('removeEvidence', { n: i + 1 })}
              </button>
            </div>
          ))}
          <button type="button" onClick={() => setEvidence([...evList, { k: nextKey++ }])}>
            + {t('addEvidence')}
          </button>
        </fieldset>
      </details>
    </>
  );
}

function Computed({ ind, result }: { ind: IndicatorDef; result: IndicatorResult | undefined }) {
  const fromVillages = ind.kind === 'ratio' || ind.kind === 'training';
  return (
    <>
      <p>
        {t('computedFrom', { where: fromVillages ? t('fromVillages') : t('fromFigures') })}{' '}
        {t('statusNow')} <StatusBadge status={(result?.status ?? 'unknown') as Status} />
      </p>
      <p>
        <a href={fromVillages ? href(PATHS.villages) : href(PATHS.figures)}>{fromVillages ? t('openVillages') : t('openFigures')} →</a>
      </p>
    </>
  );
}

/** The criteria form screen. */
export function Criteria({ commune, year }: ScreenProps) {
  const live = useLive(() => load(commune, year), [commune, year]);
  const saver = useSaver();
  const data = live.value;
  return (
    <>
      <Title>
        {t('criteriaTitle')} — {year}
      </Title>
      <p class="hint">{t('criteriaHint')}</p>
      <ReadOnlyNote reason={data?.readOnly ?? null} level="commune" />
      <FormStatus state={saver.state} locked={data?.locked === true} year={year} />
      {!data ? (
        <p class="muted">{t('loading')}</p>
      ) : (
        // A disabled fieldset makes every answer control read-only; the links to other screens and
        // opening an evidence file stay.
        <div>
          {catalog.criteria.map((c) => (
            <section key={c.id} class="criterion" aria-labelledby={`h-${c.id}`}>
              <h2 id={`h-${c.id}`}>
                {criterionName(c.id, getLang())}. {tx(c.text)}
              </h2>
              {c.indicators.map((ind) => (
                <article key={ind.id} class="indicator card" aria-labelledby={`h-${ind.id.replace('.', '-')}`}>
                  <h3 id={`h-${ind.id.replace('.', '-')}`}>
                    {indicatorName(ind.id, getLang())} <span class="ind-id">({ind.id})</span>
                  </h3>
                  <p class="indicator-text">{tx(ind.text)}</p>
                  <ReviewNote row={data.comments.get(ind.id)} />
                  {ind.level2Text ? <p class="small muted">{t('level2Wording', { text: tx(ind.level2Text) })}</p> : null}
                  {ind.kind === 'yes-no' ? (
                    <fieldset disabled={data.readOnly !== null}>
                      <AnswerEditor
                        commune={commune}
                        year={year}
                        ind={ind}
                        answer={data.answers.get(ind.id)}
                        saver={saver}
                        locked={data.locked || data.readOnly !== null}
                      />
                    </fieldset>
                  ) : (
                    <Computed ind={ind} result={data.level1.get(ind.id)} />
                  )}
                  <EvidencePanel commune={commune} year={year} indicator={ind.id} readOnly={data.locked || data.readOnly !== null} />
                </article>
              ))}
            </section>
          ))}
        </div>
      )}
    </>
  );
}
