// What the papers say about one indicator: the requirement of a level, the commune's figure and
// gap, and the evidence it rests on (number, date, issuer, title; the villages' annex; the
// universal-education decision). The only part of the papers that knows the catalog's kinds of
// indicator. Pure; the wording of the indicators themselves always comes from the catalog, the
// shares from the engine's formatShare (never rounded up into a threshold).
import type { AssessInput, IndicatorResult, RatioValue, Status, TrainingGap, TrainingThreshold, TrainingValue } from '../domain/assess-types.ts';
import type { IndicatorDef } from '../domain/catalog/index.ts';
import { formatDate, formatInt, formatVnd } from './format.ts';
import { formatPercent, formatShare, STATUS_LABELS } from '../i18n/readiness.ts';

/** Đạt / Không đạt / Chưa có dữ liệu: the glossary's words in a paper ("Không đạt", not "Chưa đạt"). */
export const PAPER_STATUS: Readonly<Record<Status, string>> = { ...STATUS_LABELS.vi, unmet: 'Không đạt' };

export const NO_EVIDENCE = 'Chưa có minh chứng';

/** "công dân trong xã" as the project counts them (criteria-tt25-commune.md): the base of TC5.1 and TC5.2. */
export const CITIZENS = 'người từ 15 tuổi trở lên';

/** Xã thuộc vùng khó khăn: the thresholds of TC5.2 that applied. */
export const DIFFICULT_AREA = 'xã thuộc vùng khó khăn';

const TRAINING_SHARES = ['trained', 'university'] as const;

/** The figure of a universal-education or literacy standard, as a paper writes it (PCGD mầm non is yes/no). */
export function standardValue(v: number | boolean | null | undefined): string {
  if (v === null || v === undefined) return 'chưa có số liệu';
  if (v === false || v === 0) return 'chưa đạt chuẩn';
  return v === true ? 'đạt chuẩn' : `đạt chuẩn mức độ ${v}`;
}

/** "từ 60 % trở lên". */
const atLeast = (t: number): string => `từ ${formatPercent(t)} trở lên`;

/** What a level asks of the indicator: "Từ 60 % trở lên", "Đạt chuẩn mức độ 2 trở lên", TC5.2's two shares. */
export function requirementText(def: IndicatorDef, r: IndicatorResult): string {
  switch (def.kind) {
    case 'yes-no':
      return 'Có thực hiện';
    case 'standard':
      return r.threshold === true ? 'Đạt chuẩn' : `Đạt chuẩn mức độ ${String(r.threshold)} trở lên`;
    case 'ratio':
      return `Từ ${formatPercent(r.threshold as number)} trở lên`;
    case 'training': {
      const t = r.threshold as TrainingThreshold;
      // The same two labels as the figure beside it; the full wording is the indicator's own text.
      const lines = [`Được đào tạo: ${atLeast(t.trained)}`, `Đại học trở lên: ${atLeast(t.university)}`];
      if (t.difficultArea) lines.push(`(Ngưỡng của ${DIFFICULT_AREA})`);
      return lines.join('\n');
    }
  }
}

/** "6.999/10.000 người từ 15 tuổi trở lên (69,99 %)". */
function shareText(v: RatioValue, threshold: number): string {
  return `${formatInt(v.numerator)}/${formatInt(v.denominator)} ${CITIZENS} (${formatShare(v, threshold)})`;
}

/** The commune's figure (one line each part): the answer, the standard reached, the shares with their gaps. */
export function figureText(input: AssessInput, def: IndicatorDef, r: IndicatorResult, villageNames: (codes: readonly string[]) => string): string {
  const parts: string[] = [];
  switch (def.kind) {
    case 'yes-no': {
      const a = input.answers?.[def.id];
      const met = a?.met ?? null;
      parts.push(met === true ? 'Đã thực hiện' : met === false ? 'Chưa thực hiện' : 'Chưa trả lời');
      if (def.hasAmount && typeof a?.amount === 'number') parts.push(`Kinh phí: ${formatVnd(a.amount)}`);
      if (a?.note?.trim()) parts.push(`Ghi chú: ${a.note.trim()}`);
      break;
    }
    case 'standard':
      parts.push(`${def.standard.vi.charAt(0).toLocaleUpperCase('vi')}${def.standard.vi.slice(1)}: ${standardValue(r.value as number | boolean | null)}`);
      break;
    case 'ratio':
      parts.push(shareText(r.value as RatioValue, r.threshold as number));
      break;
    case 'training': {
      const v = r.value as TrainingValue;
      const t = r.threshold as TrainingThreshold;
      parts.push(`Được đào tạo: ${shareText(v.trained, t.trained)}`, `Đại học trở lên: ${shareText(v.university, t.university)}`);
      break;
    }
  }
  if (r.missing.length > 0) parts.push(`Thôn chưa có số liệu: ${villageNames(r.missing)}`);
  if (r.status === 'unmet' && def.kind === 'ratio' && typeof r.gap === 'number' && r.gap > 0) {
    parts.push(`Còn thiếu: ${formatInt(r.gap)} ${def.gapPhrase.vi}`);
  }
  if (r.status === 'unmet' && def.kind === 'training' && r.gap !== null && typeof r.gap === 'object') {
    const g = r.gap as TrainingGap;
    for (const k of TRAINING_SHARES) if (g[k] > 0) parts.push(`Còn thiếu: ${formatInt(g[k])} ${def.gapPhrase[k].vi}`);
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
  /** The codes of the evidence files attached to each indicator ("MC1.1-01"), in the annex's order. */
  files?: ReadonlyMap<string, readonly string[]>;
}

/** "Tệp minh chứng: MC1.1-01, MC1.1-02 (Danh mục minh chứng)", or '' when the indicator has none. */
function filesLine(def: IndicatorDef, src: EvidenceSources): string {
  const codes = src.files?.get(def.id) ?? [];
  return codes.length ? `Tệp minh chứng ${codes.join(', ')} (Danh mục minh chứng)` : '';
}

/** The evidence of one indicator, one piece a line; "Chưa có minh chứng" when there is none. */
export function evidenceText(input: AssessInput, def: IndicatorDef, src: EvidenceSources): string {
  const files = filesLine(def, src);
  const withFiles = (lines: string[]): string => {
    const all = [...lines, ...(files ? [files] : [])];
    if (all.length === 0) return NO_EVIDENCE;
    return all.length === 1 ? all[0]! : all.map((l) => `- ${l}`).join('\n');
  };
  if (def.kind === 'ratio' || def.kind === 'training') return withFiles([`Số liệu tổng hợp từ ${formatInt(input.villages.length)} thôn (${src.annexRef})`]);
  if (def.kind === 'standard') return withFiles(src.pcgdEvidence?.trim() ? [src.pcgdEvidence.trim()] : []);
  return withFiles((input.answers?.[def.id]?.evidence ?? []).map(evidenceLine));
}

/**
 * An indicator judged "Đạt" with nothing to show for it: a yes/no answer without evidence, or a
 * standard reached without the decision recognising it. Flagged before printing; printed
 * "Chưa có minh chứng" so that nobody signs it unnoticed.
 */
export function metWithoutEvidence(input: AssessInput, def: IndicatorDef, r: IndicatorResult, src: EvidenceSources): boolean {
  if (def.kind === 'ratio' || def.kind === 'training' || r.status !== 'met') return false;
  if ((src.files?.get(def.id) ?? []).length > 0) return false;
  if (def.kind === 'standard') return !src.pcgdEvidence?.trim();
  return (input.answers?.[def.id]?.evidence ?? []).length === 0;
}
