// Builds the bench peer (ODK Web Forms showing a village-counts form) into bench/.peer/dist.
// Installs its packages into bench/.peer with npm, never into the app's node_modules.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PEER_SRC = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(PEER_SRC, '..', '..');
/** Where the peer is installed and built; gitignored. */
export const PEER_DIR = join(ROOT, 'bench', '.peer');
export const PEER_LABEL = 'ODK Web Forms 0.22 (Vue), village-counts XForm, no service worker';
const FILES = ['package.json', 'package-lock.json', 'main.js', 'village-counts.xml'];
// Written here rather than kept as bench/peer/index.html: Vite's dev server scans every .html of
// the repo for dependencies and would fail on this page's imports, which only bench/.peer has.
const INDEX_HTML = `<!doctype html>
<html lang="vi">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>ODK Web Forms — số liệu thôn (bench peer)</title>
  </head>
  <body>
    <div id="app"></div>
    <script type="module" src="./main.js"></script>
  </body>
</html>
`;

function run(cmd: string, args: string[], cwd: string, timeoutMs: number): Promise<void> {
  return new Promise((ok, fail) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out = (out + d.toString()).slice(-3000); });
    child.stderr.on('data', (d: Buffer) => { out = (out + d.toString()).slice(-3000); });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) ok();
      else fail(new Error(`${cmd} ${args.join(' ')} failed (exit ${code}): ${out.trim().split('\n').slice(-4).join(' | ')}`));
    });
  });
}

/** Installs (when its package list changed) and builds the peer; resolves with the built folder. */
export async function buildPeer(log: (line: string) => void): Promise<string> {
  mkdirSync(PEER_DIR, { recursive: true });
  const before = existsSync(join(PEER_DIR, 'package.json')) ? readFileSync(join(PEER_DIR, 'package.json'), 'utf8') : '';
  for (const f of FILES) if (existsSync(join(PEER_SRC, f))) copyFileSync(join(PEER_SRC, f), join(PEER_DIR, f));
  writeFileSync(join(PEER_DIR, 'index.html'), INDEX_HTML);
  const changed = before !== readFileSync(join(PEER_DIR, 'package.json'), 'utf8');
  if (changed || !existsSync(join(PEER_DIR, 'node_modules', '@getodk', 'web-forms'))) {
    const lock = existsSync(join(PEER_DIR, 'package-lock.json'));
    log(`peer: npm ${lock ? 'ci' : 'install'} in bench/.peer`);
    await run('npm', [lock ? 'ci' : 'install', '--no-audit', '--no-fund', '--ignore-scripts'], PEER_DIR, 180_000);
    if (!lock) copyFileSync(join(PEER_DIR, 'package-lock.json'), join(PEER_SRC, 'package-lock.json'));
  }
  const started = Date.now();
  await run(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', PEER_DIR, '--config', join(PEER_SRC, 'vite.config.mjs'), '--outDir', join(PEER_DIR, 'dist')], ROOT, 180_000);
  writeFileSync(join(PEER_DIR, 'dist', '.built-by-bench'), `${new Date().toISOString()}\n`);
  log(`peer: built in ${Date.now() - started} ms`);
  return join(PEER_DIR, 'dist');
}
