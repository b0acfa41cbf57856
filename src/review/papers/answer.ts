// Văn bản trả lời: the receiver's letter to a commune the council did not recognise, which must
// state the reasons ("nêu rõ lý do không đạt", Điều 9.2). The reasons come from the council's
// verdicts and comments and from the engine's gaps said in people; a verdict "Không đạt" with
// neither makes no letter. Pure.
import type { Catalog } from '../../domain/catalog/index.ts';
import { body, BODY_PT, HEADER_PT, recipientList, section, typeset } from '../../dossier/blocks.ts';
import { p, type Block, type Doc } from '../../dossier/doc.ts';
import { communeInText } from '../../dossier/format.ts';
import { LEGAL_BASIS } from '../../dossier/texts.ts';
import { COUNCIL_NAME, minutesRef, requestRef, titleOf, verbOf } from './appraisal.ts';
import { councilProblems } from './council.ts';
import { archiveOf, header, issuerOf, letterNumberLine, officeFooter, provinceDate } from './offices.ts';
import type { CommuneReview, Council, PaperProblem, PaperResult, ProvinceSettings, SentDossier } from './types.ts';
import { communeVerdicts, conclusionProblems, reasonText } from './verdicts.ts';

export type AnswerDoc = Doc<'answer'>;

export interface AnswerArgs {
  year: number;
  settings: ProvinceSettings;
  council: Council;
  review: CommuneReview;
  catalog: Catalog;
}

/** The written answer to a commune not recognised, or why there is none. */
export function buildAnswer(args: AnswerArgs): PaperResult<AnswerDoc> {
  const { review, settings, council, year, catalog } = args;
  const problems: PaperProblem[] = [];
  if (!review.dossier) return { doc: null, problems: [{ code: 'not-sent', severity: 'block', text: `${review.commune.name} chưa gửi hồ sơ.` }] };
  if (review.conclusion?.outcome !== 'not-recognised') {
    return { doc: null, problems: [{ code: 'not-concluded', severity: 'block', text: 'Chỉ lập văn bản trả lời khi Hội đồng kết luận xã không đạt.' }] };
  }
  const sent = review as CommuneReview & { dossier: SentDossier };
  const v = communeVerdicts(sent, catalog);
  problems.push(...councilProblems(council).filter((x) => x.severity === 'block'), ...conclusionProblems(review.conclusion, v));
  const unmet = v.reasons.filter((r) => r.verdict === 'unmet');
  // The reasons the register records for not recognising, line by line, as the reviewer wrote them.
  const recorded = (review.reasons ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
  // Điều 9.2: the answer states the reasons. A "Không đạt" with no comment and no gap has none to
  // state, unless the register's reasons say why.
  for (const r of recorded.length ? [] : unmet) {
    if (!r.comment && !r.finding) problems.push({ code: 'no-reason', severity: 'block', text: `${r.name}: Hội đồng đánh giá Không đạt nhưng chưa ghi lý do; văn bản trả lời phải nêu rõ lý do không đạt.` });
  }
  if (problems.some((x) => x.severity === 'block')) return { doc: null, problems };

  const commune = communeInText(review.commune.name);
  const receiver = settings.receiver;
  const levelTitle = titleOf(v.level, year);
  const subject = p(`V/v kết quả thẩm định hồ sơ đề nghị ${verbOf(sent.dossier.request.kind)} "Cộng đồng học tập" cấp xã năm ${year} của ${commune}`, {
    align: 'center',
    size: 12,
    before: 3,
  });
  const blocks: Block[] = [];
  blocks.push(header(issuerOf(receiver), letterNumberLine(review.answer, receiver), provinceDate(settings, review.answer?.date, year), [subject]));
  blocks.push(p([{ text: `Kính gửi: Ủy ban nhân dân ${commune}.` }], { align: 'center', before: 18, after: 12 }));
  blocks.push(body(`${receiver.name} nhận được ${requestRef(sent)} về việc đề nghị ${verbOf(sent.dossier.request.kind)} ${commune} đạt ${levelTitle}.`));
  blocks.push(
    body(
      `${LEGAL_BASIS.replace(/;$/, '')} và kết quả thẩm định của ${COUNCIL_NAME} năm ${year} (${minutesRef(review, council)}), ${receiver.name} trả lời như sau:`,
    ),
  );
  blocks.push(body([{ text: `Hồ sơ của ${commune} chưa đạt ${levelTitle}`, bold: true }, { text: ` (đạt ${v.criteriaMet}/${v.criteriaTotal} tiêu chí, ${v.indicatorsMet}/${v.indicatorsTotal} chỉ tiêu). Lý do không đạt:` }], { keepNext: true }));
  recorded.forEach((l) => blocks.push(body(l)));
  unmet.filter((r) => !recorded.length || r.comment || r.finding).forEach((r, i) => blocks.push(body(`${i + 1}. ${reasonText(r)}`)));
  const more = v.reasons.filter((r) => r.verdict === 'more');
  if (more.length) {
    blocks.push(body('Ngoài ra, hồ sơ cần bổ sung:', { keepNext: true }));
    more.forEach((r) => blocks.push(body(`- ${reasonText(r)}`)));
  }
  blocks.push(body(`Đề nghị Ủy ban nhân dân ${commune} chỉ đạo khắc phục các nội dung nêu trên trong xây dựng "Cộng đồng học tập" cấp xã.`));
  const closing = body(`${receiver.name} trả lời để Ủy ban nhân dân ${commune} được biết./.`);
  const footer = officeFooter(receiver, recipientList(['- Như trên;'], undefined, archiveOf(receiver)));
  blocks.push({ kind: 'keep', blocks: [closing, footer] });
  if (settings.receiverAddress?.trim()) blocks.push(p([{ text: settings.receiverAddress.trim(), italic: true }], { size: HEADER_PT - 2, before: 18 }));

  const doc: AnswerDoc = typeset({
    id: 'answer',
    title: `Văn bản trả lời — ${review.commune.name}`,
    fileName: `van-ban-tra-loi-${review.commune.code}-${year}`,
    size: BODY_PT,
    // A DỰ THẢO until the letter has its number and date and every indicator its verdict.
    draft: !review.answer?.number || !review.answer?.date || !v.complete,
    sections: [section('main', blocks)],
  });
  return { doc, problems };
}
