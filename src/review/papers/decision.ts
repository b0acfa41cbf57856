// The receiver's request for a decision and the draft decision (Điều 9.2–9.3): the Tờ trình đề
// nghị công nhận listing the communes the council found to meet a level, and the dự thảo Quyết
// định công nhận with its annex (the communes and levels, numbered on its own, attached to the
// decision by number and date). Pure; one decision recognises every commune the council proposed.
import type { LevelNo } from '../../domain/assess-types.ts';
import { validUntil } from '../../domain/readiness/eligibility.ts';
import { basisLine, basisParas, body, BODY_PT, cell, hcell, ncell, recipientList, section, TABLE_PT, titleBlock, typeset, withTotals } from '../../dossier/blocks.ts';
import { p, type Block, type Doc, type Table } from '../../dossier/doc.ts';
import { formatDate, formatInt, longDate } from '../../dossier/format.ts';
import { linesOf } from '../../dossier/texts.ts';
import { COUNCIL_NAME, minutesRef } from './appraisal.ts';
import { archiveOf, authorityInText, citedNumber, authorityLine, header, issuerOf, numberLine, officeFooter, provinceDate } from './offices.ts';
import type { CommuneReview, PaperProblem, PaperResult, ReviewYear, SentDossier } from './types.ts';
import { levelLabel } from '../../i18n/readiness.ts';

export type ProposalDoc = Doc<'proposal'>;
export type DecisionDoc = Doc<'decision'>;

/** A commune the council proposes for recognition. */
export interface Proposed {
  review: CommuneReview & { dossier: SentDossier };
  level: LevelNo;
  kind: SentDossier['request']['kind'];
}

/** What the annex says of how the title is given. */
const KIND_LABEL: Readonly<Record<Proposed['kind'], string>> = {
  first: 'Công nhận lần đầu',
  upgrade: 'Công nhận nâng mức độ',
  renewal: 'Công nhận lại',
};

/** The communes the council concluded to recognise, level 2 first, each level in the list's order. */
export function proposedCommunes(y: ReviewYear): Proposed[] {
  const out: Proposed[] = [];
  for (const r of y.communes) {
    if (r.dossier && r.conclusion?.outcome === 'recognised') {
      out.push({ review: r as Proposed['review'], level: r.conclusion.level, kind: r.dossier.request.kind });
    }
  }
  return out.sort((a, b) => b.level - a.level);
}

/** "3 xã đạt Mức độ 1 (Khá), 2 xã đạt Mức độ 2 (Tốt)". */
function byLevelText(list: Proposed[]): string {
  return ([1, 2] as const)
    .map((l) => [l, list.filter((x) => x.level === l).length] as const)
    .filter(([, n]) => n > 0)
    .map(([l, n]) => `${formatInt(n)} xã đạt ${levelLabel(l)}`)
    .join(', ');
}

/** The last day the titles of this decision are kept (Điều 5.4): 31/12 of its year + 3. */
function keptUntil(y: ReviewYear): string {
  return validUntil(y.decision?.date ?? `${y.year + 1}-01-01`);
}

function noneProposed(): PaperProblem {
  return { code: 'none-proposed', severity: 'block', text: 'Chưa có xã nào được Hội đồng kết luận đề nghị công nhận.' };
}

/**
 * The communes proposed, one row each (TT, xã, mức độ, hình thức, and a last column of the
 * paper's own), then the totals: the Tờ trình's list and the decision's annex.
 */
function communesTable(name: string, list: Proposed[], heads: [string, string, string], last: (x: Proposed) => string, totals: string, widths: number[]): Table {
  return withTotals({
    kind: 'table',
    name,
    size: TABLE_PT,
    widths,
    head: [[hcell('TT'), hcell(heads[0]), hcell(heads[1]), hcell('Hình thức'), hcell(heads[2])]],
    body: [
      ...list.map((x, i) => [ncell(String(i + 1)), cell(x.review.commune.name), ncell(levelLabel(x.level)), ncell(KIND_LABEL[x.kind]), ncell(last(x))]),
      [ncell(''), cell(totals, { bold: true, colSpan: 4 })],
    ],
  });
}

