// "Nhập từ tệp Excel" (lazy chunk): choose a file, read it in the sheet worker with a progress
// line, show the dry run village by village (new / changed with old → new / unchanged / refused,
// each problem at its row and column), and only on "Nhập" write it through src/db, all or nothing.
// The last preview is kept while the app is open, so leaving the screen and coming back resumes it.
import { Dexie } from 'dexie';
import { useEffect, useRef, useState } from 'preact/hooks';
import { applyVillageImport, previewVillageImport } from '../../db/index.ts';
import { fieldOf, isRefusal, type FieldChange, type ImportPlan, type PlanRow, type Progress, type VillageSheet } from '../../import/index.ts';
import { readOnlyReason } from '../access.ts';
import { afterSave } from '../after-save.ts';
import { loadAccess } from '../hooks/use-access.ts';
import { fmtNumber, getLang, t, type StringKey } from '../i18n/index.ts';
import { saveErrorMessage } from '../components/save-status.tsx';
import { readSheetInWorker } from './read-in-worker.ts';
import { IMPORT_CSS } from './import-css.ts';
import { yearKey } from '../../domain/keys.ts';

type State =
  | { kind: 'pick' }
  | { kind: 'reading'; name: string; progress: Progress | null }
  | { kind: 'failed'; name: string; text: string }
  | { kind: 'preview'; name: string; sheet: VillageSheet; plan: ImportPlan; note?: string }
  | { kind: 'applying'; name: string; sheet: VillageSheet; plan: ImportPlan }
  | { kind: 'done'; text: string };

/** The panel's state per commune and year, kept across screens while the app runs. */
const memory = new Map<string, State>();

/** Both fields of a refusal the import plan carries, in the locale shown (the plan is made for this screen). */
function both(key: StringKey): { vi: string; en: string } {
  const text = t(key);
  return { vi: text, en: text };
}

async function refusalFor(commune: string) {
  const access = await loadAccess(commune);
  // Asked by the village's id, or by the code of one the import would add.
  return (village: string, isNew: boolean) => {
    const why = readOnlyReason(access, isNew ? 'village' : 'villageCounts', village);
    if (!why) return null;
    return why === 'readOnlyRole' ? both('excel.notAllowedRole') : isNew ? both('excel.notAllowedNew') : both('excel.notAllowedVillage');
  };
}

function progressText(p: Progress | null): { text: string; value: number | null } {
  if (!p || p.stage === 'read') return { text: t('excel.stageRead'), value: null };
  const value = p.total ? p.done / p.total : 0;
  if (p.stage === 'unpack') return { text: t('excel.stageUnpack', { percent: `${Math.round(value * 100)}%` }), value };
  return { text: t('excel.stageCheck', { done: fmtNumber(p.done), total: fmtNumber(p.total) }), value };
}

function valueText(v: number | boolean | null): string {
  if (v === null) return t('excel.empty');
  if (typeof v === 'boolean') return v ? t('excel.yes') : t('excel.no');
  return fmtNumber(v);
}

function ChangeList({ changes }: { changes: FieldChange[] }) {
  const lang = getLang();
  return (
    <ul class="xi-changes">
      {changes.map((c) => (
        <li key={c.field}>
          <span class="xi-label">{fieldOf(c.field)?.label[lang] ?? c.field}</span>{' '}
          <span class="xi-cell">({c.column})</span>:{' '}
          <span class="xi-old">{valueText(c.old)}</span> → <strong class="xi-new">{valueText(c.new)}</strong>
        </li>
      ))}
    </ul>
  );
}

const STATUS_KEY = { new: 'excel.statusNew', changed: 'excel.statusChanged', unchanged: 'excel.statusUnchanged', refused: 'excel.statusRefused' } as const;

