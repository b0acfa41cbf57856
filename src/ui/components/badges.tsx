// Small status marks: Đạt / Chưa đạt / Chưa có dữ liệu. Text, never colour alone.
import type { Status } from '../../domain/assess-types.ts';
import { t } from '../i18n/index.ts';

/** The glossary word of a status. */
export function statusText(status: Status): string {
  return status === 'met' ? t('met') : status === 'unmet' ? t('unmet') : t('unknown');
}

/** A status as a badge (icon + glossary word). */
export function StatusBadge({ status }: { status: Status }) {
  const icon = status === 'met' ? '✓' : status === 'unmet' ? '✗' : '?';
  return (
    <span class={`badge status-${status}`} data-testid="status">
      <span aria-hidden="true">{icon} </span>
      {statusText(status)}
    </span>
  );
}
