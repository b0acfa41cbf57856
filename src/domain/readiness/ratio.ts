// Exact ratio arithmetic for the TC5 indicators: met/not met and the gap, decided with integers.
// Never decides with floating point: 70 of 100 at 70 % is met, 69 of 100 is not; 72.5 % is 725 ‰₀.

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
