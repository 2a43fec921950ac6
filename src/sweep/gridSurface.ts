import { statIndex } from '../portfolio/metrics';
import type { GridCombo, GridResult } from './runGrid';

export interface GridSurface {
  /** the column parameter's values, ascending */
  x: number[];
  /** the row parameter's values, ascending */
  y: number[];
  /** z[row][col]; NaN where the grid has no such combination */
  z: Float64Array[];
}

/**
 * gridSurface(grid, stat, rows, cols, where): one stat of `grid.mean` laid out as a rows x cols matrix (the shape
 * `heatmapFigure` takes), keeping only the combinations that match `where` on the third parameter.
 * @example gridSurface(g, 'Total Return [%]', 'rvolMin', 'atrPctMin', { holdBars: 7 })
 */
export function gridSurface(
  grid: GridResult,
  stat: string,
  rows: keyof GridCombo,
  cols: keyof GridCombo,
  where: Partial<GridCombo> = {},
): GridSurface {
  const m = statIndex(stat);
  const keep = grid.combos
    .map((c, k) => ({ c, k }))
    .filter(({ c }) => (Object.keys(where) as (keyof GridCombo)[]).every((key) => c[key] === where[key]));
  const y = [...new Set(keep.map(({ c }) => c[rows]))].sort((a, b) => a - b);
  const x = [...new Set(keep.map(({ c }) => c[cols]))].sort((a, b) => a - b);
  const z = y.map(() => new Float64Array(x.length).fill(NaN));
  for (const { c, k } of keep) {
    z[y.indexOf(c[rows])][x.indexOf(c[cols])] = grid.mean.values[m * grid.mean.nCols + k];
  }
  return { x, y, z };
}
