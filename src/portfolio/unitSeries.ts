/**
 * unitSeries: the per-bar cash, free cash, asset value and value of one cash unit (a column, or the columns of a
 * group), rebuilt from the order records the way vectorbt 0.28.3's `Portfolio` does (portfolio/nb.py):
 * - `cash_flow_nb`: each order's flow `-size * price - fees` (size signed: negative for a sell), added to its bar's
 *   0 with addSnap; with `free`, the flow of `get_free_cash_diff_nb`, which replays the debt of shorts;
 * - the group's flow is the plain sum of its columns' flows in column order (`sum_grouped_nb`);
 * - `cash_nb` / `cash_grouped_nb`: init cash plus the flows, each bar's added with addSnap (so a cash within 1e-12
 *   of 0 is 0 on a bar without an order, and an initial cash below 1e-12 is 0 from the first bar);
 * - `assets_nb`: the position after each bar, its flows accumulated with addSnap;
 * - asset value: `close_filled * assets` (close forward- then back-filled, zeroed where assets == 0), summed over
 *   the columns; value = cash + asset value.
 * These can differ from the simulation's running cash in the last bits and in tiny-cash corners; vectorbt's value,
 * returns and stats use these, so ours do too.
 */
import { addSnap, isClose } from '../kernels/isClose';
import { Side } from './enums';
import type { OrderRecords } from './records';

/** Where unitSeries writes: any of the four outputs (null = not wanted), each at `offset .. offset + nRows`. */
export interface UnitSeriesOut {
  value: Float64Array | null;
  cash: Float64Array | null;
  freeCash: Float64Array | null;
  assetValue: Float64Array | null;
  offset: number;
}

/** Per-bar scratch of length nRows, reused across units. */
export interface UnitScratch {
  flow: Float64Array;
  freeFlow: Float64Array;
  assetValue: Float64Array;
}

export function unitScratch(nRows: number): UnitScratch {
  return { flow: new Float64Array(nRows), freeFlow: new Float64Array(nRows), assetValue: new Float64Array(nRows) };
}

function snap0(x: number): number {
  return x <= 1e-12 && x >= -1e-12 ? 0 : x;
}

/**
 * The series of the unit made of columns `from .. to-1` starting with `initCash`. `orders` must be grouped by
 * column (`colStart`), in bar order within a column. `close` (column-major) is needed for the asset value and the
 * value only: with null, those are not computed (0).
 */
export function unitSeries(close: Float64Array | null, nRows: number, orders: OrderRecords, from: number, to: number, initCash: number, out: UnitSeriesOut, scratch: UnitScratch): void {
  const { flow, freeFlow, assetValue: av } = scratch;
  flow.fill(0);
  freeFlow.fill(0);
  av.fill(0);
  for (let col = from; col < to; col++) {
    const base = col * nRows;
    const oEnd = orders.colStart[col + 1];
    let k = orders.colStart[col];
    // Free-cash replay (get_free_cash_diff_nb): position and debt after each order.
    let pos = 0;
    let debt = 0;
    // assets_nb: the position after each bar, from the bars' asset flows.
    let assets = 0;
    let ffClose = NaN;
    for (let i = k < oEnd ? orders.idx[k] : nRows; i < nRows; i++) {
      const c = close === null ? NaN : close[base + i];
      if (c === c) ffClose = c;
      if (k < oEnd && orders.idx[k] === i) {
        let colFlow = 0;
        let colFree = 0;
        let assetFlow = 0;
        while (k < oEnd && orders.idx[k] === i) {
          const size = orders.side[k] === Side.Buy ? orders.size[k] : -orders.size[k];
          const price = orders.price[k];
          const fees = orders.fees[k];
          colFlow = addSnap(colFlow, -size * price - fees);
          assetFlow = addSnap(assetFlow, size);
          const newPos = addSnap(pos, size);
          const dSize = addSnap(newPos, -pos);
          const finalCash = -dSize * price - fees;
          let fcd = 0;
          if (isClose(dSize, 0)) {
            fcd = 0;
          } else if (dSize > 0) {
            if (pos < 0) {
              const shortSize = newPos < 0 ? Math.abs(dSize) : Math.abs(pos);
              const debtDiff = shortSize * (debt / Math.abs(pos));
              debt = addSnap(debt, -debtDiff);
              fcd = addSnap(2 * debtDiff, finalCash);
            } else fcd = finalCash;
          } else if (newPos < 0) {
            const shortSize = pos < 0 ? Math.abs(dSize) : Math.abs(newPos);
            const shortValue = shortSize * price;
            debt = debt + shortValue;
            fcd = addSnap(finalCash, -2 * shortValue);
          } else fcd = finalCash;
          colFree = addSnap(colFree, fcd);
          pos = newPos;
          k++;
        }
        flow[i] += colFlow;
        freeFlow[i] += colFree;
        assets = addSnap(assets, assetFlow);
      } else if (assets === 0 || close === null) {
        // Flat until the next order (or no asset value wanted): nothing to add; jump to the bar before it (its
        // close still feeds ffClose).
        const next = k < oEnd ? orders.idx[k] : nRows;
        for (let j = next - 1; j > i && close !== null; j--) {
          const cj = close[base + j];
          if (cj === cj) {
            ffClose = cj;
            break;
          }
        }
        i = next - 1;
        continue;
      } else {
        assets = snap0(assets);
      }
      if (assets !== 0 && close !== null) av[i] += ffClose * assets;
    }
  }
  let cash = +initCash;
  let free = +initCash;
  const { value, cash: cashOut, freeCash: freeOut, assetValue: avOut, offset } = out;
  for (let i = 0; i < nRows; i++) {
    cash = addSnap(cash, flow[i]);
    free = addSnap(free, freeFlow[i]);
    if (cashOut !== null) cashOut[offset + i] = cash;
    if (freeOut !== null) freeOut[offset + i] = free;
    if (avOut !== null) avOut[offset + i] = av[i];
    if (value !== null) value[offset + i] = cash + av[i];
  }
}

