// FIRST-LOAD: this module and everything it imports statically is in the first-load bundle.
// Keep it small; screens, charts, dossier export and import are loaded on demand, and sync and
// the service-worker door right after the first paint (neither is needed to draw the screen).
import './ui/polyfills.ts';
import { render } from 'preact';
import { App } from './ui/app.tsx';
import { showUpdatePrompt } from './ui/components/update-prompt.tsx';
import { loadSync } from './ui/sync-client.ts';
import './ui/styles.css';

const root = document.getElementById('app')!;
root.textContent = ''; // the static "Đang mở…" line of index.html
render(<App />, root);

// Sync triggers (app open, online, visible timer, new edits), then the service-worker door.
void loadSync().then((m) => m.startSync());
void import('./pwa/index.ts').then((pwa) =>
  pwa.registerServiceWorker({
    onUpdateReady: showUpdatePrompt,
    onSyncWake: () => void loadSync().then((m) => m.requestSyncFromServiceWorker()),
  }),
);
