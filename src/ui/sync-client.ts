// FIRST-LOAD. The shell's handle on src/sync, which is loaded right after the first paint (a lazy
// chunk): the sync bar needs its status, but drawing the screen must not wait for it.
// Never syncs by itself; src/sync decides when and how.
import { useEffect, useState } from 'preact/hooks';
import type { SyncStatus } from '../sync/index.ts';

type SyncModule = typeof import('../sync/index.ts');

let mod: SyncModule | null = null;
let loading: Promise<SyncModule> | null = null;
const waiting = new Set<() => void>();

/** Loads src/sync once; resolves to its module. */
export function loadSync(): Promise<SyncModule> {
  if (!loading) {
    loading = import('../sync/index.ts').then((m) => {
      mod = m;
      waiting.forEach((w) => w());
      waiting.clear();
      return m;
    });
    // A failed load (e.g. a chunk missing mid-update) may be retried by the next caller.
    loading.catch(() => {
      loading = null;
    });
  }
  return loading;
}

/** The sync status, or null until src/sync has loaded. */
export function useSyncStatus(): SyncStatus | null {
  const [s, setS] = useState<SyncStatus | null>(() => mod?.getSyncStatus() ?? null);
  useEffect(() => {
    let unsub: (() => void) | undefined;
    const attach = () => {
      if (!mod) return;
      setS(mod.getSyncStatus());
      unsub = mod.subscribeSyncStatus(setS);
    };
    if (mod) attach();
    else waiting.add(attach);
    return () => {
      waiting.delete(attach);
      unsub?.();
    };
  }, []);
  return s;
}

/** "Gửi ngay". */
export function syncNow(): void {
  void loadSync().then((m) => m.syncNow());
}
