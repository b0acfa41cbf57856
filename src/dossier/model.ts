// The dossier as documents: from the readiness input and output, the catalog, the year's texts and
// the commune's settings, builds the three papers (Tờ trình, Báo cáo tự đánh giá, Bảng tổng hợp)
// and the warnings shown before sending. Pure: no DOM, no Dexie, no clock, no `docx`.
import type {
  AssessInput,
  AssessOutput,
  CriterionResult,
  IndicatorResult,
  LevelNo,
  LevelResult,
  RatioValue,
  Status,
  TrainingThreshold,
  TrainingValue,
  VillageInput,
} from '../domain/assess-types.ts';
import { indicatorText, type Catalog, type CriterionDef, type IndicatorDef } from '../domain/catalog/index.ts';
import { STATUS_LABELS, formatShare } from '../domain/readiness/explain.ts';
import { p, type Block, type Cell, type Columns, type Doc, type Para, type Run, type Table } from './doc.ts';
import {
  communeInText,
  dateLine,
  formatDate,
  formatInt,
  formatPercent,
  formatThreshold,
  formatVnd,
  issuerLine,
  placeName,
} from './format.ts';
import {
  DEFAULT_BASIS,
  DEFAULT_SIGNER_AUTHORITY,
  DEFAULT_SIGNER_TITLE,
  documentNumber,
  linesOf,
  type DossierTexts,
} from './texts.ts';

/** The commune's settings that reach the papers (the commune row). */
export interface CommuneSettings {
  code: string;
  name: string;
  province?: string | undefined;
  /** Nơi nhận hồ sơ, e.g. "Ủy ban nhân dân tỉnh Quảng Ngãi". */
  recipient?: string | undefined;
  dossierDeadline?: string | undefined;
  decisionDeadline?: string | undefined;
}

export interface DossierBuildArgs {
  input: AssessInput;
  output: AssessOutput;
  catalog: Catalog;
  texts: DossierTexts;
  commune: CommuneSettings;
}

/** Đạt / Chưa đạt / Chưa có dữ liệu — the glossary's words, as the readiness screens show them. */
export const STATUS_LABEL: Readonly<Record<Status, string>> = STATUS_LABELS.vi;

/** One line of the summary table: a criterion or one of its indicators. */
export interface SummaryRow {
  kind: 'criterion' | 'indicator';
  id: string;
  /** "1" for a criterion, "1.1" for an indicator. */
  no: string;
  text: string;
  requirement: string;
  figure: string;
  status: Status;
  evidence: string;
}

export type WarningCode =
  | 'not-met'
  | 'eligibility'
  | 'unknown'
  | 'missing-villages'
  | 'no-evidence'
  | 'no-recipient'
  | 'no-signer'
  | 'no-meeting'
  | 'not-locked';

/** Something to fix (or know) before the papers go out. */
export interface DossierWarning {
  code: WarningCode;
  /** 'block': the papers would say something untrue or incomplete; 'warn': fix before sending; 'info'. */
  severity: 'block' | 'warn' | 'info';
  text: string;
}

export interface DossierModel {
  year: number;
  /** The level the request asks for: the level met and allowed now (0 = none). */
  proposedLevel: 0 | LevelNo;
  /** The level whose requirements the summary table shows (the proposed one, else 1). */
  tableLevel: LevelNo;
  /** "Mức độ 1 (Khá)" — the catalog's name of tableLevel. */
  tableLevelName: string;
  rows: SummaryRow[];
  warnings: DossierWarning[];
  docs: { submission: Doc; report: Doc; summary: Doc };
}

const BODY_PT = 14;
const TABLE_PT = 12;
const HEADER_PT = 13;
/** First-line indent of body paragraphs, mm. */
const INDENT = 10;

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII'];

/** "TC1.2" → "1.2"; "TC3" → "3". */
export function shortNo(id: string): string {
  return id.replace(/^TC/, '');
}

/** Builds the whole dossier of one year. */
export function buildDossier(args: DossierBuildArgs): DossierModel {
  const { output } = args;
  const proposedLevel = output.eligibleLevel;
  const tableLevel: LevelNo = proposedLevel === 0 ? 1 : proposedLevel;
  const level = levelResult(output, tableLevel);
  const rows = summaryRows(args, level);
  const ctx = context(args, tableLevel, level);
  return {
    year: output.year,
    proposedLevel,
    tableLevel,
    tableLevelName: levelLabel(args.catalog, tableLevel),
    rows,
    warnings: dossierWarnings(args, level, proposedLevel),
    docs: {
      submission: submissionDoc(ctx),
      report: reportDoc(ctx, rows),
      summary: summaryDoc(ctx, rows),
    },
  };
}

function levelResult(output: AssessOutput, level: LevelNo): LevelResult {
  const found = output.levels.find((l) => l.level === level);
  if (!found) throw new Error(`Kết quả đánh giá thiếu Mức độ ${level}`);
  return found;
}

function indicatorResults(level: LevelResult): Map<string, IndicatorResult> {
  return new Map(level.criteria.flatMap((c) => c.indicators.map((i) => [i.id, i] as const)));
}

function levelLabel(catalog: Catalog, level: LevelNo): string {
  return catalog.levels.find((l) => l.level === level)?.label.vi ?? `Mức độ ${level}`;
}

