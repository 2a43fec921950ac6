/**
 * metrics: vectorbt's `pf[col].stats()` for every column in a few linear passes per column over typed arrays,
 * `pf.stats(column=group)` for every group of a grouped simulation (computeGroupStats), and the multi-column
 * `pf.stats()` aggregate (pandas mean). Definitions are those of data-fixtures/golden/README.md
 * (vectorbt 0.28.3): drawdown records on value, returns with `value[-1] = init_cash`, `ann = 365 / freqDays`,
 * trade metrics on closed trades only.
 *
 * Output layout: `values[m * nCols + col]` for metric `m = statIndex(name)`. Start/End are row indices; Period and
 * the duration metrics are in days; NaN = not defined (vectorbt NaN/NaT). Cash and position per bar are not
 * stored by the simulation: they are rebuilt here from the order records (as vectorbt does), so memory stays
 * at the value matrix plus records.
 */
import { flexSelect, type Flex } from '../kernels/flexSelect';
import { addSnap } from '../kernels/isClose';
import { pairwiseSum1d } from '../kernels/reduce';
import { accuratePow } from '../kernels/accuratePow';
import { Side, TradeStatus } from './enums';
import type { PriceMatrix, SimResult } from './fromSignals';
import type { OrderRecords, TradeRecords } from './records';

/** vectorbt's stats() names, in vectorbt's order. */
export const STAT_NAMES = [
  'Start',
  'End',
  'Period',
  'Start Value',
  'End Value',
  'Total Return [%]',
  'Benchmark Return [%]',
  'Max Gross Exposure [%]',
  'Total Fees Paid',
  'Max Drawdown [%]',
  'Max Drawdown Duration',
  'Total Trades',
  'Total Closed Trades',
  'Total Open Trades',
  'Open Trade PnL',
  'Win Rate [%]',
  'Best Trade [%]',
  'Worst Trade [%]',
  'Avg Winning Trade [%]',
  'Avg Losing Trade [%]',
  'Avg Winning Trade Duration',
  'Avg Losing Trade Duration',
  'Profit Factor',
  'Expectancy',
  'Sharpe Ratio',
  'Calmar Ratio',
  'Omega Ratio',
  'Sortino Ratio',
] as const;
export type StatName = (typeof STAT_NAMES)[number];

/** How each stat is typed when labelled: a date (row index), a duration (days), an integer count, or a float. */
export const STAT_KINDS: Readonly<Record<StatName, 'date' | 'duration' | 'int' | 'float'>> = Object.freeze({
  Start: 'date',
  End: 'date',
  Period: 'duration',
  'Start Value': 'float',
  'End Value': 'float',
  'Total Return [%]': 'float',
  'Benchmark Return [%]': 'float',
  'Max Gross Exposure [%]': 'float',
  'Total Fees Paid': 'float',
  'Max Drawdown [%]': 'float',
  'Max Drawdown Duration': 'duration',
  'Total Trades': 'int',
  'Total Closed Trades': 'int',
  'Total Open Trades': 'int',
  'Open Trade PnL': 'float',
  'Win Rate [%]': 'float',
  'Best Trade [%]': 'float',
  'Worst Trade [%]': 'float',
  'Avg Winning Trade [%]': 'float',
  'Avg Losing Trade [%]': 'float',
  'Avg Winning Trade Duration': 'duration',
  'Avg Losing Trade Duration': 'duration',
  'Profit Factor': 'float',
  Expectancy: 'float',
  'Sharpe Ratio': 'float',
  'Calmar Ratio': 'float',
  'Omega Ratio': 'float',
  'Sortino Ratio': 'float',
});

const INDEX: ReadonlyMap<string, number> = new Map(STAT_NAMES.map((n, i) => [n, i]));

/** Position of a stat in STAT_NAMES; throws on an unknown name. @example statIndex('Total Trades') === 11 */
export function statIndex(name: string): number {
  const i = INDEX.get(name);
  if (i === undefined) throw new RangeError(`statIndex: unknown stat '${name}'. Known: ${STAT_NAMES.join(', ')}`);
  return i;
}

