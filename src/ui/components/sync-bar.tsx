// FIRST-LOAD. The always-visible sync line: "Chờ đồng bộ: 3", "Mã biên nhận", "Đồng bộ lần cuối"
// or the last error in plain Vietnamese, and "Gửi ngay". Shows src/sync's status; decides nothing.
import type { SyncStatus } from '../../sync/index.ts';
import { fmtDateTime, fmtNumber, fmtShortDateTime, t, tx } from '../i18n/index.ts';
import { href } from '../router.ts';
import { syncNow, useSyncStatus } from '../sync-client.ts';
import { PATHS } from '../routes.tsx';

export { useSyncStatus };

/** The error to show, in the UI's language; null when there is none worth showing. */
export function syncErrorText(s: SyncStatus): string | null {
  if (!s.enrolled) return null;
  // A wrong phone clock is worth saying even when the sync itself went well (issue 12).
  const vi = s.lastError ?? s.clockWarning;
  if (!vi) return null;
  const en = s.lastError ? s.lastErrorEn : s.clockWarningEn;
  return tx({ vi, en: en ?? vi });
}

/** The sync status bar. */
export function SyncBar() {
  const s = useSyncStatus();
  if (!s) {
    // Same height as the loaded bar, so nothing jumps when sync arrives a moment later.
    return (
      <section class="sync-bar" aria-label={t('sync')} data-testid="sync-bar">
        <span class="sync-text">
          <span class="sync-line">&nbsp;</span>
          <span class="sync-sub">&nbsp;</span>
        </span>
      </section>
    );
  }
  const error = syncErrorText(s);
  const syncing = s.state === 'syncing';
  const second = !s.enrolled ? t('notEnrolled') : error ?? (s.lastSuccessAt ? t('syncLast', { when: fmtShortDateTime(s.lastSuccessAt) }) : t('syncNever'));
  // Announce outcomes (an error, a finished sync), not every pending count change while typing.
  const announce = !s.enrolled ? '' : error ?? (s.lastSuccessAt ? t('syncLast', { when: fmtDateTime(s.lastSuccessAt) }) : '');
  return (
    <section class="sync-bar" aria-label={t('sync')} data-testid="sync-bar">
      <span class="sync-text">
        <span class="sync-line" data-testid="sync-pending">
          {t('syncPending', { n: fmtNumber(s.pending) })}
        </span>
        <span class={`sync-sub${error ? ' sync-error' : ''}`}>
          {second}
          {s.lastReceipt && !error ? <span data-testid="sync-receipt"> · {t('receipt', { code: s.lastReceipt })}</span> : null}
        </span>
      </span>
      <span class="visually-hidden" role="status" aria-live="polite">
        {announce}
      </span>
      {s.enrolled ? (
        <button type="button" disabled={syncing} onClick={syncNow}>
          {syncing ? t('sending') : t('sendNow')}
        </button>
      ) : (
        <a class="button" href={href(PATHS.sync)}>
          {t('connect')}
        </a>
      )}
    </section>
  );
}
