// The dossier as documents: from the readiness input and output, the catalog, the year's texts and
// the commune's settings, builds the four papers (Tờ trình, Báo cáo tự đánh giá, Bảng tổng hợp,
// Biên bản họp), decides whether a request may be made at all, and lists what to fix before
// sending. Pure: no DOM, no Dexie, no clock, no `docx`. Indicator wording always comes from the
// catalog; what is said about each indicator's figure lives in figures.ts.
import type { AssessInput, AssessOutput, IndicatorResult, LevelNo, LevelResult, Status, TrainingThreshold, VillageInput } from '../domain/assess-types.ts';
import { indicatorText, type Catalog, type ProgrammeKey, type StandardFigureKey } from '../domain/catalog/index.ts';
import { type RequestPlan } from '../domain/readiness/request.ts';
import { COMMUNE_FIGURE_LABELS, VILLAGE_COUNT_LABELS } from '../domain/schemas/labels.ts';
import {
  basisParas as basisOf,
  blank,
  blankLine,
  body,
  BODY_PT,
  cell,
  closingSections,
  hcell,
  heading,
  INDENT,
  multiline,
  narrative,
  ncell,
  num,
  officialHeader as header,
  recipientList,
  section,
  signingColumns,
  TABLE_PT,
  titleBlock,
  twoSigners,
  typeset,
  withTotals,
} from './blocks.ts';
import { p, type Block, type Cell, type Columns, type Doc, type Para, type Run, type Table } from './doc.ts';
import { codeFiles, codesByIndicator, evidenceTable, type CodedFile, type EvidenceFileRef } from './evidence-list.ts';
import {
  CITIZENS,
  evidenceText,
  figureText,
  metWithoutEvidence,
  NO_EVIDENCE,
  PAPER_STATUS,
  requirementText,
  standardValue,
  type EvidenceSources,
} from './figures.ts';
import { communeInText, dateLine, formatDate, formatInt, issuerLine, longDate, placeName } from './format.ts';
import {
  DEFAULT_ARCHIVE_OFFICE,
  documentNumber,
  linesOf,
  minutesNumberOf,
  signingLines,
  type DossierTexts,
} from './texts.ts';
import { criterionName, indicatorName, formatPercent, formatShare, requestText } from '../i18n/readiness.ts';

export { PAPER_STATUS } from './figures.ts';

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
  /** What the year's dossier asks for: the assessment's `requestPlan(output, input)`, never decided here. */
  plan: RequestPlan;
  catalog: Catalog;
  texts: DossierTexts;
  commune: CommuneSettings;
  /** The year's evidence files (tệp minh chứng), cited by code and listed in the report's annex. */
  files?: readonly EvidenceFileRef[];
}

/** One line of the summary table: a criterion or one of its indicators. */
export interface SummaryRow {
  kind: 'criterion' | 'indicator';
  id: string;
  /** "1" for a criterion, "1.1" for an indicator (the short form). */
  no: string;
  /** As the circular names it: "Tiêu chí 4", "Chỉ tiêu 2 của Tiêu chí 4". */
  name: string;
  /** The catalog's wording. */
  text: string;
  requirement: string;
  figure: string;
  status: Status;
  evidence: string;
  /** Judged "Đạt" with no evidence. */
  noEvidence: boolean;
}

export type WarningCode =
  | 'no-request'
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
  /** What the dossier asks for (the assessment's plan), or why it asks nothing. */
  request: RequestPlan;
  /** Why no request is made, in a sentence (null when a request is made). */
  noRequest: string | null;
  /** The level the request asks for (0 = no request). */
  proposedLevel: 0 | LevelNo;
  /** The level whose requirements the summary table shows (asked for, else eligible, else 1). */
  tableLevel: LevelNo;
  /** "Mức độ 1 (Khá)" — the catalog's name of tableLevel. */
  tableLevelName: string;
  rows: SummaryRow[];
  warnings: DossierWarning[];
  /** Not all data, not all evidence, or not locked: every page says "DỰ THẢO". */
  draft: boolean;
  /** The papers in dossier order; the request only when one may be made. */
  docs: { submission: Doc | null; report: Doc; summary: Doc; minutes: Doc };
}


/** "TC1.2" → "1.2"; "TC3" → "3": the short form beside the circular's name. */
export function shortNo(id: string): string {
  return id.replace(/^TC/, '');
}

/** The circular's name of a criterion or indicator: "TC4.2" → "Chỉ tiêu 2 của Tiêu chí 4", "TC4" → "Tiêu chí 4". */
export function officialName(id: string): string {
  return id.includes('.') ? indicatorName(id) : criterionName(id);
}

function levelLabel(catalog: Catalog, level: LevelNo): string {
  return catalog.levels.find((l) => l.level === level)?.label.vi ?? `Mức độ ${level}`;
}

/** A request that is made: first recognition, upgrade or re-recognition. */
type Request = Exclude<RequestPlan, { kind: 'none' }>;

/** Why the dossier carries no Tờ trình: the plan's own sentence, then what it means for the papers. */
function noRequestText(plan: Extract<RequestPlan, { kind: 'none' }>): string {
  return `${requestText(plan)} Không lập tờ trình đề nghị công nhận.`;
}

