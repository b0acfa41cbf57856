// The embedded file store (server/files/disk-file-store.ts) on a temp folder: the FileStore
// contract, its sharded layout, and a put killed midway (SIGKILL of a real process) leaving
// nothing visible, its leftover swept once stale, and the upload then sent again whole.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesDirFor, openDiskFileStore } from '../../server/files/index.ts';
import { bytesOf, fileStoreContract, sha } from './file-store-contract.ts';

const tempRoot = () => mkdtempSync(join(tmpdir(), 'xht-files-'));

fileStoreContract('disk', async () => {
  const root = tempRoot();
  return {
    store: openDiskFileStore(root),
    reopen: async () => openDiskFileStore(root),
    cleanup: async () => rmSync(root, { recursive: true, force: true }),
  };
});

describe('disk file store', () => {
  it('keeps each file at <root>/ab/cd/<hash>, nothing left in tmp/', async () => {
    const root = tempRoot();
    try {
      const store = openDiskFileStore(root);
      const b = bytesOf(5000, 3);
      const h = sha(b);
      await store.put(h, b);
      expect(existsSync(join(root, h.slice(0, 2), h.slice(2, 4), h))).toBe(true);
      expect(readdirSync(join(root, 'tmp'))).toEqual([]);
      await store.put(h, bytesOf(5000, 4)).catch(() => {});
      expect(readdirSync(join(root, 'tmp'))).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('files live beside the database: <dir of DB_PATH>/files', () => {
    expect(filesDirFor('/srv/xht/data/xa-hoc-tap.sqlite')).toBe('/srv/xht/data/files');
  });

  it('a put killed midway leaves nothing visible; its leftover is swept once stale; sent again whole it is kept', async () => {
    const root = tempRoot();
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'file-store-put-child.ts'), root], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((ok, fail) => {
        child.stdout!.on('data', (d: Buffer) => { if (d.toString().includes('writing')) ok(); });
        child.once('exit', (code) => fail(new Error(`child ended early (${code})`)));
      });
      // Midway for real: part of the file is on disk in tmp/.
      const parts = readdirSync(join(root, 'tmp'));
      expect(parts).toHaveLength(1);
      const exited = new Promise((ok) => child.once('exit', ok));
      child.kill('SIGKILL');
      await exited;

      const body = bytesOf(2_000_000, 42);
      const h = sha(body);
      let store = openDiskFileStore(root);
      expect(await store.has(h)).toBe(false);
      expect(await store.size(h)).toBeNull();
      expect(await store.get(h)).toBeNull();
      expect(existsSync(join(root, h.slice(0, 2)))).toBe(false);
      // A recent leftover may be another process's upload in progress: kept until stale.
      expect(readdirSync(join(root, 'tmp'))).toEqual(parts);
      const old = new Date(Date.now() - 2 * 3_600_000);
      utimesSync(join(root, 'tmp', parts[0]!), old, old);
      store = openDiskFileStore(root);
      expect(readdirSync(join(root, 'tmp'))).toEqual([]);
      expect(await store.put(h, body)).toEqual({ created: true, size: body.length });
      expect(await store.size(h)).toBe(body.length);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
