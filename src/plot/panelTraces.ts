import type { IndicatorPanel } from './IndicatorPanel';
import type { Trace } from './types';
import { toAxisArray, toPlotArray } from './toPlotArray';

/**
 * Traces, y axes and threshold shapes for indicator panels placed on y axes `firstAxis`, `firstAxis + 1`, ...
 * with the given domains. Shared by `priceSignalsFigure` (price on top) and `indicatorPanelsFigure`.
 */
export function panelTraces(
  x: ArrayLike<string | number>,
  panels: readonly IndicatorPanel[],
  firstAxis: number,
  domains: readonly [number, number][],
): { traces: Trace[]; axes: Record<string, unknown>; shapes: Record<string, unknown>[] } {
  const xs = toAxisArray(x);
  const traces: Trace[] = [];
  const axes: Record<string, unknown> = {};
  const shapes: Record<string, unknown>[] = [];
  panels.forEach((panel, i) => {
    const n = firstAxis + i;
    const ref = n === 1 ? 'y' : `y${n}`;
    traces.push({
      type: 'scatter',
      mode: 'lines',
      name: panel.name,
      x: xs,
      y: toPlotArray(panel.values),
      xaxis: 'x',
      yaxis: ref,
      line: { width: 1.2 },
    });
    axes[n === 1 ? 'yaxis' : `yaxis${n}`] = { domain: domains[i], title: { text: panel.yTitle ?? panel.name } };
    if (panel.threshold !== undefined) {
      shapes.push({
        type: 'line',
        xref: 'paper',
        x0: 0,
        x1: 1,
        yref: ref,
        y0: panel.threshold,
        y1: panel.threshold,
        line: { color: '#d62728', width: 1, dash: 'dash' },
      });
    }
  });
  return { traces, axes, shapes };
}