/** Builds the whole dossier of one year. */
export function buildDossier(args: DossierBuildArgs): DossierModel {
  const { output } = args;
  const request = args.plan;
  const proposedLevel = request.kind === 'none' ? 0 : request.level;
  // The level asked for, else the one the commune may be recognised at, else level 1.
  const tableLevel: LevelNo = proposedLevel || output.eligibleLevel || 1;
  const level = levelResult(output, tableLevel);
  const ctx = context(args, tableLevel, level, request);
  const rows = levelRows(args.input, args.catalog, level, ctx.sources, ctx.villageNames);
  const warnings = dossierWarnings(ctx, rows);
  const draft =
    !args.texts.locked || rows.some((r) => r.status === 'unknown' || r.noEvidence) || level.criteria.some((c) => c.indicators.some((i) => i.missing.length > 0));
  const finish = (doc: Omit<Doc, 'draft' | 'size'>): Doc => typeset({ ...doc, size: BODY_PT, draft });
  return {
    year: output.year,
    request,
    noRequest: request.kind === 'none' ? noRequestText(request) : null,
    proposedLevel,
    tableLevel,
    tableLevelName: ctx.levelName,
    rows,
    warnings,
    draft,
    docs: {
      submission: request.kind === 'none' ? null : finish(submissionDoc(ctx, request)),
      report: finish(reportDoc(ctx, rows)),
      summary: finish(summaryDoc(ctx, rows)),
      minutes: finish(minutesDoc(ctx, rows)),
    },
  };
}

function levelResult(output: AssessOutput, level: LevelNo): LevelResult {
  const found = output.levels.find((l) => l.level === level);
  if (!found) throw new Error(`Kết quả đánh giá thiếu mức độ ${level}`);
  return found;
}

function indicatorResults(level: LevelResult): Map<string, IndicatorResult> {
  return new Map(level.criteria.flatMap((c) => c.indicators.map((i) => [i.id, i] as const)));
}

// ---------------------------------------------------------------------------------------------
// Context shared by the papers

interface Ctx {
  args: DossierBuildArgs;
  year: number;
  communeText: string;
  issuer: string;
  recipient: string | null;
  request: RequestPlan;
  tableLevel: LevelNo;
  level: LevelResult;
  levelName: string;
  criteriaMet: number;
  indicatorsMet: number;
  criteriaTotal: number;
  indicatorsTotal: number;
  texts: DossierTexts;
  dateText: string;
  reportNo: string;
  /** "Báo cáo số 15/BC-UBND ngày 05 tháng 02 năm 2026 của Ủy ban nhân dân xã Ba Tô". */
  reportRef: string;
  /** "Biên bản số 03/BB-UBND ngày 20/01/2026", or null before the meeting is recorded. */
  minutesRef: string | null;
  sources: EvidenceSources;
  villageNames: (codes: readonly string[]) => string;
  /** The evidence files with their codes, in the annex's order. */
  files: CodedFile[];
}

function context(args: DossierBuildArgs, tableLevel: LevelNo, level: LevelResult, request: RequestPlan): Ctx {
  const { texts, commune, catalog, output, input } = args;
  const indicators = level.criteria.flatMap((c) => c.indicators);
  const communeText = communeInText(commune.name);
  const reportNo = documentNumber(texts.reportNumber, 'BC-UBND').trim();
  const reportRef = `Báo cáo số ${reportNo} ${longDate(texts.docDate, output.year + 1)} của Ủy ban nhân dân ${communeText}`;
  const files = codeFiles(args.files ?? [], catalog);
  return {
    args,
    year: output.year,
    communeText,
    issuer: issuerLine(commune.name),
    recipient: commune.recipient?.trim() || null,
    request,
    tableLevel,
    level,
    levelName: levelLabel(catalog, tableLevel),
    criteriaMet: level.criteria.filter((c) => c.status === 'met').length,
    indicatorsMet: indicators.filter((i) => i.status === 'met').length,
    criteriaTotal: catalog.criteria.length,
    indicatorsTotal: catalog.criteria.reduce((n, c) => n + c.indicators.length, 0),
    texts,
    dateText: dateLine(texts.place?.trim() || placeName(commune.name), texts.docDate, output.year + 1),
    reportNo,
    reportRef,
    minutesRef: minutesCitation(texts),
    sources: { ...sourcesOf(texts), files: codesByIndicator(files) },
    villageNames: namesOfVillages(input),
    files,
  };
}

function minutesCitation(t: DossierTexts): string | null {
  const number = minutesNumberOf(t.minutesRef);
  if (!number && !t.meetingDate) return null;
  const date = t.meetingDate ? ` ngày ${formatDate(t.meetingDate)}` : '';
  return `Biên bản số ${number ? documentNumber(number, 'BB-UBND').trim() : '…/BB-UBND'}${date}`;
}

// ---------------------------------------------------------------------------------------------
// The summary rows (shared by the summary table, the report and the minutes)

/** "Thôn Làng Mạ, Thôn Gò Ra" for village codes, by the names the input gives. */
function namesOfVillages(input: AssessInput): (codes: readonly string[]) => string {
  const byCode = new Map(input.villages.map((v) => [v.code, v.name ?? v.code]));
  return (codes) => codes.map((c) => byCode.get(c) ?? c).join(', ');
}

/** Where the papers cite their figures from: the report's annex, the PCGD–XMC decision typed. */
function sourcesOf(texts: DossierTexts): EvidenceSources {
  return { annexRef: `Phụ lục kèm theo Báo cáo số ${documentNumber(texts.reportNumber, 'BC-UBND').trim()}`, pcgdEvidence: texts.pcgdEvidence };
}

/**
 * The summary rows of one level, in the papers' words: the Bảng tổng hợp (paper and .xlsx sheet),
 * the report and the minutes all say the same about each indicator.
 */
export function summaryRows(args: Pick<DossierBuildArgs, 'input' | 'catalog' | 'files'> & { texts?: DossierTexts }, level: LevelResult): SummaryRow[] {
  const files = codesByIndicator(codeFiles(args.files ?? [], args.catalog));
  return levelRows(args.input, args.catalog, level, { ...sourcesOf(args.texts ?? {}), files }, namesOfVillages(args.input));
}

