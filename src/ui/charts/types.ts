// The data a chart is drawn from, with no chart.js in it: the page builds a spec, the lazy
// chart core draws it. Must never import chart.js (this file is on the first-load path).

/** One bar series; `colors` may give one colour per bar (e.g. below / above a threshold). */
export interface BarSeries {
  label: string;
  values: (number | null)[];
  color: string | string[];
}

/** A threshold drawn across the value axis, e.g. "Mức độ 1: 70 %". */
export interface ThresholdLine {
  value: number;
  label: string;
  color: string;
  dashed?: boolean;
}

export interface BarChartSpec {
  labels: string[];
  series: BarSeries[];
  lines: ThresholdLine[];
  /** Bars run left to right, one row per category (readable village names at 360 px). */
  horizontal: boolean;
  /** Top of the value axis (100 for percentages). */
  max: number;
  /** Formats a value for the axis and the value labels (vi-VN: "72,5 %"). */
  format: (value: number) => string;
  /** Draw the value at the end of each bar. */
  valueLabels: boolean;
}
