// The sync engine: drains the outbox in order (≤ 500 ops, ≤ 256 KB, one batch in flight), pulls
// the commune's changes into Dexie through the LWW merge, enrols the device, keeps the status.
// Never drops an op: only an acknowledgement removes one; a refused op is quarantined, not lost.
import { liveQuery } from 'dexie';
import type { Repo } from '../db/index.ts';
import { formatHlc } from '../domain/sync/hlc.ts';
import { newOpId } from '../domain/sync/op-id.ts';
import { communeKey, villageKey } from '../domain/keys.ts';
import type { Op } from '../domain/sync/op.ts';
import { API_PREFIX, DEFAULT_CHANGES_LIMIT, MAX_BATCH_OPS, type ChangesResponse, type EnrollResponse, type ErrorResponse, type SyncResponse, type WireProblem } from '../domain/sync/protocol.ts';
import { DEFAULT_BACKOFF, backoffDelay, type BackoffOptions } from './backoff.ts';
import { createStatusStore, type StatusStore } from './status.ts';
import { clockOffset, isTransient, normalizeServerUrl, request, type FetchLike, type HttpResult } from './transport.ts';
import { syncWords, type SyncCode } from '../i18n/sync.ts';

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

/** Enrolment refused or impossible; `message` is Vietnamese, `en` English. */
export class EnrollError extends Error {
  readonly en: string;
  constructor(vi: string, en: string) {
    super(vi);
    this.name = 'EnrollError';
    this.en = en;
  }
}

/** How a run ended. */
export type RunResult =
  | { ok: true; pushed: number; pulled: number }
  | {
    ok: false; reason: 'needs-enrolment' | 'offline' | 'transient' | 'error';
    /** What stopped it: a code of the part `sync`, or the server's error code. */
    code: string;
    /** Its words in Vietnamese, and in English. */
    message: string; en: string;
  };

/** The most ops and bytes of one batch (issue 5); the op count is the server's own limit. */
export const MAX_OPS = MAX_BATCH_OPS;
export const MAX_BYTES = 256 * 1024;

/** A run's words: the Vietnamese and English of a code of the catalog's part `sync`, or the server's own. */
type Msg = readonly [string, string];
const MSG = (code: SyncCode): Msg => syncWords(code);

/** What went wrong with a request, as a code (`sync.*`, or the server's error code) and its words. */
function messageOf(r: HttpResult): { code: string; words: Msg } {
  const own = (code: SyncCode) => ({ code, words: MSG(code) });
  switch (r.kind) {
    case 'network':
      return own('sync.network');
    case 'timeout':
      return own('sync.timeout');
    case 'bad-response':
      return own('sync.garbled');
    case 'http':
      if (r.status === 429) return own('sync.busy');
      if (r.status >= 500) return own('sync.server');
      return r.body ? { code: r.body.error, words: [r.body.message_vi, r.body.message_en] } : own('sync.server');
    default:
      return own('sync.unexpected');
  }
}

/** Clocks further apart than this get the "Ngày giờ trên máy đang sai" warning. */
export const CLOCK_WARN_MS = 5 * 60_000;

/** The warning for a clock `offsetMs` ahead of the server's (negative = behind), in vi and en, or null when close enough. */
export function clockWarning(offsetMs: number): Msg | null {
  if (Math.abs(offsetMs) <= CLOCK_WARN_MS) return null;
  const min = Math.round(Math.abs(offsetMs) / 60_000);
  const days = Math.floor(min / 1440);
  return syncWords('sync.clock', { ahead: offsetMs > 0, days, hours: Math.floor((min % 1440) / 60), minutes: days ? 0 : min % 60 });
}

/**
 * A batch id that is the same for every re-send of the same ops (so the server returns the same
 * receipt) and differs when the batch differs: FNV-1a over the opIds, plus the count.
 */
export function batchIdOf(ops: Op[]): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ ops.length;
  for (const op of ops) {
    for (let i = 0; i < op.opId.length; i++) {
      const c = op.opId.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
      h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
    }
    h1 = Math.imul(h1 ^ 0x2c, 0x01000193) >>> 0;
  }
  return `b-${h1.toString(16).padStart(8, '0')}${h2.toString(16).padStart(8, '0')}-${ops.length}`;
}

