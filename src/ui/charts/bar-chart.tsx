// A bar chart drawn by the lazy chart core; the canvas is an image with a text label, and the
// caller passes the table alternative as children. Must never import chart.js statically.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { BarChartHandle } from './chart-core.ts';
import { loadChartCore } from './load.ts';
import type { BarChartSpec } from './types.ts';

export interface BarChartProps {
  spec: BarChartSpec;
  /** Short text summary of what the chart shows, read by screen readers instead of the canvas. */
  label: string;
  /** CSS height of the drawing area in px. */
  height: number;
  /** Shown when the chart code cannot be loaded; the table alternative still carries the data. */
  failedText: string;
  testId?: string;
  children?: ComponentChildren;
}

/** Bar chart with threshold lines; draws once chart.js has loaded, redraws when `spec` changes. */
export function BarChart({ spec, label, height, failedText, testId, children }: BarChartProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const handle = useRef<BarChartHandle | null>(null);
  const latest = useRef(spec);
  const [state, setState] = useState<'loading' | 'drawn' | 'failed'>('loading');
  latest.current = spec;

  useEffect(() => {
    let alive = true;
    loadChartCore().then(
      (core) => {
        if (!alive || !canvas.current) return;
        handle.current = core.drawBarChart(canvas.current, latest.current);
        setState('drawn');
      },
      () => alive && setState('failed'),
    );
    return () => {
      alive = false;
      handle.current?.destroy();
      handle.current = null;
    };
  }, []);

  useEffect(() => {
    handle.current?.update(spec);
  }, [spec]);

  return (
    <figure class="xht-chart" data-testid={testId} data-chart-state={state}>
      <div class="xht-chart__area" style={{ height: `${height}px` }}>
        <canvas ref={canvas} role="img" aria-label={label} />
      </div>
      {state === 'failed' && <p class="xht-chart__failed">{failedText}</p>}
      {children}
    </figure>
  );
}
