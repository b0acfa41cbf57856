// The free-text parts of a year's dossier (stored in the DossierRow, synced like every field):
// their keys, Vietnamese labels, and the defaults the papers fall back to. Pure data and helpers.

/** The editable texts of a year's dossier; every one optional, stored as typed. */
export interface DossierTexts {
  /** Số tờ trình: "12" or "12/TTr-UBND". */
  submissionNumber?: string;
  /** Số báo cáo: "15" or "15/BC-UBND". */
  reportNumber?: string;
  /** Ngày ký (YYYY-MM-DD) of the papers. */
  docDate?: string;
  /** Địa danh of the date line; the commune's own name by default. */
  place?: string;
  /** "TM. ỦY BAN NHÂN DÂN" by default. */
  signerAuthority?: string;
  /** "CHỦ TỊCH" by default; "PHÓ CHỦ TỊCH" signs "KT. CHỦ TỊCH". */
  signerTitle?: string;
  signerName?: string;
  /** The province's guidance letter of the year: "Công văn số 3233/SGDĐT-CTTTCNTX ngày 26/12/2024 của …". */
  guidanceLetter?: string;
  /** Other grounds (Căn cứ), one a line, after the circular and the guidance letter. */
  basis?: string;
  /** Minh chứng of Tiêu chí 4: the decision recognising the universal-education and literacy standards. */
  pcgdEvidence?: string;
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
  /** The drafting office after "Lưu: VT," (VHXH by default). */
  archiveOffice?: string;
  /** Ngày họp thống nhất kết quả tự đánh giá (YYYY-MM-DD). */
  meetingDate?: string;
  /** Số biên bản họp: "03", "03/BB-UBND" or "Biên bản số 03/BB-UBND". */
  minutesRef?: string;
  meetingStart?: string;
  meetingEnd?: string;
  meetingPlace?: string;
  chairName?: string;
  chairTitle?: string;
  secretaryName?: string;
  secretaryTitle?: string;
  /** Đại diện Hội Khuyến học xã. */
  memberKhuyenHoc?: string;
  /** Đại diện Ủy ban Mặt trận Tổ quốc Việt Nam xã. */
  memberMttq?: string;
  /** Đại diện các tổ chức chính trị - xã hội, one a line. */
  memberOrgs?: string;
  /** Other people present, one a line. */
  memberOthers?: string;
  /** Ý kiến thảo luận. */
  meetingOpinions?: string;
  /** Kết quả biểu quyết. */
  meetingVotes?: string;
  locked?: boolean;
}

export type DossierTextKey = Exclude<keyof DossierTexts, 'locked'>;

export const DEFAULT_SIGNER_AUTHORITY = 'TM. ỦY BAN NHÂN DÂN';
export const DEFAULT_SIGNER_TITLE = 'CHỦ TỊCH';
/** The commune's office that drafts the papers (Phòng Văn hóa - Xã hội since July 2025). */
export const DEFAULT_ARCHIVE_OFFICE = 'VHXH';

/** The circular, as the seeds cite it: always the first ground of a paper. */
export const LEGAL_BASIS =
  'Căn cứ Thông tư số 25/2023/TT-BGDĐT ngày 27/12/2023 của Bộ trưởng Bộ Giáo dục và Đào tạo quy định về đánh giá, công nhận “Cộng đồng học tập” cấp xã, huyện, tỉnh;';

export interface TextField {
  key: DossierTextKey;
  label: string;
  labelEn: string;
  multiline?: boolean;
  hint?: string;
  hintEn?: string;
  kind?: 'date';
}

