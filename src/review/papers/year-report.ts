// The province's yearly Báo cáo kết quả đánh giá, công nhận "Cộng đồng học tập" cấp xã (seed 000
// is one): how many communes sent a dossier and were appraised, how many reached each level, why
// the others did not (grouped by the criterion and indicator they fail), with two bar charts
// drawn from the same figures, and an annex listing every commune. Pure.
import type { LevelNo } from '../../domain/assess-types.ts';
import { type Catalog } from '../../domain/catalog/index.ts';
import { basisParas, body, BODY_PT, cell, hcell, heading, closingSections, ncell, recipientList, section, TABLE_PT, titleBlock, typeset, withTotals } from '../../dossier/blocks.ts';
import { p, type Bar, type Block, type Chart, type Doc, type Table } from '../../dossier/doc.ts';
import { formatDate, formatInt, longDate } from '../../dossier/format.ts';
import { linesOf } from '../../dossier/texts.ts';
import { COUNCIL_NAME } from './appraisal.ts';
import { archiveOf, citedNumber, header, issuerOf, numberLine, officeFooter, provinceDate } from './offices.ts';
import type { CommuneReview, PaperProblem, PaperResult, ReviewYear, SentDossier } from './types.ts';
import { communeVerdicts } from './verdicts.ts';
import { criterionName, formatShare, levelLabel } from '../../i18n/readiness.ts';

export type YearReportDoc = Doc<'year-report'>;

/** Where a commune stands at the end of the year. */
export type Outcome = 'level-2' | 'level-1' | 'not-recognised' | 'returned' | 'in-review' | 'not-sent';

export const OUTCOME_LABEL: Readonly<Record<Outcome, string>> = {
  'level-2': `Đạt ${levelLabel(2)}`,
  'level-1': `Đạt ${levelLabel(1)}`,
  'not-recognised': 'Không đạt',
  returned: 'Trả lại để bổ sung',
  'in-review': 'Đang thẩm định',
  'not-sent': 'Chưa gửi hồ sơ',
};

const OUTCOMES: readonly Outcome[] = ['level-2', 'level-1', 'not-recognised', 'returned', 'in-review', 'not-sent'];

/** The level the register (or, before it, the council's conclusion) gives a recognised commune. */
function recognisedLevel(r: CommuneReview): LevelNo | null {
  if (r.decision) return r.decision.level;
  return r.state === 'recognised' && r.conclusion?.outcome === 'recognised' ? r.conclusion.level : null;
}

/** A commune's outcome from its state and the register. */
export function outcomeOf(r: CommuneReview): Outcome {
  const level = recognisedLevel(r);
  if (level) return level === 2 ? 'level-2' : 'level-1';
  switch (r.state) {
    case 'not-recognised':
      return 'not-recognised';
    case 'returned':
      return 'returned';
    case 'draft':
      return 'not-sent';
    default:
      // 'submitted', 'in-review', and 'recognised' without a level anywhere (said as a problem).
      return 'in-review';
  }
}

/** An indicator the communes not recognised failed, with those communes. */
export interface Failing {
  id: string;
  /** "Chỉ tiêu 1 của Tiêu chí 5". */
  name: string;
  text: string;
  communes: string[];
}

export interface YearSummary {
  total: number;
  /** Communes that sent a dossier. */
  sent: number;
  /** Dossiers the council concluded on. */
  appraised: number;
  counts: Record<Outcome, number>;
  /** Communes that sent nothing while holding a title in force. */
  heldInForce: number;
  /** Communes that sent nothing, by the level their own figures reach (the server's assessment). */
  notSentByLevel: { met: number; unmet: number; unknown: number };
  /** Indicators failed by the communes not recognised, catalog order, only those failed. */
  failing: Failing[];
  /** Per criterion: how many communes not recognised fail at least one of its indicators. */
  failingCriteria: { id: string; name: string; count: number }[];
  problems: PaperProblem[];
}