/** The communes and levels, as the Tờ trình lists them. */
function proposalTable(y: ReviewYear, list: Proposed[]): Table {
  const minutes = (x: Proposed) => minutesRef(x.review, y.council).replace(/^Biên bản thẩm định /, '');
  return communesTable('proposal-communes', list, ['Xã', 'Mức độ đề nghị công nhận', 'Biên bản thẩm định'], minutes, `Cộng: ${formatInt(list.length)} xã`, [7, 27, 21, 24, 21]);
}

/** Tờ trình đề nghị công nhận from the receiver to the deciding office. */
export function buildProposal(y: ReviewYear): PaperResult<ProposalDoc> {
  const list = proposedCommunes(y);
  if (list.length === 0) return { doc: null, problems: [noneProposed()] };
  const { settings, year } = y;
  const receiver = settings.receiver;
  const decider = settings.decider;
  const sent = y.communes.filter((c) => c.dossier);
  const decided = y.communes.filter((c) => c.dossier && c.conclusion);
  const notMet = y.communes.filter((c) => c.conclusion?.outcome === 'not-recognised');
  const blocks: Block[] = [];
  blocks.push(header(issuerOf(receiver), numberLine(y.proposal, 'TTr', receiver), provinceDate(settings, y.proposal?.date, year)));
  blocks.push(...titleBlock('TỜ TRÌNH', `Về việc đề nghị công nhận xã đạt "Cộng đồng học tập" cấp xã năm ${year}`));
  blocks.push(p([{ text: `Kính gửi: ${decider.name}.` }], { align: 'center', after: 12 }));
  blocks.push(...basisParas(settings.guidanceLetter));
  blocks.push(body(basisLine(`kết quả thẩm định của ${COUNCIL_NAME} năm ${year}`)));
  blocks.push(
    body(
      `${receiver.name} đã tiếp nhận hồ sơ đề nghị đánh giá, công nhận "Cộng đồng học tập" cấp xã năm ${year} của ${formatInt(sent.length)} xã; ${COUNCIL_NAME} đã thẩm định ${formatInt(decided.length)} hồ sơ. Kết quả: ${formatInt(list.length)} xã đủ điều kiện công nhận (${byLevelText(list)})${notMet.length ? `; ${formatInt(notMet.length)} xã không đạt (đã có văn bản trả lời nêu rõ lý do)` : ''}.`,
    ),
  );
  blocks.push(body(`${receiver.name} kính đề nghị ${decider.name} xem xét, công nhận ${formatInt(list.length)} xã đạt "Cộng đồng học tập" cấp xã năm ${year}, gồm:`, { keepNext: true }));
  blocks.push(proposalTable(y, list));
  blocks.push(body('Hồ sơ kèm theo gồm:', { keepNext: true, before: 6 }));
  blocks.push(body(`1. Biên bản thẩm định của ${COUNCIL_NAME} đối với từng xã;`));
  blocks.push(body('2. Bản tổng hợp kết quả đánh giá các tiêu chí, chỉ tiêu của các xã do Hội đồng thẩm định;'));
  blocks.push({
    kind: 'keep',
    blocks: [
      body('3. Dự thảo Quyết định công nhận.'),
      body(`Kính trình ${decider.name} xem xét, quyết định./.`),
      officeFooter(receiver, recipientList(['- Như trên;'], undefined, archiveOf(receiver))),
    ],
  });
  const doc: ProposalDoc = typeset({
    id: 'proposal',
    title: 'Tờ trình đề nghị công nhận',
    fileName: `to-trinh-de-nghi-cong-nhan-${year}`,
    size: BODY_PT,
    draft: !y.proposal?.number || !y.proposal?.date || y.communes.some((c) => c.dossier && !c.conclusion),
    sections: [section('main', blocks)],
  });
  return { doc, problems: [] };
}

/** "Quyết định số 120/QĐ-UBND ngày 20 tháng 03 năm 2026 của Chủ tịch Ủy ban nhân dân tỉnh Quảng Ngãi". */
export function decisionRef(y: ReviewYear): string {
  const d = y.settings.decider;
  return `Quyết định số ${citedNumber(y.decision?.number, `QĐ-${d.abbr}`)} ${longDate(y.decision?.date, y.year + 1)} của ${authorityInText(d)}`;
}

/** The annex: the communes recognised, by level, with how and until when. */
function annexTable(list: Proposed[], until: string): Table {
  const totals = `Cộng: ${formatInt(list.length)} xã (${byLevelText(list)})`;
  return communesTable('decision-annex', list, ['Tên xã', 'Mức độ công nhận', 'Bảo lưu đến ngày'], () => formatDate(until), totals, [7, 29, 21, 25, 18]);
}

