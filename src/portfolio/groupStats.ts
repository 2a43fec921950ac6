/**
 * computeGroupStats: vectorbt's `pf.stats(column=group)` for every group of a grouped simulation, with the rules of
 * data-fixtures/golden/README.md "Stats for the new families" (vectorbt 0.28.3, base.py / nb.py):
 * - Start Value = the group's init cash; End Value = init cash + the sum of its columns' total profit
 *   (total_profit_grouped_nb); Total Fees Paid = all its orders' fees (summed by the kernel, in creation order);
 * - Benchmark Return = the compounded returns of benchmark_value_grouped_nb: init_cash / n in each column, i.e.
 *   `init / n * sum_j close_filled_j / close_filled_j[0]` (a late listing's first close is back-filled);
 * - Max Gross Exposure on the group's signed asset value and free cash; drawdowns and returns on the group value;
 * - every trade metric pools the trades of all the group's columns.
 * Output layout as computeStats, with one "column" per group: `values[m * nGroups + g]`.
 */
import { addSnap } from '../kernels/isClose';
import { Side } from './enums';
import type { PriceMatrix, SimResult } from './fromSignals';
import {
  calmarFinish, returnStats, tradeStats, R_SLOTS, STAT_NAMES, M_BENCHMARK, M_END, M_END_VALUE, M_FEES, M_GROSS, M_PERIOD, M_START, M_START_VALUE, M_TOTAL_RETURN,
  type StatsOptions, type StatsTable,
} from './metrics';

/** vectorbt `get_return_nb`. */
function getReturn(a: number, b: number): number {
  if (a === 0) return b === 0 ? 0 : b > 0 ? Infinity : b < 0 ? -Infinity : NaN;
  const r = (b - a) / a;
  return a < 0 ? -r : r;
}

export function computeGroupStats(prices: PriceMatrix, sim: SimResult, options: StatsOptions = {}): StatsTable {
  const groups = sim.groups;
  if (groups === undefined) throw new RangeError('computeGroupStats: the simulation is not grouped (no groupBy)');
  const { nRows, nCols, orders, trades } = sim;
  const close = prices.close;
  if (prices.nRows !== nRows || prices.nCols !== nCols) throw new RangeError(`computeStats: prices are ${prices.nRows}x${prices.nCols} but the simulation is ${nRows}x${nCols}`);
  const freqDays = options.freqDays ?? 1;
  const G = groups.nGroups;
  const M = STAT_NAMES.length;
  const out = new Float64Array(M * G);
  const set = (m: number, g: number, v: number) => {
    out[m * G + g] = v;
  };
  const calmarCum = new Float64Array(G);
  const calmarMdd = new Float64Array(G);
  const rets = new Float64Array(nRows);
  const acc = new Float64Array(R_SLOTS);
  const benchSum = new Float64Array(nRows);

  for (let g = 0; g < G; g++) {
    const from = groups.colStart[g];
    const to = groups.colStart[g + 1];
    const init = options.initCash === undefined ? groups.initCash[g] : typeof options.initCash === 'number' ? options.initCash : options.initCash[g];
    const gBase = g * nRows;

    // Benchmark and total profit, column by column in column order (the order of vectorbt's sums).
    benchSum.fill(0);
    let totalProfit = 0;
    for (let col = from; col < to; col++) {
      const base = col * nRows;
      let firstClose = NaN;
      for (let i = 0; i < nRows && firstClose !== firstClose; i++) firstClose = close[base + i];
      let filled = +firstClose;
      for (let i = 0; i < nRows; i++) {
        const c = close[base + i];
        if (c === c) filled = c;
        benchSum[i] += filled / firstClose;
      }
      // total_profit_nb: order cash flows from 0 plus the final position at the last filled close; 0 without orders.
      let flow = 0;
      let pos = 0;
      const oStart = orders.colStart[col];
      const oEnd = orders.colStart[col + 1];
      for (let k = oStart; k < oEnd; k++) {
        const vol = orders.size[k] * orders.price[k];
        const f = orders.fees[k];
        const buy = orders.side[k] === Side.Buy;
        flow = addSnap(flow, buy ? -(vol + f) : vol - f);
        pos = addSnap(pos, buy ? orders.size[k] : -orders.size[k]);
      }
      totalProfit += oEnd === oStart ? 0 : flow + pos * filled;
    }
    const colInit = init / (to - from);
    let benchPrev = +init;
    let benchCum = 1;
    for (let i = 0; i < nRows; i++) {
      const bv = colInit * benchSum[i];
      const r = getReturn(benchPrev, bv);
      benchPrev = bv;
      if (r === r) benchCum *= r + 1;
    }

    // Max gross exposure: signed asset value over asset value plus free cash (gross_exposure_nb).
    let maxGross = NaN;
    for (let i = 0; i < nRows; i++) {
      const av = groups.assetValue[gBase + i];
      const denom = addSnap(av, groups.freeCash[gBase + i]);
      const gross = denom === 0 ? 0 : av / denom;
      if (gross === gross && !(gross <= maxGross)) maxGross = gross;
    }

    const endValue = nRows > 0 ? init + totalProfit : NaN;
    set(M_START, g, 0);
    set(M_END, g, nRows - 1);
    set(M_PERIOD, g, nRows * freqDays);
    set(M_START_VALUE, g, init);
    set(M_END_VALUE, g, endValue);
    set(M_TOTAL_RETURN, g, endValue === endValue ? (totalProfit / init) * 100 : NaN);
    set(M_BENCHMARK, g, (benchCum - 1) * 100);
    set(M_GROSS, g, maxGross * 100);
    // Summed by the kernel in creation order, as vectorbt sums a group's fees.
    set(M_FEES, g, groups.fees[g]);
    returnStats(out, G, g, groups.value, gBase, nRows, init, freqDays, rets, acc, calmarCum, calmarMdd);
    tradeStats(out, G, g, trades, trades.colStart[from], trades.colStart[to], freqDays);
  }
  calmarFinish(out, G, calmarCum, calmarMdd, 365 / freqDays / nRows);
  return { names: STAT_NAMES, nCols: G, values: out };
}
