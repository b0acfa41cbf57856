// Xuất / Nhập dữ liệu with evidence files: when the phone holds files, the export is a zip (fflate)
// of the export file (transfer.ts) and every file by its SHA-256, with a manifest that holds the
// data's own hash; without files it stays the plain JSON file older releases read. Import takes
// either, checks EVERYTHING first (the manifest, the data's hash and rules, each file against its
// name) and refuses a damaged file whole; then writes the files and merges the data in ONE
// transaction. Importing the same file twice changes nothing. Lazy module.
import { Zip, ZipDeflate, ZipPassThrough, unzipSync, type Unzipped } from 'fflate';
import { MAX_EVIDENCE_BYTES, isSha256Hex } from '../domain/evidence/index.ts';
import type { BlobRow } from './db.ts';
import { ImportError } from './errors.ts';
import { dataText } from '../i18n/data.ts';
import { loadChecks, WRITE_TABLES } from './context.ts';
import { internalsOf, type Repo } from './repo.ts';
import { checkExportFile, exportAll, importAll, type ExportFile, type ImportResult } from './transfer.ts';

/** Hashes bytes to 64 hex digits (the page passes src/evidence's, which works without crypto.subtle). */
export type HashFn = (bytes: Uint8Array) => Promise<string>;

/** The names inside the zip. */
const MANIFEST = 'manifest.json';
const DATA = 'xa-hoc-tap.json';
const FILES = 'files/';
const THUMBS = 'thumbs/';

/** What the manifest says: which app, and the SHA-256 of the data entry. */
interface Manifest {
  app: 'xa-hoc-tap';
  backup: 1;
  data: string;
  files: number;
}

/** One file as the data entry lists it. */
interface FileEntry {
  sha256: string;
  type: string;
  size: number;
  state: BlobRow['state'];
  thumb: boolean;
}

export interface Backup {
  blob: Blob;
  /** The file name for a download on `day` (YYYY-MM-DD). */
  name(day: string): string;
  files: number;
}

/** Largest data entry read back (the export of a whole province's reviewer is tens of MB). */
const MAX_DATA_BYTES = 200_000_000;

const enc = new TextEncoder();

/** The export of everything this phone holds, with its evidence files when there are any. */
export async function exportBackup(repo: Repo, hash: HashFn, commune: string): Promise<Backup> {
  const data = await exportAll(repo);
  const blobs = await repo.db.blobs.toArray();
  if (blobs.length === 0) {
    return { blob: new Blob([JSON.stringify(data)], { type: 'application/json' }), name: (day) => `xa-hoc-tap-${commune}-${day}.json`, files: 0 };
  }
  const thumbs = new Map((await repo.db.thumbs.toArray()).map((t) => [t.sha256, t.bytes]));
  const files: FileEntry[] = blobs.map((b) => ({ sha256: b.sha256, type: b.type, size: b.size, state: b.state, thumb: thumbs.has(b.sha256) }));
  const dataBytes = enc.encode(JSON.stringify({ ...data, files }));
  const manifest: Manifest = { app: 'xa-hoc-tap', backup: 1, data: await hash(dataBytes), files: files.length };

  const chunks: Uint8Array[] = [];
  const done = new Promise<void>((resolve, reject) => {
    const zip = new Zip((err, chunk, final) => {
      if (err) return reject(err);
      chunks.push(chunk);
      if (final) resolve();
    });
    const add = (name: string, bytes: Uint8Array, deflate: boolean) => {
      const entry = deflate ? new ZipDeflate(name, { level: 6 }) : new ZipPassThrough(name);
      zip.add(entry);
      entry.push(bytes, true);
    };
    add(MANIFEST, enc.encode(JSON.stringify(manifest)), true);
    add(DATA, dataBytes, true);
    // JPEG and PDF are compressed already: stored as they are.
    for (const b of blobs) add(`${FILES}${b.sha256}`, new Uint8Array(b.bytes), false);
    for (const [sha, bytes] of thumbs) add(`${THUMBS}${sha}`, new Uint8Array(bytes), false);
    zip.end();
  });
  await done;
  return { blob: new Blob(chunks as Uint8Array<ArrayBuffer>[], { type: 'application/zip' }), name: (day) => `xa-hoc-tap-${commune}-${day}.zip`, files: files.length };
}