function isSyncResponse(b: unknown): b is SyncResponse {
  const r = b as SyncResponse;
  return !!r && Array.isArray(r.applied) && Array.isArray(r.known) && typeof r.receipt === 'string'
    && r.applied.every((x) => typeof x === 'string') && r.known.every((x) => typeof x === 'string');
}
function isChanges(b: unknown): b is ChangesResponse {
  const r = b as ChangesResponse;
  return !!r && Array.isArray(r.ops) && typeof r.nextCursor === 'number' && typeof r.hasMore === 'boolean';
}

export interface SyncEngine {
  status: StatusStore;
  /** Push then pull now ("Gửi ngay"); a call during a run waits for one more run after it. */
  syncNow(): Promise<RunResult>;
  /** POST /enroll: stores token + server address; throws EnrollError with a Vietnamese reason. */
  enroll(serverUrl: string, code: string): Promise<EnrollResponse>;
  /** Re-reads counts (pending, quarantined, conflicts, enrolled) into the status. */
  refresh(): Promise<void>;
  /** Starts the triggers (app open, online, visible timer, new edits); returns stop. */
  start(env?: TriggerEnv): () => void;
  /** Resolves when no run is in flight or queued. */
  settled(): Promise<void>;
}

/** What start() listens to; the browser's window/document by default. */
export interface TriggerEnv {
  addEventListener(type: string, fn: () => void): void;
  removeEventListener(type: string, fn: () => void): void;
  isVisible(): boolean;
  onVisibilityChange(fn: () => void): () => void;
  /** Timer while visible (ms). */
  intervalMs?: number;
  /** Delay after a new edit before sending it (ms); 0 turns this trigger off. */
  pushDelayMs?: number;
}

