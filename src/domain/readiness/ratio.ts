// Exact ratio arithmetic for TC5.1 and TC5.2: met/not met and the gap, decided with integers.
// Never decides with floating point: 60 of 100 at 60 % is met, 59 of 100 is not.

/** A percent with at most one decimal, as whole tenths (72.5 → 725). */
export function percentToTenths(percent: number): number {
  return Math.round(percent * 10);
}

function safe(a: number, b: number): boolean {
  return Number.isSafeInteger(a * b);
}

/** numerator / denominator ≥ percent, exactly (denominator > 0). */
export function meetsRatio(numerator: number, denominator: number, percent: number): boolean {
  const t = percentToTenths(percent);
  // n/d ≥ t/1000  ⇔  n·1000 ≥ d·t  (all integers)
  if (safe(numerator, 1000) && safe(denominator, t)) return numerator * 1000 >= denominator * t;
  return BigInt(numerator) * 1000n >= BigInt(denominator) * BigInt(t);
}

/**
 * The smallest whole count to add to the numerator (denominator unchanged) so that the ratio
 * meets the percent: ⌈d·t/1000⌉ − n, or 0 when met. Bounded by d − n since the percent ≤ 100.
 */
export function ratioGap(numerator: number, denominator: number, percent: number): number {
  const t = percentToTenths(percent);
  if (safe(denominator, t) && Number.isSafeInteger(denominator * t + 999)) {
    const need = Math.floor((denominator * t + 999) / 1000);
    return Math.max(0, need - numerator);
  }
  const need = (BigInt(denominator) * BigInt(t) + 999n) / 1000n;
  const gap = need - BigInt(numerator);
  return gap > 0n ? Number(gap) : 0;
}

/** The percent rounded half up to one decimal, for display only; null when denominator is 0. */
export function displayPercent(numerator: number, denominator: number): number | null {
  if (denominator <= 0) return null;
  if (safe(numerator, 2000)) return Math.floor((numerator * 2000 + denominator) / (2 * denominator)) / 10;
  return Number((BigInt(numerator) * 2000n + BigInt(denominator)) / (2n * BigInt(denominator))) / 10;
}

/**
 * The percent to show beside `threshold`: one decimal, except where that would round up into a
 * threshold not met — then cut (never rounded) to two decimals (6 999 of 10 000 at 70 % is 69.99,
 * not 70.0). Null when the denominator is 0.
 */
export function percentBeside(numerator: number, denominator: number, threshold: number): number | null {
  const p = displayPercent(numerator, denominator);
  if (p === null || p < threshold || meetsRatio(numerator, denominator, threshold)) return p;
  return Number((BigInt(numerator) * 10000n) / BigInt(denominator)) / 100;
}
