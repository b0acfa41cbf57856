// Sync screen (route `#/dong-bo`): the full sync status, "Gửi ngay", enrolment (server address +
// one-time code → device token), changes the server refused, changes pulled from the server that
// this device set aside, and the conflict list where a person re-applies the value they want.
// All work is done by src/sync and src/db.
import { useState } from 'preact/hooks';
import { getMeta, listConflicts, listPulledRefused, listQuarantined, requeueOps, resolveConflict, type ConflictRow, type PulledRefusal } from '../../db/index.ts';
import { enroll, EnrollError, refreshSyncStatus, syncNow } from '../../sync/index.ts';
import { COMMUNE_FIGURE_LABELS, OTHER_LABELS, VILLAGE_COUNT_LABELS } from '../../domain/schemas/labels.ts';
import type { Text } from '../../domain/catalog/types.ts';
import { ENTITY_DEFS, isEntityName } from '../../domain/entities/index.ts';
import { fmtDateTime, fmtNumber, t, tx } from '../i18n/index.ts';
import { useLive } from '../hooks/use-live.ts';
import { Title } from '../components/title.tsx';
import { TextField } from '../components/fields.tsx';
import { syncErrorText } from '../components/sync-bar.tsx';
import { useSyncStatus } from '../sync-client.ts';
import { saveErrorMessage } from '../components/save-status.tsx';
import type { ScreenProps } from '../routes.tsx';

const FIELD_LABELS: Record<string, Text> = { ...VILLAGE_COUNT_LABELS, ...COMMUNE_FIGURE_LABELS, ...OTHER_LABELS };

const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
/** A field's label, or its name (own keys only: a pulled op may name `__proto__`). */
const fieldLabel = (f: string): string => (own(FIELD_LABELS, f) ? tx(FIELD_LABELS[f]!) : f);
const entityLabel = (e: string): string => (isEntityName(e) ? tx(ENTITY_DEFS[e].label) : e);

function valueText(field: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return t('emptyValue');
  if (typeof v === 'boolean') return field === 'met' ? (v ? t('met') : t('unmet')) : v ? t('yes') : t('no');
  if (typeof v === 'number') return fmtNumber(v);
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}

const fieldsText = (fields: [string, unknown][]) => fields.map(([f, v]) => `${fieldLabel(f)}: ${valueText(f, v)}`).join('; ');

function Status() {
  const s = useSyncStatus();
  if (!s) return <p class="muted">{t('loading')}</p>;
  const error = syncErrorText(s);
  return (
    <section aria-labelledby="sync-status-h" class="card">
      <h2 id="sync-status-h">{t('sync')}</h2>
      <dl class="summary-list">
        <dt>{t('pending')}</dt>
        <dd>{fmtNumber(s.pending)}</dd>
        <dt>{t('lastSynced')}</dt>
        <dd>{s.lastSuccessAt ? fmtDateTime(s.lastSuccessAt) : t('syncNever')}</dd>
        {s.lastReceipt ? (
          <>
            <dt>{t('receiptLabel')}</dt>
            <dd>{s.lastReceipt}</dd>
          </>
        ) : null}
      </dl>
      {error ? (
        <p class="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {s.enrolled ? (
        <button type="button" class="primary wide" disabled={s.state === 'syncing'} onClick={() => void syncNow()}>
          {s.state === 'syncing' ? t('sending') : t('sendNow')}
        </button>
      ) : null}
    </section>
  );
}

function Enrol() {
  const saved = useLive(() => getMeta<string>('serverUrl'), []);
  const [url, setUrl] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const s = useSyncStatus();
  const server = url ?? saved.value ?? window.location.origin;
  return (
    <section aria-labelledby="enrol-h" class="card">
      <h2 id="enrol-h">{s?.enrolled ? t('reEnrol') : t('enrolTitle')}</h2>
      <p class="hint">{t('enrolHint')}</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!server.trim() || !code.trim()) {
            setMsg({ ok: false, text: t('errRequired', { field: !server.trim() ? t('serverUrl') : t('enrolCode') }) });
            return;
          }
          setBusy(true);
          enroll(server.trim(), code.trim())
            .then((res) => {
              setCode('');
              const said = t('enrolled', { url: server.trim() });
              setMsg({ ok: true, text: res.demoSetAside ? `${said} ${t('enrolDemoSetAside', { name: res.demoSetAside })}` : said });
            })
            .catch((err: unknown) => {
              const text = err instanceof EnrollError ? tx({ vi: err.message, en: err.en }) : saveErrorMessage(err);
              setMsg({ ok: false, text });
            })
            .finally(() => setBusy(false));
        }}
      >
        <TextField id="server-url" type="url" inputMode="url" label={t('serverUrl')} value={server} onInput={setUrl} />
        <TextField id="enrol-code" label={t('enrolCode')} value={code} onInput={setCode} autoComplete="one-time-code" />
        <button type="submit" class="primary wide" disabled={busy}>
          {t('enrol')}
        </button>
        <p role="status" class={msg && !msg.ok ? 'field-error' : ''}>
          {msg?.text ?? ''}
        </p>
      </form>
    </section>
  );
}