/**
 * `pf.value()` of one column with its own cash (ungrouped), into `value[offset .. offset + nRows)`: what unitSeries
 * gives for a one-column unit, in one pass that touches a flat stretch once (a flat bar is worth its cash; the cash
 * only moves on a bar with an order, and a cash within 1e-12 of 0 becomes 0 on the next bar without one).
 */
export function columnValue(close: Float64Array, nRows: number, orders: OrderRecords, col: number, initCash: number, value: Float64Array, offset: number): void {
  const base = col * nRows;
  const oEnd = orders.colStart[col + 1];
  let k = orders.colStart[col];
  let cash = +initCash;
  let assets = 0;
  let ffClose = NaN;
  let i = 0;
  while (i < nRows) {
    const next = k < oEnd ? orders.idx[k] : nRows;
    if (assets === 0 && next > i) {
      // Flat until the next order: each of these bars adds a 0 flow (cash_nb), snapping a tiny cash to 0.
      cash = snap0(cash);
      value.fill(cash, offset + i, offset + next);
      for (let j = next - 1; j >= i; j--) {
        const c = close[base + j];
        if (c === c) {
          ffClose = c;
          break;
        }
      }
      i = next;
      continue;
    }
    const c = close[base + i];
    if (c === c) ffClose = c;
    if (next === i) {
      let flow = 0;
      let assetFlow = 0;
      while (k < oEnd && orders.idx[k] === i) {
        const size = orders.side[k] === Side.Buy ? orders.size[k] : -orders.size[k];
        flow = addSnap(flow, -size * orders.price[k] - orders.fees[k]);
        assetFlow = addSnap(assetFlow, size);
        k++;
      }
      cash = addSnap(cash, flow);
      assets = addSnap(assets, assetFlow);
    } else {
      cash = snap0(cash);
      assets = snap0(assets);
    }
    value[offset + i] = assets !== 0 ? cash + ffClose * assets : cash + 0;
    i++;
  }
}

/** `pf.assets()` of one column: the signed position after each bar, into `out[offset .. offset + nRows)`. */
export function columnAssets(orders: OrderRecords, nRows: number, col: number, out: Float64Array, offset: number): void {
  let k = orders.colStart[col];
  const oEnd = orders.colStart[col + 1];
  let assets = 0;
  for (let i = 0; i < nRows; i++) {
    let assetFlow = 0;
    while (k < oEnd && orders.idx[k] === i) {
      assetFlow = addSnap(assetFlow, orders.side[k] === Side.Buy ? orders.size[k] : -orders.size[k]);
      k++;
    }
    assets = addSnap(assets, assetFlow);
    out[offset + i] = assets;
  }
}
