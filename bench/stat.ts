// Summary statistics of timing samples for the bench pages (Chromium) and parts: nearest-rank
// percentiles, so every figure is a real sample, never an interpolation.

export interface Stat {
  runs: number;
  p50Ms: number;
  p95Ms: number;
  meanMs: number;
  maxMs: number;
}

/** p50/p95 (nearest rank), mean and max of `samples` (ms), rounded to the microsecond. */
export function stat(samples: number[]): Stat {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return { runs: s.length, p50Ms: round(at(0.5)), p95Ms: round(at(0.95)), meanMs: round(s.reduce((a, b) => a + b, 0) / s.length), maxMs: round(s[s.length - 1]!) };
}
