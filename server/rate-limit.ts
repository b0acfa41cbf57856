// Token-bucket rate limits per key (a token id, or an address for enrolment). In memory: a
// restart forgives everyone, which is fine for limits meant to blunt floods, not to bill. Each
// server process counts for itself (README: several processes on one PostgreSQL), by choice.

export interface RateLimit {
  /** Burst size. */
  capacity: number;
  /** Tokens added per second. */
  perSecond: number;
}

/** Takes one unit for `key`; returns 0 when allowed, else the seconds to wait. */
export type Limiter = (key: string, now?: number) => number;

export function createLimiter(limit: RateLimit): Limiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return (key, now = Date.now()) => {
    let b = buckets.get(key);
    if (!b) {
      if (buckets.size > 50_000) prune(buckets, limit, now);
      b = { tokens: limit.capacity, at: now };
      buckets.set(key, b);
    }
    b.tokens = Math.min(limit.capacity, b.tokens + ((now - b.at) / 1000) * limit.perSecond);
    b.at = now;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / limit.perSecond));
  };
}

// Buckets that have refilled completely carry no information: drop them.
function prune(buckets: Map<string, { tokens: number; at: number }>, limit: RateLimit, now: number): void {
  for (const [k, b] of buckets) {
    if (b.tokens + ((now - b.at) / 1000) * limit.perSecond >= limit.capacity) buckets.delete(k);
  }
}
