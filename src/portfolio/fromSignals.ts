/**
 * fromSignals: the long-only signal simulation of vectorbt 0.28.3 `Portfolio.from_signals`
 * (accumulate=False, cash_sharing=False, size_type='amount', price = close), column by column, bar by bar.
 *
 * Per bar (the rules of data-fixtures/golden/README.md):
 * 1. while long and a stop is set, the stop check comes first: stop-loss, then take-profit, against the bar's
 *    open/low/high (close when not given); a fired stop sells at the stop price without slippage and the bar's
 *    user signals are ignored, even if that sell is rejected;
 * 2. otherwise the user signals: entry+exit on one bar cancel, exit while long sells all at close, entry while flat
 *    buys `size` (Infinity = all cash) at close; signals on a NaN close are dropped, not deferred;
 * 3. `value = cash + position * close_filled` (close forward- then back-filled), with the asset value 0 while flat
 *    even where close_filled is NaN (vectorbt zeroes the close where shares == 0).
 *
 * Inputs are column-major (`a[col * nRows + row]`), NaN = missing. No allocation happens per bar; records grow
 * by doubling.
 */
import { flexSelect, type Flex } from '../kernels/flexSelect';
import { addSnap, isCloseOrLess, isLess } from '../kernels/isClose';
import { ExitReason, Side, TradeStatus } from './enums';
import { allocOrders, allocTrades, finishOrders, finishTrades, pushOrder, pushTrade, tradePnl, type OrderRecords, type TradeRecords } from './records';

export type { Flex } from '../kernels/flexSelect';

/** Prices, column-major, NaN = missing. open/high/low are optional; without them stops see only the close. */
export interface PriceMatrix {
  nRows: number;
  nCols: number;
  close: Float64Array;
  open?: Float64Array | null;
  high?: Float64Array | null;
  low?: Float64Array | null;
}

export interface SimOptions {
  /** Starting cash of each column (default 100). */
  initCash?: Flex;
  /** Proportional fees per order, 0.001 = 0.1% (default 0). */
  fees?: Flex;
  /** Fixed fees per filled order (default 0). */
  fixedFees?: Flex;
  /** Slippage of signal orders, 0.002 = 0.2% (default 0). Stop exits get none. */
  slippage?: Flex;
  /** Stop-loss as a fraction below the entry close, 0.03 = 3%; NaN = off (default). */
  slStop?: Flex;
  /** Trail the stop-loss under the highest high (close without OHLC) since entry (default false). */
  slTrail?: boolean;
  /** Take-profit as a fraction above the entry close; NaN = off (default). */
  tpStop?: Flex;
  /** Shares per entry; Infinity = all the cash (default). */
  size?: Flex;
  /**
   * 0 = off (default). N > 0: close the position like an exit signal at the close N bars after its entry fill
   * (at the first valid close from then on if that close is NaN), unless a stop fired first. Works in addition to
   * the `exits` array, which may be all zeros.
   */
  timeExitBars?: number;
}

export interface SimResult {
  nRows: number;
  nCols: number;
  orders: OrderRecords;
  trades: TradeRecords;
  /** Portfolio value per bar, column-major. */
  value: Float64Array;
  /** Resolved starting cash per column (metrics need it for returns). */
  initCash: Float64Array;
}

/** vectorbt's defaults (`_settings.py`) for the options we expose. */
export const SIM_DEFAULTS = Object.freeze({
  initCash: 100,
  fees: 0,
  fixedFees: 0,
  slippage: 0,
  slStop: NaN,
  slTrail: false,
  tpStop: NaN,
  size: Infinity,
  timeExitBars: 0,
});

/** vectorbt `min_size`: smaller fills are rejected. */
export const MIN_SIZE = 1e-8;

export interface ResolvedSimOptions {
  initCash: Flex;
  fees: Flex;
  fixedFees: Flex;
  slippage: Flex;
  slStop: Flex;
  slTrail: boolean;
  tpStop: Flex;
  size: Flex;
  timeExitBars: number;
}

