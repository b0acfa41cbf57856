// What the papers say about one indicator: the requirement of a level, the commune's figure and
// gap, and the evidence it rests on (number, date, issuer, title; the villages' annex; the
// universal-education decision). The only part of the papers that knows the catalog's kinds of
// indicator. Pure; the wording of the indicators themselves always comes from the catalog.
import type { AssessInput, IndicatorResult, RatioValue, Status } from '../domain/assess-types.ts';
import type { IndicatorDef, StandardFigureKey } from '../domain/catalog/index.ts';
import { formatDate, formatInt, formatShare, formatThreshold, formatVnd } from './format.ts';

/** Đạt / Không đạt / Chưa có dữ liệu: the glossary's words in a paper ("Không đạt", not "Chưa đạt"). */
export const PAPER_STATUS: Readonly<Record<Status, string>> = { met: 'Đạt', unmet: 'Không đạt', unknown: 'Chưa có dữ liệu' };

export const NO_EVIDENCE = 'Chưa có minh chứng';

const STANDARD_LABEL: Record<StandardFigureKey, string> = {
  pcgdPreschool5: 'Phổ cập giáo dục mầm non cho trẻ em 5 tuổi',
  pcgdPrimary: 'Phổ cập giáo dục tiểu học',
  pcgdLowerSecondary: 'Phổ cập giáo dục trung học cơ sở',
  literacy: 'Xóa mù chữ',
};

/** The figure of a universal-education or literacy standard, as a paper writes it. */
export function standardValue(key: StandardFigureKey, v: number | boolean | null | undefined): string {
  if (v === null || v === undefined) return 'chưa có số liệu';
  if (typeof v === 'boolean') return v ? 'đạt chuẩn' : 'chưa đạt chuẩn';
  if (v === 0) return 'chưa đạt chuẩn';
  return key === 'pcgdPreschool5' ? 'đạt chuẩn' : `đạt chuẩn mức độ ${v}`;
}

function standardMinimum(key: StandardFigureKey, v: number | boolean): string {
  if (typeof v === 'boolean') return v ? 'đạt chuẩn' : 'không yêu cầu';
  return key === 'pcgdPreschool5' ? 'đạt chuẩn' : `đạt chuẩn mức độ ${v} trở lên`;
}

function isRatio(v: IndicatorResult['value']): v is RatioValue {
  return typeof v === 'object' && v !== null && 'numerator' in v && 'denominator' in v;
}

/** Every threshold of a ratio indicator (both levels), so no shown percent reads as one it is not. */
function ratioThresholds(def: IndicatorDef): number[] {
  if (def.kind !== 'ratio') return [];
  return Object.values(def.thresholds).filter((t): t is number => typeof t === 'number');
}

/** What a level asks of the indicator: "Từ 60% trở lên", "Đạt chuẩn mức độ 2 trở lên". */
export function requirementText(def: IndicatorDef, r: IndicatorResult): string {
  if (def.kind === 'yes-no') return 'Có thực hiện';
  if (r.threshold === null) return 'Chưa có quy định';
  if (def.kind === 'ratio') return `Từ ${formatThreshold(r.threshold as number)} trở lên`;
  const mins = r.threshold as Record<string, number | boolean>;
  return def.figures
    .filter((k) => mins[k] !== undefined)
    .map((k) => `${STANDARD_LABEL[k]}: ${standardMinimum(k, mins[k]!)}`)
    .join('; ');
}

