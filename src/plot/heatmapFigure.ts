import type { Figure } from './types';

export interface HeatmapInput {
  /** Column labels (x), e.g. the atrPctMin values. */
  x: ArrayLike<string | number>;
  /** Row labels (y), e.g. the rvolMin values. */
  y: ArrayLike<string | number>;
  /** z[row][col]: one row per y label, one value per x label; NaN is an empty cell. */
  z: ArrayLike<ArrayLike<number>>;
  xTitle: string;
  yTitle: string;
  /** Colour bar title, e.g. "Mean total return [%]". */
  zTitle: string;
  title?: string;
  /** Decimals of the value printed in each cell (default 2). */
  decimals?: number;
}

/**
 * Heatmap of a metric over a two-parameter grid, each cell labelled with its value; a diverging
 * scale centred on zero so gains and losses read apart. Labels are treated as categories.
 * @example heatmapFigure({ x: atrMins, y: rvolMins, z: meanReturn, xTitle: 'atrPctMin', yTitle: 'rvolMin', zTitle: 'Mean total return [%]' })
 */
export function heatmapFigure(input: HeatmapInput): Figure {
  const rows: (number | null)[][] = [];
  for (let r = 0; r < input.y.length; r++) {
    const src = input.z[r];
    const row: (number | null)[] = [];
    for (let c = 0; c < input.x.length; c++) {
      const v = src[c];
      row.push(Number.isFinite(v) ? v : null);
    }
    rows.push(row);
  }
  const d = input.decimals ?? 2;
  return {
    data: [{
      type: 'heatmap',
      x: Array.from(input.x, String),
      y: Array.from(input.y, String),
      z: rows,
      colorscale: 'RdBu',
      reversescale: true, // gains blue, losses red
      zmid: 0,
      colorbar: { title: { text: input.zTitle } },
      texttemplate: `%{z:.${d}f}`,
      hovertemplate: `${input.yTitle}=%{y}<br>${input.xTitle}=%{x}<br>${input.zTitle}: %{z:.${d}f}<extra></extra>`,
    }],
    layout: {
      title: { text: input.title ?? input.zTitle },
      xaxis: { title: { text: input.xTitle }, type: 'category' },
      yaxis: { title: { text: input.yTitle }, type: 'category' },
      height: 420,
      margin: { t: 60, r: 20, b: 50, l: 70 },
    },
  };
}
