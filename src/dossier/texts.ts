// The free-text parts of a year's dossier (stored in the DossierRow, synced like every field):
// their keys, Vietnamese labels, and the defaults the papers fall back to. Pure data and helpers.

/** The editable texts of a year's dossier; every one optional, stored as typed. */
export interface DossierTexts {
  /** Số tờ trình: "12" or "12/TTr-UBND". */
  submissionNumber?: string;
  /** Số báo cáo: "15" or "15/BC-UBND". */
  reportNumber?: string;
  /** Ngày ký (YYYY-MM-DD) of the three papers. */
  docDate?: string;
  /** Địa danh of the date line; the commune's own name by default. */
  place?: string;
  /** "TM. ỦY BAN NHÂN DÂN" by default; "KT. CHỦ TỊCH" when a deputy signs. */
  signerAuthority?: string;
  /** "CHỦ TỊCH" by default. */
  signerTitle?: string;
  signerName?: string;
  /** Căn cứ: one line each. */
  basis?: string;
  /** Đặc điểm tình hình. */
  narrSituation?: string;
  narrTC1?: string;
  narrTC2?: string;
  narrTC3?: string;
  narrTC4?: string;
  narrTC5?: string;
  /** Ưu điểm. */
  narrStrengths?: string;
  /** Hạn chế, nguyên nhân. */
  narrWeaknesses?: string;
  /** Đề xuất, kiến nghị. */
  narrProposals?: string;
  /** Extra "Nơi nhận" lines, one a line. */
  copyTo?: string;
  /** Ngày họp thống nhất kết quả tự đánh giá (YYYY-MM-DD). */
  meetingDate?: string;
  /** Biên bản họp: "Biên bản số 03/BB-UBND". */
  minutesRef?: string;
  locked?: boolean;
}

export type DossierTextKey = Exclude<keyof DossierTexts, 'locked'>;

export const DEFAULT_SIGNER_AUTHORITY = 'TM. ỦY BAN NHÂN DÂN';
export const DEFAULT_SIGNER_TITLE = 'CHỦ TỊCH';

/** Căn cứ of the request when the commune has written none. */
export const DEFAULT_BASIS =
  'Căn cứ Thông tư số 25/2023/TT-BGDĐT của Bộ trưởng Bộ Giáo dục và Đào tạo quy định về đánh giá, xếp loại "Cộng đồng học tập" cấp xã;';

/** Labels of the editable parts, in the order the screen shows them. */
export const TEXT_FIELDS: readonly { key: DossierTextKey; label: string; labelEn: string; multiline?: boolean; hint?: string; kind?: 'date' }[] = [
  { key: 'submissionNumber', label: 'Số tờ trình', labelEn: 'Request number', hint: 'Ví dụ: 12 hoặc 12/TTr-UBND' },
  { key: 'reportNumber', label: 'Số báo cáo', labelEn: 'Report number', hint: 'Ví dụ: 15 hoặc 15/BC-UBND' },
  { key: 'docDate', label: 'Ngày ký', labelEn: 'Date signed', kind: 'date' },
  { key: 'place', label: 'Địa danh ghi ngày tháng', labelEn: 'Place on the date line', hint: 'Mặc định là tên xã' },
  { key: 'signerAuthority', label: 'Thẩm quyền ký', labelEn: 'Signing authority', hint: DEFAULT_SIGNER_AUTHORITY },
  { key: 'signerTitle', label: 'Chức vụ người ký', labelEn: 'Signer\'s title', hint: DEFAULT_SIGNER_TITLE },
  { key: 'signerName', label: 'Họ và tên người ký', labelEn: 'Signer\'s full name' },
  { key: 'basis', label: 'Căn cứ', labelEn: 'Legal basis (Căn cứ)', multiline: true, hint: 'Mỗi căn cứ một dòng' },
  { key: 'narrSituation', label: 'I. Đặc điểm tình hình', labelEn: 'I. Local situation', multiline: true },
  { key: 'narrTC1', label: 'Tiêu chí 1 — nhận xét', labelEn: 'Criterion 1 — comments', multiline: true },
  { key: 'narrTC2', label: 'Tiêu chí 2 — nhận xét', labelEn: 'Criterion 2 — comments', multiline: true },
  { key: 'narrTC3', label: 'Tiêu chí 3 — nhận xét', labelEn: 'Criterion 3 — comments', multiline: true },
  { key: 'narrTC4', label: 'Tiêu chí 4 — nhận xét', labelEn: 'Criterion 4 — comments', multiline: true },
  { key: 'narrTC5', label: 'Tiêu chí 5 — nhận xét', labelEn: 'Criterion 5 — comments', multiline: true },
  { key: 'narrStrengths', label: 'Ưu điểm', labelEn: 'Strengths', multiline: true },
  { key: 'narrWeaknesses', label: 'Hạn chế, nguyên nhân', labelEn: 'Shortcomings and causes', multiline: true },
  { key: 'narrProposals', label: 'Đề xuất, kiến nghị', labelEn: 'Proposals', multiline: true },
  { key: 'copyTo', label: 'Nơi nhận khác', labelEn: 'Other recipients (Nơi nhận)', multiline: true, hint: 'Mỗi nơi một dòng, ví dụ: Đảng ủy xã' },
];

/** The dossier texts held in a stored row (anything that is not a string is ignored). */
export function textsOfRow(row: Record<string, unknown> | undefined | null): DossierTexts {
  const out: DossierTexts = {};
  if (!row) return out;
  for (const f of TEXT_FIELDS) {
    const v = row[f.key];
    if (typeof v === 'string') out[f.key] = v;
  }
  if (typeof row.meetingDate === 'string') out.meetingDate = row.meetingDate;
  if (typeof row.minutesRef === 'string') out.minutesRef = row.minutesRef;
  if (row.locked === true) out.locked = true;
  return out;
}

/** "12" → "12/TTr-UBND"; a number already written with its suffix stays; empty → "…/TTr-UBND". */
export function documentNumber(typed: string | undefined, suffix: string): string {
  const t = (typed ?? '').trim();
  // Blank for the number the office assigns on the day (no-break spaces keep the gap in HTML).
  if (!t) return `${'\u00a0'.repeat(6)}/${suffix}`;
  return t.includes('/') ? t : `${t}/${suffix}`;
}

/** Non-empty trimmed lines of a multi-line text. */
export function linesOf(text: string | undefined): string[] {
  return (text ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}
