/**
 * Cash and position per bar, rebuilt from the order records on demand (vectorbt `pf.cash()` / `pf.assets()`:
 * cumulative order flows, each bar's added with addSnap; see `unitSeries`). The simulation does not store them, to
 * keep the batch at one value matrix; plots and notebooks that want them call these. The position is negative while
 * short; the cash is the whole cash (a short sale's proceeds included; `Portfolio.freeCash()` has the free cash).
 */
import type { SimResult } from './fromSignals';
import { columnAssets, unitScratch, unitSeries } from './unitSeries';

/** Cash and shares held at the end of each bar, column-major like `sim.value`. Not defined with cash sharing. */
export function cashAndPosition(sim: SimResult): { cash: Float64Array; position: Float64Array } {
  const { nRows, nCols, orders } = sim;
  if (sim.groups?.cashSharing) throw new RangeError('cashAndPosition: the columns share their group\'s cash; see sim.groups.cash');
  const cash = new Float64Array(nRows * nCols);
  const position = new Float64Array(nRows * nCols);
  const scratch = unitScratch(nRows);
  for (let col = 0; col < nCols; col++) {
    unitSeries(null, nRows, orders, col, col + 1, sim.initCash[col], { value: null, cash, freeCash: null, assetValue: null, offset: col * nRows }, scratch);
    columnAssets(orders, nRows, col, position, col * nRows);
  }
  return { cash, position };
}