export interface StatsTable {
  names: readonly string[];
  nCols: number;
  /** values[m * nCols + col]; durations in days; Start/End as row indices. */
  values: Float64Array;
}

export interface StatsOptions {
  /** Defaults to the simulation's own init cash. */
  initCash?: Flex;
  /** Bar length in days (default 1, vectorbt freq='1D'); the year is 365 days. */
  freqDays?: number;
  /**
   * How Benchmark Return is computed. 'compound' (default) compounds the bar returns of the filled close like
   * vectorbt and reproduces its digits exactly; 'ratio' is last/first filled close - 1, the same number to ~1e-14
   * relative, two divisions per bar cheaper (for large batches).
   */
  benchmark?: 'compound' | 'ratio';
}

const M_START = 0, M_END = 1, M_PERIOD = 2, M_START_VALUE = 3, M_END_VALUE = 4, M_TOTAL_RETURN = 5, M_BENCHMARK = 6,
  M_GROSS = 7, M_FEES = 8, M_MDD = 9, M_MDD_DUR = 10, M_TRADES = 11, M_CLOSED = 12, M_OPEN = 13, M_OPEN_PNL = 14,
  M_WIN_RATE = 15, M_BEST = 16, M_WORST = 17, M_AVG_WIN = 18, M_AVG_LOSS = 19, M_AVG_WIN_DUR = 20, M_AVG_LOSS_DUR = 21,
  M_PROFIT_FACTOR = 22, M_EXPECTANCY = 23, M_SHARPE = 24, M_CALMAR = 25, M_OMEGA = 26, M_SORTINO = 27;

const NS_PER_DAY = 86400e9;

/** A duration in days as pandas stores it: truncated to whole nanoseconds (vectorbt wraps mean durations as Timedelta). */
function asTimedeltaDays(days: number): number {
  return Math.trunc(days * NS_PER_DAY) / NS_PER_DAY;
}

/** vectorbt `get_return_nb`: the return from `a` to `b`, defined when `a` is 0. */
function getReturn(a: number, b: number): number {
  if (a === 0) return b === 0 ? 0 : b > 0 ? Infinity : b < 0 ? -Infinity : NaN;
  const r = (b - a) / a;
  return a < 0 ? -r : r;
}

/**
 * Result slots of the bar passes. The passes are separate functions, not one loop in computeStats: in that large
 * function V8 ran out of inlining budget and called addSnap/getReturn out of line, boxing their double arguments
 * (~30 MB of garbage and dozens of scavenges per 3M bars). They hand results back through one scratch
 * Float64Array, so nothing is allocated per column.
 */
const R_LAST_CLOSE = 0, R_BENCH_CUM = 1, R_FEES = 2, R_FLOW = 3, R_POS = 4, R_MAX_GROSS = 5, R_SUM_R = 6, R_N_R = 7,
  R_SUM_DOWN2 = 8, R_SUM_POS = 9, R_SUM_NEG = 10, R_CUM = 11, R_MIN_CUM_DD = 12, R_ANY_CUM = 13, R_DD_COUNT = 14,
  R_MAX_DD = 15, R_MAX_DD_DUR = 16, R_DEBT = 17, R_FCD = 18;
/** Slots of the scratch array the passes share. */
const R_SLOTS = 19;

/**
 * The last valid close (close_filled[-1]) and vectorbt's Benchmark Return factor, which compounds the bar returns of
 * close_filled / close_filled[0] * init_cash.
 */
