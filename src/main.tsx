// FIRST-LOAD: this module and everything it imports statically is in the first-load bundle.
// Keep it small; charts, dossier export and import are loaded on demand.
import { render } from 'preact';
import { App } from './ui/app.tsx';

render(<App />, document.getElementById('app')!);