/** The commune's figure (one line each part): the answer, the standards reached, a ratio with its gap. */
export function figureText(input: AssessInput, def: IndicatorDef, r: IndicatorResult, villageNames: (codes: readonly string[]) => string): string {
  const parts: string[] = [];
  if (def.kind === 'yes-no') {
    const a = input.answers?.[def.id];
    const met = a?.met ?? null;
    parts.push(met === true ? 'Đã thực hiện' : met === false ? 'Chưa thực hiện' : 'Chưa trả lời');
    if (def.hasAmount && typeof a?.amount === 'number') parts.push(`Kinh phí: ${formatVnd(a.amount)}`);
    if (a?.note?.trim()) parts.push(`Ghi chú: ${a.note.trim()}`);
  } else if (def.kind === 'standard') {
    const values = (r.value ?? {}) as Record<string, number | boolean | null>;
    const figures = input.figures ?? {};
    for (const k of def.figures) {
      const v = k in values ? values[k] : figures[k];
      parts.push(`${STANDARD_LABEL[k]}: ${standardValue(k, v)}`);
    }
  } else if (isRatio(r.value)) {
    const v = r.value;
    parts.push(`${formatInt(v.numerator)}/${formatInt(v.denominator)} ${def.noun.vi} (${formatShare(v.numerator, v.denominator, ratioThresholds(def))})`);
  } else {
    parts.push('Chưa có số liệu');
  }
  if (r.missing.length > 0) parts.push(`Thôn chưa có số liệu: ${villageNames(r.missing)}`);
  if (r.status === 'unmet' && typeof r.gap === 'number' && r.gap > 0 && def.kind === 'ratio') {
    parts.push(`Còn thiếu: ${formatInt(r.gap)} ${def.gapPhrase.vi}`);
  }
  return parts.join('\n');
}

/** One piece of evidence as a paper cites it: "15/KH-UBND ngày 10/01/2025 của UBND xã Ba Tô: Kế hoạch …". */
export function evidenceLine(e: { number?: string; date?: string; issuer?: string; title?: string; note?: string }): string {
  const num = e.number?.trim() ?? '';
  const date = e.date ? `ngày ${formatDate(e.date)}` : '';
  const issuer = e.issuer?.trim() ? `của ${e.issuer.trim()}` : '';
  const title = e.title?.trim() ?? '';
  let s: string;
  if (num) s = [[num, date, issuer].filter(Boolean).join(' '), title].filter(Boolean).join(': ');
  else {
    const meta = [date, issuer].filter(Boolean).join(' ');
    s = title && meta ? `${title} (${meta})` : title || meta;
  }
  if (e.note?.trim()) s = s ? `${s} (${e.note.trim()})` : e.note.trim();
  return s || 'Minh chứng chưa ghi số, ngày, tên';
}

/** Where the papers say the indicator's figure comes from. */
export interface EvidenceSources {
  /** "Phụ lục kèm theo Báo cáo số 15/BC-UBND ngày …": where the villages' counts are. */
  annexRef: string;
  /** The typed citation of the universal-education and literacy decision, if any. */
  pcgdEvidence?: string | undefined;
}

/** The evidence of one indicator, one piece a line; "Chưa có minh chứng" when there is none. */
export function evidenceText(input: AssessInput, def: IndicatorDef, src: EvidenceSources): string {
  if (def.kind === 'ratio') {
    if (def.source.scope === 'figures') return `Số liệu tổng hợp của xã (${src.annexRef})`;
    return `Số liệu tổng hợp từ ${formatInt(input.villages.length)} thôn (${src.annexRef})`;
  }
  if (def.kind === 'standard') return src.pcgdEvidence?.trim() || NO_EVIDENCE;
  const list = input.answers?.[def.id]?.evidence ?? [];
  if (list.length === 0) return NO_EVIDENCE;
  return list.length === 1 ? evidenceLine(list[0]!) : list.map((e) => `- ${evidenceLine(e)}`).join('\n');
}

/**
 * An indicator judged "Đạt" with nothing to show for it: a yes/no answer without evidence, or a
 * standard reached without the decision recognising it. Flagged before printing; printed
 * "Chưa có minh chứng" so that nobody signs it unnoticed.
 */
export function metWithoutEvidence(input: AssessInput, def: IndicatorDef, r: IndicatorResult, src: EvidenceSources): boolean {
  if (def.kind === 'ratio' || r.status !== 'met') return false;
  if (def.kind === 'standard') return !src.pcgdEvidence?.trim();
  return (input.answers?.[def.id]?.evidence ?? []).length === 0;
}
