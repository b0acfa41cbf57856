// Thẩm định một xã (route `#/tinh/{commune}`): every indicator of the dossier as sent, at the level
// asked for — the commune's figure or answer, its evidence, what the version before said when it
// changed — with the council's verdict (đạt / không đạt / cần bổ sung) and comment, each saved on
// this device at once and synced; "Trả lại để bổ sung"; the decision; the commune's titles.
import { useState } from 'preact/hooks';
import { tt25_2023 } from '../../domain/catalog/index.ts';
import { summaryRows } from '../../dossier/model.ts';
import { localToday } from '../../dossier/deadlines.ts';
import { reviewView, type ReviewRow } from '../../review/commune.ts';
import { inLastYear } from '../../review/decide.ts';
import { UNDER_REVIEW } from '../../review/list.ts';
import { conclusionProblems } from '../../review/papers/verdicts.ts';
import { buildAnswer, buildAppraisal } from '../../review/papers/index.ts';
import type { Doc } from '../../dossier/doc.ts';
import type { CommuneReview, SentDossier, Verdict } from '../../review/papers/types.ts';
import { RadioGroup, TextArea } from '../components/fields.tsx';
import { SaveStatus, useSaver } from '../components/save-status.tsx';
import { StatusBadge } from '../components/badges.tsx';
import { Title } from '../components/title.tsx';
import { lazy } from '../components/lazy.tsx';
import { useLive } from '../hooks/use-live.ts';
import { fmtDate, fmtDateTime, t } from '../i18n/index.ts';
import { href } from '../router.ts';
import { PATHS, type ScreenProps } from '../routes.tsx';
import { returnDossier, saveVerdict, takeDossier } from './actions.ts';
import { loadPaperBasis, loadReviewDetail, type ReviewDetail } from './data.ts';
import { PaperCard, usePrintRoot, type Paper } from './paper-buttons.tsx';
import { DecisionPanel } from './decision-panel.tsx';
import { levelShort, stateText } from './words.ts';
import './review.css';

const VERDICTS: Verdict[] = ['met', 'more', 'unmet'];

/** The commune's evidence files of an indicator as this device pulled them (issue #15), to open, never to change. */
const EvidencePanel = lazy(() => import('../evidence/index.tsx').then((m) => m.EvidencePanel));

function Facts({ row }: { row: Pick<ReviewRow, 'figure' | 'evidence' | 'requirement' | 'status'> }) {
  return (
    <dl class="rv-facts">
      <dt>{t('rv.requirement')}</dt>
      <dd class="rv-pre">{row.requirement}</dd>
      <dt>{t('rv.commune')}</dt>
      <dd class="rv-pre">{row.figure || t('rv.none')} <StatusBadge status={row.status} /></dd>
      <dt>{t('rv.evidenceList')}</dt>
      <dd class="rv-pre">{row.evidence || t('rv.noEvidence')}</dd>
    </dl>
  );
}

function IndicatorReview({ row, code, year, version, canWrite }: { row: ReviewRow; code: string; year: number; version: number; canWrite: boolean }) {
  const saver = useSaver();
  const [comment, setComment] = useState(row.comment);
  const save = (verdict: Verdict | null, text: string) => void saver.run(() => saveVerdict(code, year, version, row.id, { verdict, comment: text }));
  return (
    <li class="rv-ind" data-testid="rv-indicator" data-id={row.id}>
      <h3>
        {row.name}
        {row.before ? <span class="rv-changed-mark"> · {t('rv.changedYes')}</span> : null}
      </h3>
      <p class="small">{row.text}</p>
      <Facts row={row} />
      <EvidencePanel commune={code} year={year} indicator={row.id} readOnly />
      {row.before ? (
        <div class="rv-before" data-testid="rv-before">
          <strong>{t('rv.before')}:</strong>
          <Facts row={{ ...row.before, requirement: row.requirement }} />
        </div>
      ) : null}
      {canWrite ? (
        <>
          <RadioGroup
            id={`v-${row.id}`}
            name={`v-${row.id}`}
            label={t('rv.verdict')}
            value={row.verdict ?? ''}
            options={VERDICTS.map((v) => ({ value: v, label: t(`review.verdict.${v}`) }))}
            onChange={(v) => save(v as Verdict, comment)}
          />
          <TextArea id={`c-${row.id}`} label={t('rv.comment')} hint={t('rv.commentHint')} value={comment} onInput={setComment} />
          <button type="button" onClick={() => save(row.verdict, comment)} disabled={comment === row.comment}>{t('rv.saveComment')}</button>
          <SaveStatus state={saver.state} />
        </>
      ) : (
        <p>
          {t('rv.verdict')}: <strong>{row.verdict ? t(`review.verdict.${row.verdict}`) : t('rv.verdictNone')}</strong>
          {row.comment ? <><br />{t('rv.comment')}: {row.comment}</> : null}
        </p>
      )}
    </li>
  );
}

