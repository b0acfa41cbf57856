// "Hồ sơ" screen (lazy chunk): the year's papers from the commune's own data (Tờ trình only when a
// request may be made, else why not), their editable wording, recipient and deadlines, warnings,
// and the meeting (its Biên bản and the lock of the year). Reads and writes only through src/db;
// the Word builder is imported on demand, only when a file is asked for.
// An enrolment the server would refuse (a village collector, a viewer) sees the wording read-only.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import {
  getCommune,
  lockYear,
  reopenYear,
  saveCommune,
  saveDossier,
  type CommuneRow,
  type DossierRow,
} from '../../db/index.ts';
import { getCatalog, tt25_2023 } from '../../domain/catalog/index.ts';
import { yearDeadlines, localToday } from '../../dossier/deadlines.ts';
import { DRAFT_MARK, type Doc, type DocId } from '../../dossier/doc.ts';
import { parseIsoDate, formatDate } from '../../dossier/format.ts';
import { docHtml, dossierCss, PAPERS_CLASS } from '../../dossier/html.ts';
import { buildDossier, dossierDocs, type DossierModel, type DossierWarning } from '../../dossier/model.ts';
import { documentNumber, MEETING_FIELDS, minutesNumberOf, TEXT_FIELDS, textsOfRow, type DossierTextKey, type TextField } from '../../dossier/texts.ts';
import { useLive } from '../hooks/use-live.ts';
import { words as en } from '../../i18n/en/dossier.ts';
import { words as vi } from '../../i18n/vi/dossier.ts';
import { addWords, getLang, t, tx } from '../i18n/index.ts';
import { SaveStatus, saveErrorMessage, useSaver } from '../components/save-status.tsx';
import { Title } from '../components/title.tsx';
import { printDocs, removePrintRoot, setPrintDocs, type Laid } from './print.ts';
import { MonthDayField, TextInput } from './fields.tsx';
import { SCREEN_CSS } from './screen-css.ts';
import { PRINT_FONT_CSS } from './fonts.ts';
import { readOnlyReason, type Access, type ReadOnlyReason } from '../access.ts';
import { loadAccess } from '../hooks/use-access.ts';
import { ReadOnlyNote } from '../components/read-only-note.tsx';
import { loadAssessment, type Assessment } from '../assessment.ts';
import { createPendingFields, unsavedOf, type PendingFields } from './pending.ts';
import { requestText } from '../../i18n/readiness.ts';
import { yearKey } from '../../domain/keys.ts';
import { SendDossier } from '../sending/index.tsx';

// This screen's part of the catalog rides in its chunk (src/i18n/parts.ts).
addWords({ vi, en });

interface Loaded {
  assessment: Assessment;
  access: Access;
}

/** A self-saving field's save: rejects when the saver refused it, so the field keeps the value as unsaved. */
async function stored(run: Promise<boolean>): Promise<void> {
  if (!(await run)) throw new Error('not saved');
}

/** Reopen history, stored as a list (or as its JSON text by older writers). */
function reopenHistory(row: DossierRow | undefined): { at: string; reason: string }[] {
  const raw = row?.reopenReasons as unknown;
  let list: unknown = raw;
  if (typeof raw === 'string') {
    try {
      list = JSON.parse(raw);
    } catch {
      list = [];
    }
  }
  return Array.isArray(list)
    ? list.filter((x): x is { at: string; reason: string } => typeof x?.reason === 'string' && typeof x?.at === 'string')
    : [];
}

function daysText(n: number): string {
  if (n > 0) return t('dossier.daysLeft', { n });
  if (n === 0) return t('dossier.dueToday');
  return t('dossier.overdue', { n: -n });
}

