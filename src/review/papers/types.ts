// What the receiver's papers need, as plain data (issue #14, item 6): the province's settings, the
// year's council, each commune's dossier as received with the council's verdicts and conclusion,
// the decisions of the register, and the numbers and dates the offices give their papers. Types
// only. Later work fills them from synced rows (issue #13's entities); nothing here reads storage.
import type { AssessInput, AssessOutput, LevelNo } from '../../domain/assess-types.ts';

/** A number and a date an office gives a paper ("15" or "15/BC-SGDĐT"; 'YYYY-MM-DD'); blanks for the hand when absent. */
export interface PaperRef {
  number?: string | undefined;
  date?: string | undefined;
}

/** An office that issues, receives or decides (a province setting). Names as written in a sentence. */
export interface Office {
  /** In a sentence and after "Kính gửi:": "Sở Giáo dục và Đào tạo tỉnh Quảng Ngãi", "Ủy ban nhân dân tỉnh Quảng Ngãi". */
  name: string;
  /** The name its header prints when shorter than `name` (its parent line names the province): "Sở Giáo dục và Đào tạo". */
  headerName?: string | undefined;
  /** The body it belongs to, the first line of its header (not bold): "Ủy ban nhân dân tỉnh Quảng Ngãi". */
  parent?: string | undefined;
  /** Its abbreviation in document numbers: "SGDĐT" (…/TTr-SGDĐT, …/BC-SGDĐT), "UBND" (…/QĐ-UBND). */
  abbr: string;
  /** The unit drafting its papers: after "Lưu: VT," and in a letter's number (…/SGDĐT-GDTX). */
  draftingUnit?: string | undefined;
  /** Its collective authority when the head signs for the body ("TM. ỦY BAN NHÂN DÂN"); none for a Sở. */
  signerAuthority?: string | undefined;
  /** "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC" (signs "KT. GIÁM ĐỐC"), "CHỦ TỊCH", "PHÓ CHỦ TỊCH". */
  signerTitle: string;
  signerName?: string | undefined;
}

/** The province's settings (issue #14, item 7) that reach the receiver's papers. */
export interface ProvinceSettings {
  /** "Quảng Ngãi". */
  province: string;
  /** Địa danh of the date lines; the province by default. */
  place?: string | undefined;
  /** Cơ quan tiếp nhận, thẩm định hồ sơ (the circular's Phòng GD&ĐT until 07/2025). */
  receiver: Office;
  /** The receiver's address line (address, telephone, e-mail), printed at the foot of its letters. */
  receiverAddress?: string | undefined;
  /** Cơ quan quyết định công nhận, with the signer's title. */
  decider: Office;
  /** The year's guidance letter ("Công văn số 3233/SGDĐT-CTTTCNTX ngày 26/12/2024 của …"), one a line. */
  guidanceLetter?: string | undefined;
  /** Other grounds of the decision as the province words them (laws on local government …), one a line. */
  decisionBasis?: string | undefined;
}

/** Chủ tịch, thư ký, ủy viên of the council (Điều 9.2): the domain's codes. */
export type { CouncilRole } from '../../domain/review/codes.ts';
import type { CouncilRole, DossierState, Verdict } from '../../domain/review/codes.ts';

export interface CouncilMember {
  /** "Ông Nguyễn Văn An". */
  name: string;
  /** "Phó Giám đốc Sở Giáo dục và Đào tạo". */
  position?: string | undefined;
  /** The body the member represents: "Sở Giáo dục và Đào tạo", "Hội Khuyến học tỉnh", "Ủy ban MTTQ Việt Nam tỉnh". */
  organisation: string;
  role: CouncilRole;
}

/** How the council appraised the dossiers: in a meeting, or by its members' written opinions (Điều 9.2). */
export type Appraisal =
  | { kind: 'meeting'; date?: string | undefined; place?: string | undefined; start?: string | undefined; end?: string | undefined }
  | { kind: 'written'; date?: string | undefined };

