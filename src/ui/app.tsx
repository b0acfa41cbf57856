// FIRST-LOAD. The app shell: reads the current commune, year and language from IndexedDB, routes
// to a screen (each screen is its own lazy chunk), and keeps the sync bar, update prompt and
// navigation on screen. Holds no entity data itself: screens read and write through src/db.
import { useEffect, useState } from 'preact/hooks';
import { getCommune, getMeta, listYears, setMeta, type CommuneRow } from '../db/index.ts';
import { getLang, loadLang, loadStrings, t, type Lang } from './i18n/index.ts';
import { useLive } from './hooks/use-live.ts';
import { href, useRoute } from './router.ts';
import { ROUTES, SETUP_ROUTE, routeOf } from './routes.tsx';
import { SyncBar } from './components/sync-bar.tsx';
import { UpdatePrompt } from './components/update-prompt.tsx';

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
  // Until one is chosen: a reviewer's year is last year (a year's dossiers come in early the
  // next), decided here before any screen reads, so the province's list is read once, not first
  // for this year and again when a screen stores last year; a commune's is its latest year.
  const fallback = (await getMeta('role')) === 'reviewer' ? new Date().getFullYear() - 1 : years[years.length - 1] ?? new Date().getFullYear();
  const year = typeof stored === 'number' ? stored : fallback;
  return { commune, year, years, lang };
}

/** Which build this is (set by VITE_BUILD_ID at build time); the update test reads it. */
export const BUILD_ID: string = import.meta.env.VITE_BUILD_ID ?? import.meta.env.MODE;

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

  const found = routeOf(route[0]);
  // Without a commune only the routes that need none open (the sync screen: a new phone connects first).
  const current = !b.commune && !found.withoutCommune ? SETUP_ROUTE : found;
  const setup = current === SETUP_ROUTE;
  const Item = route[1] ? current.item : undefined;
  const Screen = current.screen;
  const p = { commune: b.commune?.id ?? '', year: b.year };
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
        {Item ? <Item {...p} item={route[1]!} /> : <Screen {...p} />}
      </main>
      <div class="bottom">
        <SyncBar />
        {setup || !b.commune ? null : (
          <nav aria-label={t('mainNav')} class="nav">
            {ROUTES.filter((r) => r.nav).map((r) => (
              <a key={r.path} href={href(...(r.path ? [r.path] : []))} aria-current={current.tab === r.path ? 'page' : undefined}>
                {t(r.nav!)}
              </a>
            ))}
          </nav>
        )}
      </div>
    </div>
  );
}
