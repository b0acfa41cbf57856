// The upload queue of evidence files: after the ops have gone (the engine's run ended well), each
// file made on this phone and not yet on the server goes up with PUT /api/v1/blobs/{sha256}, one
// at a time, retried with the sync's backoff; a file cut off midway stays queued and is sent again
// whole (the server keeps nothing it has not verified). The queue is the blob table's `pending`
// index, so leaving the page and coming back resumes where it stopped. Never blocks the counts:
// ops sync on their own runs, whatever the files do. Also fetches another device's file to show it.
import { evidenceStore, type Repo } from '../db/index.ts';
import { BLOB_PATH, isSha256Hex } from '../domain/evidence/index.ts';
import { API_PREFIX, type ErrorResponse } from '../domain/sync/protocol.ts';
import { DEFAULT_BACKOFF, backoffDelay, parseRetryAfter, type BackoffOptions } from './backoff.ts';

/** What the screens show of the queue. */
export interface UploadStatus {
  /** Files waiting (the one going up included). */
  pending: number;
  /** The file going up now: bytes sent of its size. */
  current: { sha256: string; sent: number; total: number } | null;
  /** Files sent in this run. */
  done: number;
  /** Why the queue stopped, as a catalog code (the screen words it); null while fine. */
  stopped: 'offline' | 'retrying' | 'needs-enrolment' | 'forbidden' | 'communeFull' | null;
}

/** One PUT's outcome (the transport below, or a test's). */
export type PutOutcome = { ok: true } | { ok: false; status: number; error?: ErrorResponse['error']; retryAfterMs?: number | null } | { ok: false; status: 0 };

/** Sends one file; reports bytes sent. Never throws: status 0 is "no answer". */
export type PutBlob = (url: string, token: string, bytes: Blob, onProgress: (sent: number) => void, signal: AbortSignal) => Promise<PutOutcome>;

export interface UploadQueueOptions {
  repo: Repo;
  put?: PutBlob;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  isOnline?: () => boolean;
  backoff?: BackoffOptions;
  /** Tries of one file within a run before the run stops (transient failures only). */
  maxAttempts?: number;
  /** Per file (ms): a 5 MB file on 2G needs minutes. */
  timeoutMs?: number;
}

export interface UploadQueue {
  /** Sends what waits, one file at a time; resolves when the queue is empty or stopped. A call during a run joins it. */
  run(base: string, token: string): Promise<UploadStatus>;
  status(): UploadStatus;
  subscribe(fn: (s: UploadStatus) => void): () => void;
  /** Re-reads how many files wait. */
  refresh(): Promise<void>;
  /** Stops the file in flight (it stays queued). */
  abort(): void;
}

const transient = (o: PutOutcome): boolean => !o.ok && (o.status === 0 || o.status >= 500 || o.status === 429 || o.status === 408);

export function createUploadQueue(o: UploadQueueOptions): UploadQueue {
  const { repo } = o;
  const put = o.put ?? xhrPut(o.timeoutMs ?? 10 * 60_000);
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = o.random ?? Math.random;
  const isOnline = o.isOnline ?? (() => (typeof navigator === 'undefined' ? true : navigator.onLine !== false));
  const backoff = o.backoff ?? { baseMs: DEFAULT_BACKOFF.baseMs, capMs: 30_000 };
  const maxAttempts = Math.max(1, o.maxAttempts ?? 5);
  let value: UploadStatus = { pending: 0, current: null, done: 0, stopped: null };
  const listeners = new Set<(s: UploadStatus) => void>();
  const set = (patch: Partial<UploadStatus>) => {
    value = { ...value, ...patch };
    for (const l of [...listeners]) l(value);
  };
  let running: Promise<UploadStatus> | null = null;
  let ctrl: AbortController | null = null;

  async function refresh(): Promise<void> {
    set({ pending: (await (await evidenceStore()).pendingBlobs(repo)).length });
  }

  /** Sends one file, retrying what may pass later; the outcome of its last try. */
  async function sendOne(base: string, token: string, sha256: string, bytes: Blob): Promise<PutOutcome> {
    for (let attempt = 0; ; attempt++) {
      ctrl = new AbortController();
      set({ current: { sha256, sent: 0, total: bytes.size } });
      const r = await put(`${base}${API_PREFIX}${BLOB_PATH}/${sha256}`, token, bytes, (sent) => set({ current: { sha256, sent, total: bytes.size } }), ctrl.signal);
      if (r.ok || !transient(r) || attempt + 1 >= maxAttempts || ctrl.signal.aborted) return r;
      let delay = backoffDelay(attempt, backoff, random);
      if ('retryAfterMs' in r && r.retryAfterMs) delay = Math.min(Math.max(r.retryAfterMs, delay), 10 * 60_000);
      set({ stopped: 'retrying' });
      await sleep(delay);
      if (!isOnline()) return { ok: false, status: 0 };
      set({ stopped: null });
    }
  }

  async function drain(base: string, token: string): Promise<UploadStatus> {
    set({ done: 0, stopped: null });
    const skipped = new Set<string>();
    for (;;) {
      const queue = (await (await evidenceStore()).pendingBlobs(repo)).filter((h) => !skipped.has(h));
      set({ pending: queue.length + skipped.size });
      const sha256 = queue[0];
      if (!sha256) break;
      if (!isOnline()) {
        set({ stopped: 'offline', current: null });
        break;
      }
      const bytes = await (await evidenceStore()).getBlob(repo, sha256);
      if (!bytes || !isSha256Hex(sha256)) {
        skipped.add(sha256);
        continue;
      }
      const r = await sendOne(base, token, sha256, bytes);
      if (r.ok) {
        await (await evidenceStore()).markBlobSent(repo, sha256);
        set({ done: value.done + 1, current: null });
        continue;
      }
      set({ current: null });
      if (r.status === 0 || transient(r)) { set({ stopped: isOnline() ? 'retrying' : 'offline' }); break; }
      if (r.status === 401) { set({ stopped: 'needs-enrolment' }); break; }
      if (r.status === 403) { set({ stopped: 'forbidden' }); break; }
      if ('error' in r && r.error === 'commune-full') { set({ stopped: 'communeFull' }); break; }
      // Refused for this file alone (its bytes no longer match, over the cap, not a JPEG/PDF): it
      // stays on the phone and in the export; the others still go.
      skipped.add(sha256);
    }
    await refresh();
    return value;
  }

  return {
    run(base, token) {
      running ??= drain(base, token).finally(() => {
        running = null;
      });
      return running;
    },
    status: () => value,
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    refresh,
    abort: () => ctrl?.abort(),
  };
}

