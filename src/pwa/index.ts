// FIRST-LOAD. The page's only door to the service worker: registration (workbox-window), the
// update handshake, Background Sync hint, and storage persistence. Never activates a new version
// unasked and never imports the UI, the database or sync: it reports through callbacks.
import { Workbox } from 'workbox-window';
import { SKIP_WAITING, SYNC_TAG, SYNC_WAKE, isMessage } from './messages.ts';

export interface PwaCallbacks {
  /** A new version waits. `apply` activates it and reloads the page once it controls it. */
  onUpdateReady(apply: () => void): void;
  /** The worker saw the network come back (or a Background Sync event): try to sync now. */
  onSyncWake(): void;
}

let registration: ServiceWorkerRegistration | undefined;

/** Registers /sw.js (production builds only) and wires the update prompt and sync wake-ups. */
export function registerServiceWorker(cb: PwaCallbacks): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  // Listen on the container, not on the Workbox instance: workbox-window drops messages from a
  // worker it does not count as its own (e.g. the old active one while a new one waits).
  navigator.serviceWorker.addEventListener('message', (event) => {
    if (isMessage(event.data, SYNC_WAKE)) cb.onSyncWake();
  });
  const wb = new Workbox('/sw.js');
  let asked = false;
  const apply = (): void => {
    asked = true;
    wb.addEventListener('controlling', () => window.location.reload());
    void (async () => {
      const reg = registration ?? (await navigator.serviceWorker.getRegistration());
      // Same message as wb.messageSkipWaiting(), but with our shared constant.
      if (reg?.waiting) reg.waiting.postMessage({ type: SKIP_WAITING });
      else window.location.reload(); // already activated elsewhere: just load the new version
    })();
  };
  wb.addEventListener('waiting', () => cb.onUpdateReady(apply));
  wb.addEventListener('controlling', (event) => {
    // Another tab accepted the update: our old chunks may be gone from the cache, so offer a
    // reload (the same prompt) rather than swapping code under the person's fingers.
    if (event.isUpdate && !asked) cb.onUpdateReady(() => window.location.reload());
  });
  wb.register()
    .then((reg) => {
      registration = reg;
    })
    .catch(() => {
      // No service worker (private mode, old browser): the app still works online.
    });
}

/** Asks Background Sync to wake us when the network returns; a hint only, where supported. */
export async function requestBackgroundSync(): Promise<void> {
  const reg = registration as (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined;
  try {
    await reg?.sync?.register(SYNC_TAG);
  } catch {
    // Permission denied or unsupported: the online event and the timer still trigger sync.
  }
}

/** Asks the browser to keep our storage under pressure. Resolves to the answer, null if unsupported. */
export async function requestPersist(): Promise<boolean | null> {
  if (!navigator.storage?.persist) return null;
  try {
    return await navigator.storage.persist();
  } catch {
    return null;
  }
}

export interface StorageStatus {
  persisted: boolean | null;
  usage: number | null;
  quota: number | null;
}

/** Whether storage is persistent and how much is used, as far as the browser tells. */
export async function storageStatus(): Promise<StorageStatus> {
  const s = navigator.storage;
  const persisted = s?.persisted ? await s.persisted().catch(() => null) : null;
  const est = s?.estimate ? await s.estimate().catch(() => null) : null;
  return { persisted, usage: est?.usage ?? null, quota: est?.quota ?? null };
}