/** The year's figures, from the communes' states, the council's verdicts and the register. */
export function yearSummary(y: ReviewYear, catalog: Catalog): YearSummary {
  const counts = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  const failing = new Map<string, Failing>();
  const criteria = new Map(catalog.criteria.map((c) => [c.id, new Set<string>()]));
  const problems: PaperProblem[] = [];
  const notSentByLevel = { met: 0, unmet: 0, unknown: 0 };
  let heldInForce = 0;
  for (const r of y.communes) {
    const o = outcomeOf(r);
    counts[o]++;
    if (r.state === 'recognised' && !recognisedLevel(r)) {
      problems.push({ code: 'no-decision', severity: 'warn', text: `${r.commune.name}: đã công nhận nhưng chưa ghi quyết định công nhận.` });
    }
    if (o === 'not-sent') {
      const c = r.computed;
      if (c?.held) heldInForce++;
      else if (!c) notSentByLevel.unknown++;
      else if (c.level > 0) notSentByLevel.met++;
      else if (c.levels.find((l) => l.level === 1)?.status === 'unmet') notSentByLevel.unmet++;
      else notSentByLevel.unknown++;
    }
    if (o === 'not-recognised' && r.dossier) {
      for (const reason of communeVerdicts(r as CommuneReview & { dossier: SentDossier }, catalog).reasons) {
        if (reason.verdict !== 'unmet') continue;
        const f = failing.get(reason.id) ?? { id: reason.id, name: reason.name, text: reason.text, communes: [] };
        f.communes.push(r.commune.name);
        failing.set(reason.id, f);
        criteria.get(reason.id.split('.')[0]!)?.add(r.commune.code);
      }
    }
  }
  const order = catalog.criteria.flatMap((c) => c.indicators.map((i) => i.id));
  return {
    total: y.communes.length,
    sent: y.communes.filter((r) => r.dossier).length,
    appraised: y.communes.filter((r) => r.dossier && r.conclusion).length,
    counts,
    heldInForce,
    notSentByLevel,
    failing: [...failing.values()].sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id)),
    failingCriteria: catalog.criteria.map((c) => ({ id: c.id, name: criterionName(c.id), count: criteria.get(c.id)!.size })),
    problems,
  };
}

/** A share of the communes, never rounded up to all of them (1.999 of 2.000 is not "100 %"). */
const shareOf = (n: number, total: number): string => formatShare({ numerator: n, denominator: total, percent: null }, 100);

/** Chart 1: the communes by outcome; the levels and "Không đạt" always shown, the others when any. */
function outcomeChart(y: ReviewYear, s: YearSummary): Chart {
  const bars: Bar[] = OUTCOMES.filter((o) => ['level-2', 'level-1', 'not-recognised'].includes(o) || s.counts[o] > 0).map((o) => ({
    label: OUTCOME_LABEL[o],
    value: s.counts[o],
    note: shareOf(s.counts[o], s.total),
  }));
  return { kind: 'chart', name: 'outcomes', caption: `Biểu đồ 1. Kết quả đánh giá, công nhận "Cộng đồng học tập" cấp xã năm ${y.year}`, unit: 'Số xã', noteHead: 'Tỷ lệ', bars };
}

/** Chart 2: how many communes not recognised fail each criterion. */
function criteriaChart(y: ReviewYear, s: YearSummary): Chart {
  return {
    kind: 'chart',
    name: 'failing-criteria',
    caption: `Biểu đồ 2. Số xã không đạt theo tiêu chí năm ${y.year}`,
    unit: 'Số xã không đạt',
    bars: s.failingCriteria.map((c) => ({ label: c.name, value: c.count })),
  };
}

function failingTable(s: YearSummary): Table {
  return {
    kind: 'table',
    name: 'failing',
    size: TABLE_PT,
    widths: [8, 47, 12, 33],
    head: [[hcell('TT'), hcell('Chỉ tiêu không đạt'), hcell('Số xã'), hcell('Các xã')]],
    body: s.failing.map((f) => [
      ncell(f.id.replace(/^TC/, '')),
      { paras: [p([{ text: `${f.name}: `, bold: true }, { text: f.text }])], valign: 'center' },
      ncell(formatInt(f.communes.length), true),
      cell(f.communes.join(', ')),
    ]),
  };
}

/** Counts and shares of the outcomes as one sentence. */
function outcomeSentence(s: YearSummary): string {
  const part = (o: Outcome, what: string) => `${formatInt(s.counts[o])} xã (${shareOf(s.counts[o], s.total)}) ${what}`;
  const parts = [part('level-2', `đạt ${levelLabel(2)}`), part('level-1', `đạt ${levelLabel(1)}`), part('not-recognised', 'không đạt')];
  if (s.counts.returned) parts.push(part('returned', 'được trả lại để bổ sung hồ sơ'));
  if (s.counts['in-review']) parts.push(part('in-review', 'đang thẩm định'));
  return parts.join('; ');
}

