// The commune's side of the province's review (issue #14), read offline from this phone's tables:
// where the year's dossier stands and every change of its state, "Gửi hồ sơ" once the meeting has
// locked the year (a new version after it was returned), the reviewer's comments beside each
// indicator, and the title the register gave with its valid-until date (flagged in its last year).
// Lazy: the dossier, criteria and dashboard screens import it. Reads are the repository's; the
// writes load with repo().review() when the person sends.
import { useState } from 'preact/hooks';
import { MoveRefusedError, repo, type RegisterRow, type ReviewRow, type StateChangeRow } from '../../db/index.ts';
import type { Doc } from '../../dossier/doc.ts';
import { docText } from '../../dossier/doc.ts';
import { inLastYear, statusOf, type DossierStatus, type SubmissionSnapshot } from '../../domain/review/index.ts';
import { moveRefusalText } from '../../i18n/review.ts';
import { words as en } from '../../i18n/en/review.ts';
import { words as vi } from '../../i18n/vi/review.ts';
import { formatDay } from '../../i18n/readiness.ts';
import { localToday } from '../../dossier/deadlines.ts';
import { addWords, getLang, t } from '../i18n/index.ts';
import { useLive } from '../hooks/use-live.ts';
import { readOnlyReason, type Access } from '../access.ts';
import type { Assessment } from '../assessment.ts';

addWords({ vi, en });

/** The review's reads (its lazy module; a loader awaits it as an async function, so liveQuery still follows its reads). */
const reviewOf = () => repo().review();

/** What this phone knows of a commune's dossier of a year. */
export interface ReviewView {
  status: DossierStatus;
  changes: StateChangeRow[];
  /** The comments of the version the reviewer last spoke on, by indicator. */
  comments: Map<string, ReviewRow>;
  commentsVersion: number;
  register: RegisterRow | undefined;
}

export async function loadReviewView(commune: string, year: number): Promise<ReviewView> {
  const r = await reviewOf();
  const [changes, reviews, register] = await Promise.all([r.listStateChanges(commune, year), r.listReviews(commune, year), r.getRegisterEntry(commune, year)]);
  const status = statusOf(changes);
  const commentsVersion = reviews.reduce((m, x) => Math.max(m, x.version), 0);
  const comments = new Map(reviews.filter((x) => x.version === commentsVersion && (x.comment || x.verdict)).map((x) => [x.indicator, x]));
  return { status, changes, comments, commentsVersion, register };
}

/** Live view of a commune's dossier of a year (re-renders on every sync and save). */
export function useReviewView(commune: string, year: number) {
  // An async querier: Dexie's liveQuery follows the reads of an AsyncFunction only.
  return useLive(async () => await loadReviewView(commune, year), [commune, year]);
}

const stateWord = (s: string) => t(`review.state.${s}` as never);
const at = (iso: string) => `${formatDay(iso.slice(0, 10), getLang())} ${iso.slice(11, 16)}`;

/** The reviewer's verdict and comment beside one indicator (Tiêu chí), when there is one. */
export function ReviewNote({ row }: { row: ReviewRow | undefined }) {
  if (!row) return null;
  return (
    <p class={`review-note review-note--${row.verdict ?? 'none'}`} data-testid={`review-note-${row.indicator}`} role="note">
      {t('review.commentOn', { verdict: row.verdict ? t(`review.verdict.${row.verdict}` as never) : '', comment: row.comment ?? '' })}
    </p>
  );
}

/** The papers' text of the dossier as sent, by paper. */
function papersOf(docs: readonly Doc<string>[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of docs) out[d.id.replace(/[^a-zA-Z0-9-]/g, '-').replace(/^[^a-z]+/, 'p')] = docText(d);
  return out;
}

/** The snapshot of the year's assessment as the commune sends it. */
export function snapshotOf(a: Assessment, docs: readonly Doc<string>[]): SubmissionSnapshot {
  const plan = a.plan;
  return { input: a.input, output: a.output, request: plan.kind === 'none' ? null : { kind: plan.kind, level: plan.level }, papers: papersOf(docs) };
}

