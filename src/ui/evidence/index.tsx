// Tệp minh chứng of one indicator (criteria screen): attach from the camera or from files, the
// photo compressed on the phone (src/evidence), a caption and the document's number, date and
// issuing body, the list with thumbnails, open to view, edit, remove. The bytes and the metadata
// are saved in one transaction (src/db/attachments.ts); a full phone gets a message and "Xuất dữ
// liệu ngay", never a half-saved file. Lazy: loaded with the criteria screen, never on the first load.
import { useEffect, useState } from 'preact/hooks';
import { backupStore, evidenceStore, getMeta, isStorageFullError, repo, setMeta, type AttachmentPatch, type AttachmentRow } from '../../db/index.ts';
import { MAX_EVIDENCE_BYTES } from '../../domain/evidence/index.ts';
import { EvidenceFileError, STAGE_LABELS, prepareEvidenceFile, sha256Hex, type PreparedEvidence } from '../../evidence/index.ts';
import { requestPersist } from '../../pwa/index.ts';
import { openEvidence, sendFiles, subscribeUploads, syncNow, type UploadStatus } from '../../sync/index.ts';
import { TextField } from '../components/fields.tsx';
import { saveErrorMessage } from '../components/save-status.tsx';
import { useLive } from '../hooks/use-live.ts';
import { useEvidenceStore, type EvidenceStore } from './store.ts';
import { fmtBytes, getLang, t } from '../i18n/index.ts';
import { saveBlob } from '../save-file.ts';
import { localToday } from '../../dossier/deadlines.ts';
import { ATTACH_CSS } from './css.ts';

// This panel's part of the catalog rides in its chunk (src/i18n/parts.ts).
import './words.ts';

export interface EvidencePanelProps {
  commune: string;
  /** The year a new file is attached in (the screen's). */
  year: number;
  /** What the files are evidence of: an indicator of the year, or a recognition decision (its id). */
  indicator?: string;
  decision?: string;
  /** Attaching, editing and removing are off (a read-only role, a locked year); viewing stays. */
  readOnly: boolean;
}

type Problem = { text: string; storageFull?: true } | null;

interface Listed {
  rows: AttachmentRow[];
  pending: Set<string>;
  local: Set<string>;
}

async function load(store: EvidenceStore, commune: string, year: number, indicator: string | undefined, decision: string | undefined): Promise<Listed> {
  // A decision's copies belong to it whatever year they were attached in; an indicator's to its year.
  const rows = decision
    ? await store.listDecisionAttachments(repo(), commune, decision)
    : (await store.listAttachments(repo(), commune, year)).filter((r) => r.indicator === indicator);
  const { pending, local } = await store.blobStates(repo(), rows.map((r) => r.sha256));
  return { rows, pending, local };
}

/** Asks once, before the first file is stored, that the browser keep this app's data. */
async function persistBeforeFirstFile(): Promise<void> {
  if (await getMeta<boolean>('evidencePersistAsked')) return;
  await setMeta('evidencePersistAsked', true);
  await requestPersist();
}

const pct = (x: number): string => `${Math.round(x * 100)} %`;
const nameOf = (r: AttachmentRow): string => r.caption || r.fileName || (r.type === 'application/pdf' ? 'PDF' : t('attach.photo'));

/** Exports everything (with the files) at once: what a full phone offers. */
export function ExportNow({ commune }: { commune: string }) {
  const [msg, setMsg] = useState<string | null>(null);
  const run = async () => {
    try {
      const file = await (await backupStore()).exportBackup(repo(), sha256Hex, commune);
      const name = file.name(localToday());
      saveBlob(file.blob, name);
      setMsg(t('attach.exported', { name }));
    } catch (e) {
      setMsg(saveErrorMessage(e));
    }
  };
  return (
    <>
      <button type="button" class="primary wide" onClick={() => void run()}>{t('attach.exportNow')}</button>
      {msg ? <p role="status">{msg}</p> : null}
    </>
  );
}

function Thumb({ row, onOpen }: { row: AttachmentRow; onOpen: () => void }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let made: string | null = null;
    let alive = true;
    if (row.type === 'image/jpeg') {
      void evidenceStore().then((m) => m.getThumb(repo(), row.sha256)).then((b) => {
        if (!b || !alive) return;
        made = URL.createObjectURL(b);
        setUrl(made);
      });
    }
    return () => {
      alive = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [row.sha256]);
  return (
    <button type="button" class="xa-thumb" onClick={onOpen} aria-label={t('attach.open', { name: nameOf(row) })} data-testid="evidence-thumb">
      {url ? <img src={url} alt="" width={96} height={96} data-testid="evidence-thumb-img" /> : <span aria-hidden="true">{row.type === 'application/pdf' ? t('attach.pdf') : '🖼'}</span>}
    </button>
  );
}

/** The viewer: a photo in a dialog, a PDF in the browser's own reader. */
function Viewer({ url, name, onClose }: { url: string; name: string; onClose: () => void }) {
  return (
    <div class="xa-viewer" role="dialog" aria-modal="true" aria-label={name}>
      <img src={url} alt={name} data-testid="evidence-view" />
      <button type="button" class="wide" onClick={onClose}>{t('attach.close')}</button>
    </div>
  );
}

