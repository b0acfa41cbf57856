// `npm start`'s server process itself: first start seeds the demo and prints a code and the URL,
// SIGTERM stops it cleanly, and a restart on the same database keeps everything (no new seed).
import { describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EnrollResponse, MeResponse } from '../../src/domain/sync/protocol.ts';
import { call } from './helpers.ts';

interface Proc {
  child: ChildProcess;
  out: () => string;
  url: string;
}

function spawnMain(dbPath: string, env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DB_PATH: dbPath, STATIC_DIR: join(dbPath, '..', 'no-dist'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

async function startMain(dbPath: string, env: Record<string, string> = {}): Promise<Proc> {
  const child = spawnMain(dbPath, env);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /"msg":"listening","url":"http:\/\/[^:]+:(\d+)\//.exec(out);
      if (m) {
        clearInterval(timer);
        resolve(`http://127.0.0.1:${m[1]}`);
      }
    }, 50);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`server exited ${code}: ${out}`));
    });
  });
  return { child, out: () => out, url };
}

function stop(p: Proc, signal: NodeJS.Signals): Promise<number | null> {
  return new Promise((resolve) => {
    p.child.once('exit', (code) => resolve(code));
    p.child.kill(signal);
  });
}

describe('server/main.ts', () => {
  it('seeds on first start, prints a working code, stops on SIGTERM, keeps data across restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xht-main-'));
    const dbPath = join(dir, 'sub', 'db.sqlite');
    try {
      const first = await startMain(dbPath);
      const code = /^\s{4}([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})$/m.exec(first.out())?.[1];
      expect(code, first.out()).toBeDefined();
      expect(first.out()).toContain('Mã đăng ký');
      const enrol = await call(first, 'POST', '/api/v1/enroll', { body: { code } });
      expect(enrol.status).toBe(200);
      const { token } = enrol.json as EnrollResponse;
      expect(await stop(first, 'SIGTERM')).toBe(0);
      expect(first.out()).toContain('"msg":"stopping","signal":"SIGTERM"');
      expect(first.out()).not.toContain(token);

      const second = await startMain(dbPath);
      expect(second.out()).not.toContain('Mã đăng ký');
      const me = await call(second, 'GET', '/api/v1/me', { token });
      expect(me.status).toBe(200);
      expect((me.json as MeResponse).commune.name).toBe('Xã Ba Tô');
      expect(await stop(second, 'SIGINT')).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('FILES_DIR: evidence files go to that shared folder; a folder that is not there stops the start with the reason, before any database is made', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xht-main-'));
    const dbPath = join(dir, 'db.sqlite');
    try {
      const child = spawnMain(dbPath, { FILES_DIR: join(dir, 'not-mounted') });
      let err = '';
      child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
      expect(await new Promise((resolve) => child.once('exit', resolve))).toBe(2);
      expect(err).toContain('FILES_DIR: không có thư mục dùng chung');
      expect(existsSync(dbPath)).toBe(false);

      mkdirSync(join(dir, 'shared'));
      const ok = await startMain(dbPath, { FILES_DIR: join(dir, 'shared') });
      expect(ok.out()).toContain('"files":"shared-folder"');
      expect(existsSync(join(dir, 'shared', 'tmp'))).toBe(true);
      expect(await stop(ok, 'SIGTERM')).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
