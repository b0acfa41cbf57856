// A bar chart of the papers as static SVG, drawn from its figures in millimetres (1 user unit =
// 1 mm) so it prints at the papers' own sizes: labels and counts in the print font at 11 pt,
// nothing scaled. Pure strings; no canvas, no chart library, no script in the printed page.
import type { Chart } from './doc.ts';
import { formatInt } from './format.ts';

/** 11 pt in millimetres: the size of the chart's words, as in the papers' tables. */
const TEXT_MM = (11 * 25.4) / 72;
const ROW = 8.5;
const BAR = 5.2;
const LABEL_W = 62;
const TOP = 2;

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ESC[c]!);
const mm = (n: number): string => String(Math.round(n * 100) / 100);

/** A step of 1, 2 or 5 × 10ⁿ giving at most five grid lines up to `max`. */
function gridStep(max: number): number {
  if (max <= 5) return 1;
  const raw = max / 5;
  const pow = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * pow >= raw) return m * pow;
  return 10 * pow;
}

/** The chart as an `<svg>` as wide as `width` mm; its height follows the number of bars. */
export function chartSvg(chart: Chart, width: number): string {
  const max = Math.max(1, ...chart.bars.map((b) => b.value));
  const step = gridStep(max);
  const top = Math.ceil(max / step) * step;
  // Room after the longest bar for its count and note.
  const tail = 30;
  const x0 = LABEL_W;
  const plot = width - x0 - tail;
  const height = TOP + chart.bars.length * ROW + TEXT_MM + 3;
  const axisY = TOP + chart.bars.length * ROW;
  const parts: string[] = [];
  for (let v = 0; v <= top; v += step) {
    const x = x0 + (plot * v) / top;
    parts.push(`<line x1="${mm(x)}" y1="${TOP}" x2="${mm(x)}" y2="${mm(axisY)}" stroke="${v === 0 ? '#000' : '#bbb'}" stroke-width="${v === 0 ? 0.3 : 0.15}"/>`);
    parts.push(`<text x="${mm(x)}" y="${mm(axisY + TEXT_MM + 1)}" text-anchor="middle">${formatInt(v)}</text>`);
  }
  chart.bars.forEach((b, i) => {
    const y = TOP + i * ROW + (ROW - BAR) / 2;
    const w = (plot * b.value) / top;
    const mid = y + BAR / 2 + TEXT_MM * 0.35;
    parts.push(`<text x="${mm(x0 - 2)}" y="${mm(mid)}" text-anchor="end">${esc(b.label)}</text>`);
    if (w > 0) parts.push(`<rect x="${mm(x0)}" y="${mm(y)}" width="${mm(w)}" height="${BAR}" fill="#44679a"/>`);
    const count = `${formatInt(b.value)}${b.note ? ` (${b.note})` : ''}`;
    parts.push(`<text x="${mm(x0 + w + 1.5)}" y="${mm(mid)}" font-weight="bold">${esc(count)}</text>`);
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${esc(chart.caption)}" width="${mm(width)}mm" height="${mm(height)}mm" ` +
    `viewBox="0 0 ${mm(width)} ${mm(height)}" font-size="${mm(TEXT_MM)}" fill="#000">${parts.join('')}</svg>`
  );
}
