// Dossier route (`#/ho-so`): the "Hồ sơ" screen of src/ui/dossier (built by its own engineer),
// loaded on demand so its document code stays out of the first load. Builds with or without it.
import type { ComponentType } from 'preact';
import { t } from '../i18n/index.ts';
import { lazy } from '../components/lazy.tsx';
import { Title } from '../components/title.tsx';
import type { ScreenProps } from '../routes.tsx';

const found = import.meta.glob<{ DossierScreen: ComponentType<ScreenProps> }>('../dossier/index.tsx');
const loadDossier = Object.values(found)[0];
const Dossier = loadDossier ? lazy(() => loadDossier().then((m) => m.DossierScreen)) : null;

/** The dossier screen, or a note that this build has none. */
export function DossierRoute(props: ScreenProps) {
  if (Dossier) return <Dossier {...props} />;
  return (
    <>
      <Title>{t('dossier')}</Title>
      <p class="muted">{t('loading')}</p>
    </>
  );
}
