// The note a screen shows when this phone's enrolment may not change what it shows (a collector
// outside their villages, a read-only role). Never decides access: src/ui/access.ts does.
import type { ReadOnlyReason } from '../access.ts';
import { t } from '../i18n/index.ts';

/** "Bạn chỉ được nhập số liệu cho thôn được giao…" and the like; nothing when `reason` is null. */
export function ReadOnlyNote({ reason, level }: { reason: ReadOnlyReason | null; level: 'village' | 'commune' }) {
  if (!reason) return null;
  const text =
    reason === 'villageScope' ? (level === 'village' ? t('roVillageScope') : t('roVillageScopeCommune'))
      : reason === 'officerOnly' ? t('roOfficerOnly') : reason === 'lockOfficerOnly' ? t('roLockOfficerOnly') : t('roRole');
  return (
    <p class="notice" role="note" data-testid="read-only-note">
      {text}
    </p>
  );
}
