// The errors the data layer throws, and the one date check it needs before any schema loads.
// Kept apart from validate.ts so the first-load path never pulls valibot (validate.ts loads lazily).

/** A save refused because a value breaks a rule; `fields` maps field → Vietnamese message. */
export class ValidationError extends Error {
  readonly fields: Record<string, string>;
  constructor(fields: Record<string, string>) {
    super(`Dữ liệu không hợp lệ: ${Object.values(fields).join(' ')}`);
    this.name = 'ValidationError';
    this.fields = fields;
  }
}

/** A save refused because the year's dossier is locked (Năm đã khóa hồ sơ). */
export class YearLockedError extends Error {
  readonly year: number;
  constructor(year: number) {
    super(`Năm ${year} đã khóa hồ sơ. Hãy mở lại năm (ghi rõ lý do) trước khi sửa số liệu.`);
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

/**
 * The phone refused to store more (QuotaExceededError, Chrome's "Failed to write blobs"): the
 * transaction that hit it was rolled back whole, so nothing of that save is kept. `code` is the
 * catalog's (evidence part); the screen offers "Xuất dữ liệu ngay".
 */
export class StorageFullError extends Error {
  readonly code = 'storageFull' as const;
  constructor(options?: { cause?: unknown }) {
    super('Bộ nhớ của điện thoại đã đầy; tệp chưa được lưu, dữ liệu đã có vẫn còn nguyên.');
    this.name = 'StorageFullError';
    if (options?.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
  }
}

/** Whether an IndexedDB / Dexie error means the phone is out of room (its chain of causes read). */
export function isStorageFull(e: unknown): boolean {
  for (let x = e, depth = 0; x && depth < 5; depth++) {
    const err = x as { name?: string; message?: string; inner?: unknown; cause?: unknown };
    if (err.name === 'QuotaExceededError') return true;
    if (typeof err.message === 'string' && /Failed to write blobs|QuotaExceeded|quota/i.test(err.message)) return true;
    x = err.inner ?? err.cause;
  }
  return false;
}