/** "Gửi hồ sơ" with the dossier's state and history, on the dossier screen. */
export function SendDossier(p: { commune: string; year: number; locked: boolean; access: Access; assessment: Assessment; docs: () => Promise<readonly Doc<string>[]> }) {
  const live = useReviewView(p.commune, p.year);
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const v = live.value;
  // A placeholder until the first read: the papers above keep their place (a print taken right
  // after typing must not race a late layout change of the screen).
  if (!v) return <section class="xd-card" aria-busy="true" data-testid="dossier-send" />;
  const { status } = v;
  const canSend = status.state === 'draft' || status.state === 'returned';
  const notSender = readOnlyReason(p.access, 'submission') !== null;
  const send = async () => {
    setConfirm(false);
    setBusy(true);
    setMessage(null);
    try {
      const { version } = await (await repo().review()).sendDossier(p.commune, p.year, snapshotOf(p.assessment, await p.docs()));
      setMessage({ text: `${t('review.sentOk', { version })} ${navigator.onLine === false ? t('review.queued') : ''}`.trim(), error: false });
    } catch (e) {
      setMessage({ text: e instanceof MoveRefusedError ? moveRefusalText(e.refusal)[getLang()] : String(e), error: true });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="xd-card" aria-labelledby="xd-send" data-testid="dossier-send" data-state={status.state} data-version={status.version}>
      <h2 id="xd-send">{t('review.sendTitle')}</h2>
      <p class="xd-badge" data-testid="dossier-review-state">
        {t('review.stateLine', { year: p.year, state: stateWord(status.state) })}
        {status.version > 0 ? ` · ${t('review.version', { version: status.version })}` : ''}
      </p>
      {status.state === 'returned' && v.comments.size > 0 ? (
        <div data-testid="dossier-comments">
          <h3>{t('review.comments', { version: v.commentsVersion })}</h3>
          <ul>
            {[...v.comments.values()].map((c) => (
              <li key={c.indicator}>
                <b>{c.indicator}</b>: {c.verdict ? t(`review.verdict.${c.verdict}` as never) : ''}{c.comment ? ` — ${c.comment}` : ''}
              </li>
            ))}
          </ul>
          <p class="hint">{t('review.returnedHint')}</p>
        </div>
      ) : null}
      {status.state === 'returned' && v.comments.size === 0 ? <p class="hint">{t('review.returnedHint')}</p> : null}
      <RegisterLine row={v.register} state={status.state} />
      {canSend ? (
        <>
          <p class="hint">{t('review.sendHint', { year: p.year })}</p>
          {notSender ? <p class="hint">{t('review.notSender')}</p> : !p.locked ? <p class="hint" data-testid="dossier-send-needs-lock">{t('review.needLock')}</p> : null}
          {confirm ? (
            <div class="xd-confirm" role="group" aria-label={t('review.send')}>
              <p>{t('review.sendConfirm', { year: p.year })}</p>
              <div class="xd-actions">
                <button type="button" class="xd-primary" onClick={() => void send()}>
                  {status.state === 'returned' ? t('review.sendAgain', { version: status.version + 1 }) : t('review.send')}
                </button>
                <button type="button" onClick={() => setConfirm(false)}>
                  {t('review.cancel')}
                </button>
              </div>
            </div>
          ) : (
            <button type="button" class="xd-primary" data-testid="dossier-send-button" disabled={busy || notSender || !p.locked} onClick={() => setConfirm(true)}>
              {status.state === 'returned' ? t('review.sendAgain', { version: status.version + 1 }) : t('review.send')}
            </button>
          )}
        </>
      ) : null}
      {message ? (
        <p role={message.error ? 'alert' : 'status'} class={message.error ? 'error' : ''}>
          {message.text}
        </p>
      ) : null}
      {v.changes.length ? (
        <details>
          <summary>{t('review.history')}</summary>
          <ul data-testid="dossier-review-history">
            {v.changes.map((c) => (
              <li key={c.step}>{t('review.historyItem', { at: at(c.at), from: stateWord(c.from), to: stateWord(c.to), by: c.by, reason: c.reason ?? '' })}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

/** The register's answer of the year: the title given, or the reasons it was not. */
function RegisterLine({ row, state }: { row: RegisterRow | undefined; state: string }) {
  if (!row || (state !== 'recognised' && state !== 'not-recognised')) return null;
  if (state === 'not-recognised') return <p data-testid="dossier-not-recognised">{t('review.notRecognised', { reasons: row.reasons ?? '' })}</p>;
  return <TitleLine row={row} />;
}

/** A title with its decision and valid-until date, flagged in its last year. */
export function TitleLine({ row }: { row: RegisterRow }) {
  if (row.outcome !== 'recognised' || !row.level || !row.date) return null;
  const lang = getLang();
  const until = row.validUntil ?? `${Number(row.date.slice(0, 4)) + 3}-12-31`;
  const last = inLastYear(until, localToday());
  return (
    <div data-testid="review-title" data-level={row.level} data-valid-until={until} data-last-year={last}>
      <p>
        <b>{t('review.titleHeld', { level: row.level, number: row.number ?? '', date: formatDay(row.date, lang) })}</b>
      </p>
      <p>{t('review.validUntil', { date: formatDay(until, lang) })}</p>
      {last ? (
        <p role="alert" data-testid="review-title-last-year">
          {t('review.lastYear', { year: Number(until.slice(0, 4)) })}
        </p>
      ) : null}
    </div>
  );
}

/** The title the commune holds today (the register's latest recognised entry still valid), for the dashboard. */
export function HeldTitle({ commune }: { commune: string }) {
  const live = useLive(async () => {
    const today = localToday();
    const list = (await (await reviewOf()).listRegister(commune)).filter((r) => r.outcome === 'recognised' && r.date && (r.validUntil ?? '') >= today && r.date <= today);
    list.sort((a, b) => (a.date ?? '').localeCompare(b.date ?? ''));
    return list[list.length - 1] ?? null; // (no .at(): Chrome 80)
  }, [commune]);
  const row = live.value;
  if (!row) return null;
  return (
    <div class="xht-dash__card" data-testid="dash-title">
      <TitleLine row={row} />
    </div>
  );
}
