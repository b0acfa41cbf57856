// A tiny chart.js plugin (instead of chartjs-plugin-annotation): threshold lines across the value
// axis and the value at the end of each bar. Lives in the lazy chart chunk only.
import type { Chart, ChartType, Plugin } from 'chart.js';
import type { ThresholdLine } from './types.ts';

export interface ThresholdLinesOptions {
  lines: ThresholdLine[];
  valueLabels: boolean;
  format: (value: number) => string;
  textColor: string;
}

declare module 'chart.js' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface PluginOptionsByType<TType extends ChartType> {
    thresholdLines?: Partial<ThresholdLinesOptions>;
  }
}

/** Height of one threshold label row; the chart reserves rows × this above its area. */
export const LABEL_ROW = 15;

const FONT = '600 12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

export const thresholdLines: Plugin<'bar', Partial<ThresholdLinesOptions>> = {
  id: 'thresholdLines',
  afterDatasetsDraw(chart: Chart<'bar'>, _args, opts) {
    const { ctx, chartArea } = chart;
    const horizontal = chart.options.indexAxis === 'y';
    const valueScale = horizontal ? chart.scales['x'] : chart.scales['y'];
    if (!valueScale) return;
    const format = opts.format ?? String;
    ctx.save();
    ctx.font = FONT;

    const lines = opts.lines ?? [];
    lines.forEach((line, n) => {
      const p = valueScale.getPixelForValue(line.value);
      ctx.strokeStyle = line.color;
      ctx.fillStyle = line.color;
      ctx.lineWidth = 2;
      ctx.setLineDash(line.dashed ? [6, 4] : []);
      ctx.beginPath();
      if (horizontal) {
        ctx.moveTo(p, chartArea.top);
        ctx.lineTo(p, chartArea.bottom);
      } else {
        ctx.moveTo(chartArea.left, p);
        ctx.lineTo(chartArea.right, p);
      }
      ctx.stroke();
      ctx.setLineDash([]);
      // Each label sits on its own row in the padding above the chart area, so two never overlap.
      if (horizontal) {
        const w = ctx.measureText(line.label).width;
        const fitsRight = p + w + 2 <= chart.width;
        ctx.textAlign = fitsRight ? 'left' : 'right';
        ctx.textBaseline = 'bottom';
        ctx.fillText(line.label, fitsRight ? p - 1 : p + 1, chartArea.top - 3 - n * LABEL_ROW);
      } else {
        ctx.textAlign = 'right';
        ctx.textBaseline = 'bottom';
        ctx.fillText(line.label, chartArea.right, p - 2);
      }
    });
    if (opts.valueLabels) {
      // Drawn after the lines, with a white halo, so a threshold line never hides a value.
      ctx.lineJoin = 'round';
      chart.data.datasets.forEach((ds, di) => {
        const meta = chart.getDatasetMeta(di);
        if (meta.hidden) return;
        meta.data.forEach((bar, i) => {
          const v = ds.data[i];
          if (typeof v !== 'number') return;
          const text = format(v);
          const { x, y } = bar.getProps(['x', 'y'], true) as { x: number; y: number };
          const w = ctx.measureText(text).width;
          let tx = x;
          let ty = y;
          if (horizontal) {
            // After the bar's end, or inside it when it would leave the chart area.
            const outside = x + 4 + w <= chart.width;
            ctx.textAlign = outside ? 'left' : 'right';
            ctx.textBaseline = 'middle';
            tx = outside ? x + 4 : x - 4;
          } else {
            ctx.textAlign = 'center';
            ctx.textBaseline = 'bottom';
            ty = Math.max(y - 2, chartArea.top + 12);
          }
          ctx.strokeStyle = '#ffffff';
          ctx.lineWidth = 4;
          ctx.strokeText(text, tx, ty);
          ctx.fillStyle = opts.textColor ?? '#1a1a1a';
          ctx.fillText(text, tx, ty);
        });
      });
    }
    ctx.restore();
  },
};
