// The embedded default file store: each file under the data folder at <root>/ab/cd/abcd…(64 hex),
// written to <root>/tmp/ first, flushed, then linked into place only once its hash is proven, so
// a mismatch, a cut-off upload or a killed process never leaves a partial file where get() looks.
// Leftover temporary files (a crash mid-write) are invisible and swept when the store opens, once
// stale (an hour; no request lives longer than a minute), so another process's upload in progress
// in the same folder is never swept.
// Who holds a file is kept beside it as empty marker files, both ways: <root>/claims/ab/cd/<hash>/<owner>
// (who may read it) and <root>/owners/<owner>/<hash> (what counts in the owner's total).
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { link, mkdir, open, readdir, rename, stat, unlink, writeFile, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { OWNER_RE, assertSha256, readVerified, type FileBody, type FileStore, type PutOptions, type PutResult, type StoredFile } from './file-store.ts';

export interface DiskFileStoreOptions {
  /** What the store reports itself as ('shared-folder' when opened by shared-folder-file-store.ts). */
  kind?: 'disk' | 'shared-folder';
  /** fsync each file and its folder before answering (default true: an acknowledged upload survives a power cut). */
  fsync?: boolean;
  /** Temporary files older than this are a crashed upload's and removed on open (default 1 h). */
  staleTempMs?: number;
}

const TEMP_SUFFIX = '.part';
/** In a temporary file's name: which machine and process wrote it (several may share the folder). */
const WRITER = `${hostname().replace(/[^A-Za-z0-9-]/g, '_')}.${process.pid}`;

/** The folder beside a SQLite database where its files go: <dir of DB_PATH>/files. */
export function filesDirFor(dbPath: string): string {
  return join(dirname(dbPath), 'files');
}

/** Opens (creating) a disk file store at `root`. */
export function openDiskFileStore(root: string, opts: DiskFileStoreOptions = {}): FileStore {
  const fsyncOn = opts.fsync ?? true;
  const tmpDir = join(root, 'tmp');
  mkdirSync(tmpDir, { recursive: true });
  sweepTemp(tmpDir, opts.staleTempMs ?? 3_600_000);

  const pathOf = (sha256: string): string => {
    assertSha256(sha256);
    return join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  };
  const sizeOf = async (sha256: string): Promise<number | null> => {
    try {
      const s = await stat(pathOf(sha256));
      return s.isFile() ? s.size : null;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  };
  const syncDir = async (dir: string): Promise<void> => {
    if (!fsyncOn) return;
    const h = await open(dir, 'r');
    try { await h.sync(); } catch { /* some filesystems cannot fsync a folder */ } finally { await h.close(); }
  };

  const ownerDir = (owner: string): string => {
    if (!OWNER_RE.test(owner)) throw new Error(`not an owner id: ${owner}`);
    return join(root, 'owners', owner);
  };
  const claimDir = (sha256: string): string => {
    assertSha256(sha256);
    return join(root, 'claims', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  };
  const listDir = async (dir: string): Promise<string[]> => {
    try {
      return await readdir(dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
  };
  // Totals per owner, counted from disk on first ask and kept up to date by claim().
  const totals = new Map<string, number>();
  const touch = async (path: string): Promise<boolean> => {
    try {
      await writeFile(path, '', { flag: 'wx' });
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw e;
    }
  };

  return {
    kind: opts.kind ?? 'disk',
    has: async (sha256) => (await sizeOf(sha256)) !== null,
    size: sizeOf,

    async put(sha256: string, body: FileBody, putOpts: PutOptions = {}): Promise<PutResult> {
      const final = pathOf(sha256);
      // Held already: the body is still read and checked (a wrong body is refused the same way),
      // but nothing is written.
      if ((await sizeOf(sha256)) !== null) {
        const size = await readVerified(sha256, body, () => {}, putOpts);
        return { created: false, size };
      }
      // A name of its own per put, so concurrent puts of one hash never share a temporary file.
      const temp = join(tmpDir, `${sha256}.${WRITER}.${randomUUID()}${TEMP_SUFFIX}`);
      let handle: FileHandle | null = await open(temp, 'wx');
      try {
        const size = await readVerified(sha256, body, async (chunk) => { await handle!.write(chunk); }, putOpts);
        if (fsyncOn) await handle.sync();
        await handle.close();
        handle = null;
        const dir = dirname(final);
        await mkdir(dir, { recursive: true });
        const created = await place(temp, final);
        if (created) await syncDir(dir);
        return { created, size };
      } finally {
        if (handle) await handle.close().catch(() => {});
        await unlink(temp).catch(() => {});
      }
    },

    async get(sha256: string): Promise<StoredFile | null> {
      let handle: FileHandle;
      try {
        handle = await open(pathOf(sha256), 'r');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw e;
      }
      const { size } = await handle.stat();
      // The read stream closes the handle at its end, on an error, or when the reader cancels.
      return { size, stream: Readable.toWeb(handle.createReadStream()) as unknown as ReadableStream<Uint8Array> };
    },

    async delete(sha256: string): Promise<boolean> {
      try {
        await unlink(pathOf(sha256));
        return true;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
        throw e;
      }
    },

    async claim(sha256: string, owner: string): Promise<void> {
      const size = await sizeOf(sha256);
      if (size === null) throw new Error(`claim of a file not held: ${sha256}`);
      const byHash = claimDir(sha256);
      const byOwner = ownerDir(owner);
      await mkdir(byHash, { recursive: true });
      await mkdir(byOwner, { recursive: true });
      await touch(join(byHash, owner));
      if (await touch(join(byOwner, sha256))) {
        if (totals.has(owner)) totals.set(owner, totals.get(owner)! + size);
      }
    },

    owners: async (sha256) => listDir(claimDir(sha256)),

    async usage(owner: string): Promise<number> {
      const known = totals.get(owner);
      if (known !== undefined) return known;
      let sum = 0;
      for (const h of await listDir(ownerDir(owner))) sum += (await sizeOf(h)) ?? 0;
      totals.set(owner, sum);
      return sum;
    },

    close: async () => {},
  };
}

/**
 * Puts a complete, verified temporary file in place without ever replacing one already there:
 * a hard link fails with EEXIST when another put won the race (then this one only counts as a
 * repeat). Where links are not allowed, a rename (atomic, and the content is the same).
 */
async function place(temp: string, final: string): Promise<boolean> {
  try {
    await link(temp, final);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV') throw e;
  }
  const existed = await stat(final).then(() => true, () => false);
  await rename(temp, final);
  return !existed;
}

function sweepTemp(tmpDir: string, staleMs: number): void {
  const cutoff = Date.now() - staleMs;
  for (const name of readdirSync(tmpDir)) {
    if (!name.endsWith(TEMP_SUFFIX)) continue;
    const p = join(tmpDir, name);
    try {
      if (statSync(p).mtimeMs < cutoff) rmSync(p, { force: true });
    } catch { /* gone meanwhile */ }
  }
}
