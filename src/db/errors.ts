// The errors the data layer throws, and the one date check it needs before any schema loads.
// Kept apart from validate.ts so the first-load path never pulls valibot (validate.ts loads lazily).
import type { MoveRefusal } from '../domain/review/states.ts';

/**
 * A save refused because a value breaks a rule; `fields` maps field → its Vietnamese message and
 * `fieldsEn` the same in English (both from the catalog, src/i18n; a screen shows its locale's).
 * The message joins the Vietnamese.
 */
export class ValidationError extends Error {
  readonly fields: Record<string, string>;
  readonly fieldsEn: Record<string, string>;
  constructor(fields: Record<string, string>, fieldsEn: Record<string, string> = fields) {
    super(Object.values(fields).join(' '));
    this.name = 'ValidationError';
    this.fields = fields;
    this.fieldsEn = fieldsEn;
  }
}

/**
 * A save refused because the year's dossier is locked (Năm đã khóa hồ sơ). The screens say it from
 * the catalog with the year (t('yearLocked')); the data layer gives the message in Vietnamese.
 */
export class YearLockedError extends Error {
  readonly year: number;
  constructor(year: number, message = `year ${year} is locked`) {
    super(message);
    this.name = 'YearLockedError';
    this.year = year;
  }
}

/** A real calendar date written YYYY-MM-DD. */
export function isRealDate(v: unknown): boolean {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** An import file refused whole; `message` says why in Vietnamese, `problems` lists details. */
export class ImportError extends Error {
  readonly problems: string[];
  constructor(message: string, problems: string[] = []) {
    super(message);
    this.name = 'ImportError';
    this.problems = problems;
  }
}

/** A move refused by the pure rules before anything was written. */
export class MoveRefusedError extends Error {
  constructor(readonly refusal: MoveRefusal) {
    super(refusal.code);
    this.name = 'MoveRefusedError';
  }
}
