// The dashboard's words in Vietnamese (default) and English, and vi-VN / en number formats.
// Never holds logic of TT25: level and status labels come from the domain's explain module.

export type Lang = 'vi' | 'en';

const vi = {
  title: 'Tổng quan',
  yearLabel: (year: number) => `Năm đánh giá ${year}`,
  loading: 'Đang đọc dữ liệu…',
  noLevel: 'Chưa đạt mức độ nào',
  reached: (label: string) => `Đạt ${label}`,
  toGo: (n: number) => `còn ${n} chỉ tiêu`,
  toGoDetail: (unmet: number, unknown: number) =>
    [unmet ? `${unmet} chưa đạt` : '', unknown ? `${unknown} chưa có dữ liệu` : ''].filter(Boolean).join(', '),
  nextLevel: (label: string) => `Để đạt ${label}`,
  topLevel: 'Đã đạt mức độ cao nhất.',
  mayApply: (label: string) => `Có thể đề nghị công nhận: ${label}`,
  mayNotApply: 'Chưa thể đề nghị công nhận',
  waitUntil: (label: string, date: string) => `${label}: có thể đề nghị từ ngày ${date}`,
  criteria: 'Kết quả theo tiêu chí',
  criterion: 'Tiêu chí',
  provisional: 'tạm tính',
  villages: 'Các thôn',
  completenessEmpty: (n: number, total: number) => `${n}/${total} thôn chưa nhập`,
  completenessPartial: (n: number) => `${n} thôn chưa nhập đủ`,
  completenessDone: (total: number) => `Đã nhập đủ ${total}/${total} thôn`,
  villagesRecognized: (n: number, total: number) => `${n}/${total} thôn được công nhận "Cộng đồng học tập" cấp thôn`,
  recognizedMark: 'CĐHT',
  families: 'Gia đình học tập',
  lineages: 'Dòng họ học tập',
  citizens: 'Công dân học tập',
  villageCommunity: 'Cộng đồng học tập cấp thôn',
  chooseRatio: 'Tỷ lệ hiển thị',
  chartAria: (what: string, below: number, total: number, line: string) =>
    `Biểu đồ cột tỷ lệ ${what} theo thôn. ${below}/${total} thôn dưới ${line}. Số liệu chi tiết trong bảng.`,
  lineLevel: (label: string, value: string) => `${label}: ${value}`,
  lineTarget: (value: string) => `Mục tiêu: ${value}`,
  legendAbove: 'đạt ngưỡng',
  legendBelow: 'dưới ngưỡng',
  showTable: 'Xem bảng số liệu',
  village: 'Thôn',
  yes: 'Có',
  no: 'Chưa',
  noData: 'chưa nhập',
  filled: (n: number, total: number) => `${n}/${total} ô`,
  dataColumn: 'Số liệu',
  chartFailed: 'Không tải được biểu đồ. Số liệu có trong bảng bên dưới.',
  years: 'Qua các năm',
  yearsAria: (first: number, last: number) => `Biểu đồ cột tỷ lệ toàn xã từ năm ${first} đến ${last}. Số liệu chi tiết trong bảng.`,
  year: 'Năm',
  actionsNone: 'Không còn việc nào: mọi chỉ tiêu đã đạt.',
  level1Short: 'Mức 1',
  level2Short: 'Mức 2',
};

export type Strings = typeof vi;

const en: Strings = {
  title: 'Overview',
  yearLabel: (year) => `Assessment year ${year}`,
  loading: 'Reading data…',
  noLevel: 'No level reached yet',
  reached: (label) => `Reached ${label}`,
  toGo: (n) => `${n} indicator${n === 1 ? '' : 's'} to go`,
  toGoDetail: (unmet, unknown) =>
    [unmet ? `${unmet} not met` : '', unknown ? `${unknown} no data yet` : ''].filter(Boolean).join(', '),
  nextLevel: (label) => `To reach ${label}`,
  topLevel: 'The highest level is reached.',
  mayApply: (label) => `May apply for: ${label}`,
  mayNotApply: 'Cannot apply for recognition yet',
  waitUntil: (label, date) => `${label}: may apply from ${date}`,
  criteria: 'Results by criterion',
  criterion: 'Criterion',
  provisional: 'provisional',
  villages: 'Villages',
  completenessEmpty: (n, total) => `${n}/${total} villages not entered`,
  completenessPartial: (n) => `${n} village${n === 1 ? '' : 's'} partly entered`,
  completenessDone: (total) => `All ${total}/${total} villages entered`,
  villagesRecognized: (n, total) => `${n}/${total} villages recognised as Learning Community (village level)`,
  recognizedMark: 'LC',
  families: 'Learning Family',
  lineages: 'Learning Lineage',
  citizens: 'Learning Citizen',
  villageCommunity: 'Learning Community (village)',
  chooseRatio: 'Ratio shown',
  chartAria: (what, below, total, line) =>
    `Bar chart of the ${what} ratio per village. ${below}/${total} villages below ${line}. Details in the table.`,
  lineLevel: (label, value) => `${label}: ${value}`,
  lineTarget: (value) => `Target: ${value}`,
  legendAbove: 'at or above the threshold',
  legendBelow: 'below the threshold',
  showTable: 'Show the data table',
  village: 'Village',
  yes: 'Yes',
  no: 'No',
  noData: 'not entered',
  filled: (n, total) => `${n}/${total} fields`,
  dataColumn: 'Data',
  chartFailed: 'The chart could not be loaded. The figures are in the table below.',
  years: 'Year over year',
  yearsAria: (first, last) => `Bar chart of commune-wide ratios from ${first} to ${last}. Details in the table.`,
  year: 'Year',
  actionsNone: 'Nothing left to do: every indicator is met.',
  level1Short: 'Level 1',
  level2Short: 'Level 2',
};

/** The dashboard's strings for a locale. */
export function strings(lang: Lang): Strings {
  return lang === 'en' ? en : vi;
}

const percentFormats: Record<Lang, Intl.NumberFormat> = {
  vi: new Intl.NumberFormat('vi-VN', { style: 'percent', maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 }),
};
const numberFormats: Record<Lang, Intl.NumberFormat> = {
  vi: new Intl.NumberFormat('vi-VN'),
  en: new Intl.NumberFormat('en'),
};

/** 72.5 → "72,5%" in vi-VN, "72.5%" in en. */
export function formatPercent(lang: Lang, percent: number): string {
  return percentFormats[lang].format(percent / 100);
}

/** 1234 → "1.234" in vi-VN. */
export function formatNumber(lang: Lang, n: number): string {
  return numberFormats[lang].format(n);
}

/** "2026-03-20" → "20/03/2026" (vi) or "20 Mar 2026" (en). */
export function formatDate(lang: Lang, iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  const date = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'vi-VN', {
    day: '2-digit',
    month: lang === 'en' ? 'short' : '2-digit',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}
