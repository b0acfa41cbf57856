/// <reference lib="webworker" />
// The service worker: precaches the app shell, serves navigations offline, wakes the page's sync.
// It never calls skipWaiting() unasked (the page prompts, then sends SKIP_WAITING), and it never
// deletes what an older page still needs while it waits: every cleanup happens in `activate`.
import { precacheAndRoute, cleanupOutdatedCaches, createHandlerBoundToURL } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { SKIP_WAITING, SYNC_TAG, SYNC_WAKE, isMessage } from '../src/pwa/messages.ts';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> };

/** Background Sync's event (not in TypeScript's WebWorker lib). */
interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
}

// Precache shares one cache between versions: the new worker only ADDS its entries at install;
// removing entries the new manifest lacks is done by workbox in `activate`. So while this worker
// waits, the open page keeps loading its own (old) lazy chunks from the cache.
precacheAndRoute(self.__WB_MANIFEST);
// Registers an `activate` listener: caches of older workbox formats go only once we are active.
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/api\//] }));

self.addEventListener('activate', (event) => {
  // First install: take the page that registered us, so it works offline without a reload.
  // On an update we only get here after the person pressed "Cập nhật" (or closed every tab).
  event.waitUntil(self.clients.claim());
});

self.addEventListener('message', (event) => {
  if (isMessage(event.data, SKIP_WAITING)) void self.skipWaiting();
});

/** Tells every open page to try syncing; the sync engine lives in the page, not here. */
async function wakeClients(): Promise<void> {
  const clients = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  for (const client of clients) client.postMessage({ type: SYNC_WAKE });
}

self.addEventListener('sync', (event) => {
  const e = event as SyncEvent;
  if (e.tag === SYNC_TAG) e.waitUntil(wakeClients());
});

// Workers get `online` where the browser supports it; harmless elsewhere.
self.addEventListener('online', () => {
  void wakeClients();
});