function NotSent({ d, code, year }: { d: ReviewDetail; code: string; year: number }) {
  const out = d.review.computed!;
  const level = out.levels.find((l) => l.level === (out.eligibleLevel || 1))!;
  const rows = summaryRows({ input: d.current, catalog: tt25_2023 }, level).filter((r) => r.kind === 'indicator');
  return (
    <>
      <p class="notice">{t('rv.notSent')}</p>
      <p>{t('rv.col.computed')}: <strong>{levelShort(out.eligibleLevel)}</strong></p>
      <ul class="plain-list">
        {rows.map((r) => (
          <li key={r.id} class="rv-ind" data-testid="rv-indicator" data-id={r.id}>
            <h3>{r.name}</h3>
            <p class="small">{r.text}</p>
            <Facts row={r} />
            <EvidencePanel commune={code} year={year} indicator={r.id} readOnly />
          </li>
        ))}
      </ul>
    </>
  );
}

function Sent({ d, code, year }: { d: ReviewDetail; code: string; year: number }) {
  const review = d.review as CommuneReview & { dossier: SentDossier };
  const v = reviewView(review, tt25_2023, d.previous);
  const saver = useSaver();
  const open = UNDER_REVIEW.has(review.state);
  const canReturn = open && conclusionProblems({ outcome: 'returned' }, v.verdicts).length === 0;
  return (
    <>
      <p>{t('rv.version', { version: d.version ?? 1, date: fmtDateTime(d.sentAt) })}</p>
      <p>{t('rv.requested', { level: levelShort(review.dossier.request.level) })} · {t('rv.col.computed')}: <strong>{levelShort(review.computed?.eligibleLevel ?? null)}</strong></p>
      {d.previous ? <p class="notice" data-testid="rv-changed">{t('rv.changedCount', { n: v.changed })}</p> : null}
      <p data-testid="rv-counts">{t('rv.counts', { met: v.verdicts.indicatorsMet, total: v.verdicts.indicatorsTotal })}</p>
      {v.verdicts.problems.length ? (
        <ul class="rv-problems small">
          {v.verdicts.problems.map((p) => <li key={p.code + p.text}>{p.text}</li>)}
        </ul>
      ) : null}
      <ul class="plain-list">
        {v.rows.filter((r) => r.kind === 'indicator').map((r) => (
          <IndicatorReview key={`${d.version}-${r.id}`} row={r} code={code} year={year} version={d.version ?? 1} canWrite={d.canWrite && open} />
        ))}
      </ul>
      {d.canWrite && review.state === 'submitted' ? (
        <button type="button" class="wide" onClick={() => void saver.run(() => takeDossier(code, year))}>{t('review.move.take')}</button>
      ) : null}
      {d.register?.reasons && review.state === 'not-recognised' ? (
        <section class="card" aria-labelledby="rv-reasons-h">
          <h2 id="rv-reasons-h" class="h3">{t('rv.reasons')}</h2>
          <p class="rv-pre">{d.register.reasons}</p>
        </section>
      ) : null}
      {d.canWrite && open ? (
        <section class="card" aria-labelledby="rv-return-h">
          <h2 id="rv-return-h" class="h3">{t('rv.return')}</h2>
          <p class="small">{t('rv.returnHint')}</p>
          <button type="button" class="primary wide" disabled={!canReturn} onClick={() => void saver.run(() => returnDossier(code, year, d.version ?? 1))}>
            {t('rv.return')}
          </button>
          <SaveStatus state={saver.state} />
        </section>
      ) : null}
      {d.canWrite ? <DecisionPanel d={d} code={code} year={year} verdicts={v.verdicts} /> : null}
    </>
  );
}