/** Labels of the editable parts of the papers, in the order the screen shows them. */
export const TEXT_FIELDS: readonly TextField[] = [
  { key: 'submissionNumber', label: 'Số tờ trình', labelEn: 'Request number', hint: 'Ví dụ: 12 hoặc 12/TTr-UBND', hintEn: 'E.g. 12 or 12/TTr-UBND' },
  { key: 'reportNumber', label: 'Số báo cáo', labelEn: 'Report number', hint: 'Ví dụ: 15 hoặc 15/BC-UBND', hintEn: 'E.g. 15 or 15/BC-UBND' },
  { key: 'docDate', label: 'Ngày ký', labelEn: 'Date signed', kind: 'date' },
  { key: 'place', label: 'Địa danh ghi ngày tháng', labelEn: 'Place on the date line', hint: 'Mặc định là tên xã', hintEn: "The commune's name by default" },
  { key: 'signerAuthority', label: 'Thẩm quyền ký', labelEn: 'Signing authority', hint: DEFAULT_SIGNER_AUTHORITY },
  {
    key: 'signerTitle',
    label: 'Chức vụ người ký',
    labelEn: "Signer's title",
    hint: 'CHỦ TỊCH, hoặc PHÓ CHỦ TỊCH (giấy tờ tự ghi thêm dòng KT. CHỦ TỊCH)',
    hintEn: 'CHỦ TỊCH, or PHÓ CHỦ TỊCH (the papers add the line KT. CHỦ TỊCH)',
  },
  { key: 'signerName', label: 'Họ và tên người ký', labelEn: "Signer's full name" },
  {
    key: 'guidanceLetter',
    label: 'Văn bản hướng dẫn của tỉnh',
    labelEn: "The province's guidance letter",
    multiline: true,
    hint: 'Ví dụ: Công văn số 3233/SGDĐT-CTTTCNTX ngày 26/12/2024 của Sở Giáo dục và Đào tạo về việc …',
    hintEn: 'E.g. Công văn số 3233/SGDĐT-CTTTCNTX ngày 26/12/2024 của Sở Giáo dục và Đào tạo về việc …',
  },
  { key: 'basis', label: 'Căn cứ khác', labelEn: 'Other grounds (Căn cứ)', multiline: true, hint: 'Mỗi căn cứ một dòng', hintEn: 'One a line' },
  {
    key: 'pcgdEvidence',
    label: 'Minh chứng Tiêu chí 4 (quyết định công nhận đạt chuẩn phổ cập giáo dục, xóa mù chữ)',
    labelEn: 'Evidence of Criterion 4 (decision recognising the universal-education and literacy standards)',
    hint: 'Ví dụ: Quyết định số 120/QĐ-UBND ngày 15/12/2025 của Ủy ban nhân dân tỉnh',
    hintEn: 'E.g. Quyết định số 120/QĐ-UBND ngày 15/12/2025 của Ủy ban nhân dân tỉnh',
  },
  { key: 'narrSituation', label: 'I. Đặc điểm tình hình', labelEn: 'I. Local situation', multiline: true },
  { key: 'narrTC1', label: 'Tiêu chí 1 — nhận xét', labelEn: 'Criterion 1 — comments', multiline: true },
  { key: 'narrTC2', label: 'Tiêu chí 2 — nhận xét', labelEn: 'Criterion 2 — comments', multiline: true },
  { key: 'narrTC3', label: 'Tiêu chí 3 — nhận xét', labelEn: 'Criterion 3 — comments', multiline: true },
  { key: 'narrTC4', label: 'Tiêu chí 4 — nhận xét', labelEn: 'Criterion 4 — comments', multiline: true },
  { key: 'narrTC5', label: 'Tiêu chí 5 — nhận xét', labelEn: 'Criterion 5 — comments', multiline: true },
  { key: 'narrStrengths', label: 'Ưu điểm', labelEn: 'Strengths', multiline: true },
  { key: 'narrWeaknesses', label: 'Hạn chế, nguyên nhân', labelEn: 'Shortcomings and causes', multiline: true },
  { key: 'narrProposals', label: 'Đề xuất, kiến nghị', labelEn: 'Proposals', multiline: true },
  { key: 'copyTo', label: 'Nơi nhận khác', labelEn: 'Other recipients (Nơi nhận)', multiline: true, hint: 'Mỗi nơi một dòng, ví dụ: Đảng ủy xã', hintEn: 'One a line, e.g. Đảng ủy xã' },
  {
    key: 'archiveOffice',
    label: 'Đơn vị soạn thảo (ghi sau "Lưu: VT,")',
    labelEn: 'Drafting office (after "Lưu: VT,")',
    hint: `Mặc định: ${DEFAULT_ARCHIVE_OFFICE} (Phòng Văn hóa - Xã hội)`,
    hintEn: `Default: ${DEFAULT_ARCHIVE_OFFICE} (Phòng Văn hóa - Xã hội)`,
  },
];

/**
 * The meeting that agrees the result (Điều 9.1.c), as its Biên bản prints it. Date and number come
 * first: they are also what locks the year.
 */
