// The one lazy-load boundary of the charts: import() of the chart core, shared by every chart.
// Must never import chart.js or ./chart-core.ts statically.
export type ChartCore = typeof import('./chart-core.ts');

let core: Promise<ChartCore> | null = null;

/** Loads chart.js and its registration once; a failed load (e.g. offline before precache) may retry. */
export function loadChartCore(): Promise<ChartCore> {
  if (!core) {
    core = import('./chart-core.ts').catch((err: unknown) => {
      core = null;
      throw err;
    });
  }
  return core;
}
