// Shapes of a criteria catalog: the TT25 criteria and indicators as plain data with a version id.
// Types only; never logic. The engine reads these, the UI shows their texts.

import type { LevelNo } from '../assess-types.ts';

/** A text in both locales. */
export interface Text {
  vi: string;
  en: string;
}

/** The figures a standard-level indicator may compare (keys of CommuneFigures). */
export type StandardFigureKey = 'pcgdPreschool5' | 'pcgdPrimary' | 'pcgdLowerSecondary' | 'literacy';

/** Minimums of a standard-level indicator: `true` for a yes/no standard, a level otherwise. */
export type StandardMinimums = Partial<Record<StandardFigureKey, number | boolean>>;

/** Where a ratio indicator reads its numerator and denominator. */
export type RatioSource =
  | { scope: 'villages'; numerator: 'familiesRecognized' | 'lineagesRecognized' | 'citizensRecognized'; denominator: 'households' | 'lineages' | 'citizens' }
  /** One per village: recognised villages over villages with an answer. */
  | { scope: 'village-flag'; flag: 'villageRecognized' }
  | { scope: 'figures'; numerator: 'unitsRecognized'; denominator: 'units' };

interface IndicatorBase {
  /** Chỉ tiêu id, e.g. `TC5.1`. */
  id: string;
  /** Tiêu chí id it belongs to, e.g. `TC5`. */
  criterion: string;
  text: Text;
  /** "tạm tính": the circular's wording was not available, the project worded it. */
  provisional: boolean;
}

/** Chỉ tiêu dạng có/không: read from the commune's answer. */
export interface YesNoIndicator extends IndicatorBase {
  kind: 'yes-no';
  /** TC2.1/TC2.2 carry a budget amount in VND. */
  hasAmount: boolean;
}

/** Chỉ tiêu dạng mức chuẩn: compares commune figures with minimums. */
export interface StandardIndicator extends IndicatorBase {
  kind: 'standard';
  figures: readonly StandardFigureKey[];
  /** Per level; `null` = not set in this catalog (level 2 then stays unknown). */
  thresholds: Record<LevelNo, StandardMinimums | null>;
}

/** Chỉ tiêu dạng tỷ lệ: Σ numerator / Σ denominator against a percent. */
export interface RatioIndicator extends IndicatorBase {
  kind: 'ratio';
  source: RatioSource;
  /** Percent with at most one decimal, per level; `null` = not set. */
  thresholds: Record<LevelNo, number | null>;
  /** Counted thing, for the gap: "hộ", "dòng họ", "thôn", "đơn vị". */
  noun: Text & { enOne: string };
  /** What the gap counts: `hộ được công nhận "Gia đình học tập"`. */
  gapPhrase: Text & { enOne: string };
}

export type IndicatorDef = YesNoIndicator | StandardIndicator | RatioIndicator;
export type IndicatorKind = IndicatorDef['kind'];

/** Tiêu chí — one criterion with its indicators, in catalog order. */
export interface CriterionDef {
  id: string;
  text: Text;
  indicators: readonly IndicatorDef[];
}

/** A versioned catalog of criteria. */
export interface Catalog {
  id: string;
  title: Text;
  source: string;
  levels: readonly { level: LevelNo; label: Text }[];
  criteria: readonly CriterionDef[];
  /** Information shown beside the indicators, never in the level. */
  info: { citizens: { target: number; source: string } };
}