/** Hội đồng đánh giá, công nhận "Cộng đồng học tập" cấp xã of one year. */
export interface Council {
  /** The decision establishing it: number, date and who issued it. */
  established?: (PaperRef & { issuer?: string | undefined }) | undefined;
  members: CouncilMember[];
  appraisal: Appraisal;
}

/** The council's verdict on one indicator: đạt / không đạt / cần bổ sung (the domain's codes). */
export type { Verdict } from '../../domain/review/codes.ts';

export interface IndicatorVerdict {
  verdict: Verdict | null;
  comment?: string | undefined;
}

/** The council's conclusion on one dossier; the names are the dossier states it leads to. */
export type Conclusion = { outcome: 'recognised'; level: LevelNo } | { outcome: 'not-recognised' } | { outcome: 'returned' };

/** The six states of a dossier (issue #14, item 1): the domain's codes. */
export type { DossierState } from '../../domain/review/codes.ts';

/** What the commune's Tờ trình asked for (the request plan of its dossier), with its number and date. */
export interface CommuneRequest extends PaperRef {
  kind: 'first' | 'upgrade' | 'renewal';
  level: LevelNo;
}

/** The dossier as sent: the snapshot's readiness input, the engine's output of it, and the request. */
export interface SentDossier {
  input: AssessInput;
  output: AssessOutput;
  request: CommuneRequest;
}

/** A title in the register (issue #14, item 5). `validUntil` is 31/12 of the decision's year + 3 when absent. */
export interface RegisterEntry extends PaperRef {
  level: LevelNo;
  signer?: string | undefined;
  validUntil?: string | undefined;
}

/** One commune of the province for the year, as the province's list holds it. */
export interface CommuneReview {
  commune: { code: string; name: string };
  state: DossierState;
  /** Present once sent. */
  dossier?: SentDossier | undefined;
  /** The server's assessment from the synced figures (for a commune that sent nothing). */
  computed?: AssessOutput | undefined;
  /** By indicator id (TC1.1 … TC5.2), at the level the commune asked for. */
  verdicts?: Record<string, IndicatorVerdict> | undefined;
  conclusion?: Conclusion | null | undefined;
  /** The council's further remarks on the dossier. */
  note?: string | undefined;
  /** The Biên bản thẩm định of this dossier. */
  minutes?: PaperRef | undefined;
  /** The written answer to a commune not recognised. */
  answer?: PaperRef | undefined;
  /** Why it was not recognised, as the register records it (Điều 9.2: the answer states them). */
  reasons?: string | undefined;
  /** The title the decision gave this year. */
  decision?: RegisterEntry | undefined;
}

/** The free texts of the province's yearly report. */
export interface ReportTexts extends PaperRef {
  /** "Kính gửi" line(s), when the report is addressed. */
  to?: string | undefined;
  strengths?: string | undefined;
  weaknesses?: string | undefined;
  proposals?: string | undefined;
  /** Other recipients, one a line. */
  copyTo?: string | undefined;
}

/** Everything the year's receiver papers read. */
export interface ReviewYear {
  /** The assessment year (the papers are dated in the year after). */
  year: number;
  settings: ProvinceSettings;
  council: Council;
  /** Every commune of the province, in the list's order. */
  communes: CommuneReview[];
  /** The receiver's Tờ trình đề nghị công nhận. */
  proposal?: PaperRef | undefined;
  /** The decision (one for all the communes it recognises). */
  decision?: (PaperRef & { signerName?: string | undefined }) | undefined;
  report?: ReportTexts | undefined;
}

/** Something to fix (or know) before a paper goes out; 'block' means the paper is not made. */
export interface PaperProblem {
  code: string;
  severity: 'block' | 'warn' | 'info';
  text: string;
}

/** A paper, or why it is not made. */
export interface PaperResult<D> {
  doc: D | null;
  problems: PaperProblem[];
}
