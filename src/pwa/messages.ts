// The messages between the page (src/pwa) and the service worker (sw/): one place, both sides.
// Plain constants only — this file compiles for the page and the worker alike (no DOM, no worker API).

/** Page → worker: the person accepted the update; the waiting worker may activate now. */
export const SKIP_WAITING = 'SKIP_WAITING';
/** Worker → page: the network may be back (online/sync event); the page should try to sync. */
export const SYNC_WAKE = 'sync-wake';
/** Background Sync tag the page registers when it has unsent edits (a hint, never the only trigger). */
export const SYNC_TAG = 'xht-outbox';

export interface PwaMessage {
  type: typeof SKIP_WAITING | typeof SYNC_WAKE;
}

/** True when `data` is a message of this app of the given type. */
export function isMessage(data: unknown, type: PwaMessage['type']): boolean {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === type;
}

/** The service worker's cache of evidence files fetched from the server (content-addressed, never stale). */
export const EVIDENCE_CACHE = 'xht-evidence-v1';

/** An evidence file's URL (GET /api/v1/blobs/{sha256}, src/domain/evidence BLOB_PATH), its hash captured. */
export const EVIDENCE_URL_RE = /\/api\/v1\/blobs\/([0-9a-f]{64})$/;
