// A province's review year built as the later screens will build it: the shared sample communes
// renamed into one province, each assessed by the engine, its request from the engine's request
// plan, the council's verdicts following (or overruling, with a comment) the engine's result, and
// the register's decisions. Test helper only; the numbers and names are invented.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AssessInput, LevelNo } from '../../src/domain/assess-types.ts';
import { tt25_2023 } from '../../src/domain/catalog/index.ts';
import { assess } from '../../src/domain/readiness/assess.ts';
import { requestPlan } from '../../src/domain/readiness/request.ts';
import type {
  CommuneReview,
  Conclusion,
  Council,
  CouncilMember,
  IndicatorVerdict,
  ProvinceSettings,
  ReviewYear,
} from '../../src/review/papers/types.ts';

const SAMPLES = fileURLToPath(new URL('../../docs/domain/samples/', import.meta.url));
export const sampleInput = (name: string): AssessInput => JSON.parse(readFileSync(`${SAMPLES}${name}/input.json`, 'utf8')) as AssessInput;

export const SETTINGS: ProvinceSettings = {
  province: 'Quảng Ngãi',
  receiver: {
    name: 'Sở Giáo dục và Đào tạo tỉnh Quảng Ngãi',
    headerName: 'Sở Giáo dục và Đào tạo',
    parent: 'Ủy ban nhân dân tỉnh Quảng Ngãi',
    abbr: 'SGDĐT',
    draftingUnit: 'GDTX',
    signerTitle: 'Phó Giám đốc',
    signerName: 'Trần Văn Minh',
  },
  receiverAddress: 'Địa chỉ: 152 Hùng Vương, phường Cẩm Thành, tỉnh Quảng Ngãi; Điện thoại: 0255 3822 000',
  decider: {
    name: 'Ủy ban nhân dân tỉnh Quảng Ngãi',
    abbr: 'UBND',
    draftingUnit: 'KGVX',
    signerAuthority: 'TM. Ủy ban nhân dân',
    signerTitle: 'Phó Chủ tịch',
  },
  guidanceLetter: 'Công văn số 3233/SGDĐT-CTTTCNTX ngày 26/12/2024 của Sở Giáo dục và Đào tạo về việc hướng dẫn đánh giá, công nhận “Cộng đồng học tập” cấp xã',
  decisionBasis: 'Căn cứ Luật Tổ chức chính quyền địa phương;',
};

const m = (name: string, organisation: string, role: CouncilMember['role'], position?: string): CouncilMember => ({ name, organisation, role, position });

/** Seven members: the receiver, the Hội Khuyến học, the Ủy ban MTTQ and socio-political organisations. */
export const MEMBERS: CouncilMember[] = [
  m('Ông Trần Văn Minh', 'Sở Giáo dục và Đào tạo', 'chair', 'Phó Giám đốc Sở'),
  m('Bà Nguyễn Thị Hoa', 'Sở Giáo dục và Đào tạo', 'secretary', 'Chuyên viên Phòng Giáo dục thường xuyên'),
  m('Ông Lê Văn Tâm', 'Hội Khuyến học tỉnh', 'member', 'Phó Chủ tịch Hội'),
  m('Bà Phạm Thị Lan', 'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh', 'member', 'Trưởng ban'),
  m('Bà Đinh Thị Cúc', 'Hội Liên hiệp Phụ nữ tỉnh', 'member', 'Phó Chủ tịch Hội'),
  m('Ông Võ Văn Sơn', 'Sở Văn hóa, Thể thao và Du lịch', 'member', 'Phó Trưởng phòng'),
  m('Ông Hồ Văn Phúc', 'Sở Giáo dục và Đào tạo', 'member', 'Trưởng phòng Giáo dục thường xuyên'),
];

/** A council of the first `n` members (7 at most), meeting on 10/03/2026. */
export function council(n = 7, appraisal: Council['appraisal'] = { kind: 'meeting', date: '2026-03-10', place: 'Hội trường Sở Giáo dục và Đào tạo', start: '8 giờ 00', end: '11 giờ 30' }): Council {
  return { established: { number: '45', date: '2026-01-15' }, members: MEMBERS.slice(0, n), appraisal };
}

