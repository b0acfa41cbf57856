// The save queue of one self-saving text field: saves run one at a time, the last one always writes
// the latest typed value, and the field knows when a draft is not yet stored. Pure (no DOM, no
// preact): never decides what a value means, never drops a typed value without trying to store it.

export interface FieldSaver {
  /** The person typed `v` (not saved yet). */
  typed(v: string): void;
  /** Stores the latest typed value, after any save in flight; resolves once nothing is left to save. */
  flush(): Promise<void>;
  /** A typed value is not yet known stored (waiting, or being saved): the stored value must not replace the draft. */
  unsaved(): boolean;
  /** The stored value, as the field last showed it; a typed value equal to it is not saved again. */
  known(v: string): void;
}

/** `save` stores one value; when it throws or rejects the value stays unsaved and the next flush tries again. */
export function createFieldSaver(save: (v: string) => unknown): FieldSaver {
  let pending: string | null = null;
  let stored: string | undefined;
  let queued = 0;
  let tail: Promise<void> = Promise.resolve();

  /** One turn of the queue: stores what is latest now (a turn queued behind it finds nothing left). */
  const turn = async (): Promise<void> => {
    const v = pending;
    pending = null;
    if (v === null || v === stored) return;
    try {
      await save(v);
      stored = v;
    } catch {
      // Kept for the next flush (blur, leaving the screen) unless something newer was typed; the
      // caller's own status line tells the person why it failed.
      if (pending === null) pending = v;
    }
  };

  const flush = (): Promise<void> => {
    // One queue per field: a flush during a save runs after it, so an older value never lands last.
    queued++;
    tail = tail.then(turn).finally(() => {
      queued--;
    });
    return tail;
  };

  return {
    typed(v) {
      pending = v;
    },
    flush,
    unsaved: () => pending !== null || queued > 0,
    known(v) {
      stored = v;
    },
  };
}
