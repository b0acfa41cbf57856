// FIRST-LOAD. Every route of the app in one table: its hash segment, its screen (each a lazy
// chunk), the tab of the bottom navigation it keeps marked, and whether it opens without a commune.
// Screens link with href(PATHS.x, …) and take ScreenProps from here, never from the shell (app.tsx).
import type { ComponentType } from 'preact';
import { lazy } from './components/lazy.tsx';
import type { StringKey } from './i18n/index.ts';

/** What every screen of a commune receives. */
export interface ScreenProps {
  commune: string;
  year: number;
}

/** The hash segment of each route (`#/thon/T01` is the village form of T01). */
export const PATHS = {
  home: '',
  villages: 'thon',
  criteria: 'tieu-chi',
  readiness: 'muc-do',
  more: 'them',
  figures: 'so-lieu-xa',
  data: 'du-lieu',
  sync: 'dong-bo',
  dossier: 'ho-so',
  setup: 'bat-dau',
  /**
   * The province's list of communes (a reviewer); `#/tinh/{commune}` is one commune's review and
   * `#/tinh/hoi-dong`, `#/tinh/giay-to`, `#/tinh/cai-dat` the council, papers and settings
   * (src/ui/review/index.tsx REVIEW_PAGES).
   */
  province: 'tinh',
} as const;

export type RoutePath = (typeof PATHS)[keyof typeof PATHS];

/** One route: the screen, the one shown when a second segment is given (`#/thon/T01`), its tab. */
export interface RouteDef {
  path: RoutePath;
  screen: ComponentType<ScreenProps>;
  /** The screen of `#/path/{item}`, given the item as `item`. */
  item?: ComponentType<ScreenProps & { item: string }>;
  /** The bottom-navigation tab kept marked on this route. */
  tab: RoutePath;
  /** Its label when the route is a tab of the bottom navigation. */
  nav?: StringKey;
  /** Opens without a commune (a new phone connects first, then pulls its commune). */
  withoutCommune?: boolean;
}

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
// The reviewer's screens (src/ui/review), one chunk: the list, and under it each commune's review
// and the council, papers and settings pages.
// One import() for both: each import() in the first load carries its own list of chunks to preload.
const reviewChunk = () => import('./review/index.tsx');
const ProvinceList = lazy(() => reviewChunk().then((m) => m.ProvinceList));
const ProvinceItem = lazy(() => reviewChunk().then((m) => m.ProvinceItem));
/** First run: choose or create a commune (also what a phone without one shows). */
const FirstRun = lazy(() => import('./screens/first-run.tsx').then((m) => m.FirstRun));

/** The routes, tabs of the bottom navigation first and in its order. */
export const ROUTES: readonly RouteDef[] = [
  { path: PATHS.home, screen: Home, tab: PATHS.home, nav: 'navHome' },
  { path: PATHS.villages, screen: Villages, item: VillageForm, tab: PATHS.villages, nav: 'navVillages' },
  { path: PATHS.criteria, screen: Criteria, tab: PATHS.criteria, nav: 'navCriteria' },
  { path: PATHS.readiness, screen: Readiness, tab: PATHS.readiness, nav: 'navReadiness' },
  { path: PATHS.more, screen: More, tab: PATHS.more, nav: 'navMore' },
  { path: PATHS.figures, screen: CommuneFiguresForm, tab: PATHS.more },
  { path: PATHS.data, screen: DataScreen, tab: PATHS.more },
  { path: PATHS.sync, screen: SyncScreen, tab: PATHS.more, withoutCommune: true },
  { path: PATHS.dossier, screen: Dossier, tab: PATHS.more },
  { path: PATHS.setup, screen: FirstRun, tab: PATHS.home, withoutCommune: true },
  { path: PATHS.province, screen: ProvinceList, item: ProvinceItem, tab: PATHS.more, withoutCommune: true },
];

/** The route of a hash's first segment; the home screen for any segment no route has. */
export function routeOf(segment: string | undefined): RouteDef {
  return ROUTES.find((r) => r.path === (segment ?? '')) ?? ROUTES[0]!;
}

/** The setup route (first run), shown instead of any route that needs a commune when none is open. */
export const SETUP_ROUTE: RouteDef = routeOf(PATHS.setup);
