// `npm start`: the server on one port, the built app and the API together. Reads its settings
// from the environment (server/settings.ts; README lists them); seeds the demo commune into an empty database and prints a code for it.
// Shuts down cleanly on SIGTERM/SIGINT (the store is closed after requests in flight finish).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_DB_PATH } from './admin.ts';
import { filesDirFor, openFileStore, SharedFolderError, type FileStore } from './files/index.ts';
import { jsonLogger } from './log.ts';
import { seedDemoIfEmpty } from './seed.ts';
import { startServer } from './server.ts';
import { SettingsError, readSettings, type Settings } from './settings.ts';
import { openStore, storeLocation } from './store/index.ts';
import { both, cliText, cliTextEn } from '../src/i18n/cli.ts';

let settings: Settings;
try {
  settings = readSettings(process.env, { dbPath: DEFAULT_DB_PATH, staticDir: 'dist' });
} catch (e) {
  if (!(e instanceof SettingsError)) throw e;
  console.error(e.message);
  process.exit(2);
}
const { port, host, trustProxy, syncOrigins, maxConnections, enrollRate, communeEvidenceBytes } = settings;
const dbPath = resolve(settings.dbPath);
const where = storeLocation(settings);
const staticDir = resolve(settings.staticDir);
const log = jsonLogger();

if (!existsSync(resolve(staticDir, 'index.html'))) {
  log('warn', 'static dir has no index.html; only the API is served', { staticDir });
}

// Evidence files first: a shared folder that is not mounted stops the start here, before anything
// is written anywhere else.
let files: FileStore;
try {
  files = openFileStore({ filesDir: settings.filesDir && resolve(settings.filesDir), dbPath });
} catch (e) {
  if (!(e instanceof SharedFolderError)) throw e;
  console.error(e.message);
  process.exit(2);
}
if (settings.databaseUrl && !settings.filesDir) {
  log('warn', 'evidence files are kept on this machine; with several server processes set FILES_DIR to a folder they all mount', { filesDir: filesDirFor(dbPath) });
}

const store = await openStore({ ...settings, dbPath }, { serving: true });
const seeded = await seedDemoIfEmpty(store);
const server = await startServer({ port, host, dbPath, store, staticDir, log, trustProxy, syncOrigins, maxConnections, enrollRate, files, communeEvidenceBytes });
const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
const url = `http://${shownHost}:${server.port}/`;
// The banner goes out before the 'listening' line, so whoever waits for that line has both.
if (seeded) {
  process.stdout.write(
    `\n${both('cli.running')} ${url}\n` +
      `${cliText('cli.demoCreated', { commune: seeded.commune, name: seeded.name })}\n` +
      `${cliTextEn('cli.demoCreated')}\n\n    ${seeded.code}\n\n` +
      `${both('cli.codeValidUntil')} ${new Date(seeded.expiresAt).toISOString().slice(0, 10)}.\n\n`,
  );
} else {
  // A restart prints no code (each is shown once); say how to get a new one.
  process.stdout.write(
    `\n${both('cli.running')} ${url}\n` +
      `${both('cli.issueNewCode')}:\n` +
      `    ${cliText('cli.issueCodeExample')}\n\n`,
  );
}
log('info', 'listening', { url, store: store.kind, where, files: files.kind, staticDir });

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  log('info', 'stopping', { signal });
  await server.close();
  await store.close();
  await files.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
