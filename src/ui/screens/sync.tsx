// Sync screen (route `#/dong-bo`): placeholder until src/sync lands.
import { t } from '../i18n/index.ts';
import { Title } from '../components/title.tsx';
import type { ScreenProps } from '../app.tsx';

/** The sync screen. */
export function SyncScreen(_: ScreenProps) {
  return <Title>{t('syncTitle')}</Title>;
}
