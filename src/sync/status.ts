// The sync status store: one small observable value the UI subscribes to (pending count, state,
// last success, last receipt, last error as a code and in plain words). Holds no logic of its own.
import type { SyncCode } from './codes.ts';

/** Trạng thái đồng bộ. */
export type SyncState = 'idle' | 'syncing' | 'offline' | 'error' | 'needs-enrolment';

export interface SyncStatus {
  state: SyncState;
  /** Chờ đồng bộ — ops not yet acknowledged. */
  pending: number;
  /** Ops the server refused, set aside for a person to see. */
  quarantined: number;
  /** Unresolved conflicts in the conflict list. */
  conflicts: number;
  /** Đồng bộ lần cuối — ISO time of the last complete push + pull. */
  lastSuccessAt: string | null;
  /** Mã biên nhận of the last batch the server accepted. */
  lastReceipt: string | null;
  /** What went wrong last, in plain Vietnamese; null after a success. */
  lastError: string | null;
  /** The same in English, for the `en` locale. */
  lastErrorEn: string | null;
  /** The code of what went wrong last (src/sync/codes.ts); null after a success. */
  lastErrorCode: SyncCode | null;
  /** Whether this device holds a token. */
  enrolled: boolean;
  /** How far this device's clock is ahead of the server's (ms, negative = behind), from the last answer. */
  clockOffsetMs: number | null;
  /** "Ngày giờ trên máy đang sai …" when the clocks differ by more than 5 minutes; else null. */
  clockWarning: string | null;
  clockWarningEn: string | null;
  /** A reviewer's pull of its province's communes while it runs: feeds done of those that moved; null otherwise. */
  pullProgress: { done: number; total: number } | null;
}

export type Listener = (s: SyncStatus) => void;

export interface StatusStore {
  get(): SyncStatus;
  set(patch: Partial<SyncStatus>): void;
  /** Calls `fn` on every change (not immediately); returns the unsubscribe function. */
  subscribe(fn: Listener): () => void;
}

export const INITIAL_STATUS: SyncStatus = {
  state: 'idle', pending: 0, quarantined: 0, conflicts: 0, lastSuccessAt: null, lastReceipt: null,
  lastError: null, lastErrorEn: null, lastErrorCode: null, enrolled: false, clockOffsetMs: null, clockWarning: null, clockWarningEn: null,
  pullProgress: null,
};

export function createStatusStore(initial: SyncStatus = INITIAL_STATUS): StatusStore {
  let value = { ...initial };
  const listeners = new Set<Listener>();
  return {
    get: () => value,
    set(patch) {
      let changed = false;
      for (const k of Object.keys(patch) as (keyof SyncStatus)[]) if (patch[k] !== value[k]) changed = true;
      if (!changed) return;
      value = { ...value, ...patch };
      for (const l of [...listeners]) l(value);
    },
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
}
