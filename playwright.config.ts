// Playwright drives Debian's Chromium (Playwright cannot download its own browsers here),
// at the size of a cheap Android phone.
import { defineConfig } from '@playwright/test';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
// Several people (and CI) may run suites side by side: the port and the built folder can be set.
const port = Number(process.env.E2E_PORT ?? 4173);
const dist = process.env.E2E_DIST ?? 'dist';
// The real server (API + built app) on a throwaway database: fresh each run, one folder per port.
const dbDir = join(tmpdir(), `xht-e2e-${port}`);
if (process.env.TEST_WORKER_INDEX === undefined) rmSync(dbDir, { recursive: true, force: true });

export default defineConfig({
  testDir: 'test/e2e',
  timeout: 60_000,
  retries: 0,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 360, height: 740 },
    locale: 'vi-VN',
    serviceWorkers: 'allow',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        ...(isRoot ? ['--no-sandbox'] : []),
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    command: 'node --import tsx server/main.ts',
    // The suite enrols some forty phones from one address within minutes; the enrolment limiter
    // (10 at once, 12 a minute per address) is tested on its own in test/server/hardening.test.ts.
    env: { PORT: String(port), HOST: '127.0.0.1', STATIC_DIR: dist, DB_PATH: join(dbDir, 'e2e.sqlite'), ENROLL_BURST: '1000', ENROLL_PER_MINUTE: '1000' },
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
