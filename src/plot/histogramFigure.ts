import type { NamedSeries } from './NamedSeries';
import type { Figure } from './types';
import { toPlotArray } from './toPlotArray';

/**
 * Overlaid histograms of samples, e.g. total return [%] across tickers or trade returns; NaN samples are
 * dropped. A dashed vertical line marks zero when the samples straddle it.
 * @example histogramFigure([{ name: 'Total return [%]', values: totalReturn }], { xTitle: 'Total return [%]' })
 */
export function histogramFigure(
  series: readonly NamedSeries[],
  options: { title?: string; xTitle?: string; nbins?: number } = {},
): Figure {
  let lo = Infinity;
  let hi = -Infinity;
  const data = series.map((s) => {
    const xs = toPlotArray(s.values).filter((v): v is number => v !== null);
    for (const v of xs) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    return { type: 'histogram' as const, name: s.name, x: xs, opacity: series.length > 1 ? 0.6 : 0.85, nbinsx: options.nbins ?? 30 };
  });
  const shapes = lo < 0 && hi > 0
    ? [{ type: 'line', xref: 'x', x0: 0, x1: 0, yref: 'paper', y0: 0, y1: 1, line: { color: '#444', width: 1, dash: 'dash' } }]
    : [];
  return {
    data,
    layout: {
      title: { text: options.title ?? 'Distribution' },
      barmode: 'overlay',
      xaxis: { title: { text: options.xTitle ?? series.map((s) => s.name).join(', ') } },
      yaxis: { title: { text: 'Count' } },
      shapes,
      showlegend: series.length > 1,
      height: 360,
      margin: { t: 60, r: 20, b: 50, l: 60 },
    },
  };
}
