// Bulk recognition on the province's list: only rows bulkRecognisable() lets through (under
// review, no open comment, unchanged since sent, figures reaching the level asked), chosen one by
// one or all at once, then a confirmation naming every commune and its level, with the one
// decision's number, date and signer checked by the same rules as a single decision.
import { useState } from 'preact/hooks';
import { localToday } from '../../dossier/deadlines.ts';
import { recogniseProblems, type RecogniseInput } from '../../review/decide.ts';
import type { ListRow } from '../../review/list.ts';
import { say, t } from '../i18n/index.ts';
import { recogniseMany } from './actions.ts';
import { DecisionFields } from './decision-fields.tsx';
import { levelShort } from './words.ts';

export function BulkRecognise({ year, ready, chosen, onChoose, onDone }: {
  year: number; ready: ListRow[]; chosen: ListRow[]; onChoose: (all: boolean) => void;
  /** After the decision is recorded, with how many communes (the list says so: this panel may go with the last ready row). */
  onDone: (n: number) => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const [d, setD] = useState<Omit<RecogniseInput, 'level'>>({ number: '', date: '', signer: '' });
  const [tried, setTried] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const today = localToday();
  // Each commune at its own level: the rules are checked with that level (never above the one asked).
  const problems = recogniseProblems({ ...d, level: 1 }, year, today, null);
  const all = chosen.length === ready.length;
  return (
    <section class="card rv-bulk" aria-labelledby="rv-bulk-h">
      <h2 id="rv-bulk-h" class="h3">{t('rv.bulkRecognise', { n: chosen.length })}</h2>
      <p class="small">{t('rv.bulkHint')}</p>
      <label class="check">
        <input type="checkbox" checked={all} onChange={(e) => onChoose((e.currentTarget as HTMLInputElement).checked)} />
        <span>{t('rv.selectAll', { n: ready.length })}</span>
      </label>
      {!confirming ? (
        <button type="button" class="primary wide" disabled={chosen.length === 0} onClick={() => setConfirming(true)}>
          {t('rv.bulkRecognise', { n: chosen.length })}
        </button>
      ) : (
        <div role="group" aria-labelledby="rv-confirm-h" class="rv-confirm" data-testid="rv-confirm">
          <h3 id="rv-confirm-h">{t('rv.bulkConfirmTitle', { n: chosen.length })}</h3>
          <p>{t('rv.bulkConfirmText')}</p>
          <ul class="plain-list">
            {chosen.map((r) => <li key={r.code}>{r.name}: {levelShort(r.claimed)}</li>)}
          </ul>
          <DecisionFields id="rv-bulk" value={d} onChange={setD} problems={tried ? problems : []} />
          {failed ? <p role="alert" class="error">{failed}</p> : null}
          <div class="row">
            <button
              type="button"
              class="primary"
              onClick={() => {
                setTried(true);
                if (problems.length) return;
                setFailed(null);
                void recogniseMany(year, chosen.map((r) => ({ code: r.code, level: r.claimed! })), d).then(
                  () => { setConfirming(false); setTried(false); onDone(chosen.length); },
                  (e: unknown) => setFailed(e instanceof Error ? e.message : String(e)),
                );
              }}
            >
              {t('rv.confirm')}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>{t('rv.cancel')}</button>
          </div>
          {tried && problems.length ? <p role="alert" class="error">{problems.map((p) => say(p)).join(' ')}</p> : null}
        </div>
      )}
    </section>
  );
}
