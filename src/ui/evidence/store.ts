// The evidence store (src/db/attachments.ts, lazy behind src/db/index.ts) for the panels' live
// queries: loaded once before a query subscribes, so a liveQuery never awaits the import itself.
import { useEffect, useState } from 'preact/hooks';
import { evidenceStore } from '../../db/index.ts';

export type EvidenceStore = Awaited<ReturnType<typeof evidenceStore>>;

let loaded: EvidenceStore | null = null;

/** The evidence store once loaded (null on the first render). */
export function useEvidenceStore(): EvidenceStore | null {
  const [store, setStore] = useState<EvidenceStore | null>(loaded);
  useEffect(() => {
    if (!store) void evidenceStore().then((m) => setStore((loaded = m)));
  }, []);
  return store;
}
