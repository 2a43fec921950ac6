import type { NamedSeries } from './NamedSeries';
import type { AxisValues, Figure } from './types';
import { toAxisArray, toPlotArray } from './toPlotArray';

/**
 * Equity curves on one axis, e.g. the strategy's portfolio value against buy-and-hold
 * (or two exit modes side by side). The first series is drawn thicker; `logY` for long histories.
 * @example equityFigure(dates, [{ name: 'Strategy', values: value }, { name: 'Buy & hold', values: buyAndHold(close, 100) }])
 */
export function equityFigure(x: AxisValues, series: readonly NamedSeries[], options: { title?: string; yTitle?: string; logY?: boolean } = {}): Figure {
  const xs = toAxisArray(x);
  return {
    data: series.map((s, i) => ({
      type: 'scatter',
      mode: 'lines',
      name: s.name,
      x: xs,
      y: toPlotArray(s.values),
      line: { width: i === 0 ? 2 : 1.2 },
    })),
    layout: {
      title: { text: options.title ?? 'Equity' },
      xaxis: { type: typeof xs[0] === 'string' ? 'date' : 'linear' },
      yaxis: { title: { text: options.yTitle ?? 'Value' }, ...(options.logY ? { type: 'log' } : {}) },
      legend: { orientation: 'h', y: 1.02, yanchor: 'bottom', x: 0 },
      height: 420,
      margin: { t: 70, r: 20, b: 40, l: 60 },
      hovermode: 'x',
    },
  };
}
