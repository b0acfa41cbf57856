// The council's verdicts on one dossier beside the commune's own result: per indicator and per
// criterion (a criterion is đạt only when all its indicators are), the counts, the reasons of each
// indicator not met said in people (the engine's gaps, src/domain/readiness/explain.ts) and in the
// council's words, and whether the conclusion agrees with the verdicts. Pure.
import type { LevelNo, LevelResult } from '../../domain/assess-types.ts';
import { findIndicator, type Catalog } from '../../domain/catalog/index.ts';
import { PAPER_STATUS, summaryRows, type SummaryRow } from '../../dossier/model.ts';
import type { CommuneReview, Conclusion, PaperProblem, SentDossier, Verdict } from './types.ts';
import { gapText, levelLabel } from '../../i18n/readiness.ts';

/** Đạt / Không đạt / Cần bổ sung, as the council's papers print them. */
export const VERDICT_LABEL: Readonly<Record<Verdict, string>> = { met: 'Đạt', unmet: 'Không đạt', more: 'Cần bổ sung' };

/** A row of the appraisal: the commune's summary row with the council's verdict and comment. */
export interface VerdictRow extends SummaryRow {
  verdict: Verdict | null;
  comment: string;
}

/** Why one indicator is not met (or must be completed), in words fit for a letter. */
export interface Reason {
  id: string;
  /** "Chỉ tiêu 1 của Tiêu chí 5". */
  name: string;
  /** The circular's wording at the level asked for. */
  text: string;
  verdict: 'unmet' | 'more';
  /** The commune's figure and the engine's gap in people or in the standard to reach, or null. */
  finding: string | null;
  /** The council's comment, or null. */
  comment: string | null;
}

export interface CommuneVerdicts {
  /** The level appraised: the one the commune asked for. */
  level: LevelNo;
  levelName: string;
  rows: VerdictRow[];
  criteriaMet: number;
  indicatorsMet: number;
  criteriaTotal: number;
  indicatorsTotal: number;
  /** Every indicator has a verdict. */
  complete: boolean;
  reasons: Reason[];
  problems: PaperProblem[];
}

/** A criterion's verdict from its indicators': any không đạt, else any cần bổ sung, else đạt when all are; null while any is missing. */
function criterionVerdict(list: (Verdict | null)[]): Verdict | null {
  if (list.includes('unmet')) return 'unmet';
  if (list.includes('more')) return 'more';
  return list.every((v) => v === 'met') ? 'met' : null;
}

/** What the commune's own figure says against the indicator, in people or in the standard (null when met). */
function finding(row: SummaryRow, dossier: SentDossier, level: LevelResult, catalog: Catalog): string | null {
  const r = level.criteria.flatMap((c) => c.indicators).find((i) => i.id === row.id);
  const def = findIndicator(catalog, row.id);
  if (!r || !def || r.status === 'met') return null;
  if (def.kind === 'yes-no') {
    return r.status === 'unmet' ? 'Ủy ban nhân dân xã tự đánh giá Không đạt' : 'Ủy ban nhân dân xã chưa tự đánh giá chỉ tiêu này';
  }
  const figure = row.figure
    .split('\n')
    .filter((l) => !/^(Còn thiếu|Thôn chưa có số liệu)/u.test(l))
    .join('; ');
  // The gap without its "(hiện …, cần …)": the figure and the requirement already say both.
  const gap = gapText(r, catalog, 'vi', { villages: dossier.input.villages })?.replace(/\s*\((hiện|cần) [^)]*\)/gu, '');
  const requirement = def.kind === 'standard' ? '' : `yêu cầu: ${row.requirement.split('\n').join('; ').replace(/^./u, (c) => c.toLocaleLowerCase('vi'))}`;
  return [figure ? `kết quả của xã: ${figure}` : '', requirement, gap ?? ''].filter(Boolean).join('; ');
}