function levelRows(input: AssessInput, catalog: Catalog, level: LevelResult, sources: EvidenceSources, villageNames: (codes: readonly string[]) => string): SummaryRow[] {
  const results = indicatorResults(level);
  const criteria = new Map(level.criteria.map((c) => [c.id, c]));
  const rows: SummaryRow[] = [];
  for (const crit of catalog.criteria) {
    const indicatorRows: SummaryRow[] = crit.indicators.map((def) => {
      const r = results.get(def.id);
      if (!r) throw new Error(`Kết quả đánh giá thiếu chỉ tiêu ${def.id}`);
      return {
        kind: 'indicator',
        id: def.id,
        no: shortNo(def.id),
        name: officialName(def.id),
        text: indicatorText(def, level.level).vi,
        requirement: requirementText(def, r),
        figure: figureText(input, def, r, villageNames),
        status: r.status,
        evidence: evidenceText(input, def, sources),
        noEvidence: metWithoutEvidence(input, def, r, sources),
      };
    });
    const met = indicatorRows.filter((r) => r.status === 'met').length;
    rows.push({
      kind: 'criterion',
      id: crit.id,
      no: shortNo(crit.id),
      name: officialName(crit.id),
      text: crit.text.vi,
      requirement: `Đạt tất cả ${crit.indicators.length} chỉ tiêu`,
      figure: `Đạt ${met}/${crit.indicators.length} chỉ tiêu`,
      status: criteria.get(crit.id)?.status ?? 'unknown',
      evidence: '',
      noEvidence: false,
    });
    rows.push(...indicatorRows);
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Warnings

function dossierWarnings(ctx: Ctx, rows: SummaryRow[]): DossierWarning[] {
  const { input, output, catalog, commune } = ctx.args;
  const t = ctx.texts;
  const out: DossierWarning[] = [];
  const names = (list: SummaryRow[]) => list.map((r) => r.name).join(', ');

  if (ctx.request.kind === 'none') out.push({ code: 'no-request', severity: ctx.request.reason === 'in-force' ? 'info' : 'block', text: noRequestText(ctx.request) });
  if (output.eligibility && output.level > output.eligibleLevel) {
    const from = output.eligibility.from ? ` từ ngày ${formatDate(output.eligibility.from)}` : ' sau này';
    out.push({
      code: 'eligibility',
      severity: 'info',
      text: `Xã đạt ${levelLabel(catalog, output.level as LevelNo)} nhưng chỉ được đề nghị mức này${from} (chưa đủ 12 tháng kể từ quyết định công nhận ${levelLabel(catalog, 1)}); hồ sơ đề nghị ${ctx.levelName}.`,
    });
  }
  const indicators = rows.filter((r) => r.kind === 'indicator');
  const unknown = indicators.filter((r) => r.status === 'unknown');
  if (unknown.length > 0) {
    out.push({ code: 'unknown', severity: 'block', text: `Số liệu năm ${input.year} chưa đủ — chưa có dữ liệu: ${names(unknown)}.` });
  }
  const missing = new Set(ctx.level.criteria.flatMap((c) => c.indicators.flatMap((i) => i.missing)));
  if (missing.size > 0) {
    out.push({ code: 'missing-villages', severity: 'block', text: `Thôn chưa đủ số liệu: ${ctx.villageNames([...missing])}.` });
  }
  const bare = indicators.filter((r) => r.noEvidence);
  if (bare.length > 0) {
    out.push({
      code: 'no-evidence',
      severity: 'warn',
      text: `Tự đánh giá Đạt nhưng chưa có minh chứng: ${names(bare)}. Giấy tờ in ra sẽ ghi "${NO_EVIDENCE}".`,
    });
  }
  if (!commune.recipient?.trim()) {
    out.push({ code: 'no-recipient', severity: 'warn', text: 'Chưa đặt nơi nhận hồ sơ (cơ quan thẩm định của tỉnh).' });
  }
  if (!t.signerName?.trim()) out.push({ code: 'no-signer', severity: 'warn', text: 'Chưa nhập họ và tên người ký.' });
  if (!t.meetingDate || !minutesNumberOf(t.minutesRef)) {
    out.push({ code: 'no-meeting', severity: 'warn', text: 'Chưa ghi ngày họp và số biên bản họp thống nhất kết quả tự đánh giá.' });
  } else if (!t.locked) {
    out.push({ code: 'not-locked', severity: 'info', text: `Số liệu năm ${input.year} chưa khóa: giấy tờ còn ghi "DỰ THẢO" và có thể lệch với số liệu nếu còn sửa.` });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Building blocks of the papers

/** The recipient's name, or a blank for the hand. */
function recipientRuns(ctx: Ctx): Run[] {
  return ctx.recipient ? [{ text: ctx.recipient }] : [blank()];
}

/** The commune's header: the issuing body in full and bold, both lines (papers.md). */
function officialHeader(ctx: Ctx, numberLine: string | null, withDate = true): Columns {
  return header({
    issuer: [
      { text: 'ỦY BAN NHÂN DÂN', bold: true },
      { text: ctx.issuer, bold: true },
    ],
    numberLine,
    dateText: withDate ? ctx.dateText : null,
  });
}

/** Căn cứ: the circular first, then the province's guidance letter, then any other ground typed. */
function basisParas(ctx: Ctx): Para[] {
  return basisOf(ctx.texts.guidanceLetter, ctx.texts.basis);
}

/** Nơi nhận (left) and the signature block (right): up to three lines, then the name in bold. */
function footer(ctx: Ctx, recipients: string[] | null): Columns {
  return signingColumns(recipients, signingLines(ctx.texts), ctx.texts.signerName);
}

/** "- Như trên;" or the recipient, the other recipients, then "- Lưu: VT, VHXH.". */
function recipientLines(ctx: Ctx, first: string[]): string[] {
  return recipientList(first, ctx.texts.copyTo, ctx.texts.archiveOffice?.trim() || DEFAULT_ARCHIVE_OFFICE);
}

/** "“Cộng đồng học tập” cấp xã Mức độ 1 (Khá) năm 2025". */
function titleOfLevel(ctx: Ctx, level: LevelNo): string {
  return `"Cộng đồng học tập" cấp xã ${levelLabel(ctx.args.catalog, level)} năm ${ctx.year}`;
}

function requestVerb(r: Request): string {
  return r.kind === 'renewal' ? 'công nhận lại' : 'công nhận';
}

// ---------------------------------------------------------------------------------------------
// Tờ trình

function submissionDoc(ctx: Ctx, request: Request): Omit<Doc, 'draft' | 'size'> {
  const t = ctx.texts;
  const verb = requestVerb(request);
  const levelText = titleOfLevel(ctx, request.level);
  const blocks: Block[] = [];
  blocks.push(officialHeader(ctx, `Số: ${documentNumber(t.submissionNumber, 'TTr-UBND')}`));
  blocks.push(...titleBlock('TỜ TRÌNH', `Về việc đề nghị ${verb} ${ctx.communeText} đạt ${levelText}`));
  blocks.push(p([{ text: 'Kính gửi: ' }, ...recipientRuns(ctx), { text: '.' }], { align: 'center', after: 12 }));
  blocks.push(...basisParas(ctx));
  blocks.push(
    body(`Căn cứ kết quả tự đánh giá "Cộng đồng học tập" cấp xã năm ${ctx.year} của Ủy ban nhân dân ${ctx.communeText}${ctx.minutesRef ? ` đã được thống nhất tại ${ctx.minutesRef}` : ''};`),
  );
  blocks.push(
    body(
      `Ủy ban nhân dân ${ctx.communeText} đã tổ chức tự đánh giá kết quả xây dựng "Cộng đồng học tập" cấp xã năm ${ctx.year} (từ ngày 01/01/${ctx.year} đến ngày 31/12/${ctx.year}) theo các tiêu chí, chỉ tiêu quy định tại Thông tư số 25/2023/TT-BGDĐT. Kết quả: đạt ${ctx.criteriaMet}/${ctx.criteriaTotal} tiêu chí, ${ctx.indicatorsMet}/${ctx.indicatorsTotal} chỉ tiêu ${ctx.levelName}.`,
    ),
  );
  // The title the request follows: the one in force (upgrade, last year) or the one that ended.
  const title = request.kind === 'upgrade' ? request.held : request.kind === 'renewal' ? request.title : null;
  if (title) {
    const until = request.kind === 'renewal' && !request.inForce ? 'đã hết hiệu lực ngày' : 'còn hiệu lực đến ngày';
    blocks.push(
      body(`Xã đã được công nhận đạt "Cộng đồng học tập" cấp xã ${levelLabel(ctx.args.catalog, title.level)} (quyết định ngày ${formatDate(title.decidedOn)}, ${until} ${formatDate(title.validUntil)}).`),
    );
  }
  blocks.push(body([{ text: `Ủy ban nhân dân ${ctx.communeText} kính đề nghị ` }, ...recipientRuns(ctx), { text: ` xem xét, ${verb} ${ctx.communeText} đạt ${levelText}.` }]));
  blocks.push(body('Hồ sơ kèm theo gồm:', { keepNext: true }));
  blocks.push(body(`1. Báo cáo số ${ctx.reportNo} tự đánh giá kết quả xây dựng "Cộng đồng học tập" cấp xã năm ${ctx.year};`));
  blocks.push(body('2. Bảng tổng hợp kết quả đánh giá các tiêu chí, chỉ tiêu;'));
  // The last lines go with the signature (never a signature alone on its page).
  blocks.push({
    kind: 'keep',
    blocks: [
      body(`3. ${ctx.minutesRef ?? 'Biên bản họp'} thống nhất kết quả tự đánh giá.`),
      body([{ text: 'Kính trình ' }, ...recipientRuns(ctx), { text: ' xem xét, quyết định./.' }]),
      footer(ctx, recipientLines(ctx, ['- Như trên;'])),
    ],
  });
  return { id: 'submission', title: 'Tờ trình đề nghị công nhận', fileName: `to-trinh-${ctx.year}`, sections: [section('main', blocks)] };
}

// ---------------------------------------------------------------------------------------------
// Báo cáo tự đánh giá (+ its annex)

function sum(villages: VillageInput[], key: keyof VillageInput): number | null {
  let total = 0;
  for (const v of villages) {
    const x = v[key];
    if (typeof x !== 'number') return null;
    total += x;
  }
  return total;
}

/** What each programme ratio counts. */
const PROGRAMME_UNIT: Record<ProgrammeKey, string> = { families: 'hộ', lineages: 'dòng họ', villages: 'thôn', units: 'đơn vị' };

function reportDoc(ctx: Ctx, rows: SummaryRow[]): Omit<Doc, 'draft' | 'size'> {
  const { input, output, catalog } = ctx.args;
  const t = ctx.texts;
  const blocks: Block[] = [];
  blocks.push(officialHeader(ctx, `Số: ${documentNumber(t.reportNumber, 'BC-UBND')}`));
  blocks.push(...titleBlock('BÁO CÁO', `Kết quả tự đánh giá "Cộng đồng học tập" cấp xã năm ${ctx.year}`));
  blocks.push(...basisParas(ctx));
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

  blocks.push(heading(`II. KẾT QUẢ TỰ ĐÁNH GIÁ THEO TIÊU CHÍ, CHỈ TIÊU (${ctx.levelName.toUpperCase()})`));
  const narr: Record<string, string | undefined> = { TC1: t.narrTC1, TC2: t.narrTC2, TC3: t.narrTC3, TC4: t.narrTC4, TC5: t.narrTC5 };
  for (const crit of catalog.criteria) {
    const critRow = rows.find((r) => r.kind === 'criterion' && r.id === crit.id)!;
    blocks.push(heading(`${critRow.no}. ${critRow.name}: ${crit.text.vi}`));
    blocks.push(...narrative(narr[crit.id]));
    for (const r of rows.filter((x) => x.kind === 'indicator' && x.id.startsWith(`${crit.id}.`))) {
      blocks.push(
        body([
          { text: `- ${r.name}: `, bold: true, italic: true },
          { text: `${r.text.replace(/[.;]\s*$/, '')}. `, italic: true },
          { text: `Kết quả: ${r.figure.split('\n').join('; ')}. ` },
          { text: `Minh chứng: ${r.evidence.split('\n').map((l) => l.replace(/^- /, '')).join('; ')}. `, italic: r.evidence === NO_EVIDENCE },
          { text: `Tự đánh giá: ${PAPER_STATUS[r.status]}.`, bold: true },
        ]),
      );
    }
    blocks.push(body([{ text: `Kết luận: ${critRow.name} ${PAPER_STATUS[critRow.status]} (${critRow.figure.toLowerCase()}).`, bold: true }]));
  }

  blocks.push(heading('III. KẾT QUẢ CHUNG'));
  blocks.push(body(`Tổng hợp: ${ctx.communeText} đạt ${ctx.criteriaMet}/${ctx.criteriaTotal} tiêu chí, ${ctx.indicatorsMet}/${ctx.indicatorsTotal} chỉ tiêu ${ctx.levelName}.`));
  blocks.push(body([{ text: 'Tự đánh giá: ' }, { text: ctx.level.status === 'met' ? `đạt ${ctx.levelName}` : `chưa đạt ${ctx.levelName}`, bold: true }, { text: '.' }]));
  if (ctx.request.kind === 'none') blocks.push(body(requestText(ctx.request)));
  else blocks.push(body([{ text: 'Mức độ đề nghị công nhận: ' }, { text: levelLabel(catalog, ctx.request.level), bold: true }, { text: ctx.request.kind === 'renewal' ? ' (công nhận lại).' : '.' }]));
  if (output.eligibility && output.level > output.eligibleLevel) {
    const from = output.eligibility.from ? ` từ ngày ${formatDate(output.eligibility.from)}` : '';
    blocks.push(
      body(`Xã đạt các chỉ tiêu ${levelLabel(catalog, output.level as LevelNo)} nhưng chưa đủ 12 tháng kể từ quyết định công nhận ${levelLabel(catalog, 1)}; xã sẽ đề nghị ${levelLabel(catalog, output.level as LevelNo)}${from}.`),
    );
  }
  // The programme targets of Quyết định 387/QĐ-TTg, as the engine reports them: information only.
  const programmes = catalog.programmes.targets.flatMap((t) => {
    const r = output.info[t.key];
    if (!r || r.denominator === 0) return [];
    return [`"${t.label.vi}" ${formatInt(r.numerator)}/${formatInt(r.denominator)} ${PROGRAMME_UNIT[t.key]} (${formatShare(r, r.target)}, mục tiêu ${formatPercent(r.target)})`];
  });
  if (programmes.length) {
    blocks.push(body(`Thông tin thêm (không tính vào mức độ), theo mục tiêu của ${catalog.programmes.source.vi}: ${programmes.join('; ')}.`));
  }
  blocks.push(
    body(
      ctx.minutesRef
        ? `Kết quả tự đánh giá đã được thống nhất tại cuộc họp (${ctx.minutesRef}).`
        : [{ text: 'Kết quả tự đánh giá được thống nhất tại cuộc họp ngày ' }, blank(8), { text: ' (Biên bản số ' }, blank(5), { text: ').' }],
    ),
  );

  blocks.push(...closingSections(['IV. ĐÁNH GIÁ CHUNG', 'V. ĐỀ XUẤT, KIẾN NGHỊ'], { strengths: t.narrStrengths, weaknesses: t.narrWeaknesses, proposals: t.narrProposals }));
  const closing: Para[] = [];
  if (ctx.request.kind !== 'none') {
    closing.push(
      body([
        { text: `Ủy ban nhân dân ${ctx.communeText} đề nghị ` },
        ...recipientRuns(ctx),
        { text: ` xem xét, ${requestVerb(ctx.request)} ${ctx.communeText} đạt ${titleOfLevel(ctx, ctx.request.level)}.` },
      ]),
    );
  }
  closing.push(
    body(`Trên đây là báo cáo kết quả tự đánh giá "Cộng đồng học tập" cấp xã năm ${ctx.year} của Ủy ban nhân dân ${ctx.communeText}. Ủy ban nhân dân ${ctx.communeText} kính báo cáo./.`),
  );
  const first = ctx.recipient ? [`- ${ctx.recipient.replace(/[.;]$/, '')};`] : ['- …;'];
  blocks.push({ kind: 'keep', blocks: [...closing, footer(ctx, recipientLines(ctx, first))] });

  // Phụ lục: figures per village, its pages numbered on their own.
  const shares = annexThresholds(ctx);
  const annex: Block[] = [
    p([{ text: 'PHỤ LỤC', bold: true }], { align: 'center', keepNext: true }),
    p([{ text: `SỐ LIỆU TỔNG HỢP THEO THÔN NĂM ${ctx.year}`, bold: true }], { align: 'center', keepNext: true }),
    p([{ text: `(Kèm theo ${ctx.reportRef})`, italic: true }], { align: 'center', after: 12, keepNext: true }),
    p([{ text: '1. Gia đình học tập, dòng họ học tập', bold: true }], { after: 6, keepNext: true }),
    annexFamilies(input, shares),
    p([{ text: `2. Công dân học tập (${officialName('TC5.1')}), thôn đạt "Cộng đồng học tập" cấp thôn`, bold: true }], { before: 12, after: 6, keepNext: true }),
    annexCitizens(input, shares),
    p([{ text: `3. Trình độ chuyên môn kỹ thuật (${officialName('TC5.2')})`, bold: true }], { before: 12, after: 6, keepNext: true }),
    annexTraining(input, shares),
    p([{ text: '4. Số liệu chung của xã', bold: true }], { before: 12, after: 6, keepNext: true }),
    annexFigures(input),
  ];
  // Phụ lục: Danh mục minh chứng, when files are attached (each indicator's row cites their codes).
  const evidence: Block[] = ctx.files.length
    ? [
        p([{ text: 'PHỤ LỤC', bold: true }], { align: 'center', keepNext: true }),
        p([{ text: `DANH MỤC MINH CHỨNG NĂM ${ctx.year}`, bold: true }], { align: 'center', keepNext: true }),
        p([{ text: `(Kèm theo ${ctx.reportRef})`, italic: true }], { align: 'center', after: 12, keepNext: true }),
        evidenceTable(ctx.files, (id) => `${officialName(id)} (${shortNo(id)})`),
      ]
    : [];
  return {
    id: 'report',
    title: 'Báo cáo tự đánh giá',
    fileName: `bao-cao-tu-danh-gia-${ctx.year}`,
    sections: [section('main', blocks), section('annex', annex), ...(evidence.length ? [section('annex-evidence', evidence)] : [])],
  };
}

/** A share in the annex, beside the threshold a reader holds it against (never rounded up into it). */
function pct(n: number | null | undefined, d: number | null | undefined, threshold: number): string {
  if (typeof n !== 'number' || typeof d !== 'number' || d === 0) return '—';
  return formatShare({ numerator: n, denominator: d, percent: null }, threshold);
}

/** The thresholds the annex's shares are read against: the table level's, and the programme targets. */
interface AnnexThresholds {
  families: number;
  lineages: number;
  citizens: number;
  trained: number;
  university: number;
}

function annexThresholds(ctx: Ctx): AnnexThresholds {
  const { catalog, output } = ctx.args;
  const results = indicatorResults(ctx.level);
  const target = (k: ProgrammeKey) => output.info[k]?.target ?? catalog.programmes.targets.find((t) => t.key === k)?.target ?? 100;
  const tc52 = results.get('TC5.2')?.threshold as TrainingThreshold | undefined;
  return {
    families: target('families'),
    lineages: target('lineages'),
    citizens: (results.get('TC5.1')?.threshold as number | undefined) ?? 100,
    trained: tc52?.trained ?? 100,
    university: tc52?.university ?? 100,
  };
}

function annexFamilies(input: AssessInput, t: AnnexThresholds): Table {
  const vs = input.villages; // in the order the commune keeps them
  const s = (k: keyof VillageInput) => sum(vs, k);
  return withTotals({
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
        ncell(pct(v.familiesRecognized, v.households, t.families)),
        ncell(num(v.lineages)),
        ncell(num(v.lineagesRegistered)),
        ncell(num(v.lineagesRecognized)),
        ncell(pct(v.lineagesRecognized, v.lineages, t.lineages)),
      ]),
      [
        ncell(''),
        cell('Cộng', { bold: true }),
        ncell(num(s('households')), true),
        ncell(num(s('familiesRegistered')), true),
        ncell(num(s('familiesRecognized')), true),
        ncell(pct(s('familiesRecognized'), s('households'), t.families), true),
        ncell(num(s('lineages')), true),
        ncell(num(s('lineagesRegistered')), true),
        ncell(num(s('lineagesRecognized')), true),
        ncell(pct(s('lineagesRecognized'), s('lineages'), t.lineages), true),
      ],
    ],
  });
}

const L = VILLAGE_COUNT_LABELS;

function annexCitizens(input: AssessInput, t: AnnexThresholds): Table {
  const vs = input.villages; // in the order the commune keeps them
  const recognised = vs.filter((v) => v.villageRecognized === true).length;
  const answered = vs.filter((v) => typeof v.villageRecognized === 'boolean').length;
  const yesNo = (b: boolean | null | undefined) => (b === true ? 'Đạt' : b === false ? 'Không đạt' : 'Chưa có dữ liệu');
  return withTotals({
    kind: 'table',
    name: 'annex-citizens',
    size: 11,
    widths: [6, 28, 16, 16, 12, 22],
    head: [[hcell('TT'), hcell('Thôn'), hcell(L.citizens.vi), hcell(L.citizensRecognized.vi), hcell('Tỷ lệ'), hcell(L.villageRecognized.vi)]],
    body: [
      ...vs.map((v, i) => [
        ncell(String(i + 1)),
        cell(v.name ?? v.code),
        ncell(num(v.citizens)),
        ncell(num(v.citizensRecognized)),
        ncell(pct(v.citizensRecognized, v.citizens, t.citizens)),
        ncell(yesNo(v.villageRecognized)),
      ]),
      [
        ncell(''),
        cell('Cộng', { bold: true }),
        ncell(num(sum(vs, 'citizens')), true),
        ncell(num(sum(vs, 'citizensRecognized')), true),
        ncell(pct(sum(vs, 'citizensRecognized'), sum(vs, 'citizens'), t.citizens), true),
        ncell(`${formatInt(recognised)}/${formatInt(answered)} thôn`, true),
      ],
    ],
  });
}

/** TC5.2 per village: the trained and the university shares of the same base. */
function annexTraining(input: AssessInput, t: AnnexThresholds): Table {
  const vs = input.villages; // in the order the commune keeps them
  const row = (c: Pick<VillageInput, 'citizens' | 'trained' | 'university'>, bold: boolean) => [
    ncell(num(c.citizens), bold),
    ncell(num(c.trained), bold),
    ncell(pct(c.trained, c.citizens, t.trained), bold),
    ncell(num(c.university), bold),
    ncell(pct(c.university, c.citizens, t.university), bold),
  ];
  return withTotals({
    kind: 'table',
    name: 'annex-training',
    size: 11,
    widths: [6, 24, 14, 16, 11, 16, 13],
    head: [[hcell('TT'), hcell('Thôn'), hcell(L.citizens.vi), hcell(L.trained.vi), hcell('Tỷ lệ'), hcell(L.university.vi), hcell('Tỷ lệ')]],
    body: [
      ...vs.map((v, i) => [ncell(String(i + 1)), cell(v.name ?? v.code), ...row(v, false)]),
      [ncell(''), cell('Cộng', { bold: true }), ...row({ citizens: sum(vs, 'citizens'), trained: sum(vs, 'trained'), university: sum(vs, 'university') }, true)],
    ],
  });
}

function annexFigures(input: AssessInput): Table {
  const f = input.figures ?? {};
  const F = COMMUNE_FIGURE_LABELS;
  const standard = (k: StandardFigureKey) => standardValue(f[k]);
  const rows: [string, string][] = [
    [F.units.vi, num(f.units)],
    [F.unitsRecognized.vi, num(f.unitsRecognized)],
    [F.pcgdPreschool5.vi, standard('pcgdPreschool5')],
    [F.pcgdPrimary.vi, standard('pcgdPrimary')],
    [F.pcgdLowerSecondary.vi, standard('pcgdLowerSecondary')],
    [F.literacy.vi, standard('literacy')],
    // Absent = not a difficult area: the ordinary thresholds of TC5.2 (criteria-tt25-commune.md).
    [F.difficultArea.vi, f.difficultArea === true ? 'Có' : 'Không'],
  ];
  return {
    kind: 'table',
    name: 'annex-figures',
    size: 11,
    widths: [6, 60, 34],
    head: [[hcell('TT'), hcell('Nội dung'), hcell('Số liệu')]],
    body: rows.map(([label, value], i) => [ncell(String(i + 1)), cell(label), ncell(value)]),
  };
}

// ---------------------------------------------------------------------------------------------
// Bảng tổng hợp

function summaryDoc(ctx: Ctx, rows: SummaryRow[]): Omit<Doc, 'draft' | 'size'> {
  const blocks: Block[] = [];
  blocks.push(officialHeader(ctx, null));
  blocks.push(p([{ text: 'BẢNG TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ CÁC TIÊU CHÍ, CHỈ TIÊU', bold: true }], { align: 'center', before: 18, keepNext: true }));
  blocks.push(p([{ text: `"Cộng đồng học tập" cấp xã năm ${ctx.year} — ${ctx.levelName}`, bold: true }], { align: 'center', keepNext: true }));
  blocks.push(p([{ text: `(Kèm theo ${ctx.reportRef})`, italic: true }], { align: 'center', after: 12, rule: 40 }));
  const tableBody: Cell[][] = rows.map((r) => {
    if (r.kind === 'criterion') {
      return [
        cell(r.no, { bold: true, align: 'center', shade: true }),
        cell(`${r.name}: ${r.text}`, { bold: true, shade: true }),
        cell(r.requirement, { bold: true, shade: true }),
        cell(r.figure, { bold: true, shade: true }),
        cell(PAPER_STATUS[r.status], { bold: true, align: 'center', shade: true }),
        cell('', { shade: true }),
      ];
    }
    return [
      ncell(r.no),
      { paras: [p([{ text: `${r.name}: `, bold: true }, { text: r.text }])], valign: 'center' },
      { paras: multiline(r.requirement), valign: 'center' },
      { paras: multiline(r.figure), valign: 'center' },
      cell(PAPER_STATUS[r.status], { align: 'center', bold: r.status !== 'met' }),
      { paras: multiline(r.evidence, { italic: r.evidence === NO_EVIDENCE, bold: r.noEvidence }), valign: 'center' },
    ];
  });
  blocks.push({
    kind: 'table',
    name: 'summary',
    size: TABLE_PT,
    widths: [6, 29, 14, 18, 10, 23],
    head: [[hcell('TT'), hcell('Tiêu chí, chỉ tiêu'), hcell(`Yêu cầu ${ctx.levelName}`), hcell('Kết quả của xã'), hcell('Tự đánh giá'), hcell('Minh chứng')]],
    body: tableBody,
    // A criterion's row keeps with its first indicator (never a criterion alone at a page's foot).
    keepWithNext: rows.flatMap((r, i) => (r.kind === 'criterion' ? [i] : [])),
  });
  blocks.push({
    kind: 'keep',
    blocks: [
      p(
        `Tổng hợp: đạt ${ctx.criteriaMet}/${ctx.criteriaTotal} tiêu chí, ${ctx.indicatorsMet}/${ctx.indicatorsTotal} chỉ tiêu. Tự đánh giá: ${ctx.level.status === 'met' ? `đạt ${ctx.levelName}` : `chưa đạt ${ctx.levelName}`}.`,
        { before: 12, align: 'justify', indent: INDENT },
      ),
      footer(ctx, null),
    ],
  });
  return { id: 'summary', title: 'Bảng tổng hợp kết quả tự đánh giá', fileName: `bang-tong-hop-${ctx.year}`, sections: [section('main', blocks)] };
}

// ---------------------------------------------------------------------------------------------
// Biên bản họp (Điều 9.1.c)

function personLine(name: string | undefined, title: string | undefined): Run[] {
  const n = name?.trim();
  const ti = title?.trim();
  if (!n && !ti) return [blank(24)];
  return [{ text: [n, ti].filter(Boolean).join(', ') }];
}

function minutesDoc(ctx: Ctx, rows: SummaryRow[]): Omit<Doc, 'draft' | 'size'> {
  const t = ctx.texts;
  const number = minutesNumberOf(t.minutesRef);
  const blocks: Block[] = [];
  blocks.push(officialHeader(ctx, `Số: ${documentNumber(number, 'BB-UBND')}`, false));
  blocks.push(...titleBlock('BIÊN BẢN', `Họp thống nhất kết quả tự đánh giá "Cộng đồng học tập" cấp xã năm ${ctx.year}`));
  const start = t.meetingStart?.trim();
  blocks.push(body([{ text: 'Thời gian bắt đầu: ' }, ...(start ? [{ text: start }] : [blank(6)]), { text: `, ${longDate(t.meetingDate, ctx.year + 1)}.` }]));
  blocks.push(body([{ text: 'Địa điểm: ' }, ...(t.meetingPlace?.trim() ? [{ text: t.meetingPlace.trim() }] : [blank(24)]), { text: '.' }]));
  blocks.push(body([{ text: 'Chủ trì: ', bold: true }, ...personLine(t.chairName, t.chairTitle), { text: '.' }]));
  blocks.push(body([{ text: 'Thư ký: ', bold: true }, ...personLine(t.secretaryName, t.secretaryTitle), { text: '.' }]));
  blocks.push(body([{ text: 'Thành phần tham dự:', bold: true }], { keepNext: true }));
  const member = (label: string, v: string | undefined) => body([{ text: `- ${label}: ` }, ...(v?.trim() ? [{ text: v.trim().replace(/[;.]$/, '') }] : [blank(16)]), { text: ';' }]);
  blocks.push(member('Đại diện Hội Khuyến học xã', t.memberKhuyenHoc));
  blocks.push(member('Đại diện Ủy ban Mặt trận Tổ quốc Việt Nam xã', t.memberMttq));
  const orgs = linesOf(t.memberOrgs);
  blocks.push(body('- Đại diện các tổ chức chính trị - xã hội:', { keepNext: true }));
  if (orgs.length) for (const o of orgs) blocks.push(body(`+ ${o.replace(/^[-+•]\s*/, '').replace(/[;.]$/, '')};`));
  else blocks.push(body([{ text: '+ ' }, blankLine()]));
  const others = linesOf(t.memberOthers);
  if (others.length) {
    blocks.push(body('- Thành phần khác:', { keepNext: true }));
    for (const o of others) blocks.push(body(`+ ${o.replace(/^[-+•]\s*/, '').replace(/[;.]$/, '')};`));
  }

  blocks.push(body([{ text: 'Nội dung:', bold: true }], { keepNext: true }));
  blocks.push(
    body(
      `1. Cuộc họp nghe dự thảo Báo cáo tự đánh giá và Bảng tổng hợp kết quả đánh giá các tiêu chí, chỉ tiêu "Cộng đồng học tập" cấp xã năm ${ctx.year} của Ủy ban nhân dân ${ctx.communeText} (từ ngày 01/01/${ctx.year} đến ngày 31/12/${ctx.year}).`,
    ),
  );
  blocks.push(body('2. Ý kiến thảo luận:', { keepNext: true }));
  blocks.push(...narrative(t.meetingOpinions));
  blocks.push(body(`3. Kết quả đánh giá từng tiêu chí (${ctx.levelName}):`, { keepNext: true }));
  const crit = rows.filter((r) => r.kind === 'criterion');
  blocks.push(withTotals({
    kind: 'table',
    name: 'minutes-criteria',
    size: TABLE_PT,
    widths: [7, 55, 18, 20],
    head: [[hcell('TT'), hcell('Tiêu chí'), hcell('Số chỉ tiêu đạt'), hcell('Kết quả')]],
    body: [
      ...crit.map((r) => [ncell(r.no), cell(`${r.name}: ${r.text}`), ncell(r.figure.replace(/^Đạt /, '').replace(' chỉ tiêu', '')), ncell(PAPER_STATUS[r.status], r.status !== 'met')]),
      [ncell(''), cell('Cộng', { bold: true }), ncell(`${ctx.indicatorsMet}/${ctx.indicatorsTotal}`, true), ncell(`${ctx.criteriaMet}/${ctx.criteriaTotal} tiêu chí đạt`, true)],
    ],
  }));
  const verdict = ctx.level.status === 'met' ? `đạt ${ctx.levelName}` : `chưa đạt ${ctx.levelName}`;
  const conclusion: Run[] = [
    { text: '4. Kết luận: ', bold: true },
    { text: `Cuộc họp thống nhất kết quả tự đánh giá: ${ctx.communeText} đạt ${ctx.criteriaMet}/${ctx.criteriaTotal} tiêu chí, ${ctx.indicatorsMet}/${ctx.indicatorsTotal} chỉ tiêu, ${verdict}` },
  ];
  if (ctx.request.kind === 'none') conclusion.push({ text: `; ${requestText(ctx.request).replace(/^[^:]*:\s*/, '')}` });
  else {
    conclusion.push({ text: `; thống nhất đề nghị ` }, ...recipientRuns(ctx), { text: ` ${requestVerb(ctx.request)} ${ctx.communeText} đạt ${titleOfLevel(ctx, ctx.request.level)}.` });
  }
  blocks.push(body(conclusion, { before: 6 }));
  blocks.push(body([{ text: 'Kết quả biểu quyết: ' }, ...(t.meetingVotes?.trim() ? [{ text: t.meetingVotes.trim().replace(/[.]$/, '') }] : [blank(20)]), { text: '.' }]));
  const end = t.meetingEnd?.trim();
  blocks.push({
    kind: 'keep',
    blocks: [
      body([
        { text: 'Cuộc họp kết thúc vào lúc ' },
        ...(end ? [{ text: end }] : [blank(6)]),
        { text: ' cùng ngày. Biên bản đã được đọc lại cho những người dự họp cùng nghe và thống nhất./.' },
      ]),
      twoSigners({ role: 'THƯ KÝ', name: t.secretaryName }, { role: 'CHỦ TRÌ', name: t.chairName }),
    ],
  });
  return { id: 'minutes', title: 'Biên bản họp', fileName: `bien-ban-hop-${ctx.year}`, sections: [section('main', blocks)] };
}

/** The papers of the dossier in the order they are sent. */
export function dossierDocs(m: DossierModel): Doc[] {
  return [m.docs.submission, m.docs.report, m.docs.summary, m.docs.minutes].filter((d): d is Doc => d !== null);
}

