// FIRST-LOAD. "Có phiên bản mới — Cập nhật": shown when a new version waits. The new code takes
// over only when the person presses the button (src/pwa sends SKIP_WAITING, then reloads).
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/index.ts';

let applyUpdate: (() => void) | null = null;
const listeners = new Set<() => void>();

/** Called by src/pwa (through main.tsx) when a new version is ready. */
export function showUpdatePrompt(apply: () => void): void {
  applyUpdate = apply;
  listeners.forEach((l) => l());
}

/** The banner; renders nothing until an update waits. */
export function UpdatePrompt() {
  const [, force] = useState(0);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const l = () => force((n) => n + 1);
    listeners.add(l);
    return () => void listeners.delete(l);
  }, []);
  if (!applyUpdate) return null;
  const apply = applyUpdate;
  return (
    <div class="update-prompt" role="status" aria-live="polite">
      <span>{t('updateReady')} — </span>
      <button
        type="button"
        class="primary"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          apply();
        }}
      >
        {t('updateApply')}
      </button>
    </div>
  );
}