export function createSyncEngine(o: EngineOptions): SyncEngine {
  const repo = o.repo;
  const fetchImpl: FetchLike = o.fetch ?? ((url, init) => fetch(url, init));
  const now = o.now ?? (() => Date.now());
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = o.random ?? Math.random;
  const isOnline = o.isOnline ?? (() => (typeof navigator === 'undefined' ? true : navigator.onLine !== false));
  const timeoutMs = o.timeoutMs ?? 30_000;
  const maxAttempts = Math.max(1, o.maxAttempts ?? 5);
  const backoff = o.backoff ?? { baseMs: DEFAULT_BACKOFF.baseMs, capMs: 30_000 };
  const pullLimit = o.pullLimit ?? DEFAULT_CHANGES_LIMIT;
  const status = createStatusStore();
  /** Failed runs in a row, for the delay before the next automatic run. */
  let failures = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let started = false;

  const setError = (m: Msg, state: 'offline' | 'error' | 'needs-enrolment' | 'syncing' = 'error') =>
    status.set({ state, lastError: m[0], lastErrorEn: m[1] });

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

  /** Compares our clock with the server's answer; warns beyond CLOCK_WARN_MS (the data still syncs). */
  function noteClock(r: HttpResult): void {
    if ((r.kind !== 'ok' && r.kind !== 'http') || !r.clock) return;
    const offset = Math.round(clockOffset(r.clock));
    const warn = clockWarning(offset);
    status.set({ clockOffsetMs: offset, clockWarning: warn?.[0] ?? null, clockWarningEn: warn?.[1] ?? null });
  }

  /** One request with retries of transient failures: exponential backoff, full jitter, Retry-After. */
  async function withRetry(fn: () => Promise<HttpResult>): Promise<HttpResult> {
    for (let attempt = 0; ; attempt++) {
      const r = await fn();
      noteClock(r);
      if (!isTransient(r) || attempt + 1 >= maxAttempts) return r;
      let delay = backoffDelay(attempt, backoff, random);
      if (r.kind === 'http' && r.retryAfterMs !== null) delay = Math.min(Math.max(r.retryAfterMs, delay), 10 * 60_000);
      setError(messageOf(r).words, 'syncing');
      await sleep(delay);
      if (!isOnline()) return { kind: 'network', message: 'offline' };
    }
  }

  type Stop = Extract<RunResult, { ok: false }>;
  const stop = (reason: Stop['reason'], code: string, [message, en]: Msg): Stop => ({ ok: false, reason, code, message, en });
  const stopOf = (r: HttpResult): Stop => {
    if (r.kind === 'http' && r.status === 401) return stop('needs-enrolment', 'sync.enrol', MSG('sync.enrol'));
    if (r.kind === 'network' && !isOnline()) return stop('offline', 'sync.offline', MSG('sync.offline'));
    const m = messageOf(r);
    return stop(isTransient(r) ? 'transient' : 'error', m.code, m.words);
  };

  /** Reasons per op of a refusal, in Vietnamese. */
  function reasonsByOp(problems: WireProblem[] | undefined, ops: Op[]): Map<string, string> {
    const inBatch = new Set(ops.map((op) => op.opId));
    const out = new Map<string, string>();
    for (const p of problems ?? []) {
      if (!p.opId || !inBatch.has(p.opId)) continue;
      const path = p.path.replace(/^ops\[\d+\]\.?/, '');
      // A field is worth naming; the key and the stamp are the whole op, the sentence says it all.
      const text = path && path !== '(body)' && path !== 'key' && path !== 'hlc' ? `${path}: ${p.vi}` : p.vi;
      out.set(p.opId, out.has(p.opId) ? `${out.get(p.opId)}; ${text}` : text);
    }
    return out;
  }

  async function push(base: string, token: string): Promise<number | Stop> {
    let maxOps = Math.min(o.maxOps ?? MAX_OPS, MAX_OPS);
    let maxBytes = Math.min(o.maxBytes ?? MAX_BYTES, MAX_BYTES);
    const deviceId = await repo.deviceId();
    let sent = 0;
    for (;;) {
      const ops = await repo.nextBatch(maxOps, maxBytes);
      if (ops.length === 0) return sent;
      const body = { deviceId, batchId: batchIdOf(ops), ops };
      const r = await withRetry(() => request(fetchImpl, `${base}${API_PREFIX}/sync`, { method: 'POST', token, body, timeoutMs, now }));
      if (r.kind === 'ok') {
        if (!isSyncResponse(r.body)) return stopOf({ kind: 'bad-response', status: r.status });
        const got = new Set([...r.body.applied, ...r.body.known]);
        const acked = ops.filter((op) => got.has(op.opId)).map((op) => op.opId);
        if (acked.length === 0) return stopOf({ kind: 'bad-response', status: r.status });
        await repo.ackOps(acked);
        await repo.setMeta('lastReceipt', r.body.receipt);
        sent += acked.length;
        status.set({ lastReceipt: r.body.receipt, pending: await repo.pendingCount() });
        continue;
      }
      if (r.kind !== 'http' || isTransient(r) || r.status === 401) return stopOf(r);
      const err: ErrorResponse | null = r.body;
      if (r.status === 413) {
        if (ops.length === 1) {
          await repo.quarantineOps([{ opId: ops[0]!.opId, error: MSG('sync.tooLarge')[0] }]);
        } else {
          maxOps = Math.max(1, Math.floor(ops.length / 2));
          maxBytes = Math.max(4096, Math.floor(maxBytes / 2));
        }
        continue;
      }
      if (r.status === 400 || r.status === 409 || r.status === 403) {
        const reasons = reasonsByOp(err?.problems, ops);
        if (r.status === 403 && reasons.size === 0) {
          // The token may not write at all (chair, reviewer): keep everything pending.
          return stop('error', 'sync.readOnly', MSG('sync.readOnly'));
        }
        const general = err?.message_vi ?? MSG(r.status === 409 ? 'sync.opConflict' : 'sync.server')[0];
        // A locked year's refusal says all in its own sentence (which year, how to reopen).
        const own = err?.error === 'year-locked';
        // A refusal that names no op (a malformed envelope) sets the whole batch aside rather than
        // blocking every later edit behind it; a person can put it back in the queue. The ops it
        // does not name were not refused: they stay queued and go in the next batch.
        const list = reasons.size
          ? [...reasons].map(([opId, why]) => ({ opId, error: own ? why : `${general} — ${why}` }))
          : ops.map((op) => ({ opId: op.opId, error: general }));
        await repo.quarantineOps(list);
        continue;
      }
      return stopOf(r);
    }
  }

  async function pull(base: string, token: string): Promise<number | Stop> {
    let cursor = (await repo.getMeta<number>('pullCursor')) ?? 0;
    let pulled = 0;
    for (;;) {
      const url = `${base}${API_PREFIX}/changes?since=${encodeURIComponent(String(cursor))}&limit=${pullLimit}`;
      const r = await withRetry(() => request(fetchImpl, url, { method: 'GET', token, timeoutMs, now }));
      if (r.kind !== 'ok') return stopOf(r);
      if (!isChanges(r.body)) return stopOf({ kind: 'bad-response', status: r.status });
      const page = r.body;
      const next = page.nextCursor;
      // The page and the cursor land together: a crash between them cannot skip a page.
      await repo.rw(async () => {
        await repo.applyRemoteOps(page.ops);
        await repo.setMeta('pullCursor', next);
      });
      pulled += page.ops.length;
      if (!page.hasMore || page.ops.length === 0 || next === cursor) return pulled;
      cursor = next;
    }
  }

  async function run(): Promise<RunResult> {
    await refresh();
    const token = await repo.getMeta<string>('token');
    const base = await repo.getMeta<string>('serverUrl');
    if (!token || !base) {
      const r = stop('needs-enrolment', 'sync.notEnrolled', MSG('sync.notEnrolled'));
      setError([r.message, r.en], 'needs-enrolment');
      return r;
    }
    if (!isOnline()) {
      const r = stop('offline', 'sync.offline', MSG('sync.offline'));
      setError([r.message, r.en], 'offline');
      return r;
    }
    status.set({ state: 'syncing' });
    let result: RunResult;
    try {
      // Edits stamped while the phone's date was days ahead are stamped again once it is right.
      await repo.repairClock();
      const pushed = await push(base, token);
      // A read-only role's refused push still lets it read: pull anyway, then report the refusal.
      const readOnly = typeof pushed !== 'number' && pushed.code === 'sync.readOnly';
      if (typeof pushed !== 'number' && !readOnly) result = pushed;
      else {
        const pulled = await pull(base, token);
        if (typeof pulled === 'number') await fillFromEnrolment();
        if (typeof pulled !== 'number') result = pulled;
        else if (typeof pushed !== 'number') result = pushed;
        else result = { ok: true, pushed, pulled };
      }
    } catch (e) {
      console.error('sync run failed', e);
      result = stop('error', 'sync.unexpected', MSG('sync.unexpected'));
    }
    await finish(result);
    return result;
  }

  async function finish(result: RunResult): Promise<void> {
    if (result.ok) {
      failures = 0;
      const at = new Date(now()).toISOString();
      await repo.setMeta('lastSyncAt', at);
      status.set({ state: 'idle', lastSuccessAt: at, lastError: null, lastErrorEn: null });
    } else {
      failures++;
      const state = result.reason === 'needs-enrolment' ? 'needs-enrolment' : result.reason === 'offline' ? 'offline' : result.reason === 'transient' && !isOnline() ? 'offline' : 'error';
      status.set({ state, lastError: result.message, lastErrorEn: result.en });
      if (started && (result.reason === 'transient' || result.reason === 'error')) scheduleRetry();
    }
    await refresh();
  }

  function scheduleRetry(): void {
    if (retryTimer) clearTimeout(retryTimer);
    const delay = backoffDelay(failures, DEFAULT_BACKOFF, random) + 1000;
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
          return stop('error', 'sync.unexpected', MSG('sync.unexpected'));
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

  async function enroll(serverUrl: string, code: string): Promise<EnrollResponse> {
    let base: string;
    try {
      base = normalizeServerUrl(serverUrl);
    } catch {
      throw new EnrollError(...MSG('sync.badServerUrl'));
    }
    const body: Record<string, string> = { code: code.trim(), deviceId: await repo.deviceId() };
    if (o.deviceName) body.deviceName = o.deviceName;
    // Enrolling again with the same server: the token held proves this is the device it names (the
    // server keeps one live token per device id). Never shown to another server.
    const proof = (await repo.getMeta<string>('serverUrl')) === base ? await repo.getMeta<string>('token') : undefined;
    const r = await request(fetchImpl, `${base}${API_PREFIX}/enroll`, { method: 'POST', body, token: proof, timeoutMs, now });
    noteClock(r);
    if (r.kind !== 'ok') {
      if (r.kind === 'http' && r.status === 401) {
        const [vi, en] = MSG('sync.badCode');
        throw new EnrollError(r.body?.message_vi ?? vi, r.body?.message_en ?? en);
      }
      if (r.kind === 'http' && r.status === 400) {
        throw new EnrollError(...MSG('sync.codeMalformed'));
      }
      throw new EnrollError(...messageOf(r).words);
    }
    const res = r.body as EnrollResponse;
    if (!res || typeof res.token !== 'string' || !res.commune || typeof res.commune.code !== 'string') {
      throw new EnrollError(...MSG('sync.garbled'));
    }
    await repo.rw(async () => {
      const prevUrl = await repo.getMeta<string>('serverUrl');
      const prevCommune = await repo.getMeta<string>('enrolledCommune');
      await repo.setMeta('token', res.token);
      await repo.setMeta('serverUrl', base);
      await repo.setMeta('role', res.role);
      await repo.setMeta('enrolledCommune', res.commune.code);
      await repo.setMeta('villageScope', res.villages ?? null);
      if (prevUrl !== base || prevCommune !== res.commune.code) await repo.setMeta('pullCursor', 0);
      if (!(await repo.getMeta('currentCommune'))) await repo.setMeta('currentCommune', res.commune.code);
      await repo.setMeta('enrolCommune', res.commune);
    });
    failures = 0;
    status.set({ enrolled: true, state: 'idle', lastError: null, lastErrorEn: null });
    return res;
  }

  /**
   * After the first complete pull: the server's own list of the commune and villages fills what
   * the change feed did not bring (a commune made by the admin CLI has no ops), as the weakest
   * possible stamp and without an outbox op, so any real edit wins over it and nothing is sent.
   */
  async function fillFromEnrolment(): Promise<void> {
    const info = await repo.getMeta<EnrollResponse['commune']>('enrolCommune');
    if (!info) return;
    await repo.rw(async () => {
      const ops: Op[] = [];
      let counter = 0;
      const stamp = () => formatHlc({ wall: 0, counter: counter++, node: 'enrol' });
      if (!(await repo.getCommune(info.code))) {
        const fields: Op['fields'] = { name: info.name };
        if (info.province) fields.province = info.province;
        ops.push({ opId: newOpId(now()), entity: 'commune', key: communeKey(info.code), fields, hlc: stamp() });
      }
      const have = new Set((await repo.listVillages(info.code, { includeArchived: true })).map((v) => v.code));
      (info.villages ?? []).forEach((v, i) => {
        if (!have.has(v.code)) ops.push({ opId: newOpId(now()), entity: 'village', key: villageKey(info.code, v.code), fields: { name: v.name, order: i + 1 }, hlc: stamp() });
      });
      if (ops.length) await repo.applyRemoteOps(ops);
      await repo.setMeta('enrolCommune', null);
    });
  }

  function start(env: TriggerEnv = browserEnv()): () => void {
    started = true;
    const intervalMs = env.intervalMs ?? 60_000;
    const pushDelayMs = env.pushDelayMs ?? 2_000;
    const kick = () => void syncNow();
    const offline = () => setError(MSG('sync.offline'), 'offline');
    env.addEventListener('online', kick);
    env.addEventListener('offline', offline);
    const unVisible = env.onVisibilityChange(() => {
      if (env.isVisible()) kick();
    });
    const timer = setInterval(() => {
      if (env.isVisible()) kick();
    }, intervalMs);
    // New edits: count them at once, send them shortly (one run for a burst of typing).
    let pushTimer: ReturnType<typeof setTimeout> | null = null;
    let lastPending = -1;
    const sub = liveQuery(() => repo.pendingCount()).subscribe({
      next: (pending) => {
        status.set({ pending });
        if (pushDelayMs > 0 && pending > lastPending && lastPending >= 0 && isOnline() && status.get().enrolled) {
          if (pushTimer) clearTimeout(pushTimer);
          pushTimer = setTimeout(kick, pushDelayMs);
        }
        lastPending = pending;
      },
      error: () => {},
    });
    kick(); // app open
    return () => {
      started = false;
      env.removeEventListener('online', kick);
      env.removeEventListener('offline', offline);
      unVisible();
      clearInterval(timer);
      if (pushTimer) clearTimeout(pushTimer);
      if (retryTimer) clearTimeout(retryTimer);
      sub.unsubscribe();
    };
  }

  async function settled(): Promise<void> {
    while (current || queued) await (queued ?? current);
  }

  return { status, syncNow, enroll, refresh, start, settled };
}

/** The browser's triggers. */
export function browserEnv(): TriggerEnv {
  return {
    addEventListener: (t, fn) => window.addEventListener(t, fn),
    removeEventListener: (t, fn) => window.removeEventListener(t, fn),
    isVisible: () => document.visibilityState === 'visible',
    onVisibilityChange: (fn) => {
      document.addEventListener('visibilitychange', fn);
      return () => document.removeEventListener('visibilitychange', fn);
    },
  };
}
