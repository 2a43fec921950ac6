import type { GridResult } from '../sweep/runGrid';
import { cell, type ColumnTable } from './columnTable';

/**
 * gridColumns(grid): one row per parameter combination (rvolMin, atrPctMin, holdBars) followed by the mean of
 * every stat over the tickers.
 * @example gridColumns(runGrid(data, { rvolMin: [1.5, 2] }))['Total Return [%]']
 */
export function gridColumns(grid: GridResult): ColumnTable {
  const out: ColumnTable = {
    rvolMin: grid.combos.map((c) => c.rvolMin),
    atrPctMin: grid.combos.map((c) => c.atrPctMin),
    holdBars: grid.combos.map((c) => c.holdBars),
  };
  const K = grid.mean.nCols;
  grid.mean.names.forEach((name, m) => {
    out[name] = Array.from(grid.mean.values.subarray(m * K, (m + 1) * K), cell);
  });
  return out;
}
