// Catalog `tt25-2023`: the 5 criteria and 15 indicators of "Cộng đồng học tập" cấp xã, transcribed
// word for word from docs/domain/criteria-tt25-commune.md (Điều 6 and 7 of the circular). Data only:
// a later amendment is a new catalog, never an edit of this one.

import type { Catalog, IndicatorDef, StandardFigureKey, Text } from './types.ts';

const TC1 = 'TC1';
const TC2 = 'TC2';
const TC3 = 'TC3';
const TC4 = 'TC4';
const TC5 = 'TC5';

const yesNo = (id: string, criterion: string, vi: string, en: string, hasAmount = false): IndicatorDef => ({
  id, criterion, kind: 'yes-no', text: { vi, en }, hasAmount,
});

const ND20 = 'theo quy định tại Nghị định số 20/2014/NĐ-CP';
const ND20_EN = 'under Decree 20/2014/NĐ-CP';

/** TC4.2–TC4.4: a standard reached at a mức độ, one higher at level 2. */
function standard(id: string, figure: StandardFigureKey, vi: string, en: string, min1: number, min2: number): IndicatorDef {
  return {
    id, criterion: TC4, kind: 'standard', figure, standard: { vi, en },
    text: { vi: `Xã đạt chuẩn ${vi} mức độ ${min1} ${ND20}`, en: `The commune meets the ${en} standard at level ${min1} ${ND20_EN}` },
    level2Text: { vi: `Xã đạt chuẩn ${vi} mức độ ${min2} ${ND20}`, en: `The commune meets the ${en} standard at level ${min2} ${ND20_EN}` },
    minimum: { 1: min1, 2: min2 },
  };
}

const CDHT = '"Công dân học tập"';
const QD324 = 'theo quy định tại Quyết định số 324/QĐ-KHVN';

function tc51(percent: number, full: boolean): Text {
  return {
    vi: `Có ít nhất ${percent}% công dân trong xã đạt danh hiệu ${CDHT} ${QD324}${full
      ? ' ngày 25 tháng 10 năm 2023 của Ban chấp hành Trung ương Hội Khuyến học Việt Nam ban hành Bộ tiêu chí và hướng dẫn đánh giá, công nhận danh hiệu "Công dân học tập" giai đoạn 2021-2030'
      : ''}`,
    en: `At least ${percent}% of the commune's citizens are recognised as "Learning Citizen" under Decision 324/QĐ-KHVN${full
      ? ' of 25 October 2023 of the Central Executive Committee of the Vietnam Study Promotion Association (criteria and guidance for the "Learning Citizen" title, 2021-2030)'
      : ''}`,
  };
}

function tc52(t: number, u: number, dt: number, du: number): Text {
  const part = (a: number, b: number) =>
    `có ít nhất ${a}% công dân trong xã được đào tạo trình độ chuyên môn kỹ thuật; trong đó, có ít nhất ${b}% công dân trong xã có trình độ đại học trở lên`;
  const partEn = (a: number, b: number) =>
    `at least ${a}% of the commune's citizens have vocational or technical training, and among them at least ${b}% of the commune's citizens have a university degree or higher`;
  return {
    vi: `Có ít nhất ${t}% công dân trong xã được đào tạo trình độ chuyên môn kỹ thuật; trong đó, có ít nhất ${u}% công dân trong xã có trình độ đại học trở lên. Đối với xã thuộc vùng khó khăn ${part(dt, du)}.`,
    en: `${partEn(t, u).replace(/^a/, 'A')}. For a commune in a disadvantaged area, ${partEn(dt, du)}.`,
  };
}