/** The verdicts of one sent dossier, at the level it asked for. */
export function communeVerdicts(review: CommuneReview & { dossier: SentDossier }, catalog: Catalog): CommuneVerdicts {
  const { dossier } = review;
  const level = dossier.request.level;
  const levelResult = dossier.output.levels.find((l) => l.level === level);
  if (!levelResult) throw new Error(`Kết quả đánh giá thiếu mức độ ${level}`);
  const base = summaryRows({ input: dossier.input, catalog }, levelResult);
  const given = review.verdicts ?? {};
  const indicatorRows: VerdictRow[] = base
    .filter((r) => r.kind === 'indicator')
    .map((r) => ({ ...r, verdict: given[r.id]?.verdict ?? null, comment: given[r.id]?.comment?.trim() ?? '' }));
  const byId = new Map(indicatorRows.map((r) => [r.id, r]));
  const rows: VerdictRow[] = base.map((r) => {
    if (r.kind === 'indicator') return byId.get(r.id)!;
    const own = indicatorRows.filter((x) => x.id.startsWith(`${r.id}.`));
    const met = own.filter((x) => x.verdict === 'met').length;
    return { ...r, figure: `Đạt ${met}/${own.length} chỉ tiêu`, verdict: criterionVerdict(own.map((x) => x.verdict)), comment: '' };
  });
  const problems: PaperProblem[] = [];
  const names = (list: VerdictRow[]) => list.map((r) => r.name).join(', ');
  const missing = indicatorRows.filter((r) => r.verdict === null);
  if (missing.length > 0) problems.push({ code: 'no-verdict', severity: 'warn', text: `Chưa có kết quả thẩm định: ${names(missing)}.` });
  const against = indicatorRows.filter((r) => r.verdict === 'met' && r.status !== 'met');
  for (const r of against) {
    problems.push({ code: 'verdict-vs-commune', severity: 'warn', text: `${r.name}: Hội đồng đánh giá Đạt, kết quả của xã là ${PAPER_STATUS[r.status]}.` });
  }
  const reasons: Reason[] = indicatorRows
    .filter((r): r is VerdictRow & { verdict: 'unmet' | 'more' } => r.verdict === 'unmet' || r.verdict === 'more')
    .map((r) => ({ id: r.id, name: r.name, text: r.text, verdict: r.verdict, finding: finding(r, dossier, levelResult, catalog), comment: r.comment || null }));
  for (const x of reasons) {
    if (x.verdict === 'unmet' && !x.comment && !x.finding) {
      problems.push({ code: 'no-reason', severity: 'warn', text: `${x.name}: Hội đồng đánh giá Không đạt nhưng chưa ghi lý do.` });
    }
    if (x.verdict === 'more' && !x.comment) problems.push({ code: 'no-comment', severity: 'warn', text: `${x.name}: chưa ghi nội dung cần bổ sung.` });
  }
  const criteriaRows = rows.filter((r) => r.kind === 'criterion');
  return {
    level,
    levelName: levelLabel(level),
    rows,
    criteriaMet: criteriaRows.filter((r) => r.verdict === 'met').length,
    indicatorsMet: indicatorRows.filter((r) => r.verdict === 'met').length,
    criteriaTotal: criteriaRows.length,
    indicatorsTotal: indicatorRows.length,
    complete: missing.length === 0,
    reasons,
    problems,
  };
}

/** Whether the conclusion follows from the verdicts: 'block' when it says what they do not. */
export function conclusionProblems(conclusion: Conclusion | null | undefined, v: CommuneVerdicts): PaperProblem[] {
  if (!conclusion) return [{ code: 'no-conclusion', severity: 'warn', text: 'Hội đồng chưa kết luận.' }];
  const unmet = v.reasons.some((r) => r.verdict === 'unmet');
  const more = v.reasons.some((r) => r.verdict === 'more');
  switch (conclusion.outcome) {
    case 'recognised':
      if (!v.complete || unmet || more) {
        return [{ code: 'conclusion', severity: 'block', text: `Hội đồng kết luận đề nghị công nhận nhưng mới đánh giá Đạt ${v.indicatorsMet}/${v.indicatorsTotal} chỉ tiêu.` }];
      }
      if (conclusion.level !== v.level) {
        return [{ code: 'conclusion-level', severity: 'warn', text: `Hội đồng kết luận ${levelLabel(conclusion.level)}, xã đề nghị ${v.levelName}; các chỉ tiêu được thẩm định theo ${v.levelName}.` }];
      }
      return [];
    case 'not-recognised':
      return unmet ? [] : [{ code: 'conclusion', severity: 'block', text: 'Hội đồng kết luận không đạt nhưng không có chỉ tiêu nào được đánh giá Không đạt.' }];
    case 'returned':
      return unmet || more ? [] : [{ code: 'conclusion', severity: 'block', text: 'Hội đồng trả lại hồ sơ nhưng không có chỉ tiêu nào cần bổ sung hoặc không đạt.' }];
  }
}

/** A reason as one sentence: "Chỉ tiêu 1 của Tiêu chí 5 (the circular's words): kết quả của xã …; ý kiến của Hội đồng: …". */
export function reasonText(r: Reason): string {
  const parts = [r.finding, r.comment ? `ý kiến của Hội đồng: ${r.comment.replace(/[.;]\s*$/u, '')}` : null].filter((x): x is string => !!x);
  const why = parts.length ? parts.join('; ') : r.verdict === 'more' ? 'cần bổ sung hồ sơ' : 'không đạt';
  return `${r.name} (${r.text.replace(/[.;]\s*$/u, '')}): ${why}.`;
}