function Item({ row, state, readOnly, onOpen }: { row: AttachmentRow; state: 'pending' | 'sent' | 'remote'; readOnly: boolean; onOpen: () => void }) {
  const [editing, setEditing] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const save = (patch: AttachmentPatch) =>
    void evidenceStore().then((m) => m.updateAttachment(repo(), row.commune, row.year, row.id, patch)).then(() => setProblem(null), (e: unknown) => setProblem(saveErrorMessage(e)));
  const doc = [row.number, row.date ? new Date(`${row.date}T00:00:00`).toLocaleDateString(getLang() === 'en' ? 'en-GB' : 'vi-VN') : '', row.issuer].filter(Boolean).join(', ');
  const fid = `xa-${row.id.slice(0, 8)}`;
  return (
    <li class="xa-item" data-testid="evidence-item" data-state={state}>
      <Thumb row={row} onOpen={onOpen} />
      <div class="xa-meta">
        <p class="xa-name">{nameOf(row)}</p>
        {doc ? <p class="small">{doc}</p> : null}
        <p class="small muted">
          {fmtBytes(row.size)} · <span data-testid="evidence-state">{state === 'pending' ? t('attach.waiting') : state === 'sent' ? t('attach.onServer') : t('attach.fromServer')}</span>
        </p>
        {!readOnly && !editing ? (
          <p>
            <button type="button" class="link" onClick={() => setEditing(true)}>{t('attach.edit')}</button>{' '}
            <button type="button" class="link danger" onClick={() => { if (confirm(t('attach.removeConfirm', { name: nameOf(row) }))) save({ removed: true }); }}>
              {t('attach.remove')}
            </button>
          </p>
        ) : null}
        {editing ? (
          <div>
            <TextField id={`${fid}-caption`} label={t('attach.caption')} value={row.caption ?? ''} onInput={(v) => save({ caption: v })} />
            <TextField id={`${fid}-number`} label={t('attach.number')} value={row.number ?? ''} onInput={(v) => save({ number: v })} />
            <TextField id={`${fid}-date`} label={t('attach.date')} type="date" value={row.date ?? ''} onInput={(v) => save({ date: v })} />
            <TextField id={`${fid}-issuer`} label={t('attach.issuer')} value={row.issuer ?? ''} onInput={(v) => save({ issuer: v })} />
            <button type="button" onClick={() => setEditing(false)}>{t('attach.done')}</button>
          </div>
        ) : null}
        {problem ? <p class="field-error" role="alert">{problem}</p> : null}
      </div>
    </li>
  );
}

interface Draft {
  prepared: PreparedEvidence;
  preview: string | null;
  caption: string;
  number: string;
  date: string;
  issuer: string;
}

function DraftForm({ draft, setDraft, onSave, onCancel, id }: { draft: Draft; setDraft: (d: Draft) => void; onSave: () => void; onCancel: () => void; id: string }) {
  const f = (k: 'caption' | 'number' | 'date' | 'issuer') => (v: string) => setDraft({ ...draft, [k]: v });
  return (
    <div class="xa-draft card" data-testid="evidence-draft">
      {draft.preview ? <img src={draft.preview} alt="" class="xa-preview" /> : <p>{t('attach.pdf')} · {draft.prepared.name}</p>}
      <p class="small muted">{fmtBytes(draft.prepared.size)}</p>
      <TextField id={`${id}-caption`} label={t('attach.caption')} hint={t('attach.captionHint')} value={draft.caption} onInput={f('caption')} />
      <p class="hint">{t('attach.docHint')}</p>
      <TextField id={`${id}-number`} label={t('attach.number')} value={draft.number} onInput={f('number')} />
      <TextField id={`${id}-date`} label={t('attach.date')} type="date" value={draft.date} onInput={f('date')} />
      <TextField id={`${id}-issuer`} label={t('attach.issuer')} value={draft.issuer} onInput={f('issuer')} />
      <button type="button" class="primary wide" onClick={onSave}>{t('attach.save')}</button>
      <button type="button" class="wide" onClick={onCancel}>{t('attach.cancel')}</button>
    </div>
  );
}

/** The line of the file going up now, where this panel holds it. */
function UploadLine({ shas }: { shas: Set<string> }) {
  const [s, setS] = useState<UploadStatus | null>(null);
  useEffect(() => subscribeUploads(setS), []);
  if (!s?.current || !shas.has(s.current.sha256)) return null;
  return <p class="small" role="status" data-testid="evidence-uploading">{t('attach.uploading', { done: s.done + 1, total: s.done + s.pending, percent: pct(s.current.total ? s.current.sent / s.current.total : 0) })}</p>;
}

