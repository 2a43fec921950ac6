/**
 * Cash and position per bar, rebuilt from the order records on demand (vectorbt `cash_nb` / `assets_nb`:
 * cumulative order flows, snapped to 0 with `addSnap`). The simulation does not store them, to keep the batch
 * at one value matrix; plots and notebooks that want them call these.
 */
import { addSnap } from '../kernels/isClose';
import { Side } from './enums';
import type { SimResult } from './fromSignals';

/** Cash and shares held at the end of each bar, column-major like `sim.value`. */
export function cashAndPosition(sim: SimResult): { cash: Float64Array; position: Float64Array } {
  const { nRows, nCols, orders } = sim;
  const cash = new Float64Array(nRows * nCols);
  const position = new Float64Array(nRows * nCols);
  for (let col = 0; col < nCols; col++) {
    let c = sim.initCash[col];
    let p = 0;
    let o = orders.colStart[col];
    const end = orders.colStart[col + 1];
    for (let i = 0; i < nRows; i++) {
      while (o < end && orders.idx[o] === i) {
        const vol = orders.size[o] * orders.price[o];
        if (orders.side[o] === Side.Buy) {
          c = addSnap(c, -vol - orders.fees[o]);
          p = addSnap(p, orders.size[o]);
        } else {
          c = addSnap(c, vol - orders.fees[o]);
          p = addSnap(p, -orders.size[o]);
        }
        o++;
      }
      cash[col * nRows + i] = c;
      position[col * nRows + i] = p;
    }
  }
  return { cash, position };
}
