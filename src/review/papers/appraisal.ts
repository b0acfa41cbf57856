// Biên bản thẩm định of one commune's dossier (Điều 9.2): the council by the bodies its members
// represent, how it appraised (a meeting or written opinions), the verdict on each indicator in
// the circular's wording with the commune's figure and the council's comment, and the conclusion.
// A council that is not lawfully made up, or a conclusion the verdicts do not bear, makes no paper.
import type { LevelNo } from '../../domain/assess-types.ts';
import type { Catalog } from '../../domain/catalog/index.ts';
import { basisLine, basisParas, body, BODY_PT, cell, hcell, heading, multiline, ncell, orBlank, section, TABLE_PT, titleBlock, twoSigners, typeset } from '../../dossier/blocks.ts';
import { p, type Block, type Cell, type Doc, type Run } from '../../dossier/doc.ts';
import { communeInText, formatDate, longDate } from '../../dossier/format.ts';
import { PAPER_STATUS } from '../../dossier/figures.ts';
import { documentNumber, linesOf } from '../../dossier/texts.ts';
import { councilProblems, membersByOrganisation, ROLE_LABEL, signers } from './council.ts';
import { citedNumber, councilIssuer, header, provinceDate } from './offices.ts';
import type { CommuneReview, Council, PaperProblem, PaperResult, ProvinceSettings, SentDossier } from './types.ts';
import { communeVerdicts, conclusionProblems, reasonText, VERDICT_LABEL, type CommuneVerdicts, type VerdictRow } from './verdicts.ts';
import { levelLabel } from '../../i18n/readiness.ts';

export type AppraisalDoc = Doc<'appraisal'>;

export interface AppraisalArgs {
  year: number;
  settings: ProvinceSettings;
  council: Council;
  review: CommuneReview;
  catalog: Catalog;
}

/** The council as a sentence names it. */
export const COUNCIL_NAME = 'Hội đồng đánh giá, công nhận "Cộng đồng học tập" cấp xã';

/** "“Cộng đồng học tập” cấp xã Mức độ 1 (Khá) năm 2025". */
export const titleOf = (level: LevelNo, year: number): string => `"Cộng đồng học tập" cấp xã ${levelLabel(level)} năm ${year}`;

/** "công nhận" or "công nhận lại" (Điều 9.4). */
export const verbOf = (kind: SentDossier['request']['kind']): string => (kind === 'renewal' ? 'công nhận lại' : 'công nhận');

/** "Tờ trình số 05/TTr-UBND ngày 05/02/2026 của Ủy ban nhân dân xã Ba Tô". */
export function requestRef(review: CommuneReview & { dossier: SentDossier }): string {
  const r = review.dossier.request;
  const date = r.date ? ` ngày ${formatDate(r.date)}` : '';
  return `Tờ trình số ${citedNumber(r.number, 'TTr-UBND')}${date} của Ủy ban nhân dân ${communeInText(review.commune.name)}`;
}

/** "Biên bản thẩm định số 12/BB-HĐ ngày 10/03/2026". */
export function minutesRef(review: CommuneReview, council: Council): string {
  const date = review.minutes?.date ?? council.appraisal.date;
  return `Biên bản thẩm định số ${citedNumber(review.minutes?.number, 'BB-HĐ')}${date ? ` ngày ${formatDate(date)}` : ''}`;
}

/** "Quyết định số 45/QĐ-SGDĐT ngày 15/01/2026 của Sở Giáo dục và Đào tạo tỉnh Quảng Ngãi về việc thành lập …". */
function establishedBasis(council: Council, settings: ProvinceSettings, year: number): string {
  const e = council.established;
  const date = e?.date ? ` ngày ${formatDate(e.date)}` : '';
  const by = e?.issuer?.trim() || settings.receiver.name;
  return `Căn cứ Quyết định số ${citedNumber(e?.number, `QĐ-${settings.receiver.abbr}`)}${date} của ${by} về việc thành lập ${COUNCIL_NAME} năm ${year};`;
}