/** Overrules of the engine's result by the council: indicator → verdict and comment. */
type Overrule = Record<string, IndicatorVerdict>;

export interface CommuneSpec {
  /** Its place in the province's list, from 1 (numbers its Biên bản). */
  no: number;
  code: string;
  name: string;
  base: AssessInput;
  state: CommuneReview['state'];
  overrule?: Overrule;
  /** The register's title of this year (recognised communes). */
  decided?: { level: LevelNo; number: string; date: string };
}

/** The council's verdicts as the engine's result says (its gaps are the reasons), unless overruled. */
function verdictsOf(review: CommuneReview, overrule: Overrule = {}): Record<string, IndicatorVerdict> {
  const d = review.dossier!;
  const level = d.output.levels.find((l) => l.level === d.request.level)!;
  const out: Record<string, IndicatorVerdict> = {};
  for (const r of level.criteria.flatMap((c) => c.indicators)) {
    out[r.id] = r.status === 'met' ? { verdict: 'met' } : r.status === 'unmet' ? { verdict: 'unmet' } : { verdict: null };
  }
  return { ...out, ...overrule };
}

function conclusionOf(v: Record<string, IndicatorVerdict>, level: LevelNo): Conclusion {
  const list = Object.values(v).map((x) => x.verdict);
  if (list.includes('unmet')) return { outcome: 'not-recognised' };
  if (list.includes('more')) return { outcome: 'returned' };
  return { outcome: 'recognised', level };
}

/** One commune of the province: renamed, assessed, with its request, verdicts and conclusion. */
export function communeReview(spec: CommuneSpec): CommuneReview {
  const input: AssessInput = { ...structuredClone(spec.base), commune: { code: spec.code, name: spec.name, province: 'Quảng Ngãi' } };
  const output = assess(input);
  const review: CommuneReview = { commune: { code: spec.code, name: spec.name }, state: spec.state, computed: output };
  if (spec.state === 'draft') return review;
  const plan = requestPlan(output, input);
  // A commune below level 1 may still send (the council then answers); it asks for level 1.
  const request = plan.kind === 'none' ? { kind: 'first' as const, level: 1 as LevelNo } : { kind: plan.kind, level: plan.level };
  review.dossier = { input, output, request: { ...request, number: '05', date: '2026-02-05' } };
  if (spec.state === 'submitted') return review;
  review.verdicts = verdictsOf(review, spec.overrule);
  review.conclusion = conclusionOf(review.verdicts, request.level);
  review.minutes = { number: String(spec.no), date: '2026-03-10' };
  if (review.conclusion.outcome === 'not-recognised') review.answer = { number: String(100 + spec.no), date: '2026-03-15' };
  if (spec.decided) review.decision = { ...spec.decided, signer: 'Nguyễn Văn Hòa' };
  return review;
}

export const L1 = sampleInput('meets-level-1');
const SHORT = sampleInput('one-indicator-short');
const AREA = sampleInput('difficult-area');
/** Meets level 2 (the sample waits on a 2025 title; without history it asks for level 2). */
const L2: AssessInput = { ...sampleInput('level-2-waiting'), history: [] };

/** A level-1 commune whose TC5.1 falls `by` people short of 60 % (the engine's gap), taken from its villages in turn. */
export function short51(base: AssessInput, by: number): AssessInput {
  const x = structuredClone(base);
  const total = x.villages.reduce((n, v) => n + (v.citizens ?? 0), 0);
  let cut = x.villages.reduce((n, v) => n + (v.citizensRecognized ?? 0), 0) - (Math.ceil((total * 60) / 100) - by);
  for (const v of x.villages) {
    const take = Math.min(cut, v.citizensRecognized ?? 0);
    v.citizensRecognized = (v.citizensRecognized ?? 0) - take;
    cut -= take;
  }
  return x;
}

