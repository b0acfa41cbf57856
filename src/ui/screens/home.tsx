// Home (route `#/`): the chair's dashboard (src/ui/dashboard, built by its own engineer) when that
// module is in the build, else this app's readiness summary. The glob resolves at build time, so
// the app builds and works whether or not the dashboard exists yet.
import type { ComponentType } from 'preact';
import { lazy } from '../components/lazy.tsx';
import type { ScreenProps } from '../routes.tsx';

const found = import.meta.glob<{ Dashboard: ComponentType<ScreenProps> }>('../dashboard/index.tsx');
const loadDashboard = Object.values(found)[0];

const Summary = lazy(() => import('./readiness.tsx').then((m) => m.Readiness));
const Dashboard = loadDashboard ? lazy(() => loadDashboard().then((m) => m.Dashboard)) : null;

/** Starts loading the home screen's own chunk ahead of its first render (see app.tsx). */
export function preloadHome(): Promise<unknown> {
  return loadDashboard ? loadDashboard() : import('./readiness.tsx');
}

/** The home screen of a commune. */
export function Home(props: ScreenProps) {
  return Dashboard ? <Dashboard {...props} /> : <Summary {...props} />;
}
