// HTTP to the sync server: fetch with a timeout (AbortController; AbortSignal.timeout is newer
// than Chrome 80), JSON in and out, every outcome classified. Never retries by itself.
import type { ErrorResponse } from '../domain/sync/protocol.ts';
import { parseRetryAfter } from './backoff.ts';

export type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body?: string; signal: AbortSignal }) => Promise<Response>;

export type HttpResult =
  | { kind: 'ok'; status: number; body: unknown; clock?: ServerClock }
  /** The server answered with an error status. */
  | { kind: 'http'; status: number; body: ErrorResponse | null; retryAfterMs: number | null; clock?: ServerClock }
  /** No answer: no network, connection reset, DNS… */
  | { kind: 'network'; message: string }
  | { kind: 'timeout' }
  /** A 2xx whose body is not our JSON (a captive portal's page): never taken as an acknowledgement. */
  | { kind: 'bad-response'; status: number };

/** The server's clock as its answer's Date header told it, and our clock around the request. */
export interface ServerClock {
  /** The server's time (ms; the header has whole seconds). */
  serverMs: number;
  /** Our clock when the request left and when the answer came. */
  sentMs: number;
  receivedMs: number;
}

/**
 * How far our clock is ahead of the server's (ms; negative = behind): the Date header is cut to
 * the second, so its midpoint (+500 ms) is compared with the midpoint of the round trip.
 */
export function clockOffset(c: ServerClock): number {
  return (c.sentMs + c.receivedMs) / 2 - (c.serverMs + 500);
}

export interface RequestOptions {
  method: 'GET' | 'POST';
  token?: string | undefined;
  body?: unknown;
  timeoutMs: number;
  now?: () => number;
}

/** One request; resolves to a classified result, never throws. */
export async function request(fetchImpl: FetchLike, url: string, opts: RequestOptions): Promise<HttpResult> {
  const ctrl = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    ctrl.abort();
  }, opts.timeoutMs);
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  const init: Parameters<FetchLike>[1] = { method: opts.method, headers, signal: ctrl.signal };
  if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(opts.body);
  }
  const clockNow = opts.now ?? Date.now;
  const sentMs = clockNow();
  try {
    const res = await fetchImpl(url, init);
    const dateHeader = res.headers.get('Date');
    const serverMs = dateHeader ? Date.parse(dateHeader) : NaN;
    const clock: ServerClock | undefined = Number.isFinite(serverMs) ? { serverMs, sentMs, receivedMs: clockNow() } : undefined;
    // The body is read under the same timeout: a stalled stream is a timeout too.
    const text = await res.text();
    let body: unknown = null;
    let parsed = false;
    try {
      body = text ? JSON.parse(text) : null;
      parsed = text !== '';
    } catch {
      parsed = false;
    }
    if (res.ok) return parsed ? { kind: 'ok', status: res.status, body, ...(clock ? { clock } : {}) } : { kind: 'bad-response', status: res.status };
    const err = parsed && body && typeof body === 'object' && 'error' in body ? (body as ErrorResponse) : null;
    return { kind: 'http', status: res.status, body: err, retryAfterMs: parseRetryAfter(res.headers.get('Retry-After'), clockNow()), ...(clock ? { clock } : {}) };
  } catch (e) {
    if (timedOut) return { kind: 'timeout' };
    return { kind: 'network', message: e instanceof Error ? e.message : String(e) };
  } finally {
    clearTimeout(timer);
  }
}

/** Worth trying again later: no answer, a server error, throttling, a garbled answer. */
export function isTransient(r: HttpResult): boolean {
  if (r.kind === 'network' || r.kind === 'timeout' || r.kind === 'bad-response') return true;
  if (r.kind === 'http') return r.status >= 500 || r.status === 429 || r.status === 408;
  return false;
}

/** A server address as typed by a person → its origin with no trailing slash. */
export function normalizeServerUrl(input: string): string {
  let s = input.trim();
  if (!/^https?:\/\//i.test(s)) s = `https://${s}`;
  const u = new URL(s);
  return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}`;
}
