// Shapes of a criteria catalog: the TT25 criteria and indicators as plain data with a version id.
// Types only; never logic. The engine reads these, the UI and the papers show their texts.

import type { LevelNo } from '../assess-types.ts';

/** A text in both locales. */
export interface Text {
  vi: string;
  en: string;
}

/** The commune figures a standard indicator compares (keys of CommuneFigures). */
export type StandardFigureKey = 'pcgdPreschool5' | 'pcgdPrimary' | 'pcgdLowerSecondary' | 'literacy';

interface IndicatorBase {
  /** Chỉ tiêu id, e.g. `TC5.1` (a short form: on screen and on paper it is "Chỉ tiêu 1 của Tiêu chí 5"). */
  id: string;
  /** Tiêu chí id it belongs to, e.g. `TC5`. */
  criterion: string;
  /** The circular's wording at level 1 (Điều 6). */
  text: Text;
  /** The circular's wording at level 2 (Điều 7) where it differs from level 1's. */
  level2Text?: Text;
}

/** Chỉ tiêu dạng có/không: read from the commune's answer, with evidence. */
export interface YesNoIndicator extends IndicatorBase {
  kind: 'yes-no';
  /** TC2.1/TC2.2 carry a budget amount in VND. */
  hasAmount: boolean;
}

/**
 * Chỉ tiêu dạng chuẩn: one figure of the commune (a standard of Nghị định 20/2014/NĐ-CP) against
 * a minimum per level — `true` for a standard reached or not, else the lowest mức độ accepted.
 */
export interface StandardIndicator extends IndicatorBase {
  kind: 'standard';
  figure: StandardFigureKey;
  /** The standard's name inside a sentence: "phổ cập giáo dục tiểu học". */
  standard: Text;
  minimum: Record<LevelNo, number | true>;
}

/** Chỉ tiêu dạng tỷ lệ (TC5.1): Σ numerator / Σ citizens over the villages, at least a percent. */
export interface RatioIndicator extends IndicatorBase {
  kind: 'ratio';
  numerator: 'citizensRecognized';
  denominator: 'citizens';
  /** Whole percent per level. */
  thresholds: Record<LevelNo, number>;
  /** What the gap counts: `người đạt danh hiệu "Công dân học tập"`. */
  gapPhrase: Text & { enOne: string };
}

/** The two shares of TC5.2, each a whole percent. */
export interface TrainingShares {
  trained: number;
  university: number;
}

/**
 * Chỉ tiêu hai tỷ lệ (TC5.2): Σ trained / Σ citizens and Σ university / Σ citizens, each at
 * least its percent; lower percents for a commune in a difficult area (`difficultArea`).
 */
export interface TrainingIndicator extends IndicatorBase {
  kind: 'training';
  denominator: 'citizens';
  thresholds: Record<LevelNo, TrainingShares>;
  difficultAreaThresholds: Record<LevelNo, TrainingShares>;
  /** What each gap counts. */
  gapPhrase: Record<keyof TrainingShares, Text & { enOne: string }>;
}

export type IndicatorDef = YesNoIndicator | StandardIndicator | RatioIndicator | TrainingIndicator;

/** Tiêu chí — one criterion with its indicators, in catalog order. */
export interface CriterionDef {
  id: string;
  text: Text;
  indicators: readonly IndicatorDef[];
}

/** The ratios of the national programmes, keyed as the output's `info`. */
export type ProgrammeKey = 'families' | 'lineages' | 'villages' | 'units';

/** A programme ratio: where it is read and its target (information only, never in the level). */
export interface ProgrammeTarget {
  key: ProgrammeKey;
  /** What is counted: "Gia đình học tập". */
  label: Text;
  /** Whole percent. */
  target: number;
}

/** A versioned catalog of criteria. */
export interface Catalog {
  id: string;
  title: Text;
  source: string;
  levels: readonly { level: LevelNo; label: Text }[];
  criteria: readonly CriterionDef[];
  /** The programme targets shown beside the criteria (Quyết định 387/QĐ-TTg), never in the level. */
  programmes: { source: Text; targets: readonly ProgrammeTarget[] };
}
