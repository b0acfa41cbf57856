// LAZY: the only module that imports chart.js. Loaded with import() by ./load.ts, never statically,
// so chart.js stays out of the first-load bundle. Registers only the pieces the dashboard draws.
import { BarController, BarElement, CategoryScale, Chart, LinearScale } from 'chart.js';
import { LABEL_ROW, thresholdLines } from './threshold-lines.ts';
import type { BarChartSpec } from './types.ts';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, thresholdLines);

const TEXT = '#1a1a1a';
const GRID = '#d0d0d0';

/** A drawn chart that can be given new data (live updates) and removed. */
export interface BarChartHandle {
  update(spec: BarChartSpec): void;
  destroy(): void;
}

function config(spec: BarChartSpec) {
  const valueAxis = spec.horizontal ? 'x' : 'y';
  const indexAxis = spec.horizontal ? 'y' : 'x';
  return {
    data: {
      labels: spec.labels,
      datasets: spec.series.map((s) => ({
        label: s.label,
        data: s.values,
        backgroundColor: s.color,
        borderWidth: 0,
        barPercentage: 0.85,
        categoryPercentage: 0.85,
      })),
    },
    options: {
      indexAxis,
      responsive: true,
      maintainAspectRatio: false,
      // Cheap phones and printouts: draw once, no animation.
      animation: false as const,
      events: [] as never[],
      layout: { padding: { top: spec.lines.length * LABEL_ROW + 4, right: 16 } },
      scales: {
        [valueAxis]: {
          min: 0,
          max: spec.max,
          ticks: { color: TEXT, font: { size: 12 }, stepSize: 20, callback: (v: string | number) => spec.format(Number(v)) },
          grid: { color: GRID },
        },
        [indexAxis]: {
          ticks: { color: TEXT, font: { size: 13 }, autoSkip: false },
          grid: { display: false },
        },
      },
      plugins: {
        thresholdLines: { lines: spec.lines, valueLabels: spec.valueLabels, format: spec.format, textColor: TEXT },
      },
    },
  };
}

/** Draws a bar chart of `spec` on `canvas`. */
export function drawBarChart(canvas: HTMLCanvasElement, spec: BarChartSpec): BarChartHandle {
  const chart = new Chart<'bar', (number | null)[], string>(canvas, { type: 'bar', ...config(spec) } as never);
  return {
    update(next) {
      const c = config(next);
      chart.data = c.data as never;
      chart.options = c.options as never;
      chart.update('none');
    },
    destroy() {
      chart.destroy();
    },
  };
}
