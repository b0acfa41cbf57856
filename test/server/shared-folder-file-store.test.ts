// The shared-folder file store (server/files/shared-folder-file-store.ts): the FileStore contract
// on a folder made beforehand (as a mount is), a missing or unwritable folder refused at start
// (the server then stops with the reason), the factory choosing by the settings, and two real
// processes putting the same files into one folder at the same moment.
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openFileStore, openSharedFolderFileStore, SharedFolderError } from '../../server/files/index.ts';
import { bytesOf, fileStoreContract, readAll, sha } from './file-store-contract.ts';

const tempRoot = () => mkdtempSync(join(tmpdir(), 'xht-shared-'));

fileStoreContract('shared-folder', async () => {
  const root = tempRoot();
  return {
    store: openSharedFolderFileStore(root),
    reopen: async () => openSharedFolderFileStore(root),
    cleanup: async () => rmSync(root, { recursive: true, force: true }),
  };
});

describe('shared-folder file store', () => {
  it('a folder that is not there (a mount that failed) or not writable is refused, nothing created', () => {
    const root = tempRoot();
    try {
      const missing = join(root, 'not-mounted');
      expect(() => openSharedFolderFileStore(missing)).toThrow(SharedFolderError);
      expect(() => openSharedFolderFileStore(missing)).toThrow(/không có thư mục dùng chung/);
      expect(readdirSync(root)).toEqual([]);
      if (process.getuid?.() !== 0) { // root writes anywhere: the check cannot be shown as root
        chmodSync(root, 0o500);
        expect(() => openSharedFolderFileStore(root)).toThrow(/không ghi được/);
        chmodSync(root, 0o700);
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('the settings choose: FILES_DIR gives the shared folder, none the disk store beside the database', async () => {
    const root = tempRoot();
    try {
      const shared = openFileStore({ filesDir: root, dbPath: join(root, 'elsewhere', 'db.sqlite') });
      expect(shared.kind).toBe('shared-folder');
      const b = bytesOf(1000, 1);
      await shared.put(sha(b), b);
      expect(readdirSync(root).sort()).toEqual([sha(b).slice(0, 2), 'tmp'].sort());
      const disk = openFileStore({ filesDir: null, dbPath: join(root, 'data', 'db.sqlite') });
      expect(disk.kind).toBe('disk');
      expect(readdirSync(join(root, 'data'))).toEqual(['files']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('two server processes putting the same files into one folder at once: every put succeeds, each file is created once and whole, nothing left in tmp/', async () => {
    const root = tempRoot();
    const COUNT = 16;
    try {
      const children = [0, 1].map(() => spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'file-store-race-child.ts'), root, String(COUNT)], { stdio: ['pipe', 'pipe', 'inherit'] }));
      const outputs = children.map((c) => {
        let out = '';
        c.stdout!.on('data', (d: Buffer) => (out += d.toString()));
        const ready = new Promise<void>((ok, fail) => {
          const t = setInterval(() => { if (out.includes('ready\n')) { clearInterval(t); ok(); } }, 10);
          c.once('exit', (code) => { clearInterval(t); fail(new Error(`child ended early (${code})`)); });
        });
        const done = new Promise<string>((ok, fail) => c.once('exit', (code) => (code === 0 ? ok(out) : fail(new Error(`child exited ${code}`)))));
        return { ready, done };
      });
      await Promise.all(outputs.map((o) => o.ready));
      for (const c of children) c.stdin!.write('go\n');
      const results = (await Promise.all(outputs.map((o) => o.done))).map((out) => JSON.parse(out.split('\n')[1]!) as { hash: string; created: boolean; size: number }[]);
      const store = openSharedFolderFileStore(root);
      for (let i = 0; i < COUNT; i++) {
        const b = bytesOf(200_000 + i * 10_000, i + 1);
        const mine = results.map((r) => r[i]!);
        expect(mine.map((r) => r.hash)).toEqual([sha(b), sha(b)]);
        expect(mine.filter((r) => r.created)).toHaveLength(1);
        expect(mine.every((r) => r.size === b.length)).toBe(true);
        expect(sha(await readAll((await store.get(sha(b)))!.stream))).toBe(sha(b));
      }
      expect(readdirSync(join(root, 'tmp'))).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
