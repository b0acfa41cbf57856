// Evidence bytes on the server: the FileStore port and its embedded default. Routes and main.ts
// import through here; only disk-file-store.ts touches the file system.
export * from './file-store.ts';
export { filesDirFor, openDiskFileStore, type DiskFileStoreOptions } from './disk-file-store.ts';
