// The "Bảng tính Excel" card of the village list and the data screen: open the import, download the
// template, export the villages' table or the Bảng tổng hợp. Small; the import panel, the sheet
// worker and the spreadsheet writer each load only when their button is used.
import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { lazy } from '../components/lazy.tsx';
import { saveErrorMessage } from '../components/save-status.tsx';
import { navigate } from '../router.ts';
import type { SheetKind } from './downloads.ts';
import { words as en } from '../../i18n/en/excel.ts';
import { words as vi } from '../../i18n/vi/excel.ts';
import { addWords, t } from '../i18n/index.ts';
import { PATHS } from '../routes.tsx';

// This screen's part of the catalog rides in its chunk (src/i18n/parts.ts).
addWords({ vi, en });

/** The import panel, loaded when "Nhập từ tệp Excel" is used. */
export const LazyImportPanel = lazy(() => import('./import-panel.tsx').then((m) => m.ImportPanel));

/** Whether the village list shows the import panel; kept while the app runs, so leaving resumes it. */
let importOpen = false;
export const isImportOpen = (): boolean => importOpen;
export function setImportOpen(open: boolean): void {
  importOpen = open;
}

/** A button that opens the import, for the top of the village list while figures are missing. */
export function ImportButton({ onImport }: { onImport: () => void }) {
  return (
    <button type="button" class="wide" onClick={() => { setImportOpen(true); onImport(); }}>
      {t('excel.importExcel')}
    </button>
  );
}

/** The card. `onImport` opens the panel in place; without it the button goes to the village list. */
export function ExcelCard({ commune, year, kinds, onImport }: { commune: string; year: number; kinds: SheetKind[]; onImport?: (() => void) | null }) {
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const download = async (kind: SheetKind) => {
    setBusy(true);
    setMsg({ ok: true, text: t('excel.making') });
    try {
      const { downloadSheet } = await import('./downloads.ts');
      setMsg({ ok: true, text: t('excel.made', { name: await downloadSheet(kind, commune, year) }) });
    } catch (e) {
      setMsg({ ok: false, text: t('excel.makeFailed', { reason: saveErrorMessage(e) }) });
    } finally {
      setBusy(false);
    }
  };
  const label = (kind: SheetKind) => (kind === 'template' ? t('excel.template') : kind === 'villages' ? t('excel.exportVillages', { year }) : t('excel.exportSummary', { year }));
  return (
    <section class="card" aria-labelledby="excel-h">
      <h2 id="excel-h">{t('excel.excelTitle')}</h2>
      <p class="hint">{t('excel.excelHint')}</p>
      {onImport !== null ? (
        <button
          type="button"
          class="primary wide"
          onClick={() => {
            setImportOpen(true);
            if (onImport) onImport();
            else navigate(PATHS.villages);
          }}
        >
          {t('excel.importExcel')}
        </button>
      ) : null}
      {kinds.map((kind) => (
        <Fragment key={kind}>
          <button type="button" class="wide" disabled={busy} onClick={() => void download(kind)}>
            {label(kind)}
          </button>
          {kind === 'template' ? <p class="hint">{t('excel.templateHint')}</p> : null}
        </Fragment>
      ))}
      <p role="status" data-testid="excel-status" class={msg && !msg.ok ? 'field-error' : ''}>
        {msg?.text ?? ''}
      </p>
    </section>
  );
}
