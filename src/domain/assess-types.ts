// The readiness input and output of docs/domain/assess-format.md, as TypeScript types.
// Shared by the engine, CLI, app, server and dossier; the valibot schemas must agree with them.

/** Mức độ — level of recognition (1 = Khá, 2 = Tốt). */
export type LevelNo = 1 | 2;
export type Status = 'met' | 'unmet' | 'unknown';

/** Minh chứng — one piece of evidence for an answer. */
export interface Evidence {
  number?: string;
  date?: string; // YYYY-MM-DD
  title?: string;
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
  citizens?: number | null;
  citizensRecognized?: number | null;
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

/** Per indicator id, per level ("1" | "2"): a percent for ratio indicators, minimums for standard ones. */
export type ThresholdOverrides = Record<string, Partial<Record<'1' | '2', number | Record<string, number | boolean>>>>;

export interface AssessInput {
  catalog: string;
  year: number;
  asOf?: string;
  commune: { code: string; name: string; province?: string };
  villages: VillageInput[];
  figures?: CommuneFigures;
  answers?: Record<string, Answer>;
  history?: Decision[];
  thresholds?: ThresholdOverrides;
}

export interface RatioValue {
  numerator: number;
  denominator: number;
  percent: number | null;
}

export interface IndicatorResult {
  id: string;
  status: Status;
  provisional: boolean;
  /** ratio: RatioValue; standard: the figures read; yes/no: the answer's `met`. */
  value: RatioValue | Record<string, number | boolean | null> | boolean | null;
  /** percent for ratio, minimums for standard, true for yes/no; null when not set. */
  threshold: number | Record<string, number | boolean> | boolean | null;
  gap: number | null;
  missing: string[];
  /** Why the status is `unknown`: 'threshold-not-set' | 'missing-data' | 'zero-denominator' | 'not-answered'. */
  reason?: UnknownReason;
  /** Where the threshold came from: the catalog, or the input's/province's overrides. */
  thresholdSource?: 'catalog' | 'override';
}

export type UnknownReason = 'threshold-not-set' | 'missing-data' | 'zero-denominator' | 'not-answered';

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

export interface AssessOutput {
  catalog: string;
  year: number;
  asOf: string;
  level: 0 | LevelNo;
  eligibleLevel: 0 | LevelNo;
  /** Why eligibleLevel is below level; null when they are equal. */
  eligibility: { reason: 'level2-wait'; from: string } | null;
  levels: LevelResult[];
  /** Công dân học tập: shown beside the indicators, never in the level; `missing` = village codes without data. */
  info: { citizens: RatioValue & { target: number; missing: string[] } };
}
