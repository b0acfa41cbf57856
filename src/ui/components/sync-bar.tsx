// FIRST-LOAD. The always-visible sync line: "Chờ đồng bộ: 3", "Đồng bộ lần cuối", "Mã biên nhận",
// the last error in plain Vietnamese, and "Gửi ngay". Reads the outbox and meta live.
import { getMeta, pendingCount } from '../../db/index.ts';
import { fmtDateTime, t } from '../i18n/index.ts';
import { useLive } from '../hooks/use-live.ts';
import { href } from '../router.ts';

/** Asks the sync engine to run now (service worker wake-up, online event). */
export function wakeSync(): void {
  // wired to src/sync once it lands
}

async function load() {
  return {
    pending: await pendingCount(),
    last: await getMeta<string>('lastSyncAt'),
    receipt: await getMeta<string>('lastReceipt'),
    token: await getMeta<string>('token'),
  };
}

/** The sync status bar. */
export function SyncBar() {
  const live = useLive(load, []);
  const s = live.value;
  if (!s) return null;
  return (
    <div class="sync-bar" role="status" aria-live="polite" aria-label={t('sync')}>
      <span class="sync-text">
        <span class="sync-line">
          {t('syncPending', { n: s.pending })}
          {s.receipt ? ` · ${t('receipt', { code: s.receipt })}` : ''}
        </span>
        <span class="sync-line">{s.last ? t('syncLast', { when: fmtDateTime(s.last) }) : s.token ? t('syncNever') : t('notEnrolled')}</span>
      </span>
      {s.token ? (
        <button type="button" onClick={wakeSync}>
          {t('sendNow')}
        </button>
      ) : (
        <a class="button" href={href('dong-bo')}>
          {t('connect')}
        </a>
      )}
    </div>
  );
}
