// The sync engine: one run is push (push.ts) then pull (pull.ts), with the enrolment's fill
// (enrol.ts); the triggers (triggers.ts) start runs by themselves. Runs never overlap, a failure
// is a status with a code (codes.ts), never a thrown error, and only an acknowledgement removes an op.
import type { Repo } from '../db/index.ts';
import { DEFAULT_BACKOFF, backoffDelay, type BackoffOptions } from './backoff.ts';
import type { RunResult } from './codes.ts';
import { enroll as enrollAt, fillFromEnrolment, type EnrolResult } from './enrol.ts';
import { pull, pullMore } from './pull.ts';
import { MAX_BYTES, MAX_OPS, push } from './push.ts';
import { showProblem, type EngineCtx } from './requests.ts';
import { createStatusStore, type StatusStore } from './status.ts';
import { browserEnv, startTriggers, type TriggerEnv } from './triggers.ts';
import { DEFAULT_CHANGES_LIMIT } from '../domain/sync/protocol.ts';
import type { FetchLike } from './transport.ts';

export { EnrollError } from './enrol.ts';
export { MAX_BYTES, MAX_OPS, batchIdOf } from './push.ts';
export { CLOCK_WARN_MS, clockWarning } from './requests.ts';
export { browserEnv, type TriggerEnv } from './triggers.ts';
export type { RunResult, SyncCode, SyncProblem } from './codes.ts';

export interface EngineOptions {
  repo: Repo;
  fetch?: FetchLike;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** navigator.onLine where there is one. */
  isOnline?: () => boolean;
  /** Per request (ms). */
  timeoutMs?: number;
  maxOps?: number;
  maxBytes?: number;
  pullLimit?: number;
  /** Tries of one request within a run before the run gives up (transient failures only). */
  maxAttempts?: number;
  backoff?: BackoffOptions;
  deviceName?: string;
}

export interface SyncEngine {
  status: StatusStore;
  /** Push then pull now ("Gửi ngay"); a call during a run waits for one more run after it. */
  syncNow(): Promise<RunResult>;
  /** POST /enroll: stores token + server address; throws EnrollError with a Vietnamese reason. */
  enroll(serverUrl: string, code: string): Promise<EnrolResult>;
  /** Re-reads counts (pending, quarantined, conflicts, enrolled) into the status. */
  refresh(): Promise<void>;
  /** Starts the triggers (app open, online, visible timer, new edits); returns stop. */
  start(env?: TriggerEnv): () => void;
  /** Resolves when no run is in flight or queued. */
  settled(): Promise<void>;
}

