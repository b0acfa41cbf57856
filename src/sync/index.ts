// The sync layer's only entry point for the app: the default engine over the app's database,
// its status store, "Gửi ngay", enrolment, and the wake-up the service-worker door (src/pwa) calls.
// Never relies on Background Sync alone: app open, `online`, a visible timer and new edits also run it.
import { repo } from '../db/index.ts';
import { createSyncEngine, type RunResult, type SyncEngine, type TriggerEnv } from './engine.ts';
import type { SyncStatus } from './status.ts';
import type { OpenFailure, UploadQueue, UploadStatus } from './uploads.ts';
import type { EnrolResult } from './enrol.ts';

export { createSyncEngine, batchIdOf, clockWarning, CLOCK_WARN_MS, EnrollError, MAX_BYTES, MAX_OPS, browserEnv } from './engine.ts';
export type { EngineOptions, RunResult, SyncCode, SyncEngine, SyncProblem, TriggerEnv } from './engine.ts';
export { createStatusStore, INITIAL_STATUS } from './status.ts';
export type { StatusStore, SyncState, SyncStatus } from './status.ts';
export { backoffDelay, parseRetryAfter, DEFAULT_BACKOFF } from './backoff.ts';
export type { OpenFailure, PutBlob, PutOutcome, UploadQueue, UploadQueueOptions, UploadStatus } from './uploads.ts';
export { request, isTransient, normalizeServerUrl, clockOffset } from './transport.ts';
export type { FetchLike, HttpResult, ServerClock } from './transport.ts';

let engine: SyncEngine | null = null;
let engineRepo: ReturnType<typeof repo> | null = null;

/** The app's engine (made on first use, over the database in use; remade after useDatabase). */
export function syncEngine(): SyncEngine {
  if (!engine || engineRepo !== repo()) {
    engineRepo = repo();
    engine = createSyncEngine({ repo: engineRepo });
  }
  return engine;
}

/** The current sync status (for a first render). */
export function getSyncStatus(): SyncStatus {
  return syncEngine().status.get();
}

/** Subscribes to status changes; returns the unsubscribe function. */
export function subscribeSyncStatus(fn: (s: SyncStatus) => void): () => void {
  return syncEngine().status.subscribe(fn);
}

/** "Gửi ngay": push then pull now; resolves with how the run ended (never rejects). */
export function syncNow(): Promise<RunResult> {
  return syncEngine().syncNow();
}

let uploads: UploadQueue | null = null;
let uploadsRepo: ReturnType<typeof repo> | null = null;

/** The app's upload queue of evidence files (over the database in use); its module is lazy (not in the first load). */
export async function uploadQueue(): Promise<UploadQueue> {
  const { createUploadQueue } = await import('./uploads.ts');
  if (!uploads || uploadsRepo !== repo()) {
    uploadsRepo = repo();
    uploads = createUploadQueue({ repo: uploadsRepo });
  }
  return uploads;
}

/** Sends the files that wait, when the device is enrolled (after the ops: call it after a good run). */
export async function sendFiles(): Promise<UploadStatus> {
  const q = await uploadQueue();
  const token = await repo().getMeta<string>('token');
  const base = await repo().getMeta<string>('serverUrl');
  if (!token || !base) {
    await q.refresh();
    return q.status();
  }
  return q.run(base, token);
}

/** Subscribes to the upload queue; returns the unsubscribe function. */
export function subscribeUploads(fn: (s: UploadStatus) => void): () => void {
  let unsub: (() => void) | null = null;
  let done = false;
  void uploadQueue().then((q) => {
    if (!done) unsub = q.subscribe(fn);
  });
  return () => {
    done = true;
    unsub?.();
  };
}

/** An evidence file's bytes to show (this phone's, or the server's through the service worker's cache). */
export async function openEvidence(sha256: string, type: string): Promise<Blob | OpenFailure> {
  return (await import('./uploads.ts')).openEvidence(repo(), sha256, type);
}

/** Starts the automatic triggers once (call from main after the first paint); returns stop. */
export function startSync(env?: TriggerEnv): () => void {
  void syncEngine().refresh();
  void uploadQueue().then((q) => q.refresh());
  // Files go up after every run that sent and pulled the ops; a run never waits for them.
  let lastSuccess = syncEngine().status.get().lastSuccessAt;
  const unsub = syncEngine().status.subscribe((s) => {
    if (s.state === 'idle' && s.lastSuccessAt && s.lastSuccessAt !== lastSuccess) {
      lastSuccess = s.lastSuccessAt;
      void sendFiles();
    }
  });
  const stop = syncEngine().start(env);
  return () => {
    unsub();
    uploads?.abort();
    stop();
  };
}

/** Trades an enrolment code for a token at `serverUrl`, then syncs; throws EnrollError (Vietnamese). */
export async function enroll(serverUrl: string, code: string): Promise<EnrolResult> {
  const res = await syncEngine().enroll(serverUrl, code);
  void syncEngine().syncNow();
  return res;
}

/** For src/pwa: the service worker says the network is back (or asks for a sync). */
export function requestSyncFromServiceWorker(): void {
  void syncEngine().syncNow();
}

/** Re-reads pending/quarantined/conflict counts into the status (after a resolve or a requeue). */
export function refreshSyncStatus(): Promise<void> {
  return syncEngine().refresh();
}