/** The annex row's note: the indicators failed, what to add, or the title held. */
function annexNote(r: CommuneReview, o: Outcome, catalog: Catalog): string {
  if ((o === 'not-recognised' || o === 'returned') && r.dossier) {
    const reasons = communeVerdicts(r as CommuneReview & { dossier: SentDossier }, catalog).reasons.filter((x) => (o === 'returned' ? true : x.verdict === 'unmet'));
    return reasons.length ? `${o === 'returned' ? 'Cần bổ sung' : 'Không đạt'}: ${reasons.map((x) => x.name).join('; ')}` : '';
  }
  if (o === 'not-sent' && r.computed?.held) return `Đang giữ ${levelLabel(r.computed.held.level)} đến ${formatDate(r.computed.held.validUntil)}`;
  return '';
}

function annexTable(y: ReviewYear, catalog: Catalog, s: YearSummary): Table {
  const decision = (r: CommuneReview) =>
    r.decision ? `${citedNumber(r.decision.number, `QĐ-${y.settings.decider.abbr}`)}${r.decision.date ? ` ngày ${formatDate(r.decision.date)}` : ''}` : '';
  return withTotals({
    kind: 'table',
    name: 'year-annex',
    size: 11,
    widths: [6, 24, 15, 17, 20, 18],
    head: [[hcell('TT'), hcell('Xã'), hcell('Mức độ đề nghị'), hcell('Kết quả'), hcell('Quyết định công nhận'), hcell('Ghi chú')]],
    body: [
      ...y.communes.map((r, i) => {
        const o = outcomeOf(r);
        return [
          ncell(String(i + 1)),
          cell(r.commune.name),
          ncell(r.dossier ? levelLabel(r.dossier.request.level) : '—'),
          ncell(OUTCOME_LABEL[o], o === 'not-recognised'),
          ncell(decision(r)),
          cell(annexNote(r, o, catalog)),
        ];
      }),
      [ncell(''), cell(`Cộng: ${formatInt(s.total)} xã`, { bold: true }), ncell(formatInt(s.sent), true), cell(outcomeSentence(s).replace(/ \(\d[^)]*\)/g, ''), { bold: true, colSpan: 3 })],
    ],
  });
}

/** "Kính gửi: X." centred for one addressee; for several, "Kính gửi:" then one "- X;" a line (Nghị định 30/2020). */
function kinhGui(to: string[]): Block[] {
  const clean = to.map((l) => l.replace(/^[-–•+]\s*/, '').replace(/[.;]$/, ''));
  if (clean.length === 0) return [];
  if (clean.length === 1) return [p(`Kính gửi: ${clean[0]}.`, { align: 'center', after: 12 })];
  return [
    p('Kính gửi:', { align: 'center', keepNext: true }),
    ...clean.map((l, i) => p(`- ${l}${i === clean.length - 1 ? '.' : ';'}`, { indent: 45, keepNext: i < clean.length - 1, after: i === clean.length - 1 ? 12 : 0 })),
  ];
}

