// The decision on one commune's dossier: recognise (level, the decision's number, date and signer),
// not recognise (the reasons, suggested from the council's verdicts), or reopen a decided dossier
// (a reason, kept). Each rule's error in the person's language beside its field; nothing is
// written until the rules pass.
import { useState } from 'preact/hooks';
import type { LevelNo } from '../../domain/assess-types.ts';
import { localToday } from '../../dossier/deadlines.ts';
import { recogniseProblems, refuseProblems, reopenProblems, type RecogniseInput } from '../../review/decide.ts';
import { UNDER_REVIEW } from '../../review/list.ts';
import { reasonText, type CommuneVerdicts } from '../../review/papers/verdicts.ts';
import { RadioGroup, TextArea } from '../components/fields.tsx';
import { SaveStatus, useSaver } from '../components/save-status.tsx';
import { say, t } from '../i18n/index.ts';
import { recognise, refuse, reopen } from './actions.ts';
import type { ReviewDetail } from './data.ts';
import { DecisionFields } from './decision-fields.tsx';
import { levelShort } from './words.ts';

type Mode = 'recognise' | 'refuse';

export function DecisionPanel({ d, code, year, verdicts }: { d: ReviewDetail; code: string; year: number; verdicts: CommuneVerdicts }) {
  const claimed = d.review.dossier?.request.level ?? null;
  const [mode, setMode] = useState<Mode>('recognise');
  const [x, setX] = useState<RecogniseInput>({ level: claimed, number: '', date: '', signer: '' });
  const [reasons, setReasons] = useState(() => verdicts.reasons.map(reasonText).join('\n'));
  const [why, setWhy] = useState('');
  const [tried, setTried] = useState(false);
  const saver = useSaver();
  const today = localToday();
  const state = d.review.state;
  if (state === 'recognised' || state === 'not-recognised') {
    const problems = reopenProblems(why);
    return (
      <section class="card" aria-labelledby="rv-decision-h" data-testid="rv-decision">
        <h2 id="rv-decision-h" class="h3">{t('rv.reopen')}</h2>
        <TextArea id="rv-reopen" label={t('rv.reopenReason')} value={why} onInput={setWhy} error={tried && problems[0] ? say(problems[0]) : undefined} />
        <button type="button" class="wide" onClick={() => { setTried(true); if (!problems.length) void saver.run(() => reopen(code, year, why.trim())); }}>
          {t('rv.saveReopen')}
        </button>
        <SaveStatus state={saver.state} />
      </section>
    );
  }
  if (!UNDER_REVIEW.has(state)) return null;
  const rProblems = recogniseProblems(x, year, today, claimed);
  const fProblems = refuseProblems(reasons);
  const levels: LevelNo[] = claimed === 2 ? [1, 2] : [1];
  return (
    <section class="card" aria-labelledby="rv-decision-h" data-testid="rv-decision">
      <h2 id="rv-decision-h" class="h3">{t('rv.decision')}</h2>
      <RadioGroup
        id="rv-mode"
        name="rv-mode"
        label={t('rv.decision')}
        value={mode}
        options={[{ value: 'recognise', label: t('rv.recognise') }, { value: 'refuse', label: t('rv.refuse') }]}
        onChange={(v) => { setMode(v as Mode); setTried(false); }}
      />
      {mode === 'recognise' ? (
        <>
          <RadioGroup
            id="rv-level"
            name="rv-level"
            label={t('rv.level')}
            value={x.level ? String(x.level) : ''}
            options={levels.map((l) => ({ value: String(l), label: levelShort(l) }))}
            error={tried ? rProblems.find((p) => p.field === 'level') && say(rProblems.find((p) => p.field === 'level')!) : undefined}
            onChange={(v) => setX({ ...x, level: Number(v) as LevelNo })}
          />
          <DecisionFields id="rv-one" value={x} onChange={(v) => setX({ ...x, ...v })} problems={tried ? rProblems : []} />
          <button type="button" class="primary wide" onClick={() => { setTried(true); if (!rProblems.length) void saver.run(() => recognise(code, year, x as RecogniseInput & { level: LevelNo })); }}>
            {t('rv.saveDecision')}
          </button>
        </>
      ) : (
        <>
          <TextArea id="rv-reasons" label={t('rv.reasons')} hint={t('rv.reasonsHint')} value={reasons} onInput={setReasons} error={tried && fProblems[0] ? say(fProblems[0]) : undefined} />
          <button type="button" class="primary wide" onClick={() => { setTried(true); if (!fProblems.length) void saver.run(() => refuse(code, year, reasons.trim())); }}>
            {t('rv.saveRefusal')}
          </button>
        </>
      )}
      <SaveStatus state={saver.state} />
    </section>
  );
}