function Register({ d }: { d: ReviewDetail }) {
  const today = localToday();
  return (
    <section class="card" aria-labelledby="rv-register-h" data-testid="rv-register">
      <h2 id="rv-register-h" class="h3">{t('rv.register')}</h2>
      {d.titles.length === 0 ? <p>{t('rv.noTitles')}</p> : (
        <ul class="plain-list">
          {d.titles.map((x) => (
            <li key={x.decidedOn + x.level}>
              {t('rv.titleHeld', { level: levelShort(x.level), number: x.number ?? '—', date: fmtDate(x.decidedOn), until: fmtDate(x.validUntil) })}
              {inLastYear(x, today) ? <p class="notice warn" data-testid="rv-last-year">{t('rv.lastYear', { until: fmtDate(x.validUntil) })}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function History({ d }: { d: ReviewDetail }) {
  if (d.history.length === 0) return null;
  return (
    <details class="more card" data-testid="rv-history">
      <summary>{t('rv.history')}</summary>
      <ol class="small">
        {d.history.map((c) => (
          <li key={c.step}>
            {fmtDateTime(c.at)}: {stateText(c.from)} → {stateText(c.to)} ({t('review.version', { version: c.version })}) — {c.by || '—'}
            {c.reason ? <> · {c.reason}</> : null}
          </li>
        ))}
      </ol>
    </details>
  );
}

/** The Biên bản thẩm định and, for a commune not recognised, the Văn bản trả lời. */
function CommunePapers({ d, year }: { d: ReviewDetail; year: number }) {
  const basis = useLive(async () => loadPaperBasis(year), [year]).value;
  const papers: Paper[] = [];
  if (basis) {
    const args = { year, ...basis, review: d.review, catalog: tt25_2023 };
    const a = buildAppraisal(args);
    papers.push({ id: 'appraisal', label: t('rv.paper.appraisal'), docs: a.doc ? [a.doc as Doc<string>] : [], problems: a.problems });
    if (d.review.state === 'not-recognised') {
      const w = buildAnswer(args);
      papers.push({ id: 'answer', label: t('rv.paper.answer'), docs: w.doc ? [w.doc as Doc<string>] : [], problems: w.problems });
    }
  }
  const all = papers.flatMap((p) => p.docs);
  usePrintRoot(all);
  return (
    <section aria-labelledby="rv-papers-h">
      <h2 id="rv-papers-h" class="h3">{t('rv.papers')}</h2>
      {papers.map((p) => <PaperCard key={p.id} paper={p} all={all} />)}
    </section>
  );
}

/** One commune's review screen. */
export function CommuneReviewScreen({ year, item }: ScreenProps & { item: string }) {
  const live = useLive(async () => loadReviewDetail(item, year), [item, year]);
  const d = live.value;
  return (
    <>
      <p><a href={href(PATHS.province)}>← {t('rv.backToList')}</a></p>
      <Title>{t('rv.reviewTitle', { name: d?.review.commune.name ?? item, year })}</Title>
      {live.error ? <p role="alert" class="error">{t('loadFailed', { reason: String(live.error) })}</p> : null}
      {!d ? <p class="muted">{t('rv.loading')}</p> : (
        <>
          <p><span class="pill" data-testid="rv-state">{stateText(d.review.state)}</span></p>
          {d.review.dossier && d.review.state !== 'draft' ? <Sent d={d} code={item} year={year} /> : <NotSent d={d} code={item} year={year} />}
          <Register d={d} />
          <History d={d} />
          {d.review.dossier ? <CommunePapers d={d} year={year} /> : null}
        </>
      )}
    </>
  );
}
