// The limits of the sheet reader and the one error it throws: a file refused whole, with the
// reason in Vietnamese and English. Nothing is read from a refused file, so nothing is written.

/** Largest file the reader opens (bytes). A commune's sheet is a few dozen kilobytes. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** Most data rows a sheet may have; a commune has at most a few hundred villages. */
export const MAX_DATA_ROWS = 2000;
/**
 * Most bytes the parts of an .xlsx may unpack to, all together. A 2 000-row sheet is about 2 MB of
 * XML; more is a zip bomb or not a villages' sheet, and is refused before it fills the phone's memory.
 */
export const MAX_UNPACKED_BYTES = 20 * 1024 * 1024;

export type RefusalCode =
  | 'too-big'
  | 'too-big-unpacked'
  | 'too-many-rows'
  | 'damaged'
  | 'password'
  | 'xls'
  | 'ods'
  | 'not-a-sheet'
  | 'encoding'
  | 'no-header'
  | 'empty';

const vn = (n: number) => new Intl.NumberFormat('vi-VN').format(n);
const en = (n: number) => new Intl.NumberFormat('en-GB').format(n);
const MB = (b: number) => Math.round(b / (1024 * 1024));

const MESSAGES: Record<RefusalCode, { vi: string; en: string }> = {
  'too-big': {
    vi: `Tệp lớn hơn ${MB(MAX_FILE_BYTES)} MB nên không nhập. Hãy xóa các trang tính, hình ảnh không cần thiết rồi lưu lại, hoặc chia thành nhiều tệp.`,
    en: `The file is larger than ${MB(MAX_FILE_BYTES)} MB, so it is not imported. Remove sheets or pictures it does not need, or split it.`,
  },
  'too-big-unpacked': {
    vi: `Nội dung tệp khi giải nén lớn hơn ${MB(MAX_UNPACKED_BYTES)} MB: đây không phải bảng số liệu thôn bình thường (có thể là tệp hỏng hoặc tệp độc hại), nên không nhập.`,
    en: `The file unpacks to more than ${MB(MAX_UNPACKED_BYTES)} MB: not an ordinary villages' sheet (perhaps damaged or malicious), so it is not imported.`,
  },
  'too-many-rows': {
    vi: `Bảng có hơn ${vn(MAX_DATA_ROWS)} dòng số liệu nên không nhập. Một xã chỉ có vài chục thôn: hãy kiểm tra lại tệp hoặc chia thành nhiều tệp.`,
    en: `The sheet has more than ${en(MAX_DATA_ROWS)} data rows, so it is not imported. A commune has a few dozen villages: check the file or split it.`,
  },
  damaged: {
    vi: 'Tệp bị hỏng, không đọc được. Hãy mở tệp bằng Excel hoặc LibreOffice, lưu lại dạng .xlsx rồi chọn lại.',
    en: 'The file is damaged and cannot be read. Open it in Excel or LibreOffice, save it as .xlsx and choose it again.',
  },
  password: {
    vi: 'Tệp được đặt mật khẩu nên không đọc được. Hãy mở tệp, bỏ mật khẩu, lưu lại rồi chọn lại.',
    en: 'The file is protected by a password and cannot be read. Open it, remove the password, save it and choose it again.',
  },
  xls: {
    vi: 'Tệp dạng Excel 97–2003 (.xls) chưa đọc được. Hãy mở bằng Excel hoặc LibreOffice và lưu lại dạng .xlsx.',
    en: 'Excel 97–2003 files (.xls) cannot be read. Open it in Excel or LibreOffice and save it as .xlsx.',
  },
  ods: {
    vi: 'Tệp dạng LibreOffice (.ods) chưa đọc được. Hãy mở tệp, chọn Tệp → Lưu thành… → kiểu "Excel 2007-365 (.xlsx)" rồi chọn lại.',
    en: 'LibreOffice files (.ods) cannot be read. Open it, use File → Save As… → "Excel 2007-365 (.xlsx)" and choose it again.',
  },
  'not-a-sheet': {
    vi: 'Tệp này không phải bảng tính Excel (.xlsx) hay tệp CSV.',
    en: 'This file is neither an Excel workbook (.xlsx) nor a CSV file.',
  },
  encoding: {
    vi: 'Tệp CSV không lưu bằng mã UTF-8 nên chữ có dấu sẽ bị sai. Trong Excel chọn Lưu thành → "CSV UTF-8"; trong LibreOffice chọn bộ ký tự "Unicode (UTF-8)".',
    en: 'The CSV file is not saved as UTF-8, so Vietnamese letters would be garbled. In Excel use Save As → "CSV UTF-8"; in LibreOffice choose "Unicode (UTF-8)".',
  },
  'no-header': {
    vi: 'Không tìm thấy dòng tiêu đề: cần một cột "Tên thôn" (hoặc "Mã thôn") và ít nhất một cột số liệu, ví dụ "Tổng số hộ gia đình". Hãy dùng "Tải mẫu Excel" để có đúng tiêu đề.',
    en: 'No header row found: a "Village name" (or "Village code") column and at least one figure column, e.g. "Total households", are needed. "Download the Excel template" has the exact headers.',
  },
  empty: {
    vi: 'Bảng không có dòng số liệu nào dưới dòng tiêu đề.',
    en: 'The sheet has no data rows under its header row.',
  },
};

/** A file refused whole: `code` says why, `vi` / `en` tell the person what to do. */
export class SheetRefusal extends Error {
  readonly code: RefusalCode;
  readonly vi: string;
  readonly en: string;
  constructor(code: RefusalCode, detail?: { vi: string; en: string }) {
    const m = detail ?? MESSAGES[code];
    super(m.vi);
    this.name = 'SheetRefusal';
    this.code = code;
    this.vi = m.vi;
    this.en = m.en;
  }
}

/** Whether `e` is a SheetRefusal (also across a worker's structured clone, which drops the class). */
export function isRefusal(e: unknown): e is { code: RefusalCode; vi: string; en: string } {
  return !!e && typeof e === 'object' && typeof (e as { code?: unknown }).code === 'string' && typeof (e as { vi?: unknown }).vi === 'string'
    && (e as { code: string }).code in MESSAGES;
}