/** Thông tư 25/2023/TT-BGDĐT, commune level. */
export const tt25_2023: Catalog = {
  id: 'tt25-2023',
  title: {
    vi: 'Thông tư 25/2023/TT-BGDĐT — "Cộng đồng học tập" cấp xã',
    en: 'Circular 25/2023/TT-BGDĐT — commune-level "Learning Community"',
  },
  source: 'Thông tư số 25/2023/TT-BGDĐT ngày 27/12/2023 (Điều 5–9)',
  levels: [
    { level: 1, label: { vi: 'Mức độ 1 (Khá)', en: 'Level 1 (Good)' } },
    { level: 2, label: { vi: 'Mức độ 2 (Tốt)', en: 'Level 2 (Very good)' } },
  ],
  criteria: [
    {
      id: TC1,
      text: {
        vi: 'Sự lãnh đạo, chỉ đạo của cấp ủy Đảng, chính quyền cấp xã',
        en: 'Leadership and direction of the commune Party committee and authorities',
      },
      indicators: [
        yesNo('TC1.1', TC1,
          'Thực hiện công tác tuyên truyền nâng cao nhận thức cho cộng đồng về học tập suốt đời, xây dựng xã hội học tập',
          'Raising the community\'s awareness of lifelong learning and of building a learning society'),
        yesNo('TC1.2', TC1,
          'Xây dựng chương trình, kế hoạch thực hiện công tác xây dựng xã hội học tập hằng năm và tổ chức triển khai, thực hiện đầy đủ các chương trình, kế hoạch',
          'An annual programme and plan for building a learning society, carried out in full'),
        yesNo('TC1.3', TC1,
          'Xây dựng kế hoạch, triển khai các hoạt động cụ thể tổ chức Tuần lễ hưởng ứng học tập suốt đời và báo cáo theo quy định',
          'A plan for and activities of the Lifelong Learning Week, reported as required'),
      ],
    },
    {
      id: TC2,
      text: {
        vi: 'Huy động nguồn lực và tạo môi trường thuận lợi để thực hiện xây dựng xã hội học tập ở địa phương',
        en: 'Mobilising resources and creating a favourable environment for building a learning society locally',
      },
      indicators: [
        yesNo('TC2.1', TC2,
          'Bố trí đủ kinh phí từ ngân sách nhà nước hằng năm theo quy định của pháp luật về ngân sách nhà nước để thực hiện xây dựng xã hội học tập',
          'Sufficient annual state budget, under the state budget law, for building a learning society', true),
        yesNo('TC2.2', TC2,
          'Triển khai các hoạt động vận động, huy động nguồn lực xã hội tham gia xây dựng xã hội học tập ở địa phương theo chủ trương xã hội hóa và đạt kết quả tích cực',
          'Mobilising social resources for building a learning society locally, with positive results', true),
        yesNo('TC2.3', TC2,
          'Xây dựng cơ chế phối hợp giữa Hội Khuyến học xã, các tổ chức chính trị - xã hội cấp xã và các cơ sở giáo dục, các thiết chế văn hóa trên địa bàn xã trong quá trình xây dựng xã hội học tập',
          'A coordination mechanism between the commune Study Promotion Association, the commune socio-political organisations, the schools and the cultural institutions of the commune'),
      ],
    },
    {
      id: TC3,
      text: {
        vi: 'Hiệu quả hoạt động của trung tâm học tập cộng đồng và thư viện công cộng cấp xã, trung tâm văn hóa, thể thao cấp xã',
        en: 'Effectiveness of the community learning centre, the commune public library and the commune culture and sports centre',
      },
      indicators: [
        yesNo('TC3.1', TC3,
          'Trung tâm học tập cộng đồng bảo đảm có 01 phòng làm việc được trang bị đầy đủ bàn, ghế, tủ, giá; có tủ sách dùng chung; có thiết bị công nghệ thông tin phù hợp để tổ chức hoạt động học tập suốt đời cho người dân',
          'The community learning centre has one office fully furnished with desks, chairs, cabinets and shelves, a shared bookcase, and suitable IT equipment for lifelong learning activities'),
        yesNo('TC3.2', TC3,
          'Thư viện công cộng cấp xã có ứng dụng công nghệ thông tin và chuyển đổi số trong quản lý, tổ chức hoạt động phục vụ việc học tập suốt đời cho người sử dụng thư viện',
          'The commune public library uses IT and digital transformation in managing and running its lifelong learning services'),
        yesNo('TC3.3', TC3,
          'Trung tâm văn hóa, thể thao cấp xã có lớp năng khiếu, câu lạc bộ, nhóm sở thích, thường xuyên tổ chức các hoạt động văn hóa văn nghệ, thể dục thể thao thu hút người dân đến tham gia sinh hoạt',
          'The commune culture and sports centre has talent classes, clubs and interest groups, and regularly holds cultural and sports activities that draw people in'),
      ],
    },
    {
      id: TC4,
      text: {
        vi: 'Kết quả phổ cập giáo dục - xóa mù chữ',
        en: 'Results of universal education and literacy',
      },
      indicators: [
        {
          id: 'TC4.1', criterion: TC4, kind: 'standard', figure: 'pcgdPreschool5',
          standard: { vi: 'phổ cập giáo dục mầm non cho trẻ em 5 tuổi', en: 'universal preschool education for children aged 5' },
          text: {
            vi: 'Xã đạt chuẩn phổ cập giáo dục mầm non cho trẻ em 5 tuổi theo quy định tại Nghị định số 20/2014/NĐ-CP ngày 24 tháng 3 năm 2014 của Chính phủ về phổ cập giáo dục, xóa mù chữ',
            en: 'The commune meets the standard of universal preschool education for children aged 5 under Decree 20/2014/NĐ-CP of 24 March 2014 on universal education and literacy',
          },
          minimum: { 1: true, 2: true },
        },
        standard('TC4.2', 'pcgdPrimary', 'phổ cập giáo dục tiểu học', 'universal primary education', 2, 3),
        standard('TC4.3', 'pcgdLowerSecondary', 'phổ cập giáo dục trung học cơ sở', 'universal lower-secondary education', 2, 3),
        standard('TC4.4', 'literacy', 'xóa mù chữ', 'literacy', 1, 2),
      ],
    },
    {
      id: TC5,
      text: {
        vi: 'Tác dụng của việc xây dựng "Cộng đồng học tập" cấp xã',
        en: 'Effects of building the commune-level "Learning Community"',
      },
      indicators: [
        {
          id: 'TC5.1', criterion: TC5, kind: 'ratio',
          text: tc51(60, true),
          level2Text: tc51(80, false),
          numerator: 'citizensRecognized',
          denominator: 'citizens',
          thresholds: { 1: 60, 2: 80 },
          gapPhrase: {
            vi: 'người đạt danh hiệu "Công dân học tập"',
            en: 'people recognised as "Learning Citizen"',
            enOne: 'person recognised as "Learning Citizen"',
          },
        },
        {
          id: 'TC5.2', criterion: TC5, kind: 'training',
          text: tc52(50, 12, 40, 10),
          level2Text: tc52(60, 15, 50, 12),
          denominator: 'citizens',
          thresholds: { 1: { trained: 50, university: 12 }, 2: { trained: 60, university: 15 } },
          difficultAreaThresholds: { 1: { trained: 40, university: 10 }, 2: { trained: 50, university: 12 } },
          gapPhrase: {
            trained: {
              vi: 'người được đào tạo trình độ chuyên môn kỹ thuật',
              en: 'people with vocational or technical training',
              enOne: 'person with vocational or technical training',
            },
            university: {
              vi: 'người có trình độ đại học trở lên',
              en: 'people with a university degree or higher',
              enOne: 'person with a university degree or higher',
            },
          },
        },
      ],
    },
  ],
  programmes: {
    source: { vi: 'Quyết định 387/QĐ-TTg (2022), mục tiêu đến năm 2025', en: 'Decision 387/QĐ-TTg (2022), targets for 2025' },
    targets: [
      { key: 'families', label: { vi: 'Gia đình học tập', en: 'Learning Family' }, target: 70 },
      { key: 'lineages', label: { vi: 'Dòng họ học tập', en: 'Learning Lineage' }, target: 65 },
      { key: 'villages', label: { vi: 'Cộng đồng học tập cấp thôn', en: 'village-level Learning Community' }, target: 65 },
      { key: 'units', label: { vi: 'Đơn vị học tập', en: 'Learning Unit' }, target: 80 },
    ],
  },
};
