// Validation of what the data layer stores, with Vietnamese messages per field.
// Delegates to the shared valibot schemas of src/domain/schemas when they cover the entity;
// never stores or throws for anything but a refused value.
import type { CommuneFigures, VillageCounts } from '../domain/assess-types.ts';

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

const COUNT_LABELS: Record<string, string> = {
  households: 'Tổng số hộ gia đình',
  familiesRegistered: 'Số hộ đăng ký "Gia đình học tập"',
  familiesRecognized: 'Số hộ được công nhận "Gia đình học tập"',
  lineages: 'Tổng số dòng họ',
  lineagesRegistered: 'Số dòng họ đăng ký "Dòng họ học tập"',
  lineagesRecognized: 'Số dòng họ được công nhận "Dòng họ học tập"',
  citizens: 'Số người từ 15 tuổi trở lên',
  citizensRecognized: 'Số người đạt "Công dân học tập"',
  units: 'Tổng số đơn vị (cơ quan, trường học, tổ chức) trên địa bàn xã',
  unitsRecognized: 'Số đơn vị được công nhận "Đơn vị học tập"',
};

const COUNT_FIELDS = [
  'households', 'familiesRegistered', 'familiesRecognized',
  'lineages', 'lineagesRegistered', 'lineagesRecognized',
  'citizens', 'citizensRecognized',
] as const;

/** recognised ≤ registered ≤ total, as [smaller, larger]. */
const COUNT_ORDER: [string, string][] = [
  ['familiesRegistered', 'households'],
  ['familiesRecognized', 'familiesRegistered'],
  ['lineagesRegistered', 'lineages'],
  ['lineagesRecognized', 'lineagesRegistered'],
  ['citizensRecognized', 'citizens'],
];

function isCount(v: unknown): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 1e9;
}

function checkOrder(row: Record<string, unknown>, pairs: [string, string][], errors: Record<string, string>): void {
  for (const [small, large] of pairs) {
    const a = row[small];
    const b = row[large];
    if (errors[small] || errors[large]) continue;
    if (typeof a === 'number' && typeof b === 'number' && a > b) {
      errors[small] = `${COUNT_LABELS[small]} không được lớn hơn ${COUNT_LABELS[large]} (${b.toLocaleString('vi-VN')}).`;
    }
  }
}

/** Checks a whole village-counts record (after merging the edit); null when valid. */
export function checkVillageCounts(row: VillageCounts): Record<string, string> | null {
  const errors: Record<string, string> = {};
  const r = row as Record<string, unknown>;
  for (const f of COUNT_FIELDS) {
    const v = r[f];
    if (v === undefined || v === null) continue;
    if (!isCount(v)) errors[f] = `${COUNT_LABELS[f]} phải là số nguyên từ 0 trở lên.`;
  }
  const vr = r.villageRecognized;
  if (vr !== undefined && vr !== null && typeof vr !== 'boolean') {
    errors.villageRecognized = 'Thôn được công nhận "Cộng đồng học tập" cấp thôn: chỉ chọn Có hoặc Không.';
  }
  checkOrder(r, COUNT_ORDER, errors);
  return Object.keys(errors).length ? errors : null;
}

/** Checks a whole commune-figures record; null when valid. */
export function checkCommuneFigures(row: CommuneFigures): Record<string, string> | null {
  const errors: Record<string, string> = {};
  const r = row as Record<string, unknown>;
  for (const f of ['units', 'unitsRecognized']) {
    const v = r[f];
    if (v !== undefined && v !== null && !isCount(v)) errors[f] = `${COUNT_LABELS[f]} phải là số nguyên từ 0 trở lên.`;
  }
  checkOrder(r, [['unitsRecognized', 'units']], errors);
  const levels: [string, number, string][] = [
    ['pcgdPrimary', 3, 'Mức đạt chuẩn phổ cập giáo dục tiểu học'],
    ['pcgdLowerSecondary', 3, 'Mức đạt chuẩn phổ cập giáo dục trung học cơ sở'],
    ['literacy', 2, 'Mức đạt chuẩn xóa mù chữ'],
  ];
  for (const [f, max, label] of levels) {
    const v = r[f];
    if (v !== undefined && v !== null && !(isCount(v) && (v as number) <= max)) {
      errors[f] = `${label} phải là số nguyên từ 0 đến ${max}.`;
    }
  }
  const p = r.pcgdPreschool5;
  if (p !== undefined && p !== null && typeof p !== 'boolean') {
    errors.pcgdPreschool5 = 'Phổ cập giáo dục mầm non cho trẻ em 5 tuổi: chỉ chọn Đạt hoặc Chưa đạt.';
  }
  return Object.keys(errors).length ? errors : null;
}

/** Checks an answer's own fields; null when valid. */
export function checkAnswer(row: Record<string, unknown>): Record<string, string> | null {
  const errors: Record<string, string> = {};
  if (row.met !== null && row.met !== undefined && typeof row.met !== 'boolean') errors.met = 'Chỉ chọn Đạt, Chưa đạt hoặc để trống.';
  if (row.amount !== undefined && row.amount !== null && !isCount(row.amount)) errors.amount = 'Số tiền phải là số nguyên từ 0 đồng trở lên.';
  if (row.evidence !== undefined && !Array.isArray(row.evidence)) errors.evidence = 'Minh chứng phải là một danh sách.';
  if (Array.isArray(row.evidence)) {
    row.evidence.forEach((e, i) => {
      if (!e || typeof e !== 'object') {
        errors.evidence = `Minh chứng thứ ${i + 1} không hợp lệ.`;
        return;
      }
      const date = (e as { date?: unknown }).date;
      if (date !== undefined && date !== '' && !isRealDate(date)) {
        errors.evidence = `Ngày của minh chứng thứ ${i + 1} không đúng (cần dạng năm-tháng-ngày).`;
      }
    });
  }
  return Object.keys(errors).length ? errors : null;
}

/** A real calendar date written YYYY-MM-DD. */
export function isRealDate(v: unknown): boolean {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** A code usable inside an op key: non-empty, no '/', no surrounding spaces. */
export function checkCode(field: string, label: string, v: unknown): Record<string, string> | null {
  if (typeof v !== 'string' || v.trim() === '' || v.includes('/') || v !== v.trim()) {
    return { [field]: `${label} không được để trống và không chứa dấu "/".` };
  }
  return null;
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