// ---------------------------------------------------------------------------------------------
// Figures and requirements, in the words of the papers

/** "đạt chuẩn mức độ 2" / "chưa đạt chuẩn" of a standard figure. */
function standardValue(v: number | boolean | null | undefined): string {
  if (v === null || v === undefined) return 'chưa có số liệu';
  if (typeof v === 'boolean') return v ? 'đạt chuẩn' : 'chưa đạt chuẩn';
  if (v === 0) return 'chưa đạt chuẩn';
  return `đạt chuẩn mức độ ${v}`;
}

/** "6.999/10.000 người từ 15 tuổi trở lên (69,99 %)": never rounded up into the threshold. */
function ratioFigure(v: RatioValue, noun: string, threshold: number): string {
  return `${formatInt(v.numerator)}/${formatInt(v.denominator)} ${noun} (${formatShare(v, threshold)})`;
}

function isRatio(v: IndicatorResult['value']): v is RatioValue {
  return typeof v === 'object' && v !== null && 'numerator' in v && 'denominator' in v;
}

function villageNames(input: AssessInput, codes: readonly string[]): string {
  const byCode = new Map(input.villages.map((v) => [v.code, v.name ?? v.code]));
  return codes.map((c) => byCode.get(c) ?? c).join(', ');
}

function evidenceText(input: AssessInput, def: IndicatorDef): string {
  if (def.kind === 'ratio' || def.kind === 'training') {
    return `Số liệu tổng hợp từ ${formatInt(input.villages.length)} thôn (Phụ lục kèm theo Báo cáo)`;
  }
  if (def.kind === 'standard') return 'Kết quả kiểm tra công nhận phổ cập giáo dục, xóa mù chữ năm ' + input.year;
  const list = input.answers?.[def.id]?.evidence ?? [];
  if (list.length === 0) return 'Chưa có minh chứng';
  return list.length === 1 ? evidenceLine(list[0]!) : list.map((e) => `- ${evidenceLine(e)}`).join('\n');
}

/** "15/KH-UBND ngày 10/01/2025 của UBND xã Ba Tô: Kế hoạch tuyên truyền (ghi chú)". */
export function evidenceLine(e: { number?: string; date?: string; issuer?: string; title?: string; note?: string }): string {
  const num = e.number?.trim() ?? '';
  const issuer = e.issuer?.trim() ? `của ${e.issuer.trim()}` : '';
  const date = [e.date ? `ngày ${formatDate(e.date)}` : '', issuer].filter(Boolean).join(' ');
  const title = e.title?.trim() ?? '';
  let s: string;
  if (num) s = [[num, date].filter(Boolean).join(' '), title].filter(Boolean).join(': ');
  else s = title && date ? `${title} (${date})` : title || date;
  if (e.note?.trim()) s = s ? `${s} (${e.note.trim()})` : e.note.trim();
  return s || 'Minh chứng chưa ghi số, ngày, tên';
}

function requirementText(def: IndicatorDef, r: IndicatorResult): string {
  if (def.kind === 'yes-no') return 'Có thực hiện';
  if (def.kind === 'standard') return r.threshold === true ? 'Đạt chuẩn' : `Đạt chuẩn mức độ ${String(r.threshold)} trở lên`;
  if (def.kind === 'ratio') return `Từ ${formatThreshold(r.threshold as number)} trở lên`;
  const t = r.threshold as TrainingThreshold;
  return `Được đào tạo trình độ chuyên môn kỹ thuật từ ${formatThreshold(t.trained)} trở lên; trong đó, có trình độ đại học trở lên từ ${formatThreshold(t.university)}${t.difficultArea ? ' (xã thuộc vùng khó khăn)' : ''}`;
}

const CITIZENS = 'người từ 15 tuổi trở lên';

function figureText(input: AssessInput, def: IndicatorDef, r: IndicatorResult): string {
  const parts: string[] = [];
  if (def.kind === 'yes-no') {
    const a = input.answers?.[def.id];
    const met = a?.met ?? null;
    parts.push(met === true ? 'Đã thực hiện' : met === false ? 'Chưa thực hiện' : 'Chưa trả lời');
    if (def.hasAmount && typeof a?.amount === 'number') parts.push(`Kinh phí: ${formatVnd(a.amount)}`);
    if (a?.note?.trim()) parts.push(`Ghi chú: ${a.note.trim()}`);
  } else if (def.kind === 'standard') {
    parts.push(standardValue(r.value as number | boolean | null));
  } else if (def.kind === 'ratio') {
    parts.push(ratioFigure(r.value as RatioValue, CITIZENS, r.threshold as number));
  } else {
    const v = r.value as TrainingValue;
    const t = r.threshold as TrainingThreshold;
    parts.push(`Được đào tạo: ${ratioFigure(v.trained, CITIZENS, t.trained)}`);
    parts.push(`Đại học trở lên: ${ratioFigure(v.university, CITIZENS, t.university)}`);
  }
  if (r.missing.length > 0) parts.push(`Thôn chưa có số liệu: ${villageNames(input, r.missing)}`);
  if (r.status === 'unmet' && def.kind === 'ratio' && typeof r.gap === 'number' && r.gap > 0) {
    parts.push(`Còn thiếu: ${formatInt(r.gap)} ${def.gapPhrase.vi}`);
  }
  if (r.status === 'unmet' && def.kind === 'training' && r.gap && typeof r.gap === 'object') {
    for (const k of ['trained', 'university'] as const) {
      if (r.gap[k] > 0) parts.push(`Còn thiếu: ${formatInt(r.gap[k])} ${def.gapPhrase[k].vi}`);
    }
  }
  return parts.join('\n');
}

