// The Hồ sơ screen's typed-but-not-yet-stored words. Each self-saving field of the screen signs in
// here; a print or a Word file first asks every field to store what was typed (ending its typing
// pause), waits for those saves, and gets back whatever is still unsaved (a save refused or
// failing), so a paper made right after typing carries the words on the screen. Pure bookkeeping:
// never decides what a value means, never saves anything itself.

/** What a field tells the screen about its typing. */
export interface PendingField {
  /** Stores the latest typed value now (no waiting for the pause); resolves once the save is done or failed. */
  flush(): Promise<void>;
  /** The typed value not yet known stored, or null when what the field shows is stored. */
  unsaved(): string | null;
}

export interface PendingFields {
  /** Signs a field in under `key` ("dossier:narrStrengths", "commune:recipient"); returns its sign-out. */
  register(key: string, field: PendingField): () => void;
  /** Flushes every field and waits; resolves with the values still unsaved, by key. */
  settle(): Promise<Record<string, string>>;
  /** The values typed but not yet known stored, by key, as they are now (nothing is flushed). */
  peek(): Record<string, string>;
}

function unsavedIn(list: [string, PendingField][]): Record<string, string> {
  const left: Record<string, string> = {};
  for (const [key, f] of list) {
    const v = f.unsaved();
    if (v !== null) left[key] = v;
  }
  return left;
}

export function createPendingFields(): PendingFields {
  const fields = new Map<string, PendingField>();
  return {
    register(key, field) {
      fields.set(key, field);
      return () => {
        if (fields.get(key) === field) fields.delete(key);
      };
    },
    async settle() {
      const list = [...fields];
      // A failed save rejects nothing here (the field keeps it unsaved and says why on screen).
      await Promise.all(list.map(([, f]) => f.flush().catch(() => undefined)));
      return unsavedIn(list);
    },
    peek: () => unsavedIn([...fields]),
  };
}

/** The unsaved values of one kind of row ("dossier", "commune"), keyed by field. */
export function unsavedOf(left: Record<string, string>, row: 'dossier' | 'commune'): Record<string, string> {
  const out: Record<string, string> = {};
  const prefix = `${row}:`;
  for (const [k, v] of Object.entries(left)) if (k.startsWith(prefix)) out[k.slice(prefix.length)] = v;
  return out;
}