function benchmarkPass(close: Float64Array, base: number, nRows: number, init: number, firstClose: number, compound: boolean, res: Float64Array): void {
  let lastClose = NaN;
  let benchCum = 1;
  if (compound) {
    let benchPrev = +init;
    // close_filled: back-filled with firstClose until the first valid close, then forward-filled. (Written as a
    // ternary `lastClose === lastClose ? lastClose : firstClose`, V8 boxed a HeapNumber per bar.) It ends as the
    // last valid close, or NaN when the column has none (then firstClose is NaN too).
    let filled = +firstClose;
    for (let i = 0; i < nRows; i++) {
      const c = close[base + i];
      if (c === c) filled = c;
      const bv = (filled / firstClose) * init;
      const br = getReturn(benchPrev, bv);
      benchPrev = bv;
      if (br === br) benchCum *= br + 1;
    }
    lastClose = filled;
  } else {
    for (let i = nRows - 1; i >= 0 && lastClose !== lastClose; i--) lastClose = close[base + i];
  }
  res[R_LAST_CLOSE] = lastClose;
  res[R_BENCH_CUM] = benchCum;
}

/**
 * From the orders `oStart .. oEnd` of one column: fees, the cash flow and position of vectorbt's total_profit_nb,
 * and the max gross exposure `asset_value / (asset_value + free_cash)` (gross_exposure_nb) with the signed asset
 * value (negative while short) and the free cash of `pf.cash(free=True)`: init cash plus the orders' free-cash flows
 * (get_free_cash_diff_nb, which replays the debt of shorts; for a long-only column it is the cash), each bar's
 * added with addSnap. A flat bar has exposure 0 (asset value 0, also where close_filled is NaN: vectorbt sets close
 * to 0 where shares == 0 in base.py asset_value); the running max absorbs repeated zeros, so a flat stretch is one
 * update and only bars in a position are visited one by one.
 */