function Quarantined() {
  const live = useLive(listQuarantined, []);
  const rows = live.value ?? [];
  if (!rows.length) return null;
  return (
    <section aria-labelledby="q-h" class="card">
      <h2 id="q-h">{t('quarantinedTitle')}</h2>
      <p class="hint">{t('quarantinedHint')}</p>
      <ul class="plain-list">
        {rows.map((r) => (
          <li key={r.op.opId}>
            <p>
              <strong>{entityLabel(r.op.entity)}</strong> {r.op.key}
            </p>
            <p class="small">{fieldsText(Object.entries(r.op.fields))}</p>
            {r.error ? <p class="field-error">{r.error}</p> : null}
            <button
              type="button"
              onClick={() =>
                void requeueOps([r.op.opId])
                  .then(refreshSyncStatus)
                  .then(() => syncNow())
              }
            >
              {t('sendNow')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** What a pulled op held, read from its kept copy (null when it cannot be read: cut, not an op). */
function pulledOp(text: string): { entity: string; key: string; fields: [string, unknown][] } | null {
  let x: unknown;
  try {
    x = JSON.parse(text);
  } catch {
    return null;
  }
  if (!x || typeof x !== 'object' || Array.isArray(x)) return null;
  const o = x as Record<string, unknown>;
  const fields = o.fields && typeof o.fields === 'object' && !Array.isArray(o.fields) ? Object.entries(o.fields) : [];
  return { entity: typeof o.entity === 'string' ? o.entity : '', key: typeof o.key === 'string' ? o.key : '', fields };
}

function PulledItem({ r }: { r: PulledRefusal }) {
  const op = pulledOp(r.op);
  return (
    <li>
      <p>
        <strong>{op?.entity ? entityLabel(op.entity) : t('pulledUnreadable')}</strong> {op?.key ?? ''}
      </p>
      {op?.fields.length ? <p class="small">{fieldsText(op.fields)}</p> : null}
      {r.reasons?.length ? (
        r.reasons.map((x, i) => (
          <p key={i} class="field-error">
            {tx(x)}
          </p>
        ))
      ) : (
        <p class="field-error">{r.error}</p>
      )}
      <p class="small muted">{t('pulledAt', { time: fmtDateTime(r.at) })}</p>
    </li>
  );
}

/** Ops pulled from the server that failed this device's checks: never merged, listed here. */
function PulledRefused() {
  const live = useLive(listPulledRefused, []);
  const rows = live.value ?? [];
  if (!rows.length) return null;
  return (
    <section aria-labelledby="pr-h" class="card" data-testid="pulled-refused">
      <h2 id="pr-h">{t('pulledRefusedTitle')}</h2>
      <p class="hint">{t('pulledRefusedHint')}</p>
      <ul class="plain-list">
        {rows.map((r, i) => (
          <PulledItem key={`${r.seq ?? ''}-${r.opId ?? ''}-${i}`} r={r} />
        ))}
      </ul>
    </section>
  );
}

function ConflictItem({ c }: { c: ConflictRow }) {
  const [busy, setBusy] = useState(false);
  const label = fieldLabel(c.field);
  const keep = (side: 'local' | 'remote') => {
    if (c.id === undefined) return;
    setBusy(true);
    void resolveConflict(c.id, side)
      .then(refreshSyncStatus)
      .finally(() => setBusy(false));
  };
  return (
    <li>
      <p>
        <strong>{entityLabel(c.entity)}</strong> {c.key} — {label}
      </p>
      <p class="small">{t('localValue', { value: valueText(c.field, c.localValue) })}</p>
      <p class="small">{t('remoteValue', { value: valueText(c.field, c.remoteValue) })}</p>
      <p class="small muted">{fmtDateTime(c.at)}</p>
      <div class="radio-row">
        <button type="button" disabled={busy} onClick={() => keep('local')}>
          {t('keepLocal')}
        </button>
        <button type="button" disabled={busy} onClick={() => keep('remote')}>
          {t('keepRemote')}
        </button>
      </div>
    </li>
  );
}

function Conflicts() {
  const live = useLive(() => listConflicts(), []);
  const rows = live.value ?? [];
  return (
    <section aria-labelledby="c-h" class="card">
      <h2 id="c-h">{t('conflictsTitle')}</h2>
      {rows.length ? (
        <>
          <p class="hint">{t('conflictsHint')}</p>
          <ul class="plain-list">
            {rows.map((c) => (
              <ConflictItem key={c.id} c={c} />
            ))}
          </ul>
        </>
      ) : (
        <p class="muted">{t('noConflicts')}</p>
      )}
    </section>
  );
}

/** The sync screen. */
export function SyncScreen(_: ScreenProps) {
  return (
    <>
      <Title>{t('syncTitle')}</Title>
      <Status />
      <Enrol />
      <Quarantined />
      <PulledRefused />
      <Conflicts />
    </>
  );
}