function VillageCard({ row }: { row: PlanRow }) {
  const lang = getLang();
  return (
    <li class={`xi-row xi-${row.status}`} data-testid={`import-row-${row.row}`} data-status={row.status}>
      <div class="xi-head">
        <strong>{row.village.name}</strong>
        <span class={`pill xi-pill-${row.status}`}>{t(STATUS_KEY[row.status])}</span>
      </div>
      <p class="small muted">
        {t('excel.rowLabel', { row: row.row })} · {row.village.code}
      </p>
      {row.problems.length ? (
        <ul class="xi-problems">
          {row.problems.map((p, i) => (
            <li key={i}>{p[lang]}</li>
          ))}
        </ul>
      ) : null}
      {row.status === 'new' ? <p class="small">{t('excel.newVillageNote', { code: row.village.code })}</p> : null}
      {row.status !== 'refused' && row.changes.length ? <ChangeList changes={row.changes} /> : null}
    </li>
  );
}

function Preview({ state, year, onConfirm, onOther, onCancel }: {
  state: Extract<State, { kind: 'preview' | 'applying' }>; year: number; onConfirm: () => void; onOther: () => void; onCancel: () => void;
}) {
  const { sheet, plan } = state;
  const lang = getLang();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const order = { refused: 0, new: 1, changed: 2, unchanged: 3 } as const;
  const rows = [...plan.rows].sort((a, b) => order[a.status] - order[b.status] || a.row - b.row);
  const shown = rows.filter((r) => r.status !== 'unchanged');
  const unchanged = rows.filter((r) => r.status === 'unchanged');
  const toWrite = plan.tally.new + plan.tally.changed;
  const busy = state.kind === 'applying';
  return (
    <section aria-labelledby="xi-preview-h" data-testid="import-preview">
      <h2 id="xi-preview-h" tabIndex={-1} ref={heading}>
        {t('excel.previewTitle', { name: state.name })}
      </h2>
      {state.kind === 'preview' && state.note ? <p class="notice warn" role="alert">{state.note}</p> : null}
      {sheet.titleYear && sheet.titleYear !== year ? (
        <p class="notice warn" role="alert" data-testid="import-other-year">
          {t('excel.otherYear', { sheetYear: sheet.titleYear, year })}
        </p>
      ) : null}
      <p data-testid="import-tally">
        {t('excel.tally', { total: plan.rows.length, ...plan.tally })}
      </p>
      <p class="small muted">{sheet.sheet ? t('excel.headerAtSheet', { sheet: sheet.sheet, row: sheet.headerRow }) : t('excel.headerAt', { row: sheet.headerRow })}</p>
      {sheet.unknownColumns.length ? (
        <p class="notice" data-testid="import-unknown">
          {t('excel.unknownColumns', { list: sheet.unknownColumns.map((u) => `${u.column} "${u.header}"`).join(', ') })}
        </p>
      ) : null}
      {sheet.skipped.map((s) => (
        <p key={s.row} class="small muted">
          {s.reason === 'example' ? t('excel.skippedExample', { row: s.row }) : t('excel.skippedTotal', { row: s.row })}
        </p>
      ))}
      {plan.blocked ? (
        <p class="notice warn" role="alert" data-testid="import-blocked">
          {t('excel.blocked', { reason: plan.blocked[lang] })}
        </p>
      ) : null}
      <ul class="card-list xi-list">
        {shown.map((r) => (
          <VillageCard key={r.row} row={r} />
        ))}
      </ul>
      {unchanged.length ? (
        <details class="more">
          <summary>{t('excel.unchangedList', { n: unchanged.length })}</summary>
          <ul class="plain-list">
            {unchanged.map((r) => (
              <li key={r.row} data-testid={`import-row-${r.row}`} data-status="unchanged">
                {r.village.name} <span class="muted">({t('excel.rowLabel', { row: r.row })})</span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {plan.tally.refused ? <p class="small">{t('excel.refusedNote')}</p> : null}
      <div class="xi-actions">
        {toWrite && !plan.blocked ? (
          <button type="button" class="primary wide" disabled={busy} onClick={onConfirm}>
            {busy ? t('excel.applying') : t('excel.confirm', { n: toWrite })}
          </button>
        ) : (
          <p class="notice">{plan.blocked ? '' : t('excel.nothingToImport')}</p>
        )}
        <button type="button" class="wide" disabled={busy} onClick={onOther}>
          {t('excel.chooseOther')}
        </button>
        <button type="button" class="wide" disabled={busy} onClick={onCancel}>
          {t('excel.cancel')}
        </button>
      </div>
    </section>
  );
}

/** The import panel of one commune and year. `onClose` returns to the village list. */
export function ImportPanel({ commune, year, onClose }: { commune: string; year: number; onClose: () => void }) {
  const key = yearKey(commune, year);
  const [state, setStateRaw] = useState<State>(() => memory.get(key) ?? { kind: 'pick' });
  const alive = useRef(true);
  useEffect(() => () => void (alive.current = false), []);
  const setState = (s: State) => {
    // Remembered even when the screen was left meanwhile: coming back shows where it got to.
    if (s.kind === 'done' || s.kind === 'pick') memory.delete(key);
    else memory.set(key, s);
    if (alive.current) setStateRaw(s);
  };

  const pick = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    setState({ kind: 'reading', name: file.name, progress: null });
    try {
      const sheet = await readSheetInWorker(file, (progress) => setState({ kind: 'reading', name: file.name, progress }));
      const plan = await previewVillageImport(commune, year, sheet, await refusalFor(commune));
      setState({ kind: 'preview', name: file.name, sheet, plan });
    } catch (e) {
      setState({ kind: 'failed', name: file.name, text: isRefusal(e) ? t('excel.refused', { reason: e[getLang()] }) : t('excel.failed', { reason: saveErrorMessage(e) }) });
    }
  };

  const confirm = async () => {
    if (state.kind !== 'preview') return;
    const { name, sheet, plan } = state;
    setState({ kind: 'applying', name, sheet, plan });
    const refusal = await refusalFor(commune);
    try {
      const res = await Dexie.ignoreTransaction(() => applyVillageImport(commune, year, sheet, plan, refusal));
      afterSave();
      setState({ kind: 'done', text: t('excel.applied', { n: res.villagesAdded + res.villagesChanged, added: res.villagesAdded, fields: res.fieldsWritten }) });
    } catch (e) {
      // The data may have moved (a sync arrived): show the fresh dry run with the reason.
      const fresh = await previewVillageImport(commune, year, sheet, refusal).catch(() => plan);
      setState({ kind: 'preview', name, sheet, plan: fresh, note: t('excel.applyFailed', { reason: saveErrorMessage(e) }) });
    }
  };

  const choose = (
    <>
      <input id="xi-file" class="file-input" type="file" accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv" onChange={(e) => void pick(e.currentTarget as HTMLInputElement)} />
      <label for="xi-file" class="button primary wide">
        {state.kind === 'pick' ? t('excel.chooseFile') : t('excel.chooseOther')}
      </label>
    </>
  );

  return (
    <section class="card xi" aria-labelledby="xi-h" data-testid="import-panel">
      <style>{IMPORT_CSS}</style>
      <h2 id="xi-h">{t('excel.importTitle', { year })}</h2>
      {state.kind === 'pick' || state.kind === 'failed' ? (
        <>
          <p class="hint">{t('excel.importIntro')}</p>
          {state.kind === 'failed' ? (
            <p class="notice warn" role="alert" data-testid="import-failed">
              {state.text}
            </p>
          ) : null}
          {choose}
          <button type="button" class="wide" onClick={onClose}>
            {t('excel.close')}
          </button>
        </>
      ) : null}
      {state.kind === 'reading' ? (
        <div role="status" aria-live="polite" data-testid="import-progress">
          <p>{t('excel.reading', { name: state.name })}</p>
          {(() => {
            const p = progressText(state.progress);
            return (
              <>
                <progress class="wide" max={1} {...(p.value === null ? {} : { value: p.value })} aria-label={p.text} />
                <p class="small">{p.text}</p>
              </>
            );
          })()}
        </div>
      ) : null}
      {state.kind === 'preview' || state.kind === 'applying' ? (
        <Preview state={state} year={year} onConfirm={() => void confirm()} onOther={() => setState({ kind: 'pick' })} onCancel={() => { setState({ kind: 'pick' }); onClose(); }} />
      ) : null}
      {state.kind === 'done' ? (
        <div>
          <p class="notice" role="status" data-testid="import-done">
            {state.text}
          </p>
          <button type="button" class="primary wide" onClick={() => { setState({ kind: 'pick' }); onClose(); }}>
            {t('excel.seeVillages')}
          </button>
        </div>
      ) : null}
    </section>
  );
}