/** The "Hồ sơ" screen of one commune and year. */
export function DossierScreen({ commune, year }: { commune: string; year: number }) {
  const live = useLive<Loaded>(async () => {
    // The one assessment of the year (signing date, else the dossier deadline, as every screen).
    return { assessment: await loadAssessment(commune, year), access: await loadAccess(commune) };
  }, [commune, year]);

  const built = useMemo((): { model: DossierModel } | { error: string } | null => {
    const v = live.value;
    if (!v) return null;
    try {
      return { model: modelOf(v.assessment, commune) };
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) };
    }
  }, [live.value, commune]);

  // Every self-saving field of the screen signs in here, so a print or a Word file never misses
  // what was typed a moment ago.
  const pending = useMemo(createPendingFields, []);
  /** The papers from what is stored now plus `left` (typed, not stored), stamped with when the read began. */
  const read = async (left: Record<string, string>): Promise<Laid> => {
    const readAt = performance.now();
    return { docs: dossierDocs(modelOf(await loadAssessment(commune, year), commune, left)), readAt };
  };
  /** The papers as they are now: each field's typing stored first, then read back (plus what is still unsaved). */
  const current = async (): Promise<Laid> => read(await pending.settle());

  const model = built && 'model' in built ? built.model : null;
  const allDocs = useMemo(() => (model ? dossierDocs(model) : []), [model]);

  // The print root always holds the whole dossier, so the browser's own Print gives clean pages too.
  // Counting the pages lays the papers out once more: not on every keystroke, only once typing
  // pauses (the print buttons lay out what is current anyway). Read afresh, with what is typed and
  // not yet stored, and stamped with when it was read: the papers rendered here can be a save
  // behind, and laying those after a print had laid newer ones put old words back in the root.
  useEffect(() => {
    if (!allDocs.length) return;
    const timer = setTimeout(() => {
      void read(pending.peek()).then(
        (laid) => setPrintDocs(laid.docs, laid.readAt),
        () => undefined, // the screen says what failed; the root keeps what it holds
      );
    }, 1000);
    return () => clearTimeout(timer);
  }, [allDocs]);
  useEffect(() => () => removePrintRoot(), []);

  if (live.error) return <p role="alert" class="error">{t('dossier.engineFailed', { reason: saveErrorMessage(live.error) })}</p>;
  if (!live.value || !built) return <p class="muted">…</p>;
  if ('error' in built) return <p role="alert" class="error">{t('dossier.engineFailed', { reason: built.error })}</p>;

  const { access } = live.value;
  const { dossier, commune: communeRow } = live.value.assessment;
  const locked = dossier?.locked === true;
  const readOnly = readOnlyReason(access, 'dossier');
  // Recording the meeting and locking or reopening the year: the officer's (isLockAct).
  const lockReadOnly = readOnlyReason(access, 'dossier', undefined, { locked: true });
  return (
    <section class="xd-screen" aria-labelledby="xd-title">
      <style>{SCREEN_CSS + PRINT_FONT_CSS + dossierCss(`.${PAPERS_CLASS}`)}</style>
      <Title>
        <span id="xd-title">{t('dossier.title', { year })}</span>
      </Title>
      <p class={`xd-badge ${locked ? 'xd-locked' : 'xd-open'}`} data-testid="dossier-lock-state">
        {locked ? `🔒 ${t('dossier.lockedBadge', { year })}` : t('dossier.openBadge', { year })}
      </p>
      <p class="hint">{t('dossier.intro')}</p>
      <ReadOnlyNote reason={readOnly} level="commune" />
      <Deadlines commune={commune} row={communeRow} year={year} locked={locked} canEdit={readOnlyReason(access, 'commune') === null} pending={pending} />
      <Result model={built.model} />
      <Papers docs={allDocs} model={built.model} current={current} />
      {/* A disabled fieldset keeps the wording and the meeting read-only for who may not write them. */}
      <fieldset class="xd-ro" disabled={readOnly !== null}>
        <Texts commune={commune} year={year} row={dossier} locked={locked} pending={pending} />
      </fieldset>
      <fieldset class="xd-ro" disabled={lockReadOnly !== null}>
        <Meeting commune={commune} year={year} row={dossier} pending={pending} note={readOnly === null ? lockReadOnly : null} />
      </fieldset>
      <SendDossier commune={commune} year={year} locked={locked} access={access} assessment={live.value.assessment} docs={async () => (await current()).docs} />
    </section>
  );
}