/** The verdict table: TT | tiêu chí, chỉ tiêu | kết quả của xã | kết quả thẩm định | ý kiến của Hội đồng. */
function verdictTable(v: CommuneVerdicts): Block {
  const label = (r: VerdictRow) => (r.verdict ? VERDICT_LABEL[r.verdict] : 'Chưa thẩm định');
  const body: Cell[][] = v.rows.map((r) => {
    if (r.kind === 'criterion') {
      return [
        cell(r.no, { bold: true, align: 'center', shade: true }),
        cell(`${r.name}: ${r.text}`, { bold: true, shade: true }),
        cell(r.figure, { bold: true, shade: true }),
        cell(label(r), { bold: true, align: 'center', shade: true }),
        cell('', { shade: true }),
      ];
    }
    return [
      ncell(r.no),
      { paras: [p([{ text: `${r.name}: `, bold: true }, { text: r.text }])], valign: 'center' },
      { paras: multiline(`${r.figure}\nXã tự đánh giá: ${PAPER_STATUS[r.status]}`), valign: 'center' },
      cell(label(r), { align: 'center', bold: r.verdict !== 'met' }),
      { paras: multiline(r.comment || ' '), valign: 'center' },
    ];
  });
  return {
    kind: 'table',
    name: 'appraisal',
    size: TABLE_PT,
    widths: [6, 34, 24, 12, 24],
    head: [[hcell('TT'), hcell('Tiêu chí, chỉ tiêu'), hcell('Hồ sơ của xã'), hcell('Kết quả thẩm định'), hcell('Ý kiến của Hội đồng')]],
    body,
    keepWithNext: v.rows.flatMap((r, i) => (r.kind === 'criterion' ? [i] : [])),
  };
}

/** The council's conclusion in words (the same sentence for the paper and the screen). */
export function conclusionText(args: AppraisalArgs & { review: CommuneReview & { dossier: SentDossier } }, v: CommuneVerdicts): string {
  const { review, year, settings } = args;
  const commune = communeInText(review.commune.name);
  const c = review.conclusion;
  const counts = `đạt ${v.criteriaMet}/${v.criteriaTotal} tiêu chí, ${v.indicatorsMet}/${v.indicatorsTotal} chỉ tiêu ${v.levelName}`;
  if (!c) return '';
  if (c.outcome === 'recognised') {
    return `Hồ sơ của ${commune} ${counts}. Hội đồng thống nhất đề nghị ${settings.decider.name} ${verbOf(review.dossier.request.kind)} ${commune} đạt ${titleOf(c.level, year)}.`;
  }
  const list = v.reasons.filter((r) => (c.outcome === 'not-recognised' ? r.verdict === 'unmet' : true)).map((r) => r.name);
  if (c.outcome === 'not-recognised') {
    return `Hồ sơ của ${commune} ${counts}; không đạt: ${list.join(', ')}. Hội đồng thống nhất: ${commune} chưa đạt ${titleOf(v.level, year)}; đề nghị ${settings.receiver.name} có văn bản trả lời Ủy ban nhân dân ${commune}, nêu rõ lý do không đạt.`;
  }
  return `Hồ sơ của ${commune} ${counts}. Hội đồng đề nghị Ủy ban nhân dân ${commune} bổ sung hồ sơ: ${list.join(', ')} (theo ý kiến tại mục II) và gửi lại để Hội đồng thẩm định.`;
}

