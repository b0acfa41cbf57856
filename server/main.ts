// `npm start`: the server on one port, the built app and the API together. Reads its settings
// from the environment (server/settings.ts; README lists them); seeds the demo commune into an empty database and prints a code for it.
// Shuts down cleanly on SIGTERM/SIGINT (the store is closed after requests in flight finish).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_DB_PATH } from './admin.ts';
import { jsonLogger } from './log.ts';
import { seedDemoIfEmpty } from './seed.ts';
import { startServer } from './server.ts';
import { SettingsError, readSettings, type Settings } from './settings.ts';
import { openStore, storeLocation } from './store/index.ts';

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

const store = await openStore({ ...settings, dbPath }, { serving: true });
const seeded = await seedDemoIfEmpty(store);
const filesDir = settings.filesDir ? resolve(settings.filesDir) : undefined;
const server = await startServer({ port, host, dbPath, store, staticDir, log, trustProxy, syncOrigins, maxConnections, enrollRate, filesDir, communeEvidenceBytes });
const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
const url = `http://${shownHost}:${server.port}/`;
// The banner goes out before the 'listening' line, so whoever waits for that line has both.
if (seeded) {
  process.stdout.write(
    `\nXã Học Tập đang chạy tại / running at ${url}\n` +
      `Đã tạo xã mẫu ${seeded.commune} (Xã Ba Tô). Mã đăng ký cho cán bộ phụ trách (dùng một lần):\n` +
      `Demo commune created. Officer enrolment code (one-time):\n\n    ${seeded.code}\n\n` +
      `Mã dùng được đến / valid until ${new Date(seeded.expiresAt).toISOString().slice(0, 10)}.\n\n`,
  );
} else {
  // A restart prints no code (each is shown once); say how to get a new one.
  process.stdout.write(
    `\nXã Học Tập đang chạy tại / running at ${url}\n` +
      `Cấp mã đăng ký mới / issue a new enrolment code:\n` +
      `    npm run admin -- issue-code --commune <mã xã> --role officer --name "<họ tên>"\n\n`,
  );
}
log('info', 'listening', { url, store: store.kind, where, staticDir });

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  log('info', 'stopping', { signal });
  await server.close();
  await store.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
