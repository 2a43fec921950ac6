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
 * @example gridSurface(g, 'Total Return [%]', 'rvol_min', 'atr_pct_min', { hold_bars: 7 })
 */
export function gridSurface(grid: GridResult, stat: string, rows: string, cols: string, where: Partial<GridCombo> = {}): GridSurface {
  const m = statIndex(stat);
  const keep = grid.combos.map((c, k) => ({ c, k })).filter(({ c }) => Object.keys(where).every((key) => c[key] === where[key]));
  const num = (v: unknown) => (typeof v === 'number' ? v : NaN);
  const y = [...new Set(keep.map(({ c }) => num(c[rows])))].sort((a, b) => a - b);
  const x = [...new Set(keep.map(({ c }) => num(c[cols])))].sort((a, b) => a - b);
  const z = y.map(() => new Float64Array(x.length).fill(NaN));
  for (const { c, k } of keep) {
    z[y.indexOf(num(c[rows]))][x.indexOf(num(c[cols]))] = grid.mean.values[m * grid.mean.nCols + k];
  }
  return { x, y, z };
}