/** The Biên bản thẩm định of one commune, or why it is not made. */
export function buildAppraisal(args: AppraisalArgs): PaperResult<AppraisalDoc> & { verdicts: CommuneVerdicts | null } {
  const { review, council, settings, year, catalog } = args;
  const problems: PaperProblem[] = [...councilProblems(council)];
  if (!review.dossier) {
    problems.push({ code: 'not-sent', severity: 'block', text: `${review.commune.name} chưa gửi hồ sơ.` });
    return { doc: null, problems, verdicts: null };
  }
  const sent = review as CommuneReview & { dossier: SentDossier };
  const v = communeVerdicts(sent, catalog);
  problems.push(...v.problems, ...conclusionProblems(review.conclusion, v));
  if (problems.some((x) => x.severity === 'block')) return { doc: null, problems, verdicts: v };

  const commune = communeInText(review.commune.name);
  const a = council.appraisal;
  const date = review.minutes?.date ?? a.date;
  const blocks: Block[] = [];
  blocks.push(header(councilIssuer(settings.receiver), `Số: ${documentNumber(review.minutes?.number, 'BB-HĐ')}`, provinceDate(settings, date, year)));
  blocks.push(...titleBlock('BIÊN BẢN', `Thẩm định hồ sơ đề nghị ${verbOf(sent.dossier.request.kind)} "Cộng đồng học tập" cấp xã năm ${year} của ${commune}`));
  blocks.push(...basisParas(settings.guidanceLetter));
  blocks.push(body(establishedBasis(council, settings, year)));
  blocks.push(body(basisLine(`hồ sơ đề nghị ${verbOf(sent.dossier.request.kind)} ${commune} đạt ${titleOf(v.level, year)} (${requestRef(sent)})`)));
  if (a.kind === 'meeting') {
    const when: Run[] = [{ text: 'Hôm nay, vào lúc ' }, orBlank(a.start, 6), { text: `, ${longDate(a.date, year + 1)}, tại ` }, orBlank(a.place, 24)];
    blocks.push(body([...when, { text: `, ${COUNCIL_NAME} năm ${year} họp thẩm định hồ sơ của ${commune}.` }]));
  } else {
    blocks.push(
      body(`${COUNCIL_NAME} năm ${year} thẩm định hồ sơ của ${commune} bằng hình thức lấy ý kiến bằng văn bản của các thành viên Hội đồng; ý kiến được tổng hợp ${longDate(a.date, year + 1)}.`),
    );
  }

  blocks.push(heading(`I. THÀNH PHẦN HỘI ĐỒNG (${council.members.length} thành viên)`));
  membersByOrganisation(council).forEach((g, i) => {
    blocks.push(body([{ text: `${i + 1}. ${g.organisation}:`, bold: true }], { keepNext: true, after: 2 }));
    for (const m of g.members) {
      const who = [m.name.trim(), m.position?.trim()].filter(Boolean).join(', ');
      blocks.push(body(`- ${who}: ${ROLE_LABEL[m.role]};`, { after: 2 }));
    }
  });

  blocks.push(heading(`II. KẾT QUẢ THẨM ĐỊNH THEO TIÊU CHÍ, CHỈ TIÊU (${v.levelName.toUpperCase()})`));
  blocks.push(verdictTable(v));

  blocks.push(heading('III. KẾT LUẬN'));
  const conclusion = conclusionText({ ...args, review: sent }, v);
  blocks.push(body(conclusion));
  for (const r of v.reasons) blocks.push(body(`- ${reasonText(r)}`));
  for (const l of linesOf(review.note)) blocks.push(body(l));

  const { chair, secretary } = signers(council);
  const closing =
    a.kind === 'meeting'
      ? body([{ text: 'Biên bản kết thúc vào lúc ' }, orBlank(a.end, 6), { text: ' cùng ngày, đã được đọc lại cho các thành viên Hội đồng cùng nghe và thống nhất./.' }])
      : body(`Biên bản được lập ${longDate(date, year + 1)} từ ý kiến bằng văn bản của ${council.members.length}/${council.members.length} thành viên Hội đồng./.`);
  blocks.push({
    kind: 'keep',
    blocks: [closing, twoSigners({ role: 'THƯ KÝ HỘI ĐỒNG', name: secretary?.name }, { role: 'CHỦ TỊCH HỘI ĐỒNG', name: chair?.name })],
  });

  // A DỰ THẢO until every indicator has its verdict, the conclusion is set and the date is known.
  const draft = !v.complete || !review.conclusion || !date;
  const doc: AppraisalDoc = typeset({
    id: 'appraisal',
    title: `Biên bản thẩm định — ${review.commune.name}`,
    fileName: `bien-ban-tham-dinh-${review.commune.code}-${year}`,
    size: BODY_PT,
    draft,
    sections: [section('main', blocks)],
  });
  return { doc, problems, verdicts: v };
}