export const MEETING_FIELDS: readonly TextField[] = [
  { key: 'meetingDate', label: 'Ngày họp', labelEn: 'Meeting date', kind: 'date' },
  { key: 'minutesRef', label: 'Số biên bản họp', labelEn: 'Minutes number', hint: 'Ví dụ: 03 hoặc 03/BB-UBND', hintEn: 'E.g. 03 or 03/BB-UBND' },
  { key: 'meetingStart', label: 'Giờ bắt đầu', labelEn: 'Start time', hint: 'Ví dụ: 8 giờ 00', hintEn: 'E.g. 8 giờ 00' },
  { key: 'meetingEnd', label: 'Giờ kết thúc', labelEn: 'End time', hint: 'Ví dụ: 10 giờ 30', hintEn: 'E.g. 10 giờ 30' },
  { key: 'meetingPlace', label: 'Địa điểm họp', labelEn: 'Place of the meeting', hint: 'Ví dụ: Hội trường Ủy ban nhân dân xã', hintEn: 'E.g. Hội trường Ủy ban nhân dân xã' },
  { key: 'chairName', label: 'Chủ trì: họ và tên', labelEn: 'Chair: full name', hint: 'Lãnh đạo Ủy ban nhân dân xã', hintEn: 'A leader of the commune People’s Committee' },
  { key: 'chairTitle', label: 'Chủ trì: chức vụ', labelEn: 'Chair: position', hint: 'Ví dụ: Chủ tịch Ủy ban nhân dân xã', hintEn: 'E.g. Chủ tịch Ủy ban nhân dân xã' },
  { key: 'secretaryName', label: 'Thư ký: họ và tên', labelEn: 'Secretary: full name' },
  { key: 'secretaryTitle', label: 'Thư ký: chức vụ', labelEn: 'Secretary: position', hint: 'Ví dụ: Công chức Văn hóa - Xã hội', hintEn: 'E.g. Công chức Văn hóa - Xã hội' },
  { key: 'memberKhuyenHoc', label: 'Đại diện Hội Khuyến học xã', labelEn: 'For the commune Study Promotion Association', hint: 'Họ tên, chức vụ. Ví dụ: Ông Nguyễn Văn An, Chủ tịch Hội', hintEn: 'Name, position' },
  { key: 'memberMttq', label: 'Đại diện Ủy ban Mặt trận Tổ quốc Việt Nam xã', labelEn: 'For the commune Fatherland Front', hint: 'Họ tên, chức vụ', hintEn: 'Name, position' },
  {
    key: 'memberOrgs',
    label: 'Đại diện các tổ chức chính trị - xã hội',
    labelEn: 'For the socio-political organisations',
    multiline: true,
    hint: 'Mỗi tổ chức một dòng. Ví dụ: Hội Liên hiệp Phụ nữ xã: Bà Lê Thị Cúc, Chủ tịch Hội',
    hintEn: 'One organisation a line',
  },
  { key: 'memberOthers', label: 'Thành phần khác', labelEn: 'Others present', multiline: true, hint: 'Mỗi người một dòng', hintEn: 'One a line' },
  { key: 'meetingOpinions', label: 'Ý kiến thảo luận', labelEn: 'Discussion', multiline: true },
  { key: 'meetingVotes', label: 'Kết quả biểu quyết', labelEn: 'Vote', hint: 'Ví dụ: 15/15 thành viên dự họp nhất trí (100%)', hintEn: 'E.g. 15/15 members present agreed (100%)' },
];

const ALL_FIELDS = [...TEXT_FIELDS, ...MEETING_FIELDS];

/** The dossier texts held in a stored row (anything that is not a string is ignored). */
export function textsOfRow(row: Record<string, unknown> | undefined | null): DossierTexts {
  const out: DossierTexts = {};
  if (!row) return out;
  for (const f of ALL_FIELDS) {
    const v = row[f.key];
    if (typeof v === 'string') out[f.key] = v;
  }
  if (row.locked === true) out.locked = true;
  return out;
}

/**
 * "5" → "05/TTr-UBND" (numbers below 10 with a leading zero); a number written with its suffix
 * keeps it ("5/TTr-UBND" → "05/TTr-UBND"); empty → a blank for the number the office assigns.
 */
export function documentNumber(typed: string | undefined, suffix: string): string {
  const t = (typed ?? '').trim();
  // Blank for the number the office assigns on the day (no-break spaces keep the gap in HTML).
  if (!t) return `${'\u00a0'.repeat(6)}/${suffix}`;
  const padded = t.replace(/^(\d)(?=\/|$)/, '0$1');
  return padded.includes('/') ? padded : `${padded}/${suffix}`;
}

/** The minutes' number as typed, without a leading "Biên bản (họp) số": "Biên bản số 3/BB-UBND" → "3/BB-UBND". */
export function minutesNumberOf(ref: string | undefined): string {
  return (ref ?? '').trim().replace(/^biên bản(\s+họp)?(\s+số)?[\s:]*/iu, '');
}

/** Non-empty trimmed lines of a multi-line text. */
export function linesOf(text: string | undefined): string[] {
  return (text ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/**
 * Thẩm quyền ký on up to three lines (Nghị định 30/2020): "TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH", or
 * when a deputy signs "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH".
 */
export function signingLines(t: DossierTexts): string[] {
  const authority = t.signerAuthority?.trim() || DEFAULT_SIGNER_AUTHORITY;
  const title = t.signerTitle?.trim() || DEFAULT_SIGNER_TITLE;
  // An authority typed as "KT. CHỦ TỊCH" (older wording) still goes under the collective one.
  if (/^KT\./iu.test(authority)) return [DEFAULT_SIGNER_AUTHORITY, authority, title];
  return signingBlock(authority, title);
}

/**
 * The signing lines of any office: its collective authority when it has one ("TM. ỦY BAN NHÂN
 * DÂN"; none for a Sở), then, when a deputy signs ("PHÓ GIÁM ĐỐC"), "KT." with the head's title
 * ("KT. GIÁM ĐỐC"), then the signer's title, each as given (the papers pass them upper case).
 */
export function signingBlock(authority: string | undefined, title: string): string[] {
  const a = (authority ?? '').trim();
  const t = title.trim();
  const lines = a ? [a] : [];
  if (/^PHÓ\s/iu.test(t) && (!a || /^TM\./iu.test(a))) lines.push(`KT. ${t.replace(/^PHÓ\s+/iu, '')}`);
  lines.push(t);
  return lines;
}
