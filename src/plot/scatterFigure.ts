import type { Figure } from './types';
import { toPlotArray } from './toPlotArray';

export interface ScatterInput {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** Hover label per point, e.g. the ticker. */
  labels?: ArrayLike<string>;
  xTitle: string;
  yTitle: string;
  title?: string;
}

/**
 * Scatter of one metric against another across items, e.g. win rate [%] vs total return [%] per ticker,
 * with a dashed zero line on y. Points with a NaN coordinate are dropped.
 * @example scatterFigure({ x: winRate, y: totalReturn, labels: tickers, xTitle: 'Win rate [%]', yTitle: 'Total return [%]' })
 */
export function scatterFigure(input: ScatterInput): Figure {
  const xs: number[] = [];
  const ys: number[] = [];
  const text: string[] = [];
  const px = toPlotArray(input.x);
  const py = toPlotArray(input.y);
  for (let i = 0; i < px.length; i++) {
    const a = px[i];
    const b = py[i];
    if (a === null || b === null) continue;
    xs.push(a);
    ys.push(b);
    text.push(input.labels ? String(input.labels[i]) : String(i));
  }
  return {
    data: [{
      type: 'scatter',
      mode: 'markers',
      name: input.yTitle,
      x: xs,
      y: ys,
      text,
      hovertemplate: `%{text}<br>${input.xTitle}: %{x:.2f}<br>${input.yTitle}: %{y:.2f}<extra></extra>`,
      marker: { size: 9, opacity: 0.85, color: ys, colorscale: 'RdBu', reversescale: true, cmid: 0, line: { width: 0.5, color: '#333' } },
    }],
    layout: {
      title: { text: input.title ?? `${input.yTitle} vs ${input.xTitle}` },
      xaxis: { title: { text: input.xTitle } },
      yaxis: { title: { text: input.yTitle }, zeroline: true, zerolinecolor: '#888', zerolinewidth: 1 },
      height: 420,
      margin: { t: 60, r: 20, b: 50, l: 60 },
      hovermode: 'closest',
    },
  };
}
