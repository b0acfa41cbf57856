// "Dữ liệu" (route `#/du-lieu`): storage safety (persistent or not, usage, a warning when the
// browser may evict us), "Xuất dữ liệu" (a JSON file of everything, incl. unsent ops) and
// "Nhập dữ liệu" (its reader is a lazy chunk), and the spreadsheets (Bảng tính Excel: villages' table,
// Bảng tổng hợp, template; src/ui/excel, lazy). Never edits entities itself.
import { useEffect, useState } from 'preact/hooks';
import { backupStore, repo } from '../../db/index.ts';
import { requestPersist, storageStatus, type StorageStatus } from '../../pwa/index.ts';
import { fmtBytes, t } from '../i18n/index.ts';
import { Title } from '../components/title.tsx';
import { saveErrorMessage } from '../components/save-status.tsx';
import { ImportData } from '../components/import-data.tsx';
import type { ScreenProps } from '../routes.tsx';
import { localToday } from '../../dossier/deadlines.ts';
import { ExcelCard } from '../excel/excel-card.tsx';
import { saveBlob } from '../save-file.ts';
import { readOnlyReason } from '../access.ts';
import { loadAccess } from '../hooks/use-access.ts';
import { useLive } from '../hooks/use-live.ts';
import { lazy } from '../components/lazy.tsx';

const EvidenceSpace = lazy(() => import('../evidence/space.tsx').then((m) => m.EvidenceSpace));

/** SHA-256 from src/evidence, loaded on the first file to hash. */
const lazySha256 = async (b: Uint8Array): Promise<string> => (await import('../../evidence/index.ts')).sha256Hex(b);

/** package.json's version, set at build time by vite.config.ts. */
const APP_VERSION: string = import.meta.env.VITE_APP_VERSION ?? '';

function Storage() {
  const [s, setS] = useState<StorageStatus | null>(null);
  const refresh = () => void storageStatus().then(setS);
  useEffect(refresh, []);
  return (
    <section aria-labelledby="storage-h" class="card">
      <h2 id="storage-h">{t('storageTitle')}</h2>
      <dl class="summary-list">
        <dt>{t('persisted')}</dt>
        <dd data-testid="persisted">{!s ? t('loading') : s.persisted === true ? t('persistedYes') : s.persisted === false ? t('persistedNo') : t('persistedUnknown')}</dd>
        <dt>{t('storageUsed')}</dt>
        <dd>{s ? (s.quota ? t('storageOf', { used: fmtBytes(s.usage), quota: fmtBytes(s.quota) }) : fmtBytes(s.usage)) : t('loading')}</dd>
        <EvidenceSpace />
      </dl>
      {s && s.persisted !== true ? (
        <>
          <p class="notice warn" role="note">
            {t('notPersistedWarning')}
          </p>
          <button type="button" class="wide" onClick={() => void requestPersist().then(refresh)}>
            {t('askPersist')}
          </button>
        </>
      ) : null}
    </section>
  );
}

type Msg = { ok: boolean; text: string } | null;

/** The data screen. */
export function DataScreen({ commune, year }: ScreenProps) {
  const [exportMsg, setExportMsg] = useState<Msg>(null);
  const access = useLive(() => loadAccess(commune), [commune]).value;

  const doExport = async () => {
    try {
      // With the evidence files (a zip) when the phone holds any, hashed as src/evidence does it
      // (loaded only then: a phone without files exports its JSON as before).
      const file = await (await backupStore()).exportBackup(repo(), lazySha256, commune);
      const name = file.name(localToday());
      saveBlob(file.blob, name);
      setExportMsg({ ok: true, text: t('exported', { name }) });
    } catch (e) {
      setExportMsg({ ok: false, text: saveErrorMessage(e) });
    }
  };

  return (
    <>
      <Title>{t('dataTitle')}</Title>
      <Storage />
      <section aria-labelledby="export-h" class="card">
        <h2 id="export-h">{t('exportData')}</h2>
        <p class="hint">{t('exportHint')}</p>
        <button type="button" class="primary wide" onClick={() => void doExport()}>
          {t('exportData')}
        </button>
        <p role="status" class={exportMsg && !exportMsg.ok ? 'field-error' : ''}>
          {exportMsg?.text ?? ''}
        </p>
      </section>
      {access ? (
        <ExcelCard commune={commune} year={year} kinds={['villages', 'summary', 'template']} onImport={readOnlyReason(access, 'villageCounts', access.villages?.[0]) === null ? undefined : null} />
      ) : null}
      <section aria-labelledby="import-h" class="card">
        <h2 id="import-h">{t('importData')}</h2>
        <ImportData />
      </section>
      <p class="small muted">{t('build', { id: APP_VERSION })}</p>
    </>
  );
}
