// "Nhập dữ liệu": a file input whose reader (and the db's import code) are lazy chunks, loaded
// only when a file is chosen. Used on the data screen and on the first-run screen of a new phone.
import { useState } from 'preact/hooks';
import { t } from '../i18n/index.ts';
import { saveErrorMessage } from './save-status.tsx';

/** The import control with its result line. `onDone` runs after a successful import. */
export function ImportData({ onDone }: { onDone?: () => void }) {
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    setBusy(true);
    setMsg({ ok: true, text: t('importing') });
    try {
      const { importFile } = await import('../screens/import-file.ts');
      await importFile(file);
      setMsg({ ok: true, text: t('imported', { name: file.name }) });
      onDone?.();
    } catch (e) {
      setMsg({ ok: false, text: t('importFailed', { reason: saveErrorMessage(e) }) });
    } finally {
      setBusy(false);
      input.value = '';
    }
  };
  return (
    <>
      <p class="hint" id="import-hint">
        {t('importHint')}
      </p>
      <input
        id="import-file"
        class="file-input"
        type="file"
        accept="application/json,.json,application/zip,.zip"
        aria-describedby="import-hint"
        disabled={busy}
        onChange={(e) => void run(e.currentTarget as HTMLInputElement)}
      />
      <label for="import-file" class="button wide">
        {t('importData')}
      </label>
      <p role="status" data-testid="import-status" class={msg && !msg.ok ? 'field-error' : ''}>
        {msg?.text ?? ''}
      </p>
    </>
  );
}
