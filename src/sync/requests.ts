// What push, pull and enrolment share: the engine's settings and status, one request with retries
// of transient failures (exponential backoff, full jitter, Retry-After), the clock check on every
// answer, and how an answer becomes a code (codes.ts).
import type { Repo } from '../db/index.ts';
import { backoffDelay, type BackoffOptions } from './backoff.ts';
import type { RunResult, SyncProblem } from './codes.ts';
import type { StatusStore, SyncState } from './status.ts';
import { clockOffset, isTransient, type FetchLike, type HttpResult } from './transport.ts';
import { clockWords, syncWords } from './words.ts';

/** The engine's settings and status, as push, pull, enrolment and the triggers use them. */
export interface EngineCtx {
  repo: Repo;
  fetch: FetchLike;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  isOnline: () => boolean;
  timeoutMs: number;
  maxAttempts: number;
  backoff: BackoffOptions;
  pullLimit: number;
  maxOps: number;
  maxBytes: number;
  deviceName?: string;
  status: StatusStore;
}

/** A run stopped: why, as a code. */
export type Stop = Extract<RunResult, { ok: false }>;

/** Clocks further apart than this get the "Ngày giờ trên máy đang sai" warning. */
export const CLOCK_WARN_MS = 5 * 60_000;

/** The warning for a clock `offsetMs` ahead of the server's (negative = behind), or null when close enough. */
export function clockWarning(offsetMs: number): [string, string] | null {
  return Math.abs(offsetMs) <= CLOCK_WARN_MS ? null : clockWords(offsetMs);
}

/** Shows a problem in the status (its words from words.ts). */
export function showProblem(ctx: EngineCtx, p: SyncProblem, state: SyncState = 'error'): void {
  const w = syncWords(p);
  ctx.status.set({ state, lastError: w.vi, lastErrorEn: w.en, lastErrorCode: p.code });
}

/** The code of a failed answer; a 4xx's own words travel with it. */
export function problemOf(r: HttpResult): SyncProblem {
  switch (r.kind) {
    case 'network':
      return { code: 'network' };
    case 'timeout':
      return { code: 'timeout' };
    case 'bad-response':
      return { code: 'garbled' };
    case 'http':
      if (r.status === 429) return { code: 'busy' };
      if (r.status >= 500 || !r.body) return { code: 'server' };
      return { code: 'refused', said: { vi: r.body.message_vi, en: r.body.message_en } };
    default:
      return { code: 'unexpected' };
  }
}

/** Compares our clock with the server's answer; warns beyond CLOCK_WARN_MS (the data still syncs). */
export function noteClock(ctx: EngineCtx, r: HttpResult): void {
  if ((r.kind !== 'ok' && r.kind !== 'http') || !r.clock) return;
  const offset = Math.round(clockOffset(r.clock));
  const warn = clockWarning(offset);
  ctx.status.set({ clockOffsetMs: offset, clockWarning: warn?.[0] ?? null, clockWarningEn: warn?.[1] ?? null });
}

/** One request with retries of transient failures. */
export async function withRetry(ctx: EngineCtx, fn: () => Promise<HttpResult>): Promise<HttpResult> {
  for (let attempt = 0; ; attempt++) {
    const r = await fn();
    noteClock(ctx, r);
    if (!isTransient(r) || attempt + 1 >= ctx.maxAttempts) return r;
    let delay = backoffDelay(attempt, ctx.backoff, ctx.random);
    if (r.kind === 'http' && r.retryAfterMs !== null) delay = Math.min(Math.max(r.retryAfterMs, delay), 10 * 60_000);
    showProblem(ctx, problemOf(r), 'syncing');
    await ctx.sleep(delay);
    if (!ctx.isOnline()) return { kind: 'network', message: 'offline' };
  }
}

/** How a failed answer stops the run. */
export function stopOf(ctx: EngineCtx, r: HttpResult): Stop {
  if (r.kind === 'http' && r.status === 401) return { ok: false, reason: 'needs-enrolment', code: 'enrol' };
  if (r.kind === 'network' && !ctx.isOnline()) return { ok: false, reason: 'offline', code: 'offline' };
  return { ok: false, reason: isTransient(r) ? 'transient' : 'error', ...problemOf(r) };
}