export function createSyncEngine(o: EngineOptions): SyncEngine {
  const ctx: EngineCtx = {
    repo: o.repo,
    fetch: o.fetch ?? ((url, init) => fetch(url, init)),
    now: o.now ?? (() => Date.now()),
    sleep: o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms))),
    random: o.random ?? Math.random,
    isOnline: o.isOnline ?? (() => (typeof navigator === 'undefined' ? true : navigator.onLine !== false)),
    timeoutMs: o.timeoutMs ?? 30_000,
    maxAttempts: Math.max(1, o.maxAttempts ?? 5),
    backoff: o.backoff ?? { baseMs: DEFAULT_BACKOFF.baseMs, capMs: 30_000 },
    pullLimit: o.pullLimit ?? DEFAULT_CHANGES_LIMIT,
    maxOps: o.maxOps ?? MAX_OPS,
    maxBytes: o.maxBytes ?? MAX_BYTES,
    ...(o.deviceName ? { deviceName: o.deviceName } : {}),
    status: createStatusStore(),
  };
  const { repo, status } = ctx;
  /** Failed runs in a row, for the delay before the next automatic run. */
  let failures = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let started = false;
  let recheckedRefused = false;

  async function refresh(): Promise<void> {
    const [pending, quarantined, conflicts, token, lastSyncAt, lastReceipt] = await Promise.all([
      repo.pendingCount(),
      repo.listQuarantined().then((l) => l.length),
      repo.listConflicts().then((l) => l.length),
      repo.getMeta<string>('token'),
      repo.getMeta<string>('lastSyncAt'),
      repo.getMeta<string>('lastReceipt'),
    ]);
    status.set({ pending, quarantined, conflicts, enrolled: !!token, lastSuccessAt: lastSyncAt ?? null, lastReceipt: lastReceipt ?? null });
  }

  async function run(): Promise<RunResult> {
    await refresh();
    const token = await repo.getMeta<string>('token');
    const base = await repo.getMeta<string>('serverUrl');
    if (!token || !base) {
      showProblem(ctx, { code: 'notEnrolled' }, 'needs-enrolment');
      return { ok: false, reason: 'needs-enrolment', code: 'notEnrolled' };
    }
    if (!ctx.isOnline()) {
      showProblem(ctx, { code: 'offline' }, 'offline');
      return { ok: false, reason: 'offline', code: 'offline' };
    }
    status.set({ state: 'syncing' });
    let result: RunResult;
    try {
      // Edits stamped while the phone's date was days ahead are stamped again once it is right.
      await repo.repairClock();
      // Once per start: ops set aside by the release before this one may pass its checks now.
      if (!recheckedRefused) {
        recheckedRefused = true;
        await repo.retryPulledRefused();
      }
      const pushed = await push(ctx, base, token);
      // A read-only role's refused push still lets it read: pull anyway, then report the refusal.
      const readOnly = typeof pushed !== 'number' && pushed.code === 'readOnly';
      if (typeof pushed !== 'number' && !readOnly) result = pushed;
      else {
        let pulled = await pull(ctx, base, token);
        if (typeof pulled === 'number') await fillFromEnrolment(ctx);
        if (typeof pulled === 'number') {
          const more = await pullMore(ctx, base, token);
          pulled = typeof more === 'number' ? pulled + more : more;
        }
        if (typeof pulled !== 'number') result = pulled;
        else if (typeof pushed !== 'number') result = pushed;
        else result = { ok: true, pushed, pulled };
      }
    } catch (e) {
      console.error('sync run failed', e);
      result = { ok: false, reason: 'error', code: 'unexpected' };
    }
    await finish(result);
    return result;
  }

  async function finish(result: RunResult): Promise<void> {
    if (result.ok) {
      failures = 0;
      const at = new Date(ctx.now()).toISOString();
      await repo.setMeta('lastSyncAt', at);
      status.set({ state: 'idle', lastSuccessAt: at, lastError: null, lastErrorEn: null, lastErrorCode: null });
    } else {
      failures++;
      const state = result.reason === 'needs-enrolment' ? 'needs-enrolment' : result.reason === 'offline' ? 'offline' : result.reason === 'transient' && !ctx.isOnline() ? 'offline' : 'error';
      showProblem(ctx, result, state);
      if (started && (result.reason === 'transient' || result.reason === 'error')) scheduleRetry();
    }
    await refresh();
  }

  function scheduleRetry(): void {
    if (retryTimer) clearTimeout(retryTimer);
    const delay = backoffDelay(failures, DEFAULT_BACKOFF, ctx.random) + 1000;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void syncNow();
    }, delay);
  }

  let current: Promise<RunResult> | null = null;
  let queued: Promise<RunResult> | null = null;
  function syncNow(): Promise<RunResult> {
    if (!current) {
      // Never rejects: a failure is a status, and callers fire and forget.
      current = run()
        .catch((e: unknown): RunResult => {
          console.error('sync run failed', e);
          return { ok: false, reason: 'error', code: 'unexpected' };
        })
        .finally(() => {
          current = null;
        });
      return current;
    }
    queued ??= current.then(() => {
      queued = null;
      return syncNow();
    });
    return queued;
  }

  async function enroll(serverUrl: string, code: string): Promise<EnrolResult> {
    const res = await enrollAt(ctx, serverUrl, code);
    failures = 0;
    status.set({ enrolled: true, state: 'idle', lastError: null, lastErrorEn: null, lastErrorCode: null });
    return res;
  }

  function start(env: TriggerEnv = browserEnv()): () => void {
    started = true;
    const stop = startTriggers(ctx, env, () => void syncNow());
    return () => {
      started = false;
      stop();
      if (retryTimer) clearTimeout(retryTimer);
    };
  }

  async function settled(): Promise<void> {
    while (current || queued) await (queued ?? current);
  }

  return { status, syncNow, enroll, refresh, start, settled };
}
