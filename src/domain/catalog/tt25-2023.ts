// Catalog `tt25-2023`: the 5 criteria and 15 indicators of "Cộng đồng học tập" cấp xã, transcribed
// from docs/domain/criteria-tt25-commune.md. Data only: a later amendment is a new catalog, never
// an edit of this one. Level-2 thresholds the reference leaves "not set" stay null — never guessed.

import type { Catalog, IndicatorDef } from './types.ts';

const TC1 = 'TC1';
const TC2 = 'TC2';
const TC3 = 'TC3';
const TC4 = 'TC4';
const TC5 = 'TC5';

const yesNo = (id: string, criterion: string, vi: string, en: string, provisional: boolean, hasAmount = false): IndicatorDef => ({
  id,
  criterion,
  kind: 'yes-no',
  text: { vi, en },
  provisional,
  hasAmount,
});

/** Thông tư 25/2023/TT-BGDĐT, commune level. */
export const tt25_2023: Catalog = {
  id: 'tt25-2023',
  title: {
    vi: 'Thông tư 25/2023/TT-BGDĐT — "Cộng đồng học tập" cấp xã',
    en: 'Circular 25/2023/TT-BGDĐT — commune-level "Learning Community"',
  },
  source: 'Thông tư 25/2023/TT-BGDĐT (Điều 5–9); thủ tục 1.005097; Quyết định 387/QĐ-TTg (2022)',
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
          'Tuyên truyền nâng cao nhận thức về học tập suốt đời, xây dựng xã hội học tập',
          'Raising awareness of lifelong learning and of building a learning society', false),
        yesNo('TC1.2', TC1,
          'Xây dựng chương trình, kế hoạch xây dựng xã hội học tập hằng năm và tổ chức thực hiện đầy đủ',
          'An annual programme and plan for building a learning society, fully carried out', false),
        yesNo('TC1.3', TC1,
          'Xây dựng kế hoạch, tổ chức các hoạt động Tuần lễ hưởng ứng học tập suốt đời và báo cáo theo quy định',
          'A plan for and activities of the Lifelong Learning Week, reported as required', false),
      ],
    },
    {
      id: TC2,
      text: {
        vi: 'Huy động nguồn lực và tạo môi trường thuận lợi để xây dựng xã hội học tập',
        en: 'Mobilising resources and creating a favourable environment for building a learning society',
      },
      indicators: [
        yesNo('TC2.1', TC2,
          'Bố trí đủ kinh phí từ ngân sách nhà nước hằng năm cho xây dựng xã hội học tập',
          'Sufficient annual state budget allocated to building a learning society', false, true),
        yesNo('TC2.2', TC2,
          'Vận động, huy động nguồn lực xã hội tham gia xây dựng xã hội học tập, đạt kết quả tích cực',
          'Social resources mobilised for building a learning society, with positive results', false, true),
        yesNo('TC2.3', TC2,
          'Xây dựng cơ chế phối hợp giữa Hội Khuyến học xã, các tổ chức chính trị – xã hội, cơ sở giáo dục và thiết chế văn hóa trên địa bàn',
          'A coordination mechanism between the commune Study Promotion Association, socio-political organisations, schools and cultural institutions', false),
      ],
    },
    {
      id: TC3,
      text: {
        vi: 'Hiệu quả hoạt động của TTHTCĐ, thư viện công cộng, trung tâm văn hóa – thể thao cấp xã',
        en: 'Effectiveness of the community learning centre, public library and commune culture–sports centre',
      },
      indicators: [
        yesNo('TC3.1', TC3,
          'Trung tâm học tập cộng đồng hoạt động hiệu quả',
          'The community learning centre operates effectively', true),
        yesNo('TC3.2', TC3,
          'Thư viện công cộng / điểm đọc cấp xã hoạt động thường xuyên',
          'The commune public library / reading point operates regularly', true),
        yesNo('TC3.3', TC3,
          'Trung tâm văn hóa – thể thao cấp xã tổ chức hoạt động thường xuyên',
          'The commune culture–sports centre holds regular activities', true),
      ],
    },
    {
      id: TC4,
      text: {
        vi: 'Kết quả phổ cập giáo dục, xóa mù chữ',
        en: 'Results of universal education and literacy',
      },
      indicators: [
        {
          id: 'TC4.1',
          criterion: TC4,
          kind: 'standard',
          text: {
            vi: 'Đạt chuẩn phổ cập giáo dục (mầm non 5 tuổi, tiểu học, THCS)',
            en: 'Universal education standards met (preschool age 5, primary, lower secondary)',
          },
          provisional: true,
          figures: ['pcgdPreschool5', 'pcgdPrimary', 'pcgdLowerSecondary'],
          thresholds: { 1: { pcgdPreschool5: true, pcgdPrimary: 1, pcgdLowerSecondary: 1 }, 2: null },
        },
        {
          id: 'TC4.2',
          criterion: TC4,
          kind: 'standard',
          text: { vi: 'Đạt chuẩn xóa mù chữ', en: 'Literacy standard met' },
          provisional: true,
          figures: ['literacy'],
          thresholds: { 1: { literacy: 1 }, 2: null },
        },
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
          id: 'TC5.1',
          criterion: TC5,
          kind: 'ratio',
          text: {
            vi: 'Tỷ lệ hộ gia đình được công nhận "Gia đình học tập"',
            en: 'Share of households recognised as "Learning Family"',
          },
          provisional: true,
          source: { scope: 'villages', numerator: 'familiesRecognized', denominator: 'households' },
          thresholds: { 1: 70, 2: null },
          noun: { vi: 'hộ', en: 'households', enOne: 'household' },
          gapPhrase: {
            vi: 'hộ được công nhận "Gia đình học tập"',
            en: 'households recognised as "Learning Family"',
            enOne: 'household recognised as "Learning Family"',
          },
        },
        {
          id: 'TC5.2',
          criterion: TC5,
          kind: 'ratio',
          text: {
            vi: 'Tỷ lệ dòng họ được công nhận "Dòng họ học tập"',
            en: 'Share of lineages recognised as "Learning Lineage"',
          },
          provisional: true,
          source: { scope: 'villages', numerator: 'lineagesRecognized', denominator: 'lineages' },
          thresholds: { 1: 65, 2: null },
          noun: { vi: 'dòng họ', en: 'lineages', enOne: 'lineage' },
          gapPhrase: {
            vi: 'dòng họ được công nhận "Dòng họ học tập"',
            en: 'lineages recognised as "Learning Lineage"',
            enOne: 'lineage recognised as "Learning Lineage"',
          },
        },
        {
          id: 'TC5.3',
          criterion: TC5,
          kind: 'ratio',
          text: {
            vi: 'Tỷ lệ thôn được công nhận "Cộng đồng học tập" cấp thôn',
            en: 'Share of villages recognised as village-level "Learning Community"',
          },
          provisional: true,
          source: { scope: 'village-flag', flag: 'villageRecognized' },
          thresholds: { 1: 65, 2: null },
          noun: { vi: 'thôn', en: 'villages', enOne: 'village' },
          gapPhrase: {
            vi: 'thôn được công nhận "Cộng đồng học tập" cấp thôn',
            en: 'villages recognised as village-level "Learning Community"',
            enOne: 'village recognised as village-level "Learning Community"',
          },
        },
        {
          id: 'TC5.4',
          criterion: TC5,
          kind: 'ratio',
          text: {
            vi: 'Tỷ lệ đơn vị được công nhận "Đơn vị học tập"',
            en: 'Share of units recognised as "Learning Unit"',
          },
          provisional: true,
          source: { scope: 'figures', numerator: 'unitsRecognized', denominator: 'units' },
          thresholds: { 1: 80, 2: null },
          noun: { vi: 'đơn vị', en: 'units', enOne: 'unit' },
          gapPhrase: {
            vi: 'đơn vị được công nhận "Đơn vị học tập"',
            en: 'units recognised as "Learning Unit"',
            enOne: 'unit recognised as "Learning Unit"',
          },
        },
      ],
    },
  ],
  // "Công dân học tập" is not one of the 15 indicators: shown beside them against Quyết định 677/QĐ-TTg.
  info: { citizens: { target: 40, source: 'Quyết định 677/QĐ-TTg' } },
};