function checkFlex(name: string, v: Flex, nCols: number): void {
  if (typeof v !== 'number' && v.length !== nCols) throw new RangeError(`fromSignals: options.${name} has ${v.length} values, expected 1 or nCols = ${nCols}`);
}

/** Options merged with the defaults, validated against the shape. */
export function resolveSimOptions(options: SimOptions, nCols: number): ResolvedSimOptions {
  const o: ResolvedSimOptions = {
    initCash: options.initCash ?? SIM_DEFAULTS.initCash,
    fees: options.fees ?? SIM_DEFAULTS.fees,
    fixedFees: options.fixedFees ?? SIM_DEFAULTS.fixedFees,
    slippage: options.slippage ?? SIM_DEFAULTS.slippage,
    slStop: options.slStop ?? SIM_DEFAULTS.slStop,
    slTrail: options.slTrail ?? SIM_DEFAULTS.slTrail,
    tpStop: options.tpStop ?? SIM_DEFAULTS.tpStop,
    size: options.size ?? SIM_DEFAULTS.size,
    timeExitBars: options.timeExitBars ?? SIM_DEFAULTS.timeExitBars,
  };
  for (const k of ['initCash', 'fees', 'fixedFees', 'slippage', 'slStop', 'tpStop', 'size'] as const) checkFlex(k, o[k], nCols);
  if (!Number.isInteger(o.timeExitBars) || o.timeExitBars < 0) throw new RangeError(`fromSignals: options.timeExitBars must be a non-negative integer, got ${o.timeExitBars}`);
  return o;
}

/**
 * Optional preallocated outputs, for a caller that simulates chunk after chunk of the same shape: reusing the
 * value matrix avoids a fresh 8 bytes/bar allocation (and its page faults) per chunk. Every element is written.
 */
export interface SimBuffers {
  value?: Float64Array;
}

/** A Flex option as one value per column (flexSelect for each column). */
function perColumn(param: Flex, nCols: number): Float64Array {
  const out = new Float64Array(nCols);
  for (let col = 0; col < nCols; col++) out[col] = flexSelect(param, col);
  return out;
}

/**
 * Simulate long-only signals on every column.
 * @example
 * const sim = fromSignals({ nRows: 3, nCols: 1, close: Float64Array.of(10, 11, 12) },
 *   Uint8Array.of(1, 0, 0), Uint8Array.of(0, 0, 1), { fees: 0.001 });
 * sim.orders.length === 2; sim.trades.pnl[0] > 0
 */
