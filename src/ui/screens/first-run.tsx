// First run (route `#/bat-dau[/<commune>]`): choose a commune already on the device, type a new one
// (name, code, province) and add its villages, load the demo commune ("Dữ liệu mẫu"), or read
// back an exported file on a new phone ("Nhập dữ liệu").
// Writes only through src/db; moves on by changing the route and the current-commune meta.
import { useState } from 'preact/hooks';
import {
  addVillage, archiveVillage, listCommunes, listVillages, listYears, loadDemoCommune, saveCommune, saveVillage, getMeta, setMeta, startYear,
} from '../../db/index.ts';
import { CODE_RE } from '../../domain/sync/protocol.ts';
import { t } from '../i18n/index.ts';
import { useLive } from '../hooks/use-live.ts';
import { href, navigate, useRoute } from '../router.ts';
import { Title } from '../components/title.tsx';
import { TextField } from '../components/fields.tsx';
import { SaveStatus, saveErrorMessage, useSaver } from '../components/save-status.tsx';
import { ImportData } from '../components/import-data.tsx';
import { nextVillageCode } from '../../import/village-code.ts';
import { sameVillageCode } from '../../domain/village-codes.ts';
import { CodeEditor, codeError } from './village-codes.tsx';
import { PATHS, type ScreenProps } from '../routes.tsx';

import { isProvinceKey } from '../../domain/keys.ts';
import { lazy } from '../components/lazy.tsx';

/** A province reviewer's device (enrolled on the province's own stream, no commune of its own) opens on the province's list. */
const ProvinceList = lazy(() => import('../review/index.tsx').then((m) => m.ProvinceList));

/** Whether this device is a province reviewer's (enrolled on the province's own stream). */
async function provinceEnrolment(): Promise<boolean> {
  const enrolled = await getMeta<string>('enrolledCommune');
  return typeof enrolled === 'string' && isProvinceKey(enrolled);
}

/** First run — or, on a province reviewer's device, the province's list. */
export function FirstRun(props: ScreenProps) {
  const province = useLive(async () => provinceEnrolment(), []);
  if (province.value === undefined) return null;
  return province.value ? <ProvinceList {...props} /> : <CommuneFirstRun />;
}

/** Opens a commune: remembers it and its latest year (starting this year if it has none). */
export async function openCommune(code: string): Promise<void> {
  const years = await listYears(code);
  let year = years[years.length - 1];
  if (year === undefined) {
    year = new Date().getFullYear();
    await startYear(code, year);
  }
  await setMeta('currentYear', year);
  await setMeta('currentCommune', code);
}

function NewCommuneForm({ taken }: { taken: string[] }) {
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const [province, setProvince] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const saver = useSaver();

  const submit = async (e: Event) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!name.trim()) errs.name = t('errRequired', { field: t('communeLabel') });
    const c = code.trim();
    if (!c) errs.code = t('errRequired', { field: t('communeCode') });
    else if (!CODE_RE.test(c)) errs.code = t('errCode');
    else if (taken.includes(c)) errs.code = t('errCodeTaken', { code: c });
    setErrors(errs);
    if (Object.keys(errs).length) {
      document.getElementById(errs.name ? 'commune-name' : 'commune-code')?.focus();
      return;
    }
    const ok = await saver.run(() => saveCommune({ code: c, name: name.trim(), ...(province.trim() ? { province: province.trim() } : {}) }), setErrors);
    if (ok) {
      navigate(PATHS.setup, c);
      await openCommune(c);
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="new-commune-h">
      <h2 id="new-commune-h">{t('newCommune')}</h2>
      <TextField id="commune-name" label={t('communeLabel')} hint={t('communeNameHint')} value={name} error={errors.name} onInput={setName} />
      <TextField id="commune-code" label={t('communeCode')} hint={t('communeCodeHint')} value={code} error={errors.code} onInput={setCode} inputMode="numeric" />
      <TextField id="commune-province" label={t('provinceLabel')} value={province} error={errors.province} onInput={setProvince} />
      <button type="submit" class="primary wide">
        {t('saveCommune')}
      </button>
      <SaveStatus state={saver.state} />
    </form>
  );
}