function exposurePass(close: Float64Array, base: number, nRows: number, orders: OrderRecords, oStart: number, oEnd: number, init: number, res: Float64Array): void {
  let oi = oStart;
  let fees = 0;
  // +x on the number parameters here and in the other passes: an integral double (init cash 100) arrives as a Smi,
  // and a loop variable started from it was kept tagged by V8, boxing a HeapNumber per bar; +x makes it a float64.
  // Cash flows from 0, for vectorbt's total_profit_nb (End Value and Total Return come from it, not from value[-1]).
  let flow = 0;
  let free = +init;
  let pos = 0;
  // The free-cash replay's own position and debt (get_free_cash_diff_nb).
  let fpos = 0;
  let debt = 0;
  let lastBar = -1;
  let maxGross = NaN;
  // The forward-filled close as of bar i - 1.
  let ffClose = NaN;
  for (let i = 0; i < nRows; ) {
    if (pos === 0) {
      const next = oi < oEnd ? orders.idx[oi] : nRows;
      if (next > i) {
        if (!(0 <= maxGross)) maxGross = 0;
        // ffClose as of bar next - 1: the last valid close in the skipped stretch, else unchanged.
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
    }
    const c = close[base + i];
    if (c === c) ffClose = c;
    if (oi < oEnd && orders.idx[oi] === i) {
      // Bars without an order since the last one added a 0 flow: a free cash within 1e-12 of 0 became 0.
      if (i > lastBar + 1 && free <= 1e-12 && free >= -1e-12) free = 0;
      let barFree = 0;
      while (oi < oEnd && orders.idx[oi] === i) {
        const size = orders.size[oi];
        const price = orders.price[oi];
        const vol = size * price;
        const f = orders.fees[oi];
        fees += f;
        // One addSnap call site per quantity (the deltas chosen first): six sites exceeded V8's inlining budget and
        // left isClose out of line, boxing its arguments.
        const buy = orders.side[oi] === Side.Buy;
        const dFlow = buy ? -(vol + f) : vol - f;
        const dPos = buy ? size : -size;
        flow = addSnap(flow, dFlow);
        pos = addSnap(pos, dPos);
        // The free-cash flow: an order from flat or one closing a long exactly (every long-only order) moves the
        // position by its size and touches no debt, so its free-cash flow is its cash flow; the rest goes through
        // get_free_cash_diff_nb (kept out of this loop, which has used up its inlining budget).
        let fcd: number;
        let newFpos: number;
        if (fpos === 0 && dPos > 1e-12) {
          newFpos = dPos;
          fcd = dFlow;
        } else if (fpos > 1e-12 && dPos === -fpos) {
          newFpos = 0;
          fcd = dFlow;
        } else {
          newFpos = freeCashOrder(fpos, dPos, debt, price, f, res);
          fcd = res[R_FCD];
          debt = res[R_DEBT];
        }
        fpos = newFpos;
        barFree = barFree === 0 ? (fcd <= 1e-12 && fcd >= -1e-12 ? 0 : fcd) : addSnap(barFree, fcd);
        oi++;
      }
      free = addSnap(free, barFree);
    } else if (free <= 1e-12 && free >= -1e-12) free = 0;
    lastBar = i;
    let gross = 0;
    if (pos !== 0) {
      const asset = pos * ffClose;
      const absAsset = asset < 0 ? -asset : asset;
      if (free === 0 && absAsset > 1e-12 && absAsset < Infinity) {
        gross = 1; // all the free cash in the position: addSnap(asset, 0) = asset, asset / asset = 1, without the call
      } else {
        const denom = addSnap(asset, free);
        gross = denom === 0 ? 0 : asset / denom;
      }
    }
    if (gross === gross && !(gross <= maxGross)) maxGross = gross;
    i++;
  }
  res[R_FEES] = fees;
  res[R_FLOW] = flow;
  res[R_POS] = pos;
  res[R_MAX_GROSS] = maxGross;
}

/**
 * One order's step of the free-cash replay: the new position (returned), its free-cash flow (res[R_FCD]) and the
 * new debt (res[R_DEBT]).
 */
function freeCashOrder(before: number, dPos: number, debt: number, price: number, fees: number, res: Float64Array): number {
  const now = addSnap(before, dPos);
  res[R_FCD] = freeCashDiff(before, now, debt, price, fees, res);
  return now;
}

/**
 * vectorbt get_free_cash_diff_nb: the free-cash flow of an order that moves the position from `before` to `now`
 * at `price` with `fees`; the new debt goes to res[R_DEBT].
 */
function freeCashDiff(before: number, now: number, debt: number, price: number, fees: number, res: Float64Array): number {
  const size = addSnap(now, -before);
  const finalCash = -size * price - fees;
  res[R_DEBT] = debt;
  if (size <= 1e-12 && size >= -1e-12) return 0;
  if (size > 0) {
    if (before < 0) {
      const shortSize = now < 0 ? Math.abs(size) : Math.abs(before);
      const debtDiff = shortSize * (debt / Math.abs(before));
      res[R_DEBT] = addSnap(debt, -debtDiff);
      return addSnap(2 * debtDiff, finalCash);
    }
    return finalCash;
  }
  if (now < 0) {
    const shortSize = before < 0 ? Math.abs(size) : Math.abs(now);
    const shortValue = shortSize * price;
    res[R_DEBT] = debt + shortValue;
    return addSnap(finalCash, -2 * shortValue);
  }
  return finalCash;
}

/**
 * Returns of value (with value[-1] = init_cash) into `rets`, their sums, cumprod and the max drawdown of the
 * cumprod, and the drawdown records (vectorbt get_drawdowns_nb) of value. Runs of an unchanged value are skipped.
 */
function returnsPass(value: Float64Array, base: number, nRows: number, init: number, rets: Float64Array, res: Float64Array): void {
  let prev = +init;
  let sumR = 0;
  let nR = 0;
  let sumDown2 = 0;
  let sumPos = 0;
  let sumNeg = 0;
  let cum = 1;
  let cumMax = NaN;
  let minCumDd = 0;
  let anyCum = false;
  // Drawdown records (vectorbt get_drawdowns_nb) on value.
  let ddStarted = false;
  let peakIdx = -1;
  let peakVal = nRows > 0 ? value[base] : NaN;
  let valleyVal = peakVal;
  let ddCount = 0;
  let maxDd = -Infinity;
  let maxDdDur = -Infinity;

  for (let i = 0; i < nRows; i++) {
    const v = value[base + i];
    if (v === prev && i > 0) {
      // A flat bar (value unchanged, e.g. out of the market) has return exactly 0: cumprod, its running max and
      // the drawdown of the returns are unchanged, so only the counters move.
      rets[i] = 0;
      nR++;
    } else {
      const r = getReturn(prev, v);
      prev = v;
      rets[i] = r;
      if (r === r) {
        sumR += r;
        nR++;
        // Branch-free split into the negative and positive parts (the sign of a return is unpredictable, a
        // mispredicted branch per bar cost ~25% of this loop); adding 0 leaves the sums bit-identical.
        const neg = r < 0 ? r : 0;
        sumDown2 += neg * neg;
        sumNeg += neg;
        sumPos += r - neg;
        cum *= r + 1;
      }
      // drawdown_1d_nb: 100*cumprod(1+r) against its expanding max from the first bar.
      const cv = cum * 100;
      anyCum = true;
      if (!(cv <= cumMax)) cumMax = cv;
      else if (cv < cumMax) {
        // Below the running max: the only bars whose drawdown can be negative.
        const dd = cv / cumMax - 1;
        if (dd < minCumDd) minCumDd = dd;
      }
      if (cv !== cv) minCumDd = NaN; // np.min propagates NaN
    }

    if (v === v) {
      let store = false;
      let active = false;
      if (peakVal !== peakVal || v >= peakVal) {
        if (!ddStarted) {
          peakVal = v;
          peakIdx = i;
        } else {
          ddStarted = false;
          store = true;
        }
      } else if (!ddStarted) {
        ddStarted = true;
        valleyVal = v;
      } else if (v < valleyVal) {
        valleyVal = v;
      }
      if (i === nRows - 1 && ddStarted) {
        ddStarted = false;
        store = true;
        active = true;
      }
      if (store) {
        ddCount++;
        const ddPct = -((valleyVal - peakVal) / peakVal) * 100;
        if (ddPct > maxDd || ddPct !== ddPct) maxDd = ddPct;
        // Duration end_idx - start_idx with start_idx = peak_idx + 1; an active drawdown counts its last bar.
        const dur = active ? i - peakIdx : i - peakIdx - 1;
        if (dur > maxDdDur) maxDdDur = dur;
        peakIdx = i;
        peakVal = v;
        valleyVal = v;
      }
      // Skip the middle of a run of this same value (out of the market, the value is the cash for many bars).
      // After bar i, prev === v, and either no drawdown is open (then peakVal === v: each such bar only moves
      // peakIdx to itself) or one is (v < peakVal, valleyVal <= v: such a bar changes nothing). Each is a flat
      // bar with return 0. The run's last bar goes through the full step (it may be the series' last bar).
      // Not for a zero value: === would join 0 and -0, which the full step keeps apart (peakVal = v).
      let e = i + 1;
      if (v !== 0) while (e < nRows && value[base + e] === v) e++;
      if (e - 2 > i) {
        const last = e - 2;
        rets.fill(0, i + 1, last + 1);
        nR += last - i;
        if (!ddStarted) peakIdx = last;
        i = last;
      }
    }
  }
  res[R_SUM_R] = sumR;
  res[R_N_R] = nR;
  res[R_SUM_DOWN2] = sumDown2;
  res[R_SUM_POS] = sumPos;
  res[R_SUM_NEG] = sumNeg;
  res[R_CUM] = cum;
  res[R_MIN_CUM_DD] = minCumDd;
  res[R_ANY_CUM] = anyCum ? 1 : 0;
  res[R_DD_COUNT] = ddCount;
  res[R_MAX_DD] = maxDd;
  res[R_MAX_DD_DUR] = maxDdDur;
}

/** Sum of (r - mean)^2 over the non-NaN returns, left to right (numpy nanvar's second pass). */
function sumSquaredDeviations(rets: Float64Array, nRows: number, meanR: number): number {
  let ss = 0;
  for (let i = 0; i < nRows; i++) {
    const r = rets[i];
    if (r === r) {
      const d = r - meanR;
      ss += d * d;
    }
  }
  return ss;
}

/**
 * Every stat of every column; for a grouped simulation (`sim.groups`), every stat of every group (see
 * `computeGroupStats`: then `nCols` of the table is the number of groups).
 * @example const t = computeStats(prices, sim); t.values[statIndex('Total Return [%]') * t.nCols + 0]
 */
export function computeStats(prices: PriceMatrix, sim: SimResult, options: StatsOptions = {}): StatsTable {
  if (sim.groups !== undefined) return computeGroupStats(prices, sim, options);
  const { nRows, nCols, value, orders, trades } = sim;
  const close = prices.close;
  if (prices.nRows !== nRows || prices.nCols !== nCols) throw new RangeError(`computeStats: prices are ${prices.nRows}x${prices.nCols} but the simulation is ${nRows}x${nCols}`);
  const freqDays = options.freqDays ?? 1;
  const compoundBenchmark = (options.benchmark ?? 'compound') === 'compound';
  const M = STAT_NAMES.length;
  const out = new Float64Array(M * nCols);
  const set = (m: number, col: number, v: number) => {
    out[m * nCols + col] = v;
  };

  const calmarCum = new Float64Array(nCols);
  const calmarMdd = new Float64Array(nCols);
  // One column's returns, reused across columns (the second pass of the std reads them back).
  const rets = new Float64Array(nRows);
  const acc = new Float64Array(R_SLOTS);
  for (let col = 0; col < nCols; col++) {
    const base = col * nRows;
    const init = options.initCash === undefined ? sim.initCash[col] : flexSelect(options.initCash, col);

    // --- Bar passes, split by input so each loop stays small and its branches predictable (see the pass
    // functions below); each quantity sees the same operations in the same order as one fused loop. ---
    // close_filled[0]: the first valid close (back-filled into the leading gap).
    let firstClose = NaN;
    for (let i = 0; i < nRows && firstClose !== firstClose; i++) firstClose = close[base + i];
    benchmarkPass(close, base, nRows, init, firstClose, compoundBenchmark, acc);
    const lastClose = acc[R_LAST_CLOSE];
    const benchCum = acc[R_BENCH_CUM];
    const oEnd = orders.colStart[col + 1];
    exposurePass(close, base, nRows, orders, orders.colStart[col], oEnd, init, acc);
    const fees = acc[R_FEES];
    const flow = acc[R_FLOW];
    const pos = acc[R_POS];
    const maxGross = acc[R_MAX_GROSS];

    // total_profit_nb: summed order cash flows plus the final position at the last filled close; 0 without orders.
    const totalProfit = oEnd === orders.colStart[col] ? 0 : flow + pos * lastClose;
    const endValue = nRows > 0 ? init + totalProfit : NaN;
    set(M_START, col, 0);
    set(M_END, col, nRows - 1);
    set(M_PERIOD, col, nRows * freqDays);
    set(M_START_VALUE, col, init);
    set(M_END_VALUE, col, endValue);
    set(M_TOTAL_RETURN, col, endValue === endValue ? (totalProfit / init) * 100 : NaN);
    // An all-NaN close has all-NaN benchmark returns, and vectorbt's total return is the product of the non-NaN
    // ones (none): 0, not NaN.
    set(M_BENCHMARK, col, compoundBenchmark || firstClose !== firstClose ? (benchCum - 1) * 100 : (lastClose / firstClose - 1) * 100);
    set(M_GROSS, col, maxGross * 100);
    set(M_FEES, col, fees);
    returnStats(out, nCols, col, value, base, nRows, init, freqDays, rets, acc, calmarCum, calmarMdd);
    tradeStats(out, nCols, col, trades, trades.colStart[col], trades.colStart[col + 1], freqDays);
  }
  calmarFinish(out, nCols, calmarCum, calmarMdd, 365 / freqDays / nRows);
  return { names: STAT_NAMES, nCols, values: out };
}

/**
 * The stats of the value series `value[base .. base + nRows)` of unit `u` (a column or a group): drawdowns,
 * Sharpe, Sortino, Omega, and the two parts of Calmar (finished by calmarFinish).
 */
function returnStats(
  out: Float64Array, nUnits: number, u: number, value: Float64Array, base: number, nRows: number, init: number, freqDays: number,
  rets: Float64Array, acc: Float64Array, calmarCum: Float64Array, calmarMdd: Float64Array,
): void {
  const ann = 365 / freqDays;
  const sqrtAnn = Math.sqrt(ann);
  returnsPass(value, base, nRows, init, rets, acc);
  const sumR = acc[R_SUM_R];
  const nR = acc[R_N_R];
  const sumDown2 = acc[R_SUM_DOWN2];
  const sumPos = acc[R_SUM_POS];
  const sumNeg = acc[R_SUM_NEG];
  const cum = acc[R_CUM];
  const minCumDd = acc[R_MIN_CUM_DD];
  const anyCum = acc[R_ANY_CUM] !== 0;
  const ddCount = acc[R_DD_COUNT];
  const maxDd = acc[R_MAX_DD];
  const maxDdDur = acc[R_MAX_DD_DUR];

  // Second pass for the standard deviation (two-pass like numpy's nanvar).
  const meanR = nR > 0 ? sumR / nR : NaN;
  const ss = sumSquaredDeviations(rets, nRows, meanR);
  // numba nanstd_1d_nb(ddof=1): sqrt(nanvar * n / (n - 1)), with nanvar = ss / n (same rounding as vectorbt).
  const stdR = nR - 1 > 0 ? Math.sqrt(((ss / nR) * nR) / (nR - 1)) : NaN;

  out[M_MDD * nUnits + u] = ddCount > 0 ? maxDd : NaN;
  out[M_MDD_DUR * nUnits + u] = ddCount > 0 ? maxDdDur * freqDays : NaN;
  out[M_SHARPE * nUnits + u] = nRows < 2 ? NaN : stdR === 0 ? Infinity : (meanR / stdR) * sqrtAnn;
  // Calmar is finished after the unit loop (calmarFinish): the pow is kept out of the hot functions.
  calmarCum[u] = cum;
  calmarMdd[u] = anyCum ? minCumDd : NaN;
  out[M_OMEGA * nUnits + u] = sumNeg === 0 ? Infinity : sumPos / -sumNeg;
  const downside = Math.sqrt(nR > 0 ? sumDown2 / nR : NaN) * sqrtAnn;
  // sortino_ratio_1d_nb (like sharpe_ratio_1d_nb) returns NaN when returns.shape[0] < 2, before any division.
  out[M_SORTINO * nUnits + u] = nRows < 2 ? NaN : downside === 0 ? Infinity : (meanR * ann) / downside;
}

/**
 * The trade stats of unit `u` over the trades `tStart .. tEnd` (one column's, or a group's columns' pooled):
 * counts, open PnL, and on closed trades only win rate, best/worst, averages, profit factor and expectancy.
 */
function tradeStats(out: Float64Array, nUnits: number, u: number, trades: TradeRecords, tStart: number, tEnd: number, freqDays: number): void {
  let nOpen = 0;
  let openPnl = 0;
  let nClosed = 0;
  let nWin = 0;
  let nLoss = 0;
  let winPnl = 0;
  let lossPnl = 0;
  let winRet = 0;
  let lossRet = 0;
  let winDur = 0;
  let lossDur = 0;
  let best = NaN;
  let worst = NaN;
  for (let t = tStart; t < tEnd; t++) {
    const pnl = trades.pnl[t];
    if (trades.status[t] === TradeStatus.Open) {
      nOpen++;
      if (pnl === pnl) openPnl += pnl;
      continue;
    }
    nClosed++;
    const ret = trades.ret[t];
    if (ret === ret) {
      if (!(ret <= best)) best = ret;
      if (!(ret >= worst)) worst = ret;
    }
    const dur = trades.exitIdx[t] - trades.entryIdx[t];
    if (pnl > 0) {
      nWin++;
      winPnl += pnl;
      winRet += ret;
      winDur += dur;
    } else if (pnl < 0) {
      nLoss++;
      lossPnl += pnl;
      lossRet += ret;
      lossDur += dur;
    }
  }
  out[M_TRADES * nUnits + u] = tEnd - tStart;
  out[M_CLOSED * nUnits + u] = nClosed;
  out[M_OPEN * nUnits + u] = nOpen;
  out[M_OPEN_PNL * nUnits + u] = openPnl;
  const winRate = nClosed > 0 ? nWin / nClosed : NaN;
  out[M_WIN_RATE * nUnits + u] = winRate * 100;
  out[M_BEST * nUnits + u] = best * 100;
  out[M_WORST * nUnits + u] = worst * 100;
  out[M_AVG_WIN * nUnits + u] = nWin > 0 ? (winRet / nWin) * 100 : NaN;
  out[M_AVG_LOSS * nUnits + u] = nLoss > 0 ? (lossRet / nLoss) * 100 : NaN;
  out[M_AVG_WIN_DUR * nUnits + u] = nWin > 0 ? asTimedeltaDays((winDur / nWin) * freqDays) : NaN;
  out[M_AVG_LOSS_DUR * nUnits + u] = nLoss > 0 ? asTimedeltaDays((lossDur / nLoss) * freqDays) : NaN;
  out[M_PROFIT_FACTOR * nUnits + u] = nClosed > 0 ? winPnl / Math.abs(lossPnl) : NaN;
  const avgWinPnl = nWin > 0 ? winPnl / nWin : 0;
  const avgLossPnl = nLoss > 0 ? lossPnl / nLoss : 0;
  out[M_EXPECTANCY * nUnits + u] = nClosed > 0 ? winRate * avgWinPnl - (1 - winRate) * Math.abs(avgLossPnl) : NaN;
}

/** Calmar = ((prod(1+r))^(ann/R) - 1) / |MDD of cumprod(1+r)|, NaN when that drawdown is 0 (vectorbt). */
function calmarFinish(out: Float64Array, nCols: number, cum: Float64Array, mdd: Float64Array, exponent: number): void {
  for (let col = 0; col < nCols; col++) {
    const m = mdd[col];
    // accuratePow, not Math.pow: V8's pow is a few ulps off libm's on ~10% of inputs.
    out[M_CALMAR * nCols + col] = m === 0 ? NaN : (accuratePow(cum[col], exponent) - 1) / Math.abs(m);
  }
}

/**
 * The multi-column aggregate (`pf.stats()` with agg_func=np.mean): per metric, the pandas mean over columns with
 * NaN skipped (NaN if all are NaN); one +inf makes the mean +inf (and +inf with -inf gives NaN, as pandas).
 * Start, End and Period are common to all columns and taken from the first.
 */
export function statsMean(table: StatsTable): Float64Array {
  const M = table.names.length;
  const nCols = table.nCols;
  const out = new Float64Array(M);
  const scratch = new Float64Array(nCols);
  for (let m = 0; m < M; m++) {
    const row = m * nCols;
    if (m === M_START || m === M_END || m === M_PERIOD) {
      out[m] = nCols > 0 ? table.values[row] : NaN;
      continue;
    }
    // pandas nanmean: NaN replaced by 0, numpy pairwise sum, divided by the non-NaN count. Durations are
    // averaged as int64 nanoseconds (summed in float64) and truncated back to whole nanoseconds.
    const isDuration = STAT_KINDS[STAT_NAMES[m]] === 'duration';
    let n = 0;
    for (let c = 0; c < nCols; c++) {
      const v = table.values[row + c];
      if (v === v) {
        scratch[c] = isDuration ? Math.round(v * NS_PER_DAY) : v;
        n++;
      } else scratch[c] = 0;
    }
    if (n === 0) {
      out[m] = NaN;
      continue;
    }
    const mean = pairwiseSum1d(scratch, 0, nCols) / n;
    out[m] = isDuration ? Math.trunc(mean) / NS_PER_DAY : mean;
  }
  return out;
}

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
 * @example const t = computeGroupStats(prices, sim); t.values[statIndex('End Value') * t.nCols + g]
 */
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