/**
 * The dossier model of one assessment, as the screen and its prints show it. `unsaved` holds what
 * a field shows but could not store yet ("dossier:…", "commune:…"): the paper says what the screen says.
 */
function modelOf(a: Assessment, commune: string, unsaved: Record<string, string> = {}): DossierModel {
  const { input, output, plan, commune: c, dossier, files } = a;
  const catalog = getCatalog(input.catalog) ?? tt25_2023;
  const settings = unsavedOf(unsaved, 'commune');
  return buildDossier({
    input,
    output,
    plan,
    catalog,
    texts: { ...textsOfRow(dossier), ...(unsavedOf(unsaved, 'dossier') as Partial<Record<DossierTextKey, string>>) },
    files,
    commune: {
      code: commune,
      name: c?.name ?? input.commune.name,
      province: c?.province,
      recipient: settings.recipient ?? c?.recipient,
      dossierDeadline: c?.dossierDeadline,
      decisionDeadline: c?.decisionDeadline,
    },
  });
}

function Deadlines({ commune, row, year, locked, canEdit, pending }: { commune: string; row: CommuneRow | undefined; year: number; locked: boolean; canEdit: boolean; pending: PendingFields }) {
  const today = localToday();
  const d = yearDeadlines(year, { dossierDeadline: row?.dossierDeadline, decisionDeadline: row?.decisionDeadline }, today);
  const saver = useSaver();
  // Only the field typed (and the name the save needs, read fresh): spreading the rendered row would
  // write back any field it holds that a newer save or a sync has since changed.
  const save = (fields: Partial<CommuneRow>) =>
    stored(
      saver.run(async () => {
        const c = await getCommune(commune);
        await saveCommune({ ...fields, id: commune, code: c?.code ?? commune, name: c?.name ?? row?.name ?? '' });
      }),
    );
  return (
    <section class="xd-card" aria-labelledby="xd-deadlines">
      <h2 id="xd-deadlines">{t('dossier.deadlines')}</h2>
      <p data-testid="dossier-due">
        {t('dossier.dossierDue', { year, date: formatDate(d.dossier.date) })} — <b>{daysText(d.dossier.daysLeft)}</b>
      </p>
      <p data-testid="decision-due">
        {t('dossier.decisionDue', { date: formatDate(d.decision.date) })} — {daysText(d.decision.daysLeft)}
      </p>
      <p>{t('dossier.recipientNow', { recipient: row?.recipient?.trim() || t('dossier.recipientUnset') })}</p>
      {d.dossier.daysLeft < 0 && !locked ? (
        <p class="xd-warn" role="alert">
          {t('dossier.overdueWarning', { year, date: formatDate(d.dossier.date) })}
        </p>
      ) : null}
      {row && canEdit ? (
        <details>
          <summary>{t('dossier.settings')}</summary>
          <p class="hint">{t('dossier.settingsHint')}</p>
          <TextInput
            id="xd-recipient"
            label={t('dossier.recipient')}
            hint={t('dossier.recipientHint')}
            value={row.recipient ?? ''}
            pending={{ fields: pending, key: 'commune:recipient' }}
            onSave={(v) => save({ recipient: v })}
          />
          <MonthDayField
            id="xd-dossier-deadline"
            label={t('dossier.dossierDeadline')}
            value={row.dossierDeadline ?? '02-28'}
            pending={{ fields: pending, key: 'commune:dossierDeadline' }}
            onSave={(v) => save({ dossierDeadline: v })}
          />
          <MonthDayField
            id="xd-decision-deadline"
            label={t('dossier.decisionDeadline')}
            value={row.decisionDeadline ?? '03-31'}
            pending={{ fields: pending, key: 'commune:decisionDeadline' }}
            onSave={(v) => save({ decisionDeadline: v })}
          />
          <SaveStatus state={saver.state} />
        </details>
      ) : null}
    </section>
  );
}

