// Evidence files on a deployment with several server processes: one folder every process mounts
// (NFS, a cluster filesystem, a volume shared by containers), laid out as the disk store's. Each
// upload is written whole to <folder>/tmp/ under a name of its own (machine, process, random),
// flushed, and only then published atomically under its hash — a hard link, which never replaces a
// file already there, or a rename where the filesystem has no links — so two processes writing
// the same hash at once both succeed and a reader never sees part of a file.
// The folder must exist when the server starts: a mount that failed must stop the start, not send
// files to the machine's own disk where the other processes cannot see them.
import { accessSync, constants, statSync } from 'node:fs';
import { openDiskFileStore, type DiskFileStoreOptions } from './disk-file-store.ts';
import type { FileStore } from './file-store.ts';
import { both, cliText, cliTextEn } from '../../src/i18n/cli.ts';

/** The shared folder is missing or not writable; the message says which, in Vietnamese and English. */
export class SharedFolderError extends Error {}

export function openSharedFolderFileStore(root: string, opts: Omit<DiskFileStoreOptions, 'kind'> = {}): FileStore {
  let isDir = false;
  try {
    isDir = statSync(root).isDirectory();
  } catch {
    throw new SharedFolderError(`FILES_DIR: ${both('cli.noSharedFolder', { root })}`);
  }
  if (!isDir) throw new SharedFolderError(`FILES_DIR: ${cliText('cli.notAFolder', { root })} / ${cliTextEn('cli.notAFolder', { root })}`);
  try {
    accessSync(root, constants.W_OK);
  } catch {
    throw new SharedFolderError(`FILES_DIR: ${both('cli.folderNotWritable', { root })}`);
  }
  return openDiskFileStore(root, { ...opts, kind: 'shared-folder' });
}
