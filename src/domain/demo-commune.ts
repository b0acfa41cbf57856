// A realistic invented commune (Xã Ba Tô, Quảng Ngãi) with two years of data, for the demo mode,
// the db seed and the server seed. Data only; never imported by the first-load path of real use.
// 2025 is one village short of Mức độ 1: Thôn Làng Rêu has 42,8 % of its people aged 15 and over
// recognised "Công dân học tập", so the commune is 31 people short of 60 % (TC5.1); every other
// level-1 indicator is met. 2024 is further away (TC1.3, TC3.2, TC4.3, TC5.1).

import type { Answer, AssessInput, VillageInput } from './assess-types.ts';

/** The demo commune's villages as stored entities (name and display order). */
export interface DemoVillage {
  code: string;
  name: string;
  order: number;
}

/** The demo commune: identity, villages, and one readiness input per year (oldest first). */
export interface DemoCommune {
  commune: { code: string; name: string; province: string };
  villages: DemoVillage[];
  years: AssessInput[];
}

const commune = { code: '21085', name: 'Xã Ba Tô', province: 'Quảng Ngãi' };

type Counts = Omit<VillageInput, 'name'>;

const counts2024: Counts[] = [
  { code: 'T01', households: 310, familiesRegistered: 204, familiesRecognized: 193, lineages: 5, lineagesRegistered: 3, lineagesRecognized: 3, citizens: 832, citizensRecognized: 457, trained: 432, university: 99, villageRecognized: true },
  { code: 'T02', households: 187, familiesRegistered: 144, familiesRecognized: 121, lineages: 4, lineagesRegistered: 3, lineagesRecognized: 1, citizens: 515, citizensRecognized: 257, trained: 257, university: 56, villageRecognized: false },
  { code: 'T03', households: 405, familiesRegistered: 284, familiesRecognized: 274, lineages: 11, lineagesRegistered: 10, lineagesRecognized: 7, citizens: 1089, citizensRecognized: 620, trained: 598, university: 152, villageRecognized: true },
  { code: 'T04', households: 92, familiesRegistered: 77, familiesRecognized: 61, lineages: 3, lineagesRegistered: 3, lineagesRecognized: 1, citizens: 302, citizensRecognized: 147, trained: 144, university: 30, villageRecognized: false },
  { code: 'T05', households: 254, familiesRegistered: 163, familiesRecognized: 145, lineages: 12, lineagesRegistered: 10, lineagesRecognized: 9, citizens: 703, citizensRecognized: 379, trained: 365, university: 84, villageRecognized: true },
  { code: 'T06', households: 140, familiesRegistered: 121, familiesRecognized: 97, lineages: 3, lineagesRegistered: 2, lineagesRecognized: 1, citizens: 469, citizensRecognized: 234, trained: 234, university: 51, villageRecognized: false },
  { code: 'T07', households: 365, familiesRegistered: 257, familiesRecognized: 238, lineages: 10, lineagesRegistered: 7, lineagesRecognized: 7, citizens: 1034, citizensRecognized: 579, trained: 558, university: 134, villageRecognized: true },
  { code: 'T08', households: 61, familiesRegistered: 53, familiesRecognized: 36, lineages: 10, lineagesRegistered: 7, lineagesRecognized: 6, citizens: 155, citizensRecognized: 74, trained: 72, university: 15, villageRecognized: false },
  { code: 'T09', households: 218, familiesRegistered: 145, familiesRecognized: 128, lineages: 11, lineagesRegistered: 10, lineagesRecognized: 9, citizens: 619, citizensRecognized: 328, trained: 321, university: 74, villageRecognized: true },
  { code: 'T10', households: 297, familiesRegistered: 198, familiesRecognized: 174, lineages: 13, lineagesRegistered: 12, lineagesRecognized: 6, citizens: 841, citizensRecognized: 437, trained: 437, university: 100, villageRecognized: true },
  { code: 'T11', households: 173, familiesRegistered: 117, familiesRecognized: 110, lineages: 13, lineagesRegistered: 11, lineagesRecognized: 9, citizens: 462, citizensRecognized: 203, trained: 226, university: 50, villageRecognized: false },
  // Nước Đang had not yet asked its lineages to register in 2024.
  { code: 'T12', households: 129, familiesRegistered: 83, familiesRecognized: 72, lineages: 3, lineagesRegistered: 0, lineagesRecognized: 0, citizens: 438, citizensRecognized: 219, trained: 219, university: 48, villageRecognized: false },
];