function severityLabel(w: DossierWarning): string {
  return w.severity === 'block' ? t('dossier.severityBlock') : w.severity === 'warn' ? t('dossier.severityWarn') : t('dossier.severityInfo');
}

function Result({ model }: { model: DossierModel }) {
  const crit = model.rows.filter((r) => r.kind === 'criterion');
  const ind = model.rows.filter((r) => r.kind === 'indicator');
  const levelName = model.tableLevelName;
  return (
    <section class="xd-card" aria-labelledby="xd-result">
      <h2 id="xd-result">{t('dossier.result')}</h2>
      {/* The same sentence as Tổng quan and Mức độ: the one plan of the one assessment. */}
      <p data-testid="dossier-proposed" data-kind={model.request.kind}>
        <b>{requestText(model.request, getLang())}</b>
      </p>
      <p>
        {t('dossier.counts', {
          criteria: crit.filter((r) => r.status === 'met').length,
          criteriaTotal: crit.length,
          indicators: ind.filter((r) => r.status === 'met').length,
          indicatorsTotal: ind.length,
          level: levelName,
        })}
      </p>
      <h3>{t('dossier.warnings')}</h3>
      {model.warnings.length === 0 ? (
        <p>{t('dossier.noWarnings')}</p>
      ) : (
        <ul class="xd-warnings" data-testid="dossier-warnings">
          {model.warnings.map((w) => (
            <li key={w.code} class={`xd-w-${w.severity}`} data-code={w.code}>
              <b>{severityLabel(w)}:</b> {w.text}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Papers({ docs, model, current: now }: { docs: Doc[]; model: DossierModel; current: () => Promise<Laid> }) {
  const [shown, setShown] = useState<DocId | null>(null);
  const [busy, setBusy] = useState<DocId | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  /** The papers with what was just typed (the rendered ones may be a save behind). */
  const fresh = async (): Promise<Laid> => {
    try {
      return await now();
    } catch {
      return { docs, readAt: -Infinity };
    }
  };
  const print = async (id: DocId | null) => {
    const { docs: all, readAt } = await fresh();
    const one = id === null ? all : all.filter((d) => d.id === id);
    await printDocs(one.length ? one : all, all, readAt);
  };
  const download = async (id: DocId) => {
    setBusy(id);
    setFailure(null);
    try {
      const doc = (await fresh()).docs.find((d) => d.id === id) ?? docs.find((d) => d.id === id)!;
      // The generator and `docx` load only now, from their own precached chunk (works offline).
      const { buildDocx, docxFileName } = await import('../../dossier/docx.ts');
      const bytes = await buildDocx(doc);
      const blob = new Blob([bytes as BlobPart], {
        type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      });
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = docxFileName(doc);
      document.body.appendChild(a);
      a.click();
      a.remove();
      // Revoke later: some Android browsers read the blob after click() returns.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (e) {
      setFailure(t('dossier.downloadFailed', { reason: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(null);
    }
  };
  const current = docs.find((d) => d.id === shown) ?? null;
  const bare = model.warnings.find((w) => w.code === 'no-evidence');
  return (
    <section class="xd-card" aria-labelledby="xd-papers">
      <h2 id="xd-papers">{t('dossier.papers')}</h2>
      {model.draft ? (
        <p class="xd-warn" data-testid="dossier-draft">
          {t('dossier.draftNote', { mark: DRAFT_MARK })}
        </p>
      ) : null}
      {bare ? (
        <p class="xd-warn" role="alert" data-testid="dossier-no-evidence">
          {bare.text}
        </p>
      ) : null}
      <ul class="xd-docs">
        {model.request.kind === 'none' ? (
          <li data-doc="submission" data-testid="dossier-no-request">
            <h3>{t('dossier.submissionTitle')}</h3>
            <p>{model.noRequest}</p>
          </li>
        ) : null}
        {docs.map((doc) => (
          <li key={doc.id} data-doc={doc.id}>
            <h3>{doc.title}</h3>
            <div class="xd-actions">
              <button type="button" aria-expanded={shown === doc.id} onClick={() => setShown(shown === doc.id ? null : doc.id)}>
                {shown === doc.id ? t('dossier.hide') : t('dossier.view')}
              </button>
              <button type="button" onClick={() => void print(doc.id)}>
                {t('dossier.print')}
              </button>
              <button type="button" disabled={busy !== null} onClick={() => void download(doc.id)}>
                {busy === doc.id ? t('dossier.downloading') : t('dossier.download')}
              </button>
            </div>
          </li>
        ))}
      </ul>
      <button type="button" class="xd-print-all" onClick={() => void print(null)}>
        {t('dossier.printAll')}
      </button>
      {failure ? (
        <p role="alert" class="error">
          {failure}
        </p>
      ) : null}
      {current ? <Preview doc={current} /> : null}
    </section>
  );
}

/** The paper at A4 width, zoomed to fit the phone's screen. */
function Preview({ doc }: { doc: Doc }) {
  const outer = useRef<HTMLDivElement>(null);
  const [zoom, setZoom] = useState(1);
  useEffect(() => {
    const el = outer.current;
    if (!el) return;
    const fit = () => {
      const paperPx = (210 / 25.4) * 96;
      setZoom(Math.min(1, el.clientWidth / paperPx));
    };
    fit();
    const ro = new ResizeObserver(fit);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const html = useMemo(() => docHtml(doc), [doc]);
  return (
    <div class="xd-preview" ref={outer} aria-label={t('dossier.preview', { title: doc.title })} role="region">
      <div class={`xd-paper ${PAPERS_CLASS}`} style={{ zoom: String(zoom) }} dangerouslySetInnerHTML={{ __html: html }} />
    </div>
  );
}

/** Self-saving fields of the dossier row, each saved on its own (synced like every dossier field). */
function DossierFields(p: {
  fields: readonly TextField[];
  /** "commune/year": where each field's typed draft is kept until stored. */
  scope: string;
  row: DossierRow | undefined;
  disabled: boolean;
  save: (key: DossierTextKey, value: string) => Promise<void>;
  pending: PendingFields;
}) {
  const texts = textsOfRow(p.row);
  return (
    <>
      {p.fields.map((f) => (
        <TextInput
          key={f.key}
          id={`xd-${f.key}`}
          label={tx({ vi: f.label, en: f.labelEn })}
          hint={f.hint === undefined ? undefined : tx({ vi: f.hint, en: f.hintEn ?? f.hint })}
          multiline={f.multiline}
          type={f.kind === 'date' ? 'date' : 'text'}
          value={texts[f.key] ?? ''}
          disabled={p.disabled}
          draftKey={`dossier/${p.scope}/${f.key}`}
          pending={{ fields: p.pending, key: `dossier:${f.key}` }}
          onSave={(v) => p.save(f.key, v)}
        />
      ))}
    </>
  );
}

function Texts({ commune, year, row, locked, pending }: { commune: string; year: number; row: DossierRow | undefined; locked: boolean; pending: PendingFields }) {
  const saver = useSaver();
  const save = (key: DossierTextKey, value: string) => stored(saver.run(() => saveDossier(commune, year, { [key]: value })));
  return (
    <section class="xd-card" aria-labelledby="xd-texts">
      <h2 id="xd-texts">{t('dossier.texts')}</h2>
      <p class="hint">{locked ? t('dossier.textsLocked') : t('dossier.textsHint')}</p>
      <DossierFields fields={TEXT_FIELDS} scope={yearKey(commune, year)} row={row} disabled={locked} save={save} pending={pending} />
      <SaveStatus state={saver.state} />
    </section>
  );
}

function Meeting({ commune, year, row, pending, note }: { commune: string; year: number; row: DossierRow | undefined; pending: PendingFields; note: ReadOnlyReason | null }) {
  const saver = useSaver();
  const locked = row?.locked === true;
  const [confirmLock, setConfirmLock] = useState(false);
  const [reopening, setReopening] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [done, setDone] = useState<string | null>(null);
  const meetingDate = typeof row?.meetingDate === 'string' ? row.meetingDate : '';
  const minutesRef = typeof row?.minutesRef === 'string' ? row.minutesRef : '';
  const history = reopenHistory(row);
  const canLock = !locked && parseIsoDate(meetingDate) !== null && minutesRef.trim() !== '';

  const doLock = async () => {
    setConfirmLock(false);
    if (await saver.run(() => lockYear(commune, year, { meetingDate, minutesRef }))) setDone(t('dossier.lockDone', { year }));
  };
  const doReopen = async () => {
    if (!reason.trim()) {
      setReasonError(t('dossier.reopenNeedReason'));
      return;
    }
    setReasonError(undefined);
    if (await saver.run(() => reopenYear(commune, year, reason.trim()))) {
      setReopening(false);
      setReason('');
      setDone(t('dossier.reopenDone', { year }));
    }
  };

  return (
    <section class="xd-card" aria-labelledby="xd-meeting">
      <h2 id="xd-meeting">{t('dossier.meeting')}</h2>
      <p class="hint">{t('dossier.meetingHint')}</p>
      <ReadOnlyNote reason={note} level="commune" />
      <DossierFields
        fields={MEETING_FIELDS}
        scope={yearKey(commune, year)}
        row={row}
        disabled={locked}
        save={(key, value) => stored(saver.run(() => saveDossier(commune, year, { [key]: value })))}
        pending={pending}
      />
      {locked ? (
        <>
          <p data-testid="dossier-locked-info">{t('dossier.lockedInfo', { date: formatDate(meetingDate), ref: documentNumber(minutesNumberOf(minutesRef), 'BB-UBND').trim() })}</p>
          {reopening ? (
            <div class="xd-confirm">
              <TextInput
                id="xd-reopen-reason"
                label={t('dossier.reopenReason')}
                hint={t('dossier.reopenHint')}
                multiline
                value={reason}
                error={reasonError}
                onSave={setReason}
                onInputNow={setReason}
              />
              <div class="xd-actions">
                <button type="button" class="xd-danger" onClick={() => void doReopen()}>
                  {t('dossier.reopenConfirm')}
                </button>
                <button type="button" onClick={() => setReopening(false)}>
                  {t('dossier.cancel')}
                </button>
              </div>
            </div>
          ) : (
            <button type="button" onClick={() => setReopening(true)}>
              {t('dossier.reopen', { year })}
            </button>
          )}
        </>
      ) : confirmLock ? (
        <div class="xd-confirm" role="group" aria-label={t('dossier.lock', { year })}>
          <p>{t('dossier.lockConfirm', { year })}</p>
          <div class="xd-actions">
            <button type="button" class="xd-primary" onClick={() => void doLock()}>
              {t('dossier.lock', { year })}
            </button>
            <button type="button" onClick={() => setConfirmLock(false)}>
              {t('dossier.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <button type="button" class="xd-primary" disabled={!canLock} onClick={() => setConfirmLock(true)}>
          {t('dossier.lock', { year })}
        </button>
      )}
      {done ? <p role="status">{done}</p> : null}
      <SaveStatus state={saver.state} />
      {history.length ? (
        <>
          <h3>{t('dossier.history')}</h3>
          <ul data-testid="dossier-reopen-history">
            {history.map((h, i) => (
              <li key={i}>
                {formatDate(h.at.slice(0, 10))}: {h.reason}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
