// FIRST-LOAD: this module and everything it imports statically is in the first-load bundle.
// Keep it small; screens, charts, dossier export and import are loaded on demand.
import './ui/polyfills.ts';
import { render } from 'preact';
import { App } from './ui/app.tsx';
import { showUpdatePrompt } from './ui/components/update-prompt.tsx';
import { wakeSync } from './ui/components/sync-bar.tsx';
import { registerServiceWorker } from './pwa/index.ts';
import './ui/styles.css';

const root = document.getElementById('app')!;
root.textContent = ''; // the static "Đang mở…" line of index.html
render(<App />, root);

registerServiceWorker({ onUpdateReady: showUpdatePrompt, onSyncWake: wakeSync });