export function fromSignals(prices: PriceMatrix, entries: Uint8Array, exits: Uint8Array, options: SimOptions = {}, buffers: SimBuffers = {}): SimResult {
  const { nRows, nCols, close } = prices;
  const n = nRows * nCols;
  if (close.length !== n) throw new RangeError(`fromSignals: close has ${close.length} values, expected nRows*nCols = ${n}`);
  if (entries.length !== n) throw new RangeError(`fromSignals: entries has ${entries.length} values, expected ${n}`);
  if (exits.length !== n) throw new RangeError(`fromSignals: exits has ${exits.length} values, expected ${n}`);
  const open = prices.open ?? null;
  const high = prices.high ?? null;
  const low = prices.low ?? null;
  for (const [name, a] of [['open', open], ['high', high], ['low', low]] as const) {
    if (a !== null && a.length !== n) throw new RangeError(`fromSignals: ${name} has ${a.length} values, expected ${n}`);
  }
  const hasOhlc = open !== null || high !== null || low !== null;
  const opt = resolveSimOptions(options, nCols);
  const slTrail = opt.slTrail;
  const timeExitBars = opt.timeExitBars;

  // Initial record capacity for ~3% of bars entering (two orders, one trade each; records grow by doubling past
  // it, ~14 MB for 3M bars); counting the entries
  // first would cost a pass over the whole matrix.
  const orders = allocOrders(Math.max(1024, n >> 4), nCols);
  const trades = allocTrades(Math.max(512, n >> 5), nCols);
  // Enum members as locals: the bar loop should not re-read module objects.
  const REASON_SIGNAL = ExitReason.Signal;
  const REASON_TIME = ExitReason.TimeExit;
  const REASON_TP = ExitReason.TakeProfit;
  let value = buffers.value;
  if (value === undefined) value = new Float64Array(n);
  else if (value.length !== n) throw new RangeError(`fromSignals: buffers.value has ${value.length} values, expected ${n}`);
  const initCashOut = new Float64Array(nCols);

  // Per-column options resolved before the loop: seven flexSelect calls inlined into this function used up V8's
  // inlining budget, so the per-order helpers (addSnap, pushOrder, pushTrade, ...) were called out of line with
  // their double arguments boxed (~3 HeapNumbers per order).
  const initCashCol = perColumn(opt.initCash, nCols);
  const feesCol = perColumn(opt.fees, nCols);
  const fixedFeesCol = perColumn(opt.fixedFees, nCols);
  const slippageCol = perColumn(opt.slippage, nCols);
  const slStopCol = perColumn(opt.slStop, nCols);
  const tpStopCol = perColumn(opt.tpStop, nCols);
  const sizeCol = perColumn(opt.size, nCols);

  for (let col = 0; col < nCols; col++) {
    const base = col * nRows;
    const initCash = initCashCol[col];
    const fees = feesCol[col];
    const fixedFees = fixedFeesCol[col];
    const slippage = slippageCol[col];
    const slStop = slStopCol[col];
    const tpStop = tpStopCol[col];
    const size = sizeCol[col];
    const slOn = slStop === slStop;
    const tpOn = tpStop === tpStop;
    const stopsOn = slOn || tpOn;
    const slReason = slTrail ? ExitReason.TrailingStop : ExitReason.StopLoss;
    initCashOut[col] = initCash;
    orders.colStart[col] = orders.length;
    trades.colStart[col] = trades.length;

    let cash = initCash;
    let pos = 0;
    let stopBase = NaN;
    let tpBase = NaN;
    let entryIdx = -1;
    let entryPrice = NaN;
    let entryFees = 0;
    let lastClose = NaN;

    for (let i = 0; i < nRows; i++) {
      if (pos === 0) {
        // Flat and no tradable entry (most bars): nothing can happen, the value is the cash. The stretch up to the
        // next entry without an exit on a valid close is found on the signals alone and filled at once; its closes
        // are not read (lastClose is only used in a position, and an entry bar's close is valid).
        let j = i;
        while (j < nRows && (entries[base + j] === 0 || exits[base + j] !== 0 || close[base + j] !== close[base + j])) j++;
        if (j > i) {
          value.fill(cash, base + i, base + j);
          if (j === nRows) break;
          i = j;
        }
      }
      const k = base + i;
      const c = close[k];
      if (c === c) lastClose = c;

      let sellPrice = NaN;
      let sellSlip = 0;
      let sellReason: ExitReason = REASON_SIGNAL;
      let wantBuy = false;
      let stopFired = false;

      if (pos > 0 && stopsOn) {
        let o = c;
        let l = c;
        let h = c;
        if (hasOhlc) {
          if (open !== null) {
            const v = open[k];
            if (v === v) o = v;
          }
          // vectorbt: `_low = min(_open, _close)`, `_high = max(_open, _close)` in numba, which keeps the first
          // argument unless the second compares strictly lower/higher: with a NaN close they fall back to the open.
          l = c < o ? c : o;
          h = c > o ? c : o;
          if (low !== null) {
            const v = low[k];
            if (v === v) l = v;
          }
          if (high !== null) {
            const v = high[k];
            if (v === v) h = v;
          }
        }
        if (slOn) {
          const level = stopBase * (1 - slStop);
          // A gap below the level fills at the open; with close-only data that "open" is the close, so a
          // 3% stop can exit well below the level (vectorbt's stop_exit_price='stoplimit').
          if (o <= level) sellPrice = o;
          else if (l <= level && level <= h) sellPrice = level;
          sellReason = slReason;
        }
        if (sellPrice !== sellPrice && tpOn) {
          const level = tpBase * (1 + tpStop);
          if (level <= o) sellPrice = o;
          else if (l <= level && level <= h) sellPrice = level;
          sellReason = REASON_TP;
        }
        stopFired = sellPrice === sellPrice;
        // The trailing peak moves after the check: this bar's high cannot raise the level it is tested against.
        if (slTrail && h > stopBase) stopBase = h;
      }

      if (!stopFired && c === c) {
        const e = entries[k] !== 0;
        const x = exits[k] !== 0;
        if (pos > 0) {
          if (timeExitBars > 0 && i - entryIdx >= timeExitBars) {
            sellPrice = c;
            sellSlip = slippage;
            sellReason = REASON_TIME;
          } else if (x && !e) {
            sellPrice = c;
            sellSlip = slippage;
            sellReason = REASON_SIGNAL;
          }
        } else if (e && !x) {
          wantBuy = true;
        }
      }

      if (sellPrice === sellPrice) {
        // vectorbt sell_nb: the whole position; rejected (no record, position and stops kept) when the
        // proceeds cannot cover the fees.
        const adj = sellPrice * (1 - sellSlip);
        const sz = pos;
        const acq = sz * adj;
        const f = acq * fees + fixedFees;
        const net = addSnap(acq, -f);
        if (net >= 0 && !isLess(sz, MIN_SIZE)) {
          cash = addSnap(cash, net);
          pos = 0;
          pushOrder(orders, col, i, sz, adj, f, Side.Sell);
          const pnl = tradePnl(sz, entryPrice, entryFees, adj, f);
          pushTrade(trades, col, entryIdx, entryPrice, entryFees, i, adj, f, sz, pnl, pnl / (sz * entryPrice), TradeStatus.Closed, sellReason);
          stopBase = NaN;
          tpBase = NaN;
        }
      } else if (wantBuy && cash !== 0) {
        // vectorbt buy_nb with allow_partial=True: the full size if affordable (within tolerance), else all
        // the cash net of fees; rejected when the cash does not exceed the fixed fee.
        const adj = c * (1 + slippage);
        let sz = NaN;
        let f = 0;
        let newCash = cash;
        if (!(size < MIN_SIZE)) {
          const req = size * adj;
          const f0 = req * fees + fixedFees;
          const total = req + f0;
          if (isCloseOrLess(total, cash)) {
            sz = size;
            f = f0;
            newCash = addSnap(cash, -total);
          } else {
            const maxReq = addSnap(cash, -fixedFees) / (1 + fees);
            if (maxReq > 0) {
              sz = maxReq / adj;
              f = cash - maxReq;
              newCash = 0;
            }
          }
        }
        if (sz === sz && !isLess(sz, MIN_SIZE)) {
          cash = newCash;
          pos = sz;
          pushOrder(orders, col, i, sz, adj, f, Side.Buy);
          entryIdx = i;
          // vectorbt's exit trades carry the size-weighted average entry price, (size * price) / size, which can
          // differ from the fill price in the last bit.
          entryPrice = (sz * adj) / sz;
          entryFees = f;
          // Stops are based on the entry bar's close, not on the slipped fill price (stop_entry_price='close').
          stopBase = c;
          tpBase = c;
        }
      }

      // vectorbt sets close to 0 where shares == 0 (base.py asset_value, "for price being NaN"): a flat bar is worth
      // its cash even where close_filled is NaN (an all-NaN column is worth init_cash throughout).
      value[k] = pos > 0 ? cash + pos * lastClose : cash;
    }

    if (pos > 0) {
      // An open trade is marked at the raw last close (NaN if missing), with no exit fees.
      const last = nRows - 1;
      const px = close[base + last];
      const pnl = tradePnl(pos, entryPrice, entryFees, px, 0);
      pushTrade(trades, col, entryIdx, entryPrice, entryFees, last, px, 0, pos, pnl, pnl / (pos * entryPrice), TradeStatus.Open, ExitReason.Open);
    }
  }
  orders.colStart[nCols] = orders.length;
  trades.colStart[nCols] = trades.length;
  return { nRows, nCols, orders: finishOrders(orders), trades: finishTrades(trades), value, initCash: initCashOut };
}
