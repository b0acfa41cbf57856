// Evidence bytes on the server: the FileStore port, its stores and the one factory that picks a
// store from the settings. Routes and main.ts import through here; only the store modules touch
// the file system.
import { filesDirFor, openDiskFileStore } from './disk-file-store.ts';
import { openSharedFolderFileStore } from './shared-folder-file-store.ts';
import type { FileStore } from './file-store.ts';

export * from './file-store.ts';
export { filesDirFor, openDiskFileStore, type DiskFileStoreOptions } from './disk-file-store.ts';
export { openSharedFolderFileStore, SharedFolderError } from './shared-folder-file-store.ts';

export interface FileStoreSettings {
  /** A folder every server process mounts (FILES_DIR): the shared-folder store; null: the disk store beside the SQLite file. */
  filesDir: string | null;
  dbPath: string;
}

/**
 * Opens the file store the settings name. The seam for an S3-compatible store (MinIO, Ceph, a
 * cloud's object storage) is here: a module of its own implementing FileStore (put: upload to a
 * temporary key, verify the hash while streaming, then copy to the hash's key and delete the
 * temporary one; get: a ranged GET stream), chosen by a setting such as FILES_URL=s3://bucket/
 * prefix, loaded only when chosen (as openStore loads `pg`), and done when it passes
 * test/server/file-store-contract.ts against a real S3-compatible server.
 */
export function openFileStore(settings: FileStoreSettings): FileStore {
  if (settings.filesDir) return openSharedFolderFileStore(settings.filesDir);
  return openDiskFileStore(filesDirFor(settings.dbPath));
}