/** Dự thảo Quyết định công nhận, with its annex listing the communes and levels. */
export function buildDecision(y: ReviewYear): PaperResult<DecisionDoc> {
  const list = proposedCommunes(y);
  if (list.length === 0) return { doc: null, problems: [noneProposed()] };
  const { settings, year } = y;
  const decider = settings.decider;
  const receiver = settings.receiver;
  const until = keptUntil(y);
  const proposalDate = y.proposal?.date ? ` ngày ${formatDate(y.proposal.date)}` : '';
  const blocks: Block[] = [];
  blocks.push(header(issuerOf(decider), numberLine(y.decision, 'QĐ', decider), provinceDate(settings, y.decision?.date, year)));
  blocks.push(p([{ text: 'QUYẾT ĐỊNH', bold: true }], { align: 'center', before: 18, keepNext: true }));
  blocks.push(p([{ text: `Về việc công nhận xã đạt "Cộng đồng học tập" cấp xã năm ${year}`, bold: true }], { align: 'center', rule: 40, after: 12, keepNext: true }));
  blocks.push(p([{ text: authorityLine(decider), bold: true }], { align: 'center', after: 12, keepNext: true }));
  for (const l of linesOf(settings.decisionBasis)) blocks.push(body(basisLine(l)));
  blocks.push(...basisParas(settings.guidanceLetter));
  blocks.push(body(basisLine(`kết quả thẩm định của ${COUNCIL_NAME} năm ${year}`)));
  blocks.push(body(`Theo đề nghị của ${receiver.name} tại Tờ trình số ${citedNumber(y.proposal?.number, `TTr-${receiver.abbr}`)}${proposalDate}.`));
  blocks.push(p([{ text: 'QUYẾT ĐỊNH:', bold: true }], { align: 'center', before: 6, after: 6, keepNext: true }));
  blocks.push(
    body([
      { text: 'Điều 1. ', bold: true },
      { text: `Công nhận ${formatInt(list.length)} xã đạt "Cộng đồng học tập" cấp xã năm ${year} (${byLevelText(list)}), có danh sách kèm theo.` },
    ]),
  );
  blocks.push(
    body([
      { text: 'Điều 2. ', bold: true },
      { text: `Kết quả công nhận được bảo lưu trong thời hạn 3 năm (36 tháng) tiếp theo năm được công nhận, đến hết ngày ${formatDate(until)}.` },
    ]),
  );
  blocks.push({
    kind: 'keep',
    blocks: [
      body([
        { text: 'Điều 3. ', bold: true },
        { text: 'Quyết định này có hiệu lực kể từ ngày ký. Thủ trưởng các cơ quan, đơn vị có liên quan và Chủ tịch Ủy ban nhân dân các xã có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.' },
      ]),
      officeFooter(decider, recipientList(['- Như Điều 3;', `- ${receiver.name};`], undefined, archiveOf(decider)), y.decision?.signerName),
    ],
  });
  const annex: Block[] = [
    p([{ text: 'DANH SÁCH', bold: true }], { align: 'center', keepNext: true }),
    p([{ text: `XÃ ĐẠT "CỘNG ĐỒNG HỌC TẬP" CẤP XÃ NĂM ${year}`, bold: true }], { align: 'center', keepNext: true }),
    p([{ text: `(Kèm theo ${decisionRef(y)})`, italic: true }], { align: 'center', after: 12, rule: 40, keepNext: true }),
    annexTable(list, until),
  ];
  const problems: PaperProblem[] = [];
  const pending = y.communes.filter((c) => c.dossier && !c.conclusion).length;
  if (pending > 0) problems.push({ code: 'pending', severity: 'warn', text: `Còn ${formatInt(pending)} hồ sơ chưa có kết luận của Hội đồng.` });
  const doc: DecisionDoc = typeset({
    id: 'decision',
    title: 'Dự thảo Quyết định công nhận',
    fileName: `du-thao-quyet-dinh-cong-nhan-${year}`,
    size: BODY_PT,
    // The draft the council submits; it stops being one once the decision has its number, date and signer.
    draft: !y.decision?.number || !y.decision?.date || !y.decision?.signerName || pending > 0,
    sections: [section('main', blocks), section('annex', annex)],
  });
  return { doc, problems };
}
