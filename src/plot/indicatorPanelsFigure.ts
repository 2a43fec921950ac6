import type { IndicatorPanel } from './IndicatorPanel';
import type { AxisValues, Figure } from './types';
import { panelTraces } from './panelTraces';
import { stackDomains } from './stackDomains';
import { toAxisArray } from './toPlotArray';

/**
 * Indicator panels stacked on a shared x axis, each with its threshold drawn as a dashed line.
 * @example indicatorPanelsFigure(dates, [{ name: 'RVOL', values: rvol, threshold: 2 }, { name: 'ATR %', values: atrPct, threshold: 8 }])
 */
export function indicatorPanelsFigure(x: AxisValues, panels: readonly IndicatorPanel[], options: { title?: string } = {}): Figure {
  const domains = stackDomains(panels.map(() => 1), 0.08);
  const { traces, axes, shapes } = panelTraces(x, panels, 1, domains);
  const xs = toAxisArray(x);
  return {
    data: traces,
    layout: {
      title: { text: options.title ?? 'Indicators' },
      xaxis: { anchor: panels.length <= 1 ? 'y' : `y${panels.length}`, type: typeof xs[0] === 'string' ? 'date' : 'linear' },
      ...axes,
      shapes,
      height: 160 + 200 * Math.max(1, panels.length),
      showlegend: false,
      margin: { t: 60, r: 20, b: 40, l: 60 },
      hovermode: 'x',
    },
  };
}
