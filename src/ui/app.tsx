// FIRST-LOAD. The app shell: reads the current commune, year and language from IndexedDB, routes
// to a screen (each screen is its own lazy chunk), and keeps the sync bar, update prompt and
// navigation on screen. Holds no entity data itself: screens read and write through src/db.
import { useEffect, useState } from 'preact/hooks';
import { getCommune, getMeta, listYears, setMeta, type CommuneRow } from '../db/index.ts';
import { getLang, loadLang, loadStrings, t, type Lang } from './i18n/index.ts';
import { useLive } from './hooks/use-live.ts';
import { href, useRoute } from './router.ts';
import { lazy } from './components/lazy.tsx';
import { SyncBar } from './components/sync-bar.tsx';
import { UpdatePrompt } from './components/update-prompt.tsx';

export interface ScreenProps {
  commune: string;
  year: number;
}

const FirstRun = lazy(() => import('./screens/first-run.tsx').then((m) => m.FirstRun));
const Home = lazy(() => import('./screens/home.tsx').then((m) => m.Home));
const Villages = lazy(() => import('./screens/villages.tsx').then((m) => m.Villages));
const VillageForm = lazy(() => import('./screens/village-form.tsx').then((m) => m.VillageForm));
const CommuneFiguresForm = lazy(() => import('./screens/commune-figures.tsx').then((m) => m.CommuneFiguresForm));
const Criteria = lazy(() => import('./screens/criteria.tsx').then((m) => m.Criteria));
const Readiness = lazy(() => import('./screens/readiness.tsx').then((m) => m.Readiness));
const More = lazy(() => import('./screens/more.tsx').then((m) => m.More));
const DataScreen = lazy(() => import('./screens/data.tsx').then((m) => m.DataScreen));
const SyncScreen = lazy(() => import('./screens/sync.tsx').then((m) => m.SyncScreen));
const Dossier = lazy(() => import('./screens/dossier-route.tsx').then((m) => m.DossierRoute));

// A repeat visit opening on the home screen (the page is already under the service worker, so
// the chunks come from its cache): fetch the home chunks and the screens' strings now, in
// parallel with IndexedDB opening, rather than one import after another once the data is read.
// A first visit skips this: it may show first run, and should not parse the dashboard meanwhile.
if (/^#?\/?$/.test(location.hash) && navigator.serviceWorker?.controller) {
  void import('./screens/home.tsx').then((m) => m.preloadHome()).catch(() => undefined);
  void loadStrings().catch(() => undefined);
}

interface Boot {
  commune: CommuneRow | undefined;
  year: number;
  years: number[];
  lang: Lang;
}

async function loadBoot(): Promise<Boot> {
  const lang = (await getMeta<Lang>('lang')) === 'en' ? 'en' : 'vi';
  const code = await getMeta<string>('currentCommune');
  const commune = code ? await getCommune(code) : undefined;
  const years = commune ? await listYears(commune.id) : [];
  const stored = await getMeta<number>('currentYear');
  const year = typeof stored === 'number' ? stored : years[years.length - 1] ?? new Date().getFullYear();
  return { commune, year, years, lang };
}

/** Which build this is (set by VITE_BUILD_ID at build time); the update test reads it. */
export const BUILD_ID: string = import.meta.env.VITE_BUILD_ID ?? import.meta.env.MODE;

const NAV: { path: string; key: 'navHome' | 'navVillages' | 'navCriteria' | 'navReadiness' | 'navMore' }[] = [
  { path: '', key: 'navHome' },
  { path: 'thon', key: 'navVillages' },
  { path: 'tieu-chi', key: 'navCriteria' },
  { path: 'muc-do', key: 'navReadiness' },
  { path: 'them', key: 'navMore' },
];
/** Screens reached from "Thêm" keep that tab marked. */
const MORE_ROUTES = new Set(['them', 'so-lieu-xa', 'du-lieu', 'dong-bo', 'ho-so']);

function Screen({ route, commune, year }: { route: string[]; commune: string; year: number }) {
  const p = { commune, year };
  switch (route[0]) {
    case 'thon':
      return route[1] ? <VillageForm {...p} village={route[1]} /> : <Villages {...p} />;
    case 'so-lieu-xa':
      return <CommuneFiguresForm {...p} />;
    case 'tieu-chi':
      return <Criteria {...p} />;
    case 'muc-do':
      return <Readiness {...p} />;
    case 'them':
      return <More {...p} />;
    case 'du-lieu':
      return <DataScreen {...p} />;
    case 'dong-bo':
      return <SyncScreen {...p} />;
    case 'ho-so':
      return <Dossier {...p} />;
    default:
      return <Home {...p} />;
  }
}

function YearSwitch({ year, years }: { year: number; years: number[] }) {
  const all = years.includes(year) ? years : [...years, year].sort((a, b) => a - b);
  return (
    <div class="year-switch">
      <label for="year-switch">{t('yearLabel')}</label>
      <select
        id="year-switch"
        value={String(year)}
        onChange={(e) => void setMeta('currentYear', Number((e.currentTarget as HTMLSelectElement).value))}
      >
        {all.map((y) => (
          <option key={y} value={String(y)}>
            {y}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The whole app. */
export function App() {
  const boot = useLive(loadBoot, []);
  const route = useRoute();
  const b = boot.value;
  const [, setShown] = useState<Lang>(getLang());
  useEffect(() => {
    if (b && b.lang !== getLang()) void loadLang(b.lang).then(() => setShown(b.lang));
  }, [b?.lang]);
  useEffect(() => {
    document.title = b?.commune ? `${b.commune.name} — ${t('appName')}` : t('appName');
  }, [b?.commune?.name, getLang()]);

  if (!b) {
    return (
      <main id="main" class="boot">
        <p role={boot.error ? 'alert' : undefined}>
          {boot.error ? t('loadFailed', { reason: String(boot.error) }) : t('loading')}
        </p>
      </main>
    );
  }

  const current = route[0] ?? '';
  // The sync screen opens without a commune too: a new phone connects first, then pulls its commune.
  const setup = (!b.commune && current !== 'dong-bo') || current === 'bat-dau';
  const activeNav = MORE_ROUTES.has(current) ? 'them' : current === 'bat-dau' ? '' : current;
  // Re-mount everything on a language switch, so every t() call re-runs.
  return (
    <div class="app" key={getLang()} data-build={BUILD_ID}>
      <header class="app-header">
        <div class="brand">
          <a href={href()} class="app-name">
            {t('appName')}
          </a>
          {b.commune ? <span class="commune-name">{b.commune.name}</span> : null}
        </div>
        {b.commune && !setup ? <YearSwitch year={b.year} years={b.years} /> : null}
      </header>
      <UpdatePrompt />
      <main id="main">
        {setup ? <FirstRun /> : <Screen route={route} commune={b.commune?.id ?? ''} year={b.year} />}
      </main>
      <div class="bottom">
        <SyncBar />
        {setup || !b.commune ? null : (
          <nav aria-label={t('mainNav')} class="nav">
            {NAV.map((n) => (
              <a key={n.key} href={href(...(n.path ? [n.path] : []))} aria-current={activeNav === n.path ? 'page' : undefined}>
                {t(n.key)}
              </a>
            ))}
          </nav>
        )}
      </div>
    </div>
  );
}
