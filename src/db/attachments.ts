// Tệp minh chứng on the phone: the file's bytes in `blobs` (by SHA-256, never inside an op), its
// thumbnail in `thumbs`, its metadata as the synced entity `attachment` (row + outbox op through
// the repository's write path) — the bytes and the metadata in ONE transaction, so a full phone
// keeps nothing of a failed save. Also the upload queue's view of the bytes (pending / sent) and
// the space evidence takes. Lazy: the attach screen, the upload queue and export load it.
import type { JsonValue } from '../domain/sync/op.ts';
import { attachmentKey } from '../domain/keys.ts';
import { ENTITY } from '../domain/entities/index.ts';
import type { AttachmentRow, BlobRow } from './db.ts';
import { ValidationError } from './errors.ts';
import { dataText } from '../i18n/data.ts';
import { loadChecks, WRITE_TABLES } from './context.ts';
import { internalsOf, type Repo } from './repo.ts';

/**
 * The phone refused to store more (QuotaExceededError, Chrome's "Failed to write blobs"): the
 * transaction that hit it was rolled back whole, so nothing of that save is kept. `code` is the
 * catalog's (evidence part); the screen offers "Xuất dữ liệu ngay".
 */
export class StorageFullError extends Error {
  readonly code = 'storageFull' as const;
  constructor(options?: { cause?: unknown }) {
    super(dataText('data.storageFull'));
    this.name = 'StorageFullError';
    if (options?.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
  }
}

/** Whether an IndexedDB / Dexie error means the phone is out of room (its chain of causes read). */
export function isStorageFull(e: unknown): boolean {
  for (let x = e, depth = 0; x && depth < 5; depth++) {
    const err = x as { name?: string; message?: string; inner?: unknown; cause?: unknown };
    if (err.name === 'QuotaExceededError') return true;
    if (typeof err.message === 'string' && /Failed to write blobs|QuotaExceeded|quota/i.test(err.message)) return true;
    x = err.inner ?? err.cause;
  }
  return false;
}

/** What the attach screen hands over: the prepared file (src/evidence) and what the person typed. */
export interface NewAttachment {
  commune: string;
  year: number;
  /** The indicator it is evidence for, or the decision it is a copy of. */
  indicator?: string;
  decision?: string;
  file: { bytes: Blob | ArrayBuffer; thumbnail?: Blob | ArrayBuffer | null; type: 'image/jpeg' | 'application/pdf'; size: number; sha256: string; name?: string };
  caption?: string;
  number?: string;
  date?: string;
  issuer?: string;
}

/** The fields a person edits afterwards (and `removed` to take it off). */
export type AttachmentPatch = Partial<Pick<AttachmentRow, 'caption' | 'number' | 'date' | 'issuer' | 'removed'>>;

const BLOB_TABLES = ['blobs', 'thumbs'];

const bytesOf = async (b: Blob | ArrayBuffer): Promise<ArrayBuffer> => (b instanceof ArrayBuffer ? b : await b.arrayBuffer());

/** A fresh attachment id: 32 hex digits (a code segment of the key, never typed by anyone). */
export function newAttachmentId(): string {
  return crypto.randomUUID().replace(/-/g, '');
}

/** Runs a write over the repository's tables and the blob tables; a full phone becomes StorageFullError. */
async function writeWithBlobs<T>(repo: Repo, fn: () => Promise<T>): Promise<T> {
  try {
    // The checks load before the transaction (an IndexedDB transaction must not wait on a fetch).
    await loadChecks();
    return await repo.db.transaction('rw', [...WRITE_TABLES, ...BLOB_TABLES], fn);
  } catch (e) {
    if (isStorageFull(e)) throw new StorageFullError({ cause: e });
    throw e;
  }
}

const text = (s: string | undefined): string | undefined => (s === undefined ? undefined : s.trim() === '' ? undefined : s.trim());

/**
 * Stores a new evidence file: its bytes (once per hash: a second attachment of the same file
 * shares them), its thumbnail and its metadata with the outbox op, all in one transaction.
 * Returns the attachment id. Throws StorageFullError when the phone has no room (nothing kept),
 * ValidationError for a refused field.
 */
export async function addAttachment(repo: Repo, a: NewAttachment): Promise<string> {
  if (!a.indicator === !a.decision) throw new ValidationError({ indicator: dataText('data.attachTarget') });
  // Read the bytes before the transaction opens: a transaction must not wait on a file read.
  const bytes = await bytesOf(a.file.bytes);
  const thumb = a.file.thumbnail ? await bytesOf(a.file.thumbnail) : null;
  const id = newAttachmentId();
  const fields: Record<string, JsonValue | undefined> = {
    indicator: a.indicator, decision: a.decision,
    sha256: a.file.sha256, type: a.file.type, size: a.file.size,
    fileName: text(a.file.name), caption: text(a.caption), number: text(a.number), date: text(a.date), issuer: text(a.issuer),
  };
  await writeWithBlobs(repo, async () => {
    const have = await repo.db.blobs.get(a.file.sha256);
    if (!have) await repo.db.blobs.put({ sha256: a.file.sha256, bytes, type: a.file.type, size: bytes.byteLength, state: 'pending', at: new Date().toISOString() });
    if (thumb) await repo.db.thumbs.put({ sha256: a.file.sha256, bytes: thumb });
    await internalsOf(repo).write(ENTITY.attachment, attachmentKey(a.commune, a.year, id), fields);
  });
  return id;
}

/** Changes an attachment's caption or document fields, or removes it (`removed: true`). */
export async function updateAttachment(repo: Repo, commune: string, year: number, id: string, patch: AttachmentPatch): Promise<void> {
  const fields: Record<string, JsonValue | undefined> = {};
  for (const k of ['caption', 'number', 'date', 'issuer'] as const) if (k in patch) fields[k] = text(patch[k]) ?? null;
  if (patch.removed !== undefined) fields.removed = patch.removed;
  // The metadata only: the write path's own transaction (no blob table is touched).
  try {
    await internalsOf(repo).write(ENTITY.attachment, attachmentKey(commune, year, id), fields);
  } catch (e) {
    if (isStorageFull(e)) throw new StorageFullError({ cause: e });
    throw e;
  }
}

/** The year's attachments (removed ones left out), indicator by indicator, oldest first. */
export async function listAttachments(repo: Repo, commune: string, year: number): Promise<AttachmentRow[]> {
  const rows = await repo.db.attachments.where('[commune+year]').equals([commune, year]).toArray();
  return rows.filter((r) => !r.removed && r.sha256);
}

/** The file's bytes as a Blob of its type, or null when they are not on this phone. */
export async function getBlob(repo: Repo, sha256: string): Promise<Blob | null> {
  const row = await repo.db.blobs.get(sha256);
  return row ? new Blob([row.bytes], { type: row.type }) : null;
}

/** The photo's thumbnail, or null. */
export async function getThumb(repo: Repo, sha256: string): Promise<Blob | null> {
  const row = await repo.db.thumbs.get(sha256);
  return row ? new Blob([row.bytes], { type: 'image/jpeg' }) : null;
}

/** The hashes still to upload (keys only: no bytes read). */
export async function pendingBlobs(repo: Repo): Promise<string[]> {
  return (await repo.db.blobs.where('state').equals('pending').primaryKeys()) as string[];
}

/** How many files wait for upload (the sync bar's second count). */
export async function pendingBlobCount(repo: Repo): Promise<number> {
  return repo.db.blobs.where('state').equals('pending').count();
}

/** Marks a file as held by the server. */
export async function markBlobSent(repo: Repo, sha256: string): Promise<void> {
  await repo.db.blobs.update(sha256, { state: 'sent' } satisfies Partial<BlobRow>);
}

/** Space evidence takes on this phone: files and bytes (with thumbnails), and how many wait to go up. */
export async function evidenceUsage(repo: Repo): Promise<{ files: number; bytes: number; pending: number }> {
  let files = 0;
  let bytes = 0;
  let pending = 0;
  await repo.db.blobs.each((r) => {
    files++;
    bytes += r.size;
    if (r.state === 'pending') pending++;
  });
  await repo.db.thumbs.each((r) => {
    bytes += r.bytes.byteLength;
  });
  return { files, bytes, pending };
}

/** The copies of a decision, whatever year they were attached in (not removed). */
export async function listDecisionAttachments(repo: Repo, commune: string, decision: string): Promise<AttachmentRow[]> {
  return (await repo.db.attachments.where('commune').equals(commune).toArray()).filter((r) => r.decision === decision && !r.removed && r.sha256);
}

/** Which of `hashes` this phone holds, and which of all its files still wait to go up. */
export async function blobStates(repo: Repo, hashes: string[]): Promise<{ pending: Set<string>; local: Set<string> }> {
  const pending = new Set((await repo.db.blobs.where('state').equals('pending').primaryKeys()) as string[]);
  const local = new Set((await repo.db.blobs.where('sha256').anyOf(hashes).primaryKeys()) as string[]);
  return { pending, local };
}
