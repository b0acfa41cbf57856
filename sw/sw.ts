/// <reference lib="webworker" />
// The service worker: precaches the app shell, serves navigations offline, wakes the page's sync.
// It never calls skipWaiting() unasked (the page prompts, then sends SKIP_WAITING), and it never
// deletes what an older page still needs while it waits: every cleanup happens in `activate`.
import { precacheAndRoute, cleanupOutdatedCaches, createHandlerBoundToURL } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { EVIDENCE_CACHE, EVIDENCE_URL_RE, SKIP_WAITING, SYNC_TAG, SYNC_WAKE, isMessage } from '../src/pwa/messages.ts';

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

// Evidence files by hash: once fetched (with the device's token), served from this cache, offline
// too. The bytes under a hash never change, so a cached answer is never stale; only a complete 200
// is kept (a refusal or a cut-off body is not).
registerRoute(
  ({ url, request }) => request.method === 'GET' && EVIDENCE_URL_RE.test(url.pathname),
  async ({ request }) => {
    const cache = await caches.open(EVIDENCE_CACHE);
    const key = new URL(request.url).pathname;
    const hit = await cache.match(key);
    if (hit) return hit;
    const res = await fetch(request);
    if (res.status === 200) {
      const bytes = await res.clone().arrayBuffer();
      if (bytes.byteLength === Number(res.headers.get('Content-Length') ?? bytes.byteLength)) {
        await cache.put(key, new Response(bytes, { status: 200, headers: { 'Content-Type': res.headers.get('Content-Type') ?? 'application/octet-stream' } }));
      }
    }
    return res;
  },
);

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