export function summaryRows(args: DossierBuildArgs, level: LevelResult): SummaryRow[] {
  const { catalog, input } = args;
  const results = indicatorResults(level);
  const criteria = new Map(level.criteria.map((c) => [c.id, c]));
  const rows: SummaryRow[] = [];
  for (const crit of catalog.criteria) {
    const cr = criteria.get(crit.id);
    const indicatorRows: SummaryRow[] = [];
    for (const def of crit.indicators) {
      const r = results.get(def.id);
      if (!r) throw new Error(`Kết quả đánh giá thiếu chỉ tiêu ${def.id}`);
      indicatorRows.push({
        kind: 'indicator',
        id: def.id,
        no: shortNo(def.id),
        text: indicatorText(def, level.level).vi,
        requirement: requirementText(def, r),
        figure: figureText(input, def, r),
        status: r.status,
        evidence: evidenceText(input, def),
      });
    }
    const met = indicatorRows.filter((r) => r.status === 'met').length;
    rows.push({
      kind: 'criterion',
      id: crit.id,
      no: shortNo(crit.id),
      text: crit.text.vi,
      requirement: `Đạt tất cả ${crit.indicators.length} chỉ tiêu`,
      figure: `Đạt ${met}/${crit.indicators.length} chỉ tiêu`,
      status: cr?.status ?? 'unknown',
      evidence: '',
    });
    rows.push(...indicatorRows);
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Warnings

function dossierWarnings(args: DossierBuildArgs, level: LevelResult, proposed: 0 | LevelNo): DossierWarning[] {
  const { input, output, catalog, texts, commune } = args;
  const out: DossierWarning[] = [];
  const defs = catalog.criteria.flatMap((c) => c.indicators);
  const results = indicatorResults(level);

  if (proposed === 0) {
    out.push({
      code: 'not-met',
      severity: 'block',
      text: `Theo số liệu hiện có, xã chưa đạt ${levelLabel(catalog, 1)}: chưa thể đề nghị công nhận, tờ trình chỉ là dự thảo.`,
    });
  }
  if (output.eligibility && output.level > output.eligibleLevel) {
    const from = output.eligibility.from ? ` từ ngày ${formatDate(output.eligibility.from)}` : ' sau này';
    out.push({
      code: 'eligibility',
      severity: 'info',
      text: `Xã đạt ${levelLabel(catalog, output.level as LevelNo)} nhưng chỉ được đề nghị mức này${from} (chưa đủ 12 tháng kể từ quyết định công nhận ${levelLabel(catalog, 1)}); hồ sơ đề nghị ${levelLabel(catalog, output.eligibleLevel === 0 ? 1 : output.eligibleLevel)}.`,
    });
  }
  const unknown = defs.filter((d) => results.get(d.id)?.status === 'unknown');
  if (unknown.length > 0) {
    out.push({
      code: 'unknown',
      severity: 'block',
      text: `Số liệu năm ${input.year} chưa đủ — chỉ tiêu chưa có dữ liệu: ${unknown.map((d) => shortNo(d.id)).join(', ')}.`,
    });
  }
  const missing = new Set(defs.flatMap((d) => results.get(d.id)?.missing ?? []));
  if (missing.size > 0) {
    out.push({
      code: 'missing-villages',
      severity: 'block',
      text: `Thôn chưa đủ số liệu: ${villageNames(input, [...missing])}.`,
    });
  }
  const noEvidence = defs.filter((d) => d.kind === 'yes-no' && (input.answers?.[d.id]?.evidence ?? []).length === 0);
  if (noEvidence.length > 0) {
    out.push({
      code: 'no-evidence',
      severity: 'warn',
      text: `Chỉ tiêu chưa có minh chứng: ${noEvidence.map((d) => shortNo(d.id)).join(', ')}.`,
    });
  }
  if (!commune.recipient?.trim()) {
    out.push({ code: 'no-recipient', severity: 'warn', text: 'Chưa đặt nơi nhận hồ sơ (cơ quan thẩm định của tỉnh).' });
  }
  if (!texts.signerName?.trim()) {
    out.push({ code: 'no-signer', severity: 'warn', text: 'Chưa nhập họ và tên người ký.' });
  }
  if (!texts.meetingDate || !texts.minutesRef?.trim()) {
    out.push({
      code: 'no-meeting',
      severity: 'warn',
      text: 'Chưa ghi ngày họp và biên bản họp thống nhất kết quả tự đánh giá.',
    });
  } else if (!texts.locked) {
    out.push({
      code: 'not-locked',
      severity: 'info',
      text: `Số liệu năm ${input.year} chưa khóa: giấy tờ có thể lệch với số liệu nếu còn sửa.`,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The papers

interface Ctx {
  args: DossierBuildArgs;
  year: number;
  commune: string;
  communeText: string;
  issuer: string;
  place: string;
  recipient: string;
  proposed: 0 | LevelNo;
  tableLevel: LevelNo;
  level: LevelResult;
  levelName: string;
  criteriaMet: number;
  indicatorsMet: number;
  criteriaTotal: number;
  indicatorsTotal: number;
  texts: DossierTexts;
  dateText: string;
}

function context(args: DossierBuildArgs, tableLevel: LevelNo, level: LevelResult): Ctx {
  const { texts, commune, catalog, output } = args;
  const indicators = level.criteria.flatMap((c) => c.indicators);
  return {
    args,
    year: output.year,
    commune: commune.name,
    communeText: communeInText(commune.name),
    issuer: issuerLine(commune.name),
    place: texts.place?.trim() || placeName(commune.name),
    recipient: commune.recipient?.trim() || '……………………………………',
    proposed: output.eligibleLevel,
    tableLevel,
    level,
    levelName: levelLabel(catalog, tableLevel),
    criteriaMet: level.criteria.filter((c: CriterionResult) => c.status === 'met').length,
    indicatorsMet: indicators.filter((i) => i.status === 'met').length,
    criteriaTotal: catalog.criteria.length,
    indicatorsTotal: catalog.criteria.reduce((n, c: CriterionDef) => n + c.indicators.length, 0),
    texts,
    dateText: dateLine(texts.place?.trim() || placeName(commune.name), texts.docDate, output.year + 1),
  };
}

const body = (text: string | Run[], extra: Omit<Para, 'kind' | 'runs'> = {}): Para =>
  p(text, { align: 'justify', indent: INDENT, after: 6, ...extra });

const heading = (text: string): Para => p([{ text, bold: true }], { align: 'justify', indent: INDENT, before: 6, after: 6, keepNext: true });

/** Quốc hiệu, tiêu ngữ, cơ quan ban hành, số, địa danh và ngày tháng (Nghị định 30/2020, Phụ lục I). */
function officialHeader(ctx: Ctx, numberLine: string | null): Columns {
  const left: Para[] = [
    p([{ text: 'ỦY BAN NHÂN DÂN' }], { align: 'center', size: HEADER_PT }),
    p([{ text: ctx.issuer, bold: true }], { align: 'center', size: HEADER_PT, rule: 18 }),
  ];
  if (numberLine) left.push(p(numberLine, { align: 'center', size: HEADER_PT, before: 6 }));
  const right: Para[] = [
    p([{ text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true }], { align: 'center', size: 12 }),
    p([{ text: 'Độc lập - Tự do - Hạnh phúc', bold: true }], { align: 'center', size: HEADER_PT, rule: 58 }),
    p([{ text: ctx.dateText, italic: true }], { align: 'center', size: HEADER_PT, before: 6 }),
  ];
  return { kind: 'columns', widths: [38, 62], left, right };
}

/** Nơi nhận (left) and the signature block (right). */
function footer(ctx: Ctx, recipients: string[] | null): Columns {
  const t = ctx.texts;
  const left: Para[] = recipients
    ? [
        p([{ text: 'Nơi nhận:', bold: true, italic: true }], { size: 12, before: 12 }),
        ...recipients.map((r) => p(r, { size: 11 })),
      ]
    : [];
  const right: Para[] = [
    p([{ text: t.signerAuthority?.trim() || DEFAULT_SIGNER_AUTHORITY, bold: true }], { align: 'center', before: 12 }),
    p([{ text: t.signerTitle?.trim() || DEFAULT_SIGNER_TITLE, bold: true }], { align: 'center' }),
    // Room for the signature and the seal.
    p([{ text: t.signerName?.trim() || ' ', bold: true }], { align: 'center', before: 72 }),
  ];
  return { kind: 'columns', widths: [45, 55], left, right };
}

function recipientLines(ctx: Ctx, first: string[]): string[] {
  const extra = linesOf(ctx.texts.copyTo).map((l) => `- ${l.replace(/^[-–•]\s*/, '').replace(/[;.]$/, '')};`);
  return [...first, ...extra, '- Lưu: VT.'];
}

function meetingSentence(ctx: Ctx): string | null {
  const t = ctx.texts;
  if (!t.meetingDate && !t.minutesRef?.trim()) return null;
  const ref = t.minutesRef?.trim() || 'Biên bản họp';
  const date = t.meetingDate ? ` ngày ${formatDate(t.meetingDate)}` : '';
  return `${ref}${date}`;
}

function submissionDoc(ctx: Ctx): Doc {
  const t = ctx.texts;
  const levelText = `"Cộng đồng học tập" cấp xã ${ctx.levelName} năm ${ctx.year}`;
  const blocks: Block[] = [];
  blocks.push(officialHeader(ctx, `Số: ${documentNumber(t.submissionNumber, 'TTr-UBND')}`));
  if (ctx.proposed === 0) {
    blocks.push(p([{ text: 'DỰ THẢO', bold: true }], { align: 'right', before: 6, size: 12 }));
  }
  blocks.push(p([{ text: 'TỜ TRÌNH', bold: true }], { align: 'center', before: 18, keepNext: true }));
  blocks.push(
    p([{ text: `Về việc đề nghị công nhận ${ctx.communeText} đạt ${levelText}`, bold: true }], {
      align: 'center',
      rule: 40,
      keepNext: true,
    }),
  );
  blocks.push(p(`Kính gửi: ${ctx.recipient}.`, { align: 'center', before: 12, after: 12 }));
  for (const line of linesOf(t.basis).length ? linesOf(t.basis) : [DEFAULT_BASIS]) blocks.push(body(line));
  const meeting = meetingSentence(ctx);
  blocks.push(
    body(
      `Căn cứ kết quả tự đánh giá "Cộng đồng học tập" cấp xã năm ${ctx.year} của Ủy ban nhân dân ${ctx.communeText}${meeting ? ` đã được thống nhất tại ${meeting}` : ''};`,
    ),
  );
  blocks.push(
    body(
      `Ủy ban nhân dân ${ctx.communeText} đã tổ chức tự đánh giá kết quả xây dựng "Cộng đồng học tập" cấp xã năm ${ctx.year} (từ ngày 01/01/${ctx.year} đến ngày 31/12/${ctx.year}) theo các tiêu chí, chỉ tiêu quy định. Kết quả: đạt ${ctx.criteriaMet}/${ctx.criteriaTotal} tiêu chí, ${ctx.indicatorsMet}/${ctx.indicatorsTotal} chỉ tiêu ${ctx.levelName}.`,
    ),
  );
  if (ctx.proposed === 0) {
    blocks.push(
      body(
        `Theo kết quả tự đánh giá, ${ctx.communeText} chưa đạt ${ctx.levelName}; Ủy ban nhân dân xã tiếp tục chỉ đạo khắc phục các chỉ tiêu chưa đạt trước khi đề nghị công nhận.`,
      ),
    );
  } else {
    blocks.push(
      body(
        `Ủy ban nhân dân ${ctx.communeText} kính đề nghị ${ctx.recipient} xem xét, công nhận ${ctx.communeText} đạt ${levelText}.`,
      ),
    );
  }
  blocks.push(body('Hồ sơ kèm theo gồm:'));
  blocks.push(body(`1. Báo cáo tự đánh giá kết quả xây dựng "Cộng đồng học tập" cấp xã năm ${ctx.year};`));
  blocks.push(body('2. Bảng tổng hợp kết quả đánh giá các tiêu chí, chỉ tiêu;'));
  blocks.push(body(`3. ${meeting ?? 'Biên bản họp thống nhất kết quả tự đánh giá'}.`));
  blocks.push(body(`Kính trình ${ctx.recipient} xem xét, quyết định./.`));
  blocks.push(footer(ctx, recipientLines(ctx, ['- Như trên;'])));
  return { id: 'submission', title: 'Tờ trình đề nghị công nhận', fileName: `to-trinh-${ctx.year}`, size: BODY_PT, blocks };
}

function narrative(text: string | undefined): Para[] {
  const lines = linesOf(text);
  // Left blank for the hand when the commune has written nothing yet.
  return lines.length ? lines.map((l) => body(l)) : [body('…………………………………………………………………………………………')];
}

function sum(villages: VillageInput[], key: keyof VillageInput): number | null {
  let total = 0;
  for (const v of villages) {
    const x = v[key];
    if (typeof x !== 'number') return null;
    total += x;
  }
  return total;
}

function reportDoc(ctx: Ctx, rows: SummaryRow[]): Doc {
  const { input, output, catalog } = ctx.args;
  const t = ctx.texts;
  const blocks: Block[] = [];
  const reportNo = documentNumber(t.reportNumber, 'BC-UBND');
  blocks.push(officialHeader(ctx, `Số: ${reportNo}`));
  blocks.push(p([{ text: 'BÁO CÁO', bold: true }], { align: 'center', before: 18, keepNext: true }));
  blocks.push(
    p([{ text: `Tự đánh giá kết quả xây dựng "Cộng đồng học tập" cấp xã năm ${ctx.year}`, bold: true }], {
      align: 'center',
      rule: 40,
      after: 12,
      keepNext: true,
    }),
  );
  for (const line of linesOf(t.basis).length ? linesOf(t.basis) : [DEFAULT_BASIS]) blocks.push(body(line));
  blocks.push(
    body(`Ủy ban nhân dân ${ctx.communeText} báo cáo kết quả tự đánh giá "Cộng đồng học tập" cấp xã năm ${ctx.year} (từ ngày 01/01/${ctx.year} đến ngày 31/12/${ctx.year}) như sau:`),
  );

  blocks.push(heading('I. ĐẶC ĐIỂM TÌNH HÌNH'));
  const v = input.villages;
  const f = input.figures ?? {};
  const facts = [
    `${formatInt(v.length)} thôn`,
    sum(v, 'households') !== null ? `${formatInt(sum(v, 'households')!)} hộ gia đình` : null,
    sum(v, 'lineages') !== null ? `${formatInt(sum(v, 'lineages')!)} dòng họ` : null,
    sum(v, 'citizens') !== null ? `${formatInt(sum(v, 'citizens')!)} người từ 15 tuổi trở lên` : null,
    typeof f.units === 'number' ? `${formatInt(f.units)} đơn vị (cơ quan, trường học, tổ chức)` : null,
  ].filter((x): x is string => x !== null);
  blocks.push(body(`Năm ${ctx.year}, ${ctx.communeText} có ${facts.join(', ')}.`));
  blocks.push(...narrative(t.narrSituation));

  blocks.push(heading('II. KẾT QUẢ TỰ ĐÁNH GIÁ THEO TIÊU CHÍ, CHỈ TIÊU'));
  const narr: Record<string, string | undefined> = {
    TC1: t.narrTC1,
    TC2: t.narrTC2,
    TC3: t.narrTC3,
    TC4: t.narrTC4,
    TC5: t.narrTC5,
  };
  for (const crit of catalog.criteria) {
    const critRow = rows.find((r) => r.kind === 'criterion' && r.id === crit.id)!;
    blocks.push(heading(`${critRow.no}. Tiêu chí ${critRow.no}: ${crit.text.vi}`));
    blocks.push(...narrative(narr[crit.id]));
    for (const r of rows.filter((x) => x.kind === 'indicator' && x.id.startsWith(`${crit.id}.`))) {
      blocks.push(
        body([
          { text: `- Chỉ tiêu ${r.no}: `, italic: true },
          { text: `${r.text}. `, italic: true },
          { text: `Kết quả: ${r.figure.split('\n').join('; ')}. ` },
          { text: `Tự đánh giá: ${STATUS_LABEL[r.status]}.`, bold: true },
        ]),
      );
    }
    blocks.push(body([{ text: `Kết luận: Tiêu chí ${critRow.no} ${STATUS_LABEL[critRow.status]} (${critRow.figure.toLowerCase()}).`, bold: true }]));
  }

  blocks.push(heading('III. KẾT QUẢ CHUNG'));
  blocks.push(
    body(`Tổng hợp: ${ctx.communeText} đạt ${ctx.criteriaMet}/${ctx.criteriaTotal} tiêu chí, ${ctx.indicatorsMet}/${ctx.indicatorsTotal} chỉ tiêu ${ctx.levelName}.`),
  );
  blocks.push(
    body([
      { text: 'Mức độ đề nghị công nhận: ' },
      {
        text: ctx.proposed === 0 ? `chưa đạt ${ctx.levelName}` : `${ctx.levelName}`,
        bold: true,
      },
      { text: '.' },
    ]),
  );
  if (output.eligibility && output.level > output.eligibleLevel) {
    const from = output.eligibility.from ? ` từ ngày ${formatDate(output.eligibility.from)}` : '';
    blocks.push(
      body(`Xã đạt các chỉ tiêu ${levelLabel(catalog, output.level as LevelNo)} nhưng chưa đủ 12 tháng kể từ quyết định công nhận ${levelLabel(catalog, 1)}; xã sẽ đề nghị ${levelLabel(catalog, output.level as LevelNo)}${from}.`),
    );
  }
  const programmes = catalog.programmes.targets
    .map((t) => ({ t, r: output.info[t.key] }))
    .filter((x) => x.r && x.r.denominator > 0)
    .map(({ t, r }) => `"${t.label.vi}" ${formatInt(r!.numerator)}/${formatInt(r!.denominator)} (${formatShare(r!, t.target)}, mục tiêu ${formatThreshold(t.target)})`);
  if (programmes.length) {
    blocks.push(
      body(`Thông tin thêm (không tính vào mức độ), theo mục tiêu của ${catalog.programmes.source.vi}: ${programmes.join('; ')}.`),
    );
  }
  const meeting = meetingSentence(ctx);
  blocks.push(
    body(
      meeting
        ? `Kết quả tự đánh giá đã được thống nhất tại cuộc họp (${meeting}).`
        : 'Kết quả tự đánh giá được thống nhất tại cuộc họp ngày …/…/… (Biên bản số …).',
    ),
  );

  blocks.push(heading('IV. ĐÁNH GIÁ CHUNG'));
  blocks.push(body([{ text: '1. Ưu điểm', italic: true, bold: true }], { keepNext: true }));
  blocks.push(...narrative(t.narrStrengths));
  blocks.push(body([{ text: '2. Hạn chế, nguyên nhân', italic: true, bold: true }], { keepNext: true }));
  blocks.push(...narrative(t.narrWeaknesses));

  blocks.push(heading('V. ĐỀ XUẤT, KIẾN NGHỊ'));
  blocks.push(...narrative(t.narrProposals));
  if (ctx.proposed !== 0) {
    blocks.push(
      body(`Ủy ban nhân dân ${ctx.communeText} đề nghị ${ctx.recipient} xem xét, công nhận ${ctx.communeText} đạt "Cộng đồng học tập" cấp xã ${ctx.levelName} năm ${ctx.year}./.`),
    );
  }
  blocks.push(footer(ctx, recipientLines(ctx, [`- ${ctx.recipient.replace(/[.;]$/, '')};`])));

  // Phụ lục: figures per village.
  blocks.push(p([{ text: 'PHỤ LỤC', bold: true }], { align: 'center', pageBreakBefore: true, keepNext: true }));
  blocks.push(
    p([{ text: `SỐ LIỆU CÁC MÔ HÌNH HỌC TẬP THEO THÔN NĂM ${ctx.year}`, bold: true }], { align: 'center', keepNext: true }),
  );
  blocks.push(
    p([{ text: `(Kèm theo Báo cáo số ${reportNo.trim()} của Ủy ban nhân dân ${ctx.communeText})`, italic: true }], {
      align: 'center',
      after: 12,
      keepNext: true,
    }),
  );
  blocks.push(p([{ text: '1. Gia đình học tập, dòng họ học tập', bold: true }], { after: 6, keepNext: true }));
  blocks.push(annexFamilies(input));
  blocks.push(p([{ text: '2. Công dân học tập, thôn đạt "Cộng đồng học tập" cấp thôn', bold: true }], { before: 12, after: 6, keepNext: true }));
  blocks.push(annexCitizens(input));
  blocks.push(p([{ text: '3. Số liệu chung của xã', bold: true }], { before: 12, after: 6, keepNext: true }));
  blocks.push(annexFigures(input));
  return { id: 'report', title: 'Báo cáo tự đánh giá', fileName: `bao-cao-tu-danh-gia-${ctx.year}`, size: BODY_PT, blocks };
}

const cell = (text: string, opts: { bold?: boolean; italic?: boolean; align?: Para['align']; colSpan?: number; shade?: boolean } = {}): Cell => ({
  paras: [p([{ text, bold: opts.bold, italic: opts.italic }], { align: opts.align ?? 'left' })],
  colSpan: opts.colSpan,
  shade: opts.shade,
  valign: 'center',
});
const hcell = (text: string, colSpan?: number): Cell => cell(text, { bold: true, align: 'center', colSpan, shade: true });
const num = (v: number | null | undefined): string => (typeof v === 'number' ? formatInt(v) : '—');
const ncell = (text: string, bold = false): Cell => cell(text, { align: 'center', bold });

function pct(n: number | null | undefined, d: number | null | undefined): string {
  if (typeof n !== 'number' || typeof d !== 'number' || d === 0) return '—';
  return formatPercent((n / d) * 100);
}

function annexFamilies(input: AssessInput): Table {
  const vs = input.villages; // in the order the commune keeps them
  const s = (k: keyof VillageInput) => sum(vs, k);
  return {
    kind: 'table',
    name: 'annex-families',
    size: 11,
    widths: [6, 22, 10, 10, 10, 11, 9, 9, 9, 11],
    head: [
      [{ ...hcell('TT'), rowSpan: 2 }, { ...hcell('Thôn'), rowSpan: 2 }, hcell('Gia đình học tập', 4), hcell('Dòng họ học tập', 4)],
      [hcell('Tổng số hộ'), hcell('Đăng ký'), hcell('Công nhận'), hcell('Tỷ lệ'), hcell('Tổng số dòng họ'), hcell('Đăng ký'), hcell('Công nhận'), hcell('Tỷ lệ')],
    ],
    body: [
      ...vs.map((v, i) => [
        ncell(String(i + 1)),
        cell(v.name ?? v.code),
        ncell(num(v.households)),
        ncell(num(v.familiesRegistered)),
        ncell(num(v.familiesRecognized)),
        ncell(pct(v.familiesRecognized, v.households)),
        ncell(num(v.lineages)),
        ncell(num(v.lineagesRegistered)),
        ncell(num(v.lineagesRecognized)),
        ncell(pct(v.lineagesRecognized, v.lineages)),
      ]),
      [
        ncell(''),
        cell('Cộng', { bold: true }),
        ncell(num(s('households')), true),
        ncell(num(s('familiesRegistered')), true),
        ncell(num(s('familiesRecognized')), true),
        ncell(pct(s('familiesRecognized'), s('households')), true),
        ncell(num(s('lineages')), true),
        ncell(num(s('lineagesRegistered')), true),
        ncell(num(s('lineagesRecognized')), true),
        ncell(pct(s('lineagesRecognized'), s('lineages')), true),
      ],
    ],
  };
}

function annexCitizens(input: AssessInput): Table {
  const vs = input.villages; // in the order the commune keeps them
  const recognised = vs.filter((v) => v.villageRecognized === true).length;
  const answered = vs.filter((v) => typeof v.villageRecognized === 'boolean').length;
  const yesNo = (b: boolean | null | undefined) => (b === true ? 'Đạt' : b === false ? 'Chưa đạt' : 'Chưa có dữ liệu');
  return {
    kind: 'table',
    name: 'annex-citizens',
    size: 11,
    widths: [5, 19, 12, 12, 9, 13, 11, 19],
    head: [
      [hcell('TT'), hcell('Thôn'), hcell('Số người từ 15 tuổi trở lên'), hcell('Số người đạt danh hiệu "Công dân học tập"'), hcell('Tỷ lệ'), hcell('Số người được đào tạo trình độ chuyên môn kỹ thuật'), hcell('Số người có trình độ đại học trở lên'), hcell('Thôn được công nhận "Cộng đồng học tập" cấp thôn')],
    ],
    body: [
      ...vs.map((v, i) => [
        ncell(String(i + 1)),
        cell(v.name ?? v.code),
        ncell(num(v.citizens)),
        ncell(num(v.citizensRecognized)),
        ncell(pct(v.citizensRecognized, v.citizens)),
        ncell(num(v.trained)),
        ncell(num(v.university)),
        ncell(yesNo(v.villageRecognized)),
      ]),
      [
        ncell(''),
        cell('Cộng', { bold: true }),
        ncell(num(sum(vs, 'citizens')), true),
        ncell(num(sum(vs, 'citizensRecognized')), true),
        ncell(pct(sum(vs, 'citizensRecognized'), sum(vs, 'citizens')), true),
        ncell(num(sum(vs, 'trained')), true),
        ncell(num(sum(vs, 'university')), true),
        ncell(`${formatInt(recognised)}/${formatInt(answered)} thôn`, true),
      ],
    ],
  };
}

function annexFigures(input: AssessInput): Table {
  const f = input.figures ?? {};
  const level = (k: 'pcgdPreschool5' | 'pcgdPrimary' | 'pcgdLowerSecondary' | 'literacy') => standardValue(f[k]);
  return {
    kind: 'table',
    name: 'annex-figures',
    size: 11,
    widths: [6, 60, 34],
    head: [[hcell('TT'), hcell('Nội dung'), hcell('Số liệu')]],
    body: [
      [ncell('1'), cell('Tổng số đơn vị (cơ quan, trường học, tổ chức) trên địa bàn xã'), ncell(num(f.units))],
      [ncell('2'), cell('Số đơn vị được công nhận "Đơn vị học tập"'), ncell(num(f.unitsRecognized))],
      [ncell('3'), cell('Phổ cập giáo dục mầm non cho trẻ em 5 tuổi'), ncell(level('pcgdPreschool5'))],
      [ncell('4'), cell('Mức đạt chuẩn phổ cập giáo dục tiểu học'), ncell(level('pcgdPrimary'))],
      [ncell('5'), cell('Mức đạt chuẩn phổ cập giáo dục trung học cơ sở'), ncell(level('pcgdLowerSecondary'))],
      [ncell('6'), cell('Mức đạt chuẩn xóa mù chữ'), ncell(level('literacy'))],
      [ncell('7'), cell('Xã thuộc vùng khó khăn'), ncell(f.difficultArea === true ? 'Có' : 'Không')],
    ],
  };
}

function multiline(text: string, opts: { bold?: boolean; italic?: boolean; align?: Para['align'] } = {}): Para[] {
  return text.split('\n').map((line) => p([{ text: line, bold: opts.bold, italic: opts.italic }], { align: opts.align ?? 'left' }));
}

function summaryDoc(ctx: Ctx, rows: SummaryRow[]): Doc {
  const t = ctx.texts;
  const blocks: Block[] = [];
  blocks.push(officialHeader(ctx, null));
  blocks.push(
    p([{ text: 'BẢNG TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ CÁC TIÊU CHÍ, CHỈ TIÊU', bold: true }], { align: 'center', before: 18, keepNext: true }),
  );
  blocks.push(
    p([{ text: `"Cộng đồng học tập" cấp xã năm ${ctx.year} — ${ctx.levelName}`, bold: true }], { align: 'center', keepNext: true }),
  );
  blocks.push(
    p([{ text: `(Kèm theo Báo cáo số ${documentNumber(t.reportNumber, 'BC-UBND').trim()} của Ủy ban nhân dân ${ctx.communeText})`, italic: true }], {
      align: 'center',
      after: 12,
      rule: 40,
    }),
  );
  const body: Cell[][] = rows.map((r) => {
    if (r.kind === 'criterion') {
      return [
        cell(r.no, { bold: true, align: 'center', shade: true }),
        cell(`Tiêu chí ${r.no}: ${r.text}`, { bold: true, shade: true }),
        cell(r.requirement, { bold: true, shade: true }),
        cell(r.figure, { bold: true, shade: true }),
        cell(STATUS_LABEL[r.status], { bold: true, align: 'center', shade: true }),
        cell('', { shade: true }),
      ];
    }
    return [
      ncell(r.no),
      { paras: [p([{ text: `Chỉ tiêu ${r.no}: ${r.text}` }])], valign: 'center' },
      { paras: multiline(r.requirement), valign: 'center' },
      { paras: multiline(r.figure), valign: 'center' },
      cell(STATUS_LABEL[r.status], { align: 'center', bold: r.status !== 'met' }),
      { paras: multiline(r.evidence, { italic: r.evidence === 'Chưa có minh chứng' }), valign: 'center' },
    ];
  });
  const table: Table = {
    kind: 'table',
    name: 'summary',
    size: TABLE_PT,
    widths: [6, 29, 14, 18, 10, 23],
    head: [
      [
        hcell('TT'),
        hcell('Tiêu chí, chỉ tiêu'),
        hcell(`Yêu cầu ${ctx.levelName}`),
        hcell('Kết quả của xã'),
        hcell('Tự đánh giá'),
        hcell('Minh chứng'),
      ],
    ],
    body,
  };
  blocks.push(table);
  blocks.push(
    p(`Tổng hợp: đạt ${ctx.criteriaMet}/${ctx.criteriaTotal} tiêu chí, ${ctx.indicatorsMet}/${ctx.indicatorsTotal} chỉ tiêu. Tự đánh giá: ${ctx.proposed === 0 ? `chưa đạt ${ctx.levelName}` : `đạt ${ctx.levelName}`}.`, {
      before: 12,
      align: 'justify',
    }),
  );
  blocks.push(footer(ctx, null));
  return {
    id: 'summary',
    title: 'Bảng tổng hợp kết quả tự đánh giá',
    fileName: `bang-tong-hop-${ctx.year}`,
    size: BODY_PT,
    blocks,
  };
}