type Damage = 'zip' | 'part' | 'partUnreadable' | 'dataHash' | 'noList' | 'badList' | 'noFile' | 'fileHash';
const damaged = (why: Damage, params: { name?: string; file?: string } = {}) => new ImportError(dataText('data.backupDamaged', { why, ...params }));

/** What a zip holds, checked whole; throws ImportError at the first thing wrong. */
async function checkZip(bytes: Uint8Array, hash: HashFn): Promise<{ data: ExportFile; files: FileEntry[]; entries: Unzipped }> {
  let entries: Unzipped;
  try {
    entries = unzipSync(bytes, {
      filter: (f) =>
        f.name === MANIFEST || (f.name === DATA && f.originalSize <= MAX_DATA_BYTES) ||
        ((f.name.startsWith(FILES) || f.name.startsWith(THUMBS)) && f.originalSize <= MAX_EVIDENCE_BYTES),
    });
  } catch {
    throw damaged('zip');
  }
  const text = (name: string): unknown => {
    const b = entries[name];
    if (!b) throw damaged('part', { name });
    try {
      return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(b));
    } catch {
      throw damaged('partUnreadable', { name });
    }
  };
  const manifest = text(MANIFEST) as Partial<Manifest>;
  if (!manifest || manifest.app !== 'xa-hoc-tap' || manifest.backup !== 1 || typeof manifest.data !== 'string') {
    throw new ImportError(dataText('data.fileNotOurs'));
  }
  if ((await hash(entries[DATA] ?? new Uint8Array(0))) !== manifest.data) throw damaged('dataHash');
  const raw = text(DATA) as Record<string, unknown>;
  const list = Array.isArray(raw.files) ? (raw.files as unknown[]) : null;
  if (!list) throw damaged('noList');
  const files: FileEntry[] = [];
  for (const f of list) {
    const e = f as Partial<FileEntry>;
    if (!e || !isSha256Hex(e.sha256) || (e.type !== 'image/jpeg' && e.type !== 'application/pdf')) throw damaged('badList');
    const b = entries[`${FILES}${e.sha256}`];
    if (!b) throw damaged('noFile', { file: e.sha256.slice(0, 12) });
    if ((await hash(b)) !== e.sha256) throw damaged('fileHash', { file: e.sha256.slice(0, 12) });
    files.push({ sha256: e.sha256, type: e.type, size: b.length, state: e.state === 'sent' || e.state === 'fetched' ? e.state : 'pending', thumb: !!entries[`${THUMBS}${e.sha256}`] });
  }
  const { files: _files, ...rest } = raw;
  return { data: checkExportFile(rest), files, entries };
}

/** What an import did, with the files it added. */
export interface BackupImportResult extends ImportResult {
  filesAdded: number;
}

const slice = (b: Uint8Array): ArrayBuffer => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

/** Imports an export (JSON or zip); throws ImportError (Vietnamese) and changes nothing when it is refused. */
export async function importBackup(repo: Repo, bytes: Uint8Array, hash: HashFn): Promise<BackupImportResult> {
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (!isZip) {
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      throw new ImportError(dataText('data.fileNotExport'));
    }
    return { ...(await importAll(repo, json)), filesAdded: 0 };
  }
  const { data, files, entries } = await checkZip(bytes, hash);
  // Nothing inside the transaction may wait on anything but IndexedDB.
  await loadChecks();
  const at = new Date().toISOString();
  return repo.db.transaction('rw', [...WRITE_TABLES, 'blobs', 'thumbs'], async () => {
    let filesAdded = 0;
    for (const f of files) {
      if (await repo.db.blobs.get(f.sha256)) continue;
      const b = entries[`${FILES}${f.sha256}`]!;
      await repo.db.blobs.put({ sha256: f.sha256, bytes: slice(b), type: f.type, size: b.length, state: f.state, at });
      const thumb = entries[`${THUMBS}${f.sha256}`];
      if (thumb) await repo.db.thumbs.put({ sha256: f.sha256, bytes: slice(thumb) });
      filesAdded++;
    }
    const result = await importAll(repo, data);
    return { ...result, filesAdded };
  });
}