/** The yearly report of the receiving office, with its annex of every commune. */
export function buildYearReport(y: ReviewYear, catalog: Catalog): PaperResult<YearReportDoc> & { summary: YearSummary } {
  const s = yearSummary(y, catalog);
  const { settings, year } = y;
  const receiver = settings.receiver;
  const t = y.report ?? {};
  const ref = `Báo cáo số ${citedNumber(t.number, `BC-${receiver.abbr}`)} ${longDate(t.date, year + 1)} của ${receiver.name}`;
  const blocks: Block[] = [];
  blocks.push(header(issuerOf(receiver), numberLine(t, 'BC', receiver), provinceDate(settings, t.date, year)));
  blocks.push(...titleBlock('BÁO CÁO', `Kết quả đánh giá, công nhận "Cộng đồng học tập" cấp xã năm ${year}`));
  // Addressed as typed, else to the deciding office the province set (it recognises the communes).
  const to = linesOf(t.to).length ? linesOf(t.to) : [settings.decider.name];
  blocks.push(...kinhGui(to));
  blocks.push(...basisParas(settings.guidanceLetter));
  blocks.push(body(`${receiver.name} báo cáo kết quả đánh giá, công nhận "Cộng đồng học tập" cấp xã năm ${year} (từ ngày 01/01/${year} đến ngày 31/12/${year}) trên địa bàn tỉnh ${settings.province} như sau:`));

  blocks.push(heading('I. KẾT QUẢ TIẾP NHẬN, THẨM ĐỊNH HỒ SƠ'));
  blocks.push(
    body(
      `Toàn tỉnh có ${formatInt(s.total)} xã. ${receiver.name} đã tiếp nhận hồ sơ của ${formatInt(s.sent)} xã (${shareOf(s.sent, s.total)}); ${COUNCIL_NAME} đã thẩm định ${formatInt(s.appraised)} hồ sơ.`,
    ),
  );
  blocks.push(body(`Kết quả: ${outcomeSentence(s)}.`));
  const notSent = s.counts['not-sent'];
  if (notSent > 0) {
    const held = s.heldInForce ? `, trong đó ${formatInt(s.heldInForce)} xã đang giữ danh hiệu còn thời hạn bảo lưu` : '';
    const own = s.notSentByLevel;
    const byOwn = [
      own.met ? `${formatInt(own.met)} xã đạt mức độ 1 trở lên` : '',
      own.unmet ? `${formatInt(own.unmet)} xã chưa đạt mức độ 1` : '',
      own.unknown ? `${formatInt(own.unknown)} xã chưa đủ số liệu` : '',
    ].filter(Boolean);
    blocks.push(
      body(
        `${formatInt(notSent)} xã chưa gửi hồ sơ (${shareOf(notSent, s.total)})${held}${byOwn.length ? `; theo số liệu tự đánh giá của các xã còn lại: ${byOwn.join(', ')}` : ''}.`,
      ),
    );
  }
  blocks.push(outcomeChart(y, s));

  blocks.push(heading('II. CÁC XÃ KHÔNG ĐẠT VÀ NGUYÊN NHÂN'));
  if (s.counts['not-recognised'] === 0) {
    blocks.push(body(`Năm ${year} không có xã nào được Hội đồng kết luận không đạt.`));
  } else {
    blocks.push(
      body(
        `${formatInt(s.counts['not-recognised'])} xã không đạt do chưa đạt các chỉ tiêu dưới đây (một xã có thể không đạt nhiều chỉ tiêu); ${receiver.name} đã có văn bản trả lời từng xã, nêu rõ lý do không đạt.`,
        { keepNext: true },
      ),
    );
    blocks.push(criteriaChart(y, s));
    blocks.push(failingTable(s));
  }

  blocks.push(...closingSections(['III. ĐÁNH GIÁ CHUNG', 'IV. ĐỀ XUẤT, KIẾN NGHỊ'], t));
  const first = to.map((l) => `- ${l.replace(/[.;]$/, '')};`);
  blocks.push({
    kind: 'keep',
    blocks: [
      body(`Trên đây là báo cáo kết quả đánh giá, công nhận "Cộng đồng học tập" cấp xã năm ${year} của ${receiver.name}. ${receiver.name} kính báo cáo./.`),
      officeFooter(receiver, recipientList(first, t.copyTo, archiveOf(receiver))),
    ],
  });

  const annex: Block[] = [
    p([{ text: 'PHỤ LỤC', bold: true }], { align: 'center', keepNext: true }),
    p([{ text: `KẾT QUẢ ĐÁNH GIÁ, CÔNG NHẬN "CỘNG ĐỒNG HỌC TẬP" CẤP XÃ NĂM ${year}`, bold: true }], { align: 'center', keepNext: true }),
    p([{ text: `(Kèm theo ${ref})`, italic: true }], { align: 'center', after: 12, rule: 40, keepNext: true }),
    annexTable(y, catalog, s),
  ];
  const problems = [...s.problems];
  if (s.counts['in-review'] > 0) problems.push({ code: 'pending', severity: 'warn', text: `Còn ${formatInt(s.counts['in-review'])} hồ sơ đang thẩm định.` });
  const doc: YearReportDoc = typeset({
    id: 'year-report',
    title: 'Báo cáo kết quả đánh giá, công nhận',
    fileName: `bao-cao-ket-qua-danh-gia-cong-nhan-${year}`,
    size: BODY_PT,
    draft: !t.number || !t.date || s.counts['in-review'] > 0,
    sections: [section('main', blocks), section('annex', annex)],
  });
  return { doc, problems, summary: s };
}