/** Adding (and removing) the villages of a commune; also used by the village list. */
export function VillageAdder({ commune }: { commune: string }) {
  const villages = useLive(() => listVillages(commune, { includeArchived: true }), [commune]);
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const saver = useSaver();
  const all = villages.value ?? [];
  const active = all.filter((v) => !v.archived);

  const add = async (e: Event) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    const c = code.trim() || nextVillageCode(all.map((v) => v.code));
    if (!name.trim()) errs.name = t('errRequired', { field: t('villageLabel') });
    const codeProblem = codeError(all, c);
    if (codeProblem) errs.code = codeProblem;
    setErrors(errs);
    if (Object.keys(errs).length) {
      document.getElementById(errs.name ? 'village-name' : 'village-code')?.focus();
      return;
    }
    const old = all.find((v) => v.archived && sameVillageCode(v.code, c));
    // A removed village typed again comes back; any other is a new village with a fresh id.
    const ok = await saver.run(() => (old
      ? saveVillage(commune, { id: old.id, code: c, name: name.trim(), archived: false })
      : addVillage(commune, { code: c, name: name.trim() })), setErrors);
    if (ok) {
      setName('');
      setCode('');
      document.getElementById('village-name')?.focus();
    }
  };

  return (
    <section aria-labelledby="villages-step-h">
      <h2 id="villages-step-h">{t('villagesStep')}</h2>
      <p class="hint">{t('villagesStepHint')}</p>
      {active.length ? (
        <ul class="plain-list">
          {active.map((v) => (
            <li key={v.id}>
              <CodeEditor
                commune={commune}
                village={v}
                villages={all}
                idPrefix="adder"
                actions={
                  <button
                    type="button"
                    class="link danger"
                    aria-label={t('removeVillage', { name: v.name })}
                    onClick={() => {
                      if (window.confirm(t('confirmRemoveVillage', { name: v.name }))) void saver.run(() => archiveVillage(commune, v.id));
                    }}
                  >
                    ✕
                  </button>
                }
              >
                <span>
                  {v.name} <span class="muted">({v.code})</span>
                </span>
              </CodeEditor>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t('noVillagesYet')}</p>
      )}
      <form onSubmit={add} noValidate class="card">
        <TextField id="village-name" label={t('villageLabel')} value={name} error={errors.name} onInput={setName} />
        <TextField id="village-code" label={t('villageCode')} hint={t('villageCodeHint')} value={code} error={errors.code} onInput={setCode} />
        <button type="submit" class="wide">
          {t('addVillage')}
        </button>
        <SaveStatus state={saver.state} />
      </form>
    </section>
  );
}

/** The first-run screen. */
function CommuneFirstRun() {
  const route = useRoute();
  const created = route[0] === 'bat-dau' ? route[1] : undefined;
  const communes = useLive(listCommunes, []);
  const [demo, setDemo] = useState<{ busy: boolean; error?: string }>({ busy: false });

  const loadDemo = async () => {
    setDemo({ busy: true });
    try {
      const code = await loadDemoCommune();
      navigate();
      await openCommune(code);
      setDemo({ busy: false });
    } catch (e) {
      setDemo({ busy: false, error: saveErrorMessage(e) });
    }
  };

  if (created) {
    return (
      <>
        <Title>{t('firstRunTitle')}</Title>
        <VillageAdder commune={created} />
        <a class="button primary wide" href="#/">
          {t('done')}
        </a>
      </>
    );
  }

  const list = communes.value ?? [];
  return (
    <>
      <Title>{t('firstRunTitle')}</Title>
      <p>{t('firstRunIntro')}</p>
      {list.length ? (
        <section aria-labelledby="choose-h">
          <h2 id="choose-h">{t('chooseCommune')}</h2>
          <ul class="plain-list">
            {list.map((c) => (
              <li key={c.id}>
                <button
                  type="button"
                  class="wide"
                  onClick={() => {
                    navigate();
                    void openCommune(c.id);
                  }}
                >
                  {c.name} ({c.code}){c.province ? ` — ${c.province}` : ''}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <NewCommuneForm taken={list.map((c) => c.code)} />
      <section aria-labelledby="demo-h" class="card">
        <h2 id="demo-h">{t('demoData')}</h2>
        <p class="hint">{t('demoHint')}</p>
        <button type="button" class="wide" disabled={demo.busy} onClick={loadDemo}>
          {demo.busy ? t('demoLoading') : t('demoData')}
        </button>
        {demo.error ? (
          <p role="alert" class="field-error">
            {demo.error}
          </p>
        ) : null}
      </section>
      <section aria-labelledby="import-h" class="card">
        <h2 id="import-h">{t('importData')}</h2>
        <ImportData onDone={() => navigate()} />
      </section>
      <section aria-labelledby="enrol-first-h" class="card">
        <h2 id="enrol-first-h">{t('enrolTitle')}</h2>
        <p class="hint">{t('enrolFirstHint')}</p>
        <a class="button wide" href={href(PATHS.sync)}>
          {t('connect')}
        </a>
      </section>
    </>
  );
}