const counts2025: Counts[] = [
  { code: 'T01', households: 312, familiesRegistered: 216, familiesRecognized: 210, lineages: 5, lineagesRegistered: 3, lineagesRecognized: 3, citizens: 834, citizensRecognized: 515, trained: 467, university: 116, villageRecognized: true },
  { code: 'T02', households: 188, familiesRegistered: 137, familiesRecognized: 131, lineages: 4, lineagesRegistered: 4, lineagesRecognized: 3, citizens: 522, citizensRecognized: 317, trained: 281, university: 62, villageRecognized: true },
  { code: 'T03', households: 405, familiesRegistered: 313, familiesRecognized: 299, lineages: 11, lineagesRegistered: 10, lineagesRecognized: 7, citizens: 1091, citizensRecognized: 664, trained: 632, university: 174, villageRecognized: true },
  { code: 'T04', households: 96, familiesRegistered: 87, familiesRecognized: 67, lineages: 3, lineagesRegistered: 3, lineagesRecognized: 2, citizens: 309, citizensRecognized: 188, trained: 160, university: 33, villageRecognized: false },
  { code: 'T05', households: 254, familiesRegistered: 188, familiesRecognized: 168, lineages: 12, lineagesRegistered: 11, lineagesRecognized: 9, citizens: 718, citizensRecognized: 437, trained: 394, university: 93, villageRecognized: true },
  { code: 'T06', households: 143, familiesRegistered: 114, familiesRecognized: 107, lineages: 3, lineagesRegistered: 3, lineagesRecognized: 2, citizens: 471, citizensRecognized: 283, trained: 249, university: 56, villageRecognized: true },
  { code: 'T07', households: 367, familiesRegistered: 270, familiesRecognized: 263, lineages: 10, lineagesRegistered: 8, lineagesRecognized: 8, citizens: 1045, citizensRecognized: 632, trained: 595, university: 156, villageRecognized: true },
  { code: 'T08', households: 61, familiesRegistered: 61, familiesRecognized: 40, lineages: 10, lineagesRegistered: 8, lineagesRecognized: 7, citizens: 169, citizensRecognized: 103, trained: 86, university: 18, villageRecognized: false },
  { code: 'T09', households: 221, familiesRegistered: 154, familiesRecognized: 145, lineages: 11, lineagesRegistered: 10, lineagesRecognized: 9, citizens: 623, citizensRecognized: 378, trained: 342, university: 80, villageRecognized: true },
  { code: 'T10', households: 298, familiesRegistered: 214, familiesRecognized: 194, lineages: 13, lineagesRegistered: 13, lineagesRecognized: 8, citizens: 842, citizensRecognized: 506, trained: 471, university: 117, villageRecognized: true },
  { code: 'T11', households: 176, familiesRegistered: 145, familiesRecognized: 128, lineages: 13, lineagesRegistered: 12, lineagesRecognized: 9, citizens: 472, citizensRecognized: 202, trained: 245, university: 56, villageRecognized: false },
  { code: 'T12', households: 133, familiesRegistered: 107, familiesRecognized: 84, lineages: 3, lineagesRegistered: 1, lineagesRecognized: 1, citizens: 446, citizensRecognized: 270, trained: 236, university: 53, villageRecognized: true },
];

const villages: DemoVillage[] = [
  'Thôn Làng Mạ', 'Thôn Gò Ra', 'Thôn Nước Lầy', 'Thôn Đồng Dâu', 'Thôn Ba Khâm', 'Thôn Kon Dỏ',
  'Thôn Trà Nô', 'Thôn Nam Lây', 'Thôn Tân Long', 'Thôn Hồng Hà', 'Thôn Làng Rêu', 'Thôn Nước Đang',
].map((name, i) => ({ code: `T${String(i + 1).padStart(2, '0')}`, name, order: i + 1 }));

function withNames(list: Counts[]): VillageInput[] {
  return list.map(({ code, ...c }) => ({ code, name: villages.find((v) => v.code === code)!.name, ...c }));
}

