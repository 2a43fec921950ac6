import type { GridResult } from '../sweep/runGrid';
import { cell, type ColumnTable } from './columnTable';

/**
 * gridColumns(grid): one row per parameter combination (one column per swept setting, by its spec name)
 * followed by the mean of every stat over the tickers.
 * @example gridColumns(runGrid(data, strategies.rvol_atr, { rvol_min: [1.5, 2] }))['Total Return [%]']
 */
export function gridColumns(grid: GridResult): ColumnTable {
  const out: ColumnTable = {};
  for (const axis of grid.axes) out[axis] = grid.combos.map((c) => (typeof c[axis] === 'boolean' ? String(c[axis]) : (c[axis] as string | number)));
  const K = grid.mean.nCols;
  grid.mean.names.forEach((name, m) => {
    out[name] = Array.from(grid.mean.values.subarray(m * K, (m + 1) * K), cell);
  });
  return out;
}