/** The evidence files of one indicator. */
export function EvidencePanel({ commune, year, indicator, decision, readOnly }: EvidencePanelProps) {
  const store = useEvidenceStore();
  const listed = useLive(() => (store ? load(store, commune, year, indicator, decision) : undefined), [store, commune, year, indicator, decision]).value;
  const [progress, setProgress] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [viewing, setViewing] = useState<{ url: string; name: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const what = indicator ?? decision ?? '';
  const id = `xa-${(indicator ? what : `qd-${what}`).replace(/[^A-Za-z0-9-]/g, '-')}`;

  const pick = async (file: File | undefined) => {
    if (!file) return;
    setProblem(null);
    setNotice(null);
    try {
      await persistBeforeFirstFile();
      const labels = STAGE_LABELS[getLang()];
      const prepared = await prepareEvidenceFile(file, { onProgress: (p) => setProgress(t('attach.preparing', { name: file.name, stage: labels[p.stage], percent: pct(p.fraction) })) });
      setDraft({ prepared, preview: prepared.thumbnail ? URL.createObjectURL(prepared.thumbnail) : null, caption: '', number: '', date: '', issuer: '' });
    } catch (e) {
      setProblem({ text: e instanceof EvidenceFileError ? (getLang() === 'en' ? e.messageEn : e.message) : saveErrorMessage(e) });
    } finally {
      setProgress(null);
    }
  };

  const drop = () => {
    if (draft?.preview) URL.revokeObjectURL(draft.preview);
    setDraft(null);
  };

  const save = async () => {
    if (!draft) return;
    const p = draft.prepared;
    try {
      await (await evidenceStore()).addAttachment(repo(), {
        commune, year, ...(decision ? { decision } : { indicator }),
        file: { bytes: p.bytes, thumbnail: p.thumbnail, type: p.type, size: p.size, sha256: p.sha256, name: p.name },
        caption: draft.caption, number: draft.number, date: draft.date, issuer: draft.issuer,
      });
      drop();
      setNotice(t('attach.saved'));
      // The op goes with the next run; the file right after it (sync/index.ts).
      void syncNow().then(() => sendFiles());
    } catch (e) {
      setProblem(isStorageFullError(e) ? { text: t('attach.storageFull'), storageFull: true } : { text: saveErrorMessage(e) });
    }
  };

  const open = async (row: AttachmentRow) => {
    setProblem(null);
    const got = await openEvidence(row.sha256, row.type);
    if (typeof got === 'string') {
      setProblem({ text: t(got === 'offline' ? 'attach.openOffline' : got === 'notEnrolled' ? 'attach.openNotEnrolled' : got === 'notFound' ? 'attach.openNotFound' : 'attach.openDamaged') });
      return;
    }
    const url = URL.createObjectURL(got);
    if (row.type === 'application/pdf') {
      window.open(url, '_blank', 'noopener');
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } else setViewing({ url, name: nameOf(row) });
  };

  const close = () => {
    if (viewing) URL.revokeObjectURL(viewing.url);
    setViewing(null);
  };

  const rows = listed?.rows ?? [];
  return (
    <section class="xa-panel" aria-labelledby={`${id}-h`} data-testid={`evidence-${what}`}>
      <style>{ATTACH_CSS}</style>
      <h4 id={`${id}-h`}>{t('attach.title')}</h4>
      {rows.length === 0 ? <p class="small muted">{t(decision ? 'attach.noneDecision' : 'attach.none')}</p> : null}
      <ul class="xa-list">
        {rows.map((r) => (
          <Item key={r.id} row={r} readOnly={readOnly} onOpen={() => void open(r)} state={listed!.pending.has(r.sha256) ? 'pending' : listed!.local.has(r.sha256) ? 'sent' : 'remote'} />
        ))}
      </ul>
      <UploadLine shas={new Set(rows.map((r) => r.sha256))} />
      {readOnly ? null : draft ? (
        <DraftForm id={id} draft={draft} setDraft={setDraft} onSave={() => void save()} onCancel={drop} />
      ) : (
        <div class="xa-pick">
          <label class="button" for={`${id}-camera`}>📷 {t('attach.camera')}</label>
          <input id={`${id}-camera`} class="visually-hidden" type="file" accept="image/*" capture="environment" onChange={(e) => void pick((e.currentTarget as HTMLInputElement).files?.[0]).then(() => { (e.target as HTMLInputElement).value = ''; })} />
          <label class="button" for={`${id}-file`}>📎 {t('attach.file')}</label>
          <input id={`${id}-file`} class="visually-hidden" type="file" accept="image/jpeg,image/png,image/webp,application/pdf" data-testid={`evidence-file-${what}`} onChange={(e) => void pick((e.currentTarget as HTMLInputElement).files?.[0]).then(() => { (e.target as HTMLInputElement).value = ''; })} />
          <p class="hint">{t('attach.hint', { maxMb: MAX_EVIDENCE_BYTES / 1_000_000 })}</p>
        </div>
      )}
      {progress ? <p role="status" class="small">{progress}</p> : null}
      {notice ? <p role="status" class="small">{notice}</p> : null}
      {problem ? (
        <div role="alert" class="notice warn" data-testid="evidence-problem">
          <p>{problem.text}</p>
          {problem.storageFull ? <ExportNow commune={commune} /> : null}
        </div>
      ) : null}
      {viewing ? <Viewer url={viewing.url} name={viewing.name} onClose={close} /> : null}
    </section>
  );
}