/** PUT with XMLHttpRequest where there is one (fetch reports no upload progress), else fetch. */
export function xhrPut(timeoutMs: number): PutBlob {
  return (url, token, bytes, onProgress, signal) => {
    if (typeof XMLHttpRequest === 'undefined') return fetchPut(url, token, bytes, signal);
    return new Promise<PutOutcome>((resolve) => {
      const x = new XMLHttpRequest();
      x.open('PUT', url);
      x.timeout = timeoutMs;
      x.setRequestHeader('Authorization', `Bearer ${token}`);
      x.setRequestHeader('Content-Type', 'application/octet-stream');
      x.upload.onprogress = (e) => onProgress(e.loaded);
      const none = () => resolve({ ok: false, status: 0 });
      x.onerror = none;
      x.ontimeout = none;
      x.onabort = none;
      signal.addEventListener('abort', () => x.abort());
      x.onload = () => {
        if (x.status >= 200 && x.status < 300) return resolve({ ok: true });
        let error: ErrorResponse['error'] | undefined;
        try {
          error = (JSON.parse(x.responseText) as ErrorResponse).error;
        } catch { /* not our JSON */ }
        resolve({ ok: false, status: x.status, ...(error ? { error } : {}), retryAfterMs: parseRetryAfter(x.getResponseHeader('Retry-After'), Date.now()) });
      };
      x.send(bytes);
    });
  };
}

async function fetchPut(url: string, token: string, bytes: Blob, signal: AbortSignal): Promise<PutOutcome> {
  try {
    const res = await fetch(url, { method: 'PUT', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/octet-stream' }, body: bytes, signal });
    if (res.ok) return { ok: true };
    const body = (await res.json().catch(() => null)) as ErrorResponse | null;
    return { ok: false, status: res.status, ...(body?.error ? { error: body.error } : {}), retryAfterMs: parseRetryAfter(res.headers.get('Retry-After'), Date.now()) };
  } catch {
    return { ok: false, status: 0 };
  }
}

/** Why a file could not be shown: not on this phone and the server could not give it. */
export type OpenFailure = 'offline' | 'notEnrolled' | 'notFound' | 'damaged';

/**
 * A file's bytes to show: this phone's own copy, else the server's (GET /blobs/{sha256}, which the
 * service worker answers from its cache once fetched, offline too). The server's bytes are checked
 * against the hash where the page can hash (a secure context).
 */
export async function openEvidence(repo: Repo, sha256: string, type: string, fetchImpl: typeof fetch = (u, i) => fetch(u, i)): Promise<Blob | OpenFailure> {
  const own = await (await evidenceStore()).getBlob(repo, sha256);
  if (own) return own;
  const token = await repo.getMeta<string>('token');
  const base = await repo.getMeta<string>('serverUrl');
  if (!token || !base) return 'notEnrolled';
  let res: Response;
  try {
    res = await fetchImpl(`${base}${API_PREFIX}${BLOB_PATH}/${sha256}`, { headers: { Authorization: `Bearer ${token}` } });
  } catch {
    return 'offline';
  }
  if (!res.ok) return res.status === 404 || res.status === 403 ? 'notFound' : 'offline';
  const bytes = await res.arrayBuffer();
  const subtle = typeof crypto !== 'undefined' ? crypto.subtle : undefined;
  if (subtle) {
    const digest = new Uint8Array(await subtle.digest('SHA-256', bytes));
    const hex = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
    if (hex !== sha256) return 'damaged';
  }
  return new Blob([bytes], { type });
}
