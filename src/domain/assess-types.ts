// The readiness input and output of docs/domain/assess-format.md, as TypeScript types.
// Shared by the engine, CLI, app, server and dossier; the valibot schemas must agree with them.

/** Mức độ — level of recognition (1 = Khá, 2 = Tốt). */
export type LevelNo = 1 | 2;
export type Status = 'met' | 'unmet' | 'unknown';

/** Minh chứng — one piece of evidence for an answer: number, date, issuer and title of a document. */
export interface Evidence {
  number?: string;
  date?: string; // YYYY-MM-DD
  /** Cơ quan ban hành, e.g. "UBND xã Ba Tô". */
  issuer?: string;
  title?: string;
  /** Kept on stored answers only (older releases allowed it); never part of the readiness input. */
  note?: string;
}

/** Số liệu mô hình học tập của một thôn trong một năm (`villageCounts`). */
export interface VillageCounts {
  households?: number | null;
  familiesRegistered?: number | null;
  familiesRecognized?: number | null;
  lineages?: number | null;
  lineagesRegistered?: number | null;
  lineagesRecognized?: number | null;
  /** Người từ 15 tuổi trở lên: the base ("công dân trong xã") of TC5.1 and TC5.2. */
  citizens?: number | null;
  citizensRecognized?: number | null;
  /** Được đào tạo trình độ chuyên môn kỹ thuật (TC5.2). */
  trained?: number | null;
  /** Có trình độ đại học trở lên, counted in `trained` too (TC5.2). */
  university?: number | null;
  villageRecognized?: boolean | null;
}

export interface VillageInput extends VillageCounts {
  code: string;
  name?: string;
}

/** Số liệu chung của xã trong một năm (`communeFigures`). */
export interface CommuneFigures {
  units?: number | null;
  unitsRecognized?: number | null;
  pcgdPreschool5?: boolean | null;
  pcgdPrimary?: number | null;
  pcgdLowerSecondary?: number | null;
  literacy?: number | null;
  /** Xã thuộc vùng khó khăn (absent = no: the ordinary thresholds of TC5.2). */
  difficultArea?: boolean | null;
}

/** Câu trả lời cho một chỉ tiêu dạng có/không. */
export interface Answer {
  met: boolean | null;
  evidence?: Evidence[];
  amount?: number;
  note?: string;
}

export interface Decision {
  level: LevelNo;
  decidedOn: string; // YYYY-MM-DD
}

export interface AssessInput {
  catalog: string;
  year: number;
  asOf?: string;
  commune: { code: string; name: string; province?: string };
  villages: VillageInput[];
  figures?: CommuneFigures;
  answers?: Record<string, Answer>;
  history?: Decision[];
}

export interface RatioValue {
  numerator: number;
  denominator: number;
  /** Rounded to one decimal for display only; null when the denominator is 0. */
  percent: number | null;
}

/** The two shares of TC5.2. */
export interface TrainingValue {
  trained: RatioValue;
  university: RatioValue;
}

export interface TrainingThreshold {
  trained: number;
  university: number;
  /** Whether the difficult-area thresholds were used. */
  difficultArea: boolean;
}

export interface TrainingGap {
  trained: number;
  university: number;
}

/**
 * One indicator at one level. By kind: yes/no → value is the answer, threshold `true`;
 * standard → the figure and its minimum; TC5.1 → a ratio, a percent and a whole gap;
 * TC5.2 → two ratios, `{ trained, university, difficultArea }` and `{ trained, university }`.
 */
export interface IndicatorResult {
  id: string;
  status: Status;
  value: RatioValue | TrainingValue | number | boolean | null;
  threshold: number | boolean | TrainingThreshold;
  /** `null` for yes/no and standard indicators and whenever the status is unknown. */
  gap: number | TrainingGap | null;
  /** Codes of the villages lacking data for this indicator. */
  missing: string[];
}

export interface CriterionResult {
  id: string;
  status: Status;
  indicators: IndicatorResult[];
}

export interface LevelResult {
  level: LevelNo;
  status: Status;
  criteria: CriterionResult[];
}

/** The decision in force on `asOf` (Điều 5.4: kept until 31/12 of the third year after). */
export interface HeldTitle {
  level: LevelNo;
  decidedOn: string;
  validUntil: string;
}

/** A programme ratio with its target (information only). */
export type ProgrammeRatio = RatioValue & { target: number };

export interface AssessOutput {
  catalog: string;
  year: number;
  asOf: string;
  level: 0 | LevelNo;
  eligibleLevel: 0 | LevelNo;
  /** Why eligibleLevel is below level; null when they are equal. */
  eligibility: { reason: 'level2-wait'; from: string } | null;
  held: HeldTitle | null;
  levels: LevelResult[];
  /** Programme ratios of Quyết định 387/QĐ-TTg: shown beside the criteria, never in the level. */
  info: {
    families: ProgrammeRatio | null;
    lineages: ProgrammeRatio | null;
    villages: ProgrammeRatio | null;
    units: ProgrammeRatio | null;
  };
}