const answers2024: Record<string, Answer> = {
  'TC1.1': { met: true, evidence: [{ number: '08/KH-UBND', date: '2024-01-15', issuer: 'UBND xã Ba Tô', title: 'Kế hoạch tuyên truyền xây dựng xã hội học tập năm 2024' }] },
  'TC1.2': { met: true, evidence: [{ number: '11/KH-UBND', date: '2024-01-22', issuer: 'UBND xã Ba Tô', title: 'Kế hoạch xây dựng xã hội học tập năm 2024' }] },
  'TC1.3': { met: false, note: 'Đã tổ chức Tuần lễ hưởng ứng học tập suốt đời nhưng chưa gửi báo cáo kết quả' },
  'TC2.1': { met: true, amount: 30_000_000, evidence: [{ number: '02/QĐ-UBND', date: '2024-01-05', issuer: 'UBND xã Ba Tô', title: 'Quyết định giao dự toán ngân sách năm 2024' }] },
  'TC2.2': { met: true, amount: 85_000_000, note: 'Hội Khuyến học vận động các hộ kinh doanh và con em xa quê' },
  'TC2.3': { met: true, evidence: [{ number: '03/QC-HKH', date: '2024-02-20', issuer: 'Hội Khuyến học xã Ba Tô', title: 'Quy chế phối hợp giữa Hội Khuyến học xã và các đoàn thể' }] },
  'TC3.1': { met: true, evidence: [{ title: 'Báo cáo hoạt động TTHTCĐ năm 2024', date: '2024-12-10' }] },
  'TC3.2': { met: null, note: 'Chưa tổng hợp số lượt đọc của điểm đọc xã' },
  'TC3.3': { met: true },
};

const answers2025: Record<string, Answer> = {
  'TC1.1': { met: true, evidence: [{ number: '15/KH-UBND', date: '2025-01-10', issuer: 'UBND xã Ba Tô', title: 'Kế hoạch tuyên truyền xây dựng xã hội học tập năm 2025' }] },
  'TC1.2': { met: true, evidence: [{ number: '17/KH-UBND', date: '2025-01-16', issuer: 'UBND xã Ba Tô', title: 'Kế hoạch xây dựng xã hội học tập năm 2025' }] },
  'TC1.3': {
    met: true,
    evidence: [
      { number: '64/KH-UBND', date: '2025-09-12', issuer: 'UBND xã Ba Tô', title: 'Kế hoạch tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2025' },
      { number: '121/BC-UBND', date: '2025-10-30', issuer: 'UBND xã Ba Tô', title: 'Báo cáo kết quả Tuần lễ hưởng ứng học tập suốt đời năm 2025' },
    ],
  },
  'TC2.1': { met: true, amount: 45_000_000, evidence: [{ number: '01/QĐ-UBND', date: '2025-01-03', issuer: 'UBND xã Ba Tô', title: 'Quyết định giao dự toán ngân sách năm 2025' }] },
  'TC2.2': { met: true, amount: 120_000_000, evidence: [{ title: 'Sổ theo dõi quỹ khuyến học năm 2025', date: '2025-12-15' }] },
  'TC2.3': { met: true, evidence: [{ number: '03/QC-HKH', date: '2024-02-20', issuer: 'Hội Khuyến học xã Ba Tô', title: 'Quy chế phối hợp giữa Hội Khuyến học xã và các đoàn thể' }] },
  'TC3.1': { met: true, evidence: [{ title: 'Báo cáo hoạt động TTHTCĐ năm 2025', date: '2025-12-08' }] },
  'TC3.2': { met: true, note: 'Điểm đọc xã mở cửa các buổi chiều thứ Ba, thứ Năm và sáng Chủ nhật' },
  'TC3.3': { met: true, evidence: [{ title: 'Lịch hoạt động Trung tâm văn hóa – thể thao xã năm 2025' }] },
};

/** Who the demo's enrolment code is issued to (the server's seed). */
export const DEMO_OFFICER = 'Cán bộ phụ trách (demo)';

/** Xã Ba Tô (invented): 2024 far from level 1, 2025 one village short of it. */
export const demoCommune: DemoCommune = {
  commune,
  villages,
  years: [
    {
      catalog: 'tt25-2023',
      year: 2024,
      commune,
      villages: withNames(counts2024),
      figures: { units: 14, unitsRecognized: 9, pcgdPreschool5: true, pcgdPrimary: 2, pcgdLowerSecondary: 1, literacy: 1, difficultArea: false },
      answers: answers2024,
      history: [],
    },
    {
      catalog: 'tt25-2023',
      year: 2025,
      commune,
      villages: withNames(counts2025),
      figures: { units: 15, unitsRecognized: 11, pcgdPreschool5: true, pcgdPrimary: 2, pcgdLowerSecondary: 2, literacy: 2, difficultArea: false },
      answers: answers2025,
      history: [],
    },
  ],
};
