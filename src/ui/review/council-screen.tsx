// Hội đồng đánh giá, công nhận (route `#/tinh/hoi-dong`): the council of the year — members (chủ tịch,
// thư ký, ủy viên; an odd number, at least five), how it appraises (a meeting or written opinions)
// and its date, the decision establishing it. The circular's rules (src/review/papers/council.ts)
// show as the reviewer types; a council breaking one is not saved.
import { useEffect, useState } from 'preact/hooks';
import { councilProblems } from '../../review/papers/council.ts';
import type { Council, CouncilMember, CouncilRole } from '../../review/papers/types.ts';
import { RadioGroup, SelectField, TextField } from '../components/fields.tsx';
import { SaveStatus, useSaver } from '../components/save-status.tsx';
import { Title } from '../components/title.tsx';
import { useLive } from '../hooks/use-live.ts';
import { t } from '../i18n/index.ts';
import { href } from '../router.ts';
import { PATHS, type ScreenProps } from '../routes.tsx';
import { saveCouncil } from './actions.ts';
import { loadCouncil } from './data.ts';
import './words.ts';
import './review.css';

const ROLES: CouncilRole[] = ['chair', 'secretary', 'member'];
const blank = (role: CouncilRole = 'member'): CouncilMember => ({ name: '', position: '', organisation: '', role });

function MemberFields({ m, no, onChange, onRemove }: { m: CouncilMember; no: number; onChange: (m: CouncilMember) => void; onRemove: () => void }) {
  const id = `m${no}`;
  return (
    <fieldset class="rv-member" data-testid="rv-member">
      <legend>{t('rv.member', { no })}</legend>
      <TextField id={`${id}-name`} label={t('rv.memberName')} value={m.name} onInput={(v) => onChange({ ...m, name: v })} />
      <TextField id={`${id}-position`} label={t('rv.memberPosition')} value={m.position ?? ''} onInput={(v) => onChange({ ...m, position: v })} />
      <TextField id={`${id}-org`} label={t('rv.memberOrg')} value={m.organisation} onInput={(v) => onChange({ ...m, organisation: v })} />
      <SelectField id={`${id}-role`} label={t('rv.memberRole')} value={m.role} options={ROLES.map((r) => ({ value: r, label: t(`review.role.${r}`) }))} onChange={(v) => onChange({ ...m, role: v as CouncilRole })} />
      <button type="button" class="link danger" onClick={onRemove}>{t('rv.removeMember', { name: m.name })}</button>
    </fieldset>
  );
}

/** The council screen. */
export function CouncilScreen({ year }: ScreenProps) {
  const live = useLive(async () => loadCouncil(year), [year]);
  const [c, setC] = useState<Council | null>(null);
  const saver = useSaver();
  const [tried, setTried] = useState(false);
  useEffect(() => {
    if (live.value && !c) setC(live.value.council ?? { members: [blank('chair'), blank('secretary'), blank(), blank(), blank()], appraisal: { kind: 'meeting' } });
  }, [live.value]);
  if (!c) return <><Title>{t('rv.councilTitle', { year })}</Title><p class="muted">{t('rv.loading')}</p></>;
  const problems = councilProblems(c);
  const blocking = problems.filter((p) => p.severity === 'block');
  const setMember = (i: number, m: CouncilMember) => setC({ ...c, members: c.members.map((x, j) => (j === i ? m : x)) });
  return (
    <>
      <p><a href={href(PATHS.province)}>← {t('rv.backToList')}</a></p>
      <Title>{t('rv.councilTitle', { year })}</Title>
      <p class="hint">{t('rv.councilHint')}</p>
      <section class="card">
        <TextField id="est-number" label={t('rv.establishedNumber')} value={c.established?.number ?? ''} onInput={(v) => setC({ ...c, established: { ...c.established, number: v } })} />
        <TextField id="est-date" type="date" label={t('rv.establishedDate')} value={c.established?.date ?? ''} onInput={(v) => setC({ ...c, established: { ...c.established, date: v } })} />
      </section>
      {c.members.map((m, i) => (
        <MemberFields key={i} m={m} no={i + 1} onChange={(x) => setMember(i, x)} onRemove={() => setC({ ...c, members: c.members.filter((_, j) => j !== i) })} />
      ))}
      <button type="button" class="wide" onClick={() => setC({ ...c, members: [...c.members, blank()] })}>{t('rv.addMember')}</button>
      <section class="card">
        <RadioGroup
          id="appraisal"
          name="appraisal"
          label={t('rv.appraisal')}
          value={c.appraisal.kind}
          options={[{ value: 'meeting', label: t('rv.appraisal.meeting') }, { value: 'written', label: t('rv.appraisal.written') }]}
          onChange={(v) => setC({ ...c, appraisal: { ...c.appraisal, kind: v as 'meeting' | 'written' } })}
        />
        <TextField id="appraisal-date" type="date" label={t('rv.appraisalDate')} value={c.appraisal.date ?? ''} onInput={(v) => setC({ ...c, appraisal: { ...c.appraisal, date: v } })} />
      </section>
      <section aria-live="polite" data-testid="rv-council-problems">
        {problems.length === 0 ? <p class="notice">{t('rv.councilOk')}</p> : (
          <ul class="rv-problems">
            {problems.map((p) => <li key={p.code} class={p.severity === 'block' ? 'field-error' : 'field-warning'}>{p.text}</li>)}
          </ul>
        )}
      </section>
      <button
        type="button"
        class="primary wide"
        onClick={() => {
          setTried(true);
          if (blocking.length === 0) void saver.run(() => saveCouncil(year, c));
        }}
      >
        {t('rv.saveCouncil')}
      </button>
      {tried && blocking.length ? <p role="alert" class="error">{blocking.map((p) => p.text).join(' ')}</p> : null}
      <SaveStatus state={saver.state} />
    </>
  );
}
