import type { NamedSeries } from './NamedSeries';
import type { AxisValues, Figure } from './types';
import { toAxisArray, toPlotArray } from './toPlotArray';
import { underwater } from './underwater';

/**
 * Underwater chart: drawdown from the running peak in percent, filled down from zero, one area per
 * equity series (pass the portfolio value, not returns).
 * @example drawdownFigure(dates, [{ name: 'Strategy', values: value }])
 */
export function drawdownFigure(x: AxisValues, series: readonly NamedSeries[], options: { title?: string } = {}): Figure {
  const xs = toAxisArray(x);
  return {
    data: series.map((s) => {
      const dd = underwater(s.values);
      for (let i = 0; i < dd.length; i++) dd[i] *= 100;
      return { type: 'scatter', mode: 'lines', name: s.name, x: xs, y: toPlotArray(dd), fill: 'tozeroy', line: { width: 1 } };
    }),
    layout: {
      title: { text: options.title ?? 'Drawdown (underwater)' },
      xaxis: { type: typeof xs[0] === 'string' ? 'date' : 'linear' },
      yaxis: { title: { text: 'Drawdown [%]' }, ticksuffix: '%', rangemode: 'tozero' },
      legend: { orientation: 'h', y: 1.02, yanchor: 'bottom', x: 0 },
      height: 320,
      margin: { t: 70, r: 20, b: 40, l: 60 },
      hovermode: 'x',
    },
  };
}
