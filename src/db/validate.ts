// Validation of what the data layer stores, with Vietnamese messages per field.
// Delegates to the shared valibot schemas of src/domain/schemas when they cover the entity;
// never stores or throws for anything but a refused value. Loaded on demand (valibot is ~12 KB gzip):
// repo.ts awaits loadChecks() before a write, so first paint does not wait for it.
import type { CommuneFigures, VillageCounts } from '../domain/assess-types.ts';
import { VILLAGE_COUNT_KEYS, validateCommuneFigures, validateVillageCounts, type Problem } from '../domain/schemas/index.ts';
import { problemText } from '../i18n/problems.ts';

export { parseOp, validateOp } from '../domain/sync/protocol.ts';
export { freshProblems, problemField, recordProblems } from '../domain/schemas/record-rules.ts';
export { ImportError, ValidationError, YearLockedError, isRealDate } from './errors.ts';
export { problemText };
export { dataText } from '../i18n/data.ts';

/** Problems of the shared schema as field → Vietnamese message (first segment of the path). */
function byField(problems: Problem[]): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const p of problems) {
    const f = /^[A-Za-z0-9_]+/.exec(p.path)?.[0] ?? p.path;
    const words = problemText(p);
    out[f] = out[f] ? `${out[f]} ${words}` : words;
  }
  return Object.keys(out).length ? out : null;
}

function pick(row: object, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const v = (row as Record<string, unknown>)[k];
    if (v !== undefined) out[k] = v;
  }
  return out;
}

const FIGURE_KEYS = ['units', 'unitsRecognized', 'pcgdPreschool5', 'pcgdPrimary', 'pcgdLowerSecondary', 'literacy'];

/** Checks a whole village-counts record (after merging the edit) with the shared schema; null when valid. */
export function checkVillageCounts(row: VillageCounts): Record<string, string> | null {
  return byField(validateVillageCounts(pick(row, [...VILLAGE_COUNT_KEYS, 'villageRecognized'])));
}

/** Checks a whole commune-figures record with the shared schema; null when valid. */
export function checkCommuneFigures(row: CommuneFigures): Record<string, string> | null {
  return byField(validateCommuneFigures(pick(row, FIGURE_KEYS)));
}