/** The decision of 20/03/2026 (before 31/03, Điều 9.3). */
const DECIDED = (level: LevelNo) => ({ level, number: '120', date: '2026-03-20' });

const names = [
  'Xã Ba Tô', 'Xã Ba Vì', 'Xã Ba Dinh', 'Xã Ba Động', 'Xã Ba Gia', 'Xã Sơn Hà', 'Xã Sơn Tây', 'Xã Sơn Kỳ', 'Xã Minh Long', 'Xã Trà Bồng',
  'Xã Trà Giang', 'Xã Tư Nghĩa', 'Xã Nghĩa Hành', 'Xã Mộ Đức', 'Phường Đức Phổ', 'Xã Bình Sơn', 'Xã Sơn Tịnh', 'Xã Lý Sơn', 'Xã Đông Sơn', 'Xã Tây Trà',
];
const code = (i: number) => String(21000 + i * 3);

/**
 * A mixed province of 20 communes: 10 recognised (level 1 and level 2), 4 not recognised (the
 * engine's TC5.1 gap; TC3.2 overruled by the council; TC5.1 and TC5.2 in a difficult area), 1
 * returned, 1 still in review, 4 that sent nothing (one holding a title in force).
 */
export function mixedProvince(): CommuneSpec[] {
  const held: AssessInput = { ...structuredClone(L1), history: [{ level: 1, decidedOn: '2024-03-25' }] };
  const specs: Omit<CommuneSpec, 'no' | 'code' | 'name'>[] = [
    { base: L1, state: 'recognised', decided: DECIDED(1) },
    { base: L2, state: 'recognised', decided: DECIDED(2) },
    { base: L1, state: 'recognised', decided: DECIDED(1) },
    { base: AREA, state: 'recognised', decided: DECIDED(1) },
    { base: L2, state: 'recognised', decided: DECIDED(2) },
    { base: L1, state: 'recognised', decided: DECIDED(1) },
    { base: L1, state: 'recognised', decided: DECIDED(1) },
    { base: L2, state: 'recognised', decided: DECIDED(2) },
    { base: AREA, state: 'recognised', decided: DECIDED(1) },
    { base: L1, state: 'recognised', decided: DECIDED(1) },
    { base: SHORT, state: 'not-recognised' },
    { base: L1, state: 'not-recognised', overrule: { 'TC3.2': { verdict: 'unmet', comment: 'Thư viện xã chưa ứng dụng công nghệ thông tin trong quản lý, phục vụ người đọc.' } } },
    { base: short51(L1, 37), state: 'not-recognised' },
    { base: SHORT, state: 'not-recognised', overrule: { 'TC1.3': { verdict: 'unmet', comment: 'Không có báo cáo kết quả Tuần lễ hưởng ứng học tập suốt đời.' } } },
    { base: L1, state: 'returned', overrule: { 'TC1.2': { verdict: 'more', comment: 'Bổ sung kế hoạch năm 2025 có chữ ký, đóng dấu.' } } },
    { base: L1, state: 'submitted' },
    { base: held, state: 'draft' },
    { base: SHORT, state: 'draft' },
    { base: sampleInput('missing-data'), state: 'draft' },
    { base: L1, state: 'draft' },
  ];
  return specs.map((s, i) => ({ ...s, no: i + 1, code: code(i), name: names[i]! }));
}

/** The review year of a province with these communes. */
export function reviewYear(specs: CommuneSpec[] = mixedProvince(), extra: Partial<ReviewYear> = {}): ReviewYear {
  return {
    year: 2025,
    settings: SETTINGS,
    council: council(),
    communes: specs.map(communeReview),
    proposal: { number: '25', date: '2026-03-12' },
    decision: { number: '120', date: '2026-03-20', signerName: 'Nguyễn Văn Hòa' },
    report: { number: '40', date: '2026-04-10', to: 'Bộ Giáo dục và Đào tạo\nỦy ban nhân dân tỉnh Quảng Ngãi', strengths: 'Các xã quan tâm xây dựng xã hội học tập.' },
    ...extra,
  };
}

export const catalog = tt25_2023;
