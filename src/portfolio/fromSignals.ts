/**
 * fromSignals: vectorbt 0.28.3 `Portfolio.from_signals` (accumulate=False, price = close) on flat column-major
 * inputs. One entry point, two kernels:
 * - the long-only kernel in this file (direction 'longonly', size_type 'amount', no groups): the batch's hot path,
 *   column by column and bar by bar, with the trades built inline;
 * - `simulateFromSignals` for everything else: the short side ('shortonly', 'both', four-array mode), reversals,
 *   size types 'value' and 'percent', and groups with shared cash and vectorbt's automatic call sequence.
 * Both follow data-fixtures/golden/README.md and give the same records where their features overlap.
 *
 * Long-only, per bar:
 * 1. while long and a stop is set, the stop check comes first: stop-loss, then take-profit, against the bar's
 *    open/low/high (close when not given); a fired stop sells at the stop price without slippage and the bar's
 *    user signals are ignored, even if that sell is rejected;
 * 2. otherwise the user signals: entry+exit on one bar cancel, exit while long sells all at close, entry while flat
 *    buys `size` (Infinity = all cash) at close; signals on a NaN close are dropped, not deferred;
 * 3. `value = cash + position * close_filled` (close forward- then back-filled), with the asset value 0 while flat
 *    even where close_filled is NaN (vectorbt zeroes the close where shares == 0). The cash of the value is
 *    vectorbt's `pf.cash()`: re-accumulated from the orders' cash flows with `addSnap` on every bar. It equals
 *    the simulation's running cash except in two corners (a cash within 1e-12 of 0, which pf.cash() snaps to 0 on a
 *    bar without an order, and a sale whose proceeds the simulation snapped to its fees); a column that meets one
 *    gets its value rebuilt from its orders (`unitSeries`) after the loop, so the bar loop stays as lean as before.
 *
 * Inputs are column-major (`a[col * nRows + row]`), NaN = missing. No allocation happens per bar; records grow
 * by doubling.
 */
import { flexSelect, type Flex } from '../kernels/flexSelect';
import { addSnap, isCloseOrLess, isLess } from '../kernels/isClose';
import { CALL_SEQ_LABELS, CallSeqType, Direction, DIRECTION_LABELS, EQUITY_SIZE_TYPE, ExitReason, Side, SIM_SIZE_TYPE_LABELS, SizeType, TradeStatus, type CallSeqName, type DirectionName, type SimSizeTypeName, type SizeTypeName } from './enums';
import { allocOrders, allocTrades, finishOrders, finishTrades, pushOrder, pushTrade, tradePnl, type OrderRecords, type SimTradeRecords } from './records';
import { MIN_SIZE } from './minSize';
import { perColumn } from './perColumn';
import { ONLY_AMOUNT_VALUE_PERCENT, SimulationError } from './SimulationError';
import { simulateFromSignals } from './simulateFromSignals';
import { columnValue } from './unitSeries';

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

/** One value for every column, or one per column. */
export type PerColumn<T> = T | readonly T[];

export interface SimOptions {
  /** Starting cash of each column, or of each group with `cashSharing` (default 100). */
  initCash?: Flex;
  /** Proportional fees per order, 0.001 = 0.1% (default 0). */
  fees?: Flex;
  /** Fixed fees per filled order (default 0). */
  fixedFees?: Flex;
  /** Slippage of signal orders, 0.002 = 0.2% (default 0). Stop exits get none. */
  slippage?: Flex;
  /** Stop-loss as a fraction of the entry close (below it for a long, above for a short), 0.03 = 3%; NaN = off (default). */
  slStop?: Flex;
  /** Trail the stop-loss: a long's under the highest high, a short's over the lowest low since entry (default false). */
  slTrail?: boolean | readonly boolean[] | Uint8Array;
  /** Take-profit as a fraction of the entry close (above for a long, below for a short); NaN = off (default). */
  tpStop?: Flex;
  /** Order size, read as `sizeType` says; Infinity = all the cash (default). */
  size?: Flex;
  /**
   * 0 = off (default). N > 0: close the position like an exit signal at the close N bars after its entry fill
   * (at the first valid close from then on if that close is NaN), unless a stop fired first. Works in addition to
   * the `exits` array, which may be all zeros. A vecbt extension, not a vectorbt option.
   */
  timeExitBars?: number;
  /**
   * 'longonly' (default): entries buy, exits sell; 'shortonly': entries short, exits cover; 'both': entries go
   * long and exits go short (an exit while flat opens a short, an opposite signal reverses in one order).
   * Ignored in four-array mode (`shortEntries`/`shortExits` given), as in vectorbt.
   */
  direction?: PerColumn<DirectionName>;
  /** Short entries, column-major like `entries`; with it `entries`/`exits` are the long side (vectorbt's four-array mode). */
  shortEntries?: Uint8Array | null;
  /** Short exits (covers), column-major; see `shortEntries`. */
  shortExits?: Uint8Array | null;
  /**
   * How `size` is read: 'amount' = shares (default), 'value' = cash per order at the close, 'percent' = a fraction of
   * the available cash (of the group's cash at the moment the order runs). vectorbt's from_signals refuses the
   * target types (a SimulationError) and percent sizing on a reversal.
   */
  sizeType?: PerColumn<SimSizeTypeName>;
  /** Group the columns: true = all in one group; or one group id per column, groups being runs of consecutive columns. */
  groupBy?: boolean | Int32Array | readonly number[];
  /** The columns of a group trade from one cash account (vectorbt cash_sharing); `initCash` is then per group. */
  cashSharing?: boolean;
  /** Order of a cash-sharing group's orders within a bar: 'default' (column order) or 'auto' (sells first, then buys by size). */
  callSeq?: CallSeqName;
  /** Keep the call sequence of every bar in the result (vectorbt attach_call_seq). */
  attachCallSeq?: boolean;
  /**
   * vecbt extension, with cash sharing: at most this many open positions per group; an entry beyond them is
   * rejected like one the cash cannot fund (the signal is lost). 0 = no limit (default, vectorbt).
   */
  maxPositions?: number;
  /**
   * vecbt extension, with cash sharing: the bar's entries (orders that open a position from flat) run after every
   * other order, highest priority first (NaN last; ties in column order), instead of 'auto's order by size.
   * Column-major like `entries`.
   */
  entryPriority?: Float64Array | null;
}

/** The groups of a grouped simulation and their per-bar series (vectorbt `pf.value()` etc. with the grouping). */
export interface GroupResult {
  nGroups: number;
  /** Group `g` holds columns `colStart[g] .. colStart[g+1]-1`. Length nGroups+1. */
  colStart: Int32Array;
  /** The group id each group was given in `groupBy` (its first column's id); `null` for `groupBy: true` (vectorbt's label "group"). */
  labels: Int32Array | null;
  cashSharing: boolean;
  /** Starting cash per group (summed over the columns without cash sharing). */
  initCash: Float64Array;
  /**
   * Total fees per group, summed in the order the orders were made, as vectorbt sums a group's fees (in record
   * order); a sum over the column-grouped records can differ in the last bit.
   */
  fees: Float64Array;
  /** Per bar and group, column-major (`a[g * nRows + row]`): value, cash, free cash, and the signed asset value. */
  value: Float64Array;
  cash: Float64Array;
  freeCash: Float64Array;
  assetValue: Float64Array;
}

export interface SimResult {
  nRows: number;
  nCols: number;
  orders: OrderRecords;
  trades: SimTradeRecords;
  /**
   * Portfolio value per bar, column-major. Empty for a cash-sharing simulation: a column of such a group has no
   * cash of its own, its group's value is in `groups.value`.
   */
  value: Float64Array;
  /** Resolved starting cash per column (metrics need it for returns); with cash sharing, the group's. */
  initCash: Float64Array;
  /** Present when the simulation was grouped (`groupBy`). */
  groups?: GroupResult;
  /**
   * With `attachCallSeq`: per bar, the order in which each group's columns were processed, column-major like the
   * inputs: `callSeq[(from + k) * nRows + row]` is the group-relative index of the column processed k-th in the
   * group starting at column `from` (vectorbt `pf.call_seq`, transposed).
   */
  callSeq?: Int32Array;
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
  direction: 'longonly' as DirectionName,
  sizeType: 'amount' as SizeTypeName,
  cashSharing: false,
  callSeq: 'default' as CallSeqName,
});

export { MIN_SIZE } from './minSize';

export interface ResolvedSimOptions {
  initCash: Flex;
  fees: Flex;
  fixedFees: Flex;
  slippage: Flex;
  slStop: Flex;
  /** One flag per column (0/1). */
  slTrail: Uint8Array;
  tpStop: Flex;
  size: Flex;
  timeExitBars: number;
  /** `Direction` per column. */
  direction: Uint8Array;
  /** `SizeType` per column. */
  sizeType: Uint8Array;
  shortEntries: Uint8Array | null;
  shortExits: Uint8Array | null;
  /** Four-array mode: short signals given. */
  lsMode: boolean;
  /** Group g = columns groupStart[g] .. groupStart[g+1]-1; null when ungrouped. */
  groupStart: Int32Array | null;
  groupLabels: Int32Array | null;
  cashSharing: boolean;
  callSeq: CallSeqType;
  attachCallSeq: boolean;
  maxPositions: number;
  entryPriority: Float64Array | null;
  /** Only what the long-only kernel does: long-only, amount sizing, ungrouped. */
  longOnly: boolean;
}

function checkFlex(name: string, v: Flex, n: number, what = 'nCols'): void {
  if (typeof v !== 'number' && v.length !== n) throw new RangeError(`fromSignals: options.${name} has ${v.length} values, expected 1 or ${what} = ${n}`);
}

/** A per-column mode given by name -> its codes, one per column. */
function modeCodes<T extends string>(name: string, v: PerColumn<T>, labels: readonly string[], nCols: number): Uint8Array {
  const code = (s: string): number => {
    const c = labels.indexOf(s);
    if (c < 0) throw new RangeError(`fromSignals: options.${name} ${JSON.stringify(s)} is not one of ${labels.join(', ')}`);
    return c;
  };
  if (typeof v === 'string') return new Uint8Array(nCols).fill(code(v));
  const list = v as readonly string[];
  if (list.length !== nCols) throw new RangeError(`fromSignals: options.${name} has ${list.length} values, expected 1 or nCols = ${nCols}`);
  return Uint8Array.from(list, code);
}

/** Group starts and labels from `groupBy` (null = ungrouped). Groups must be runs of consecutive columns. */
function resolveGroups(groupBy: SimOptions['groupBy'], nCols: number): { start: Int32Array; labels: Int32Array | null } | null {
  if (groupBy === undefined || groupBy === false) return null;
  if (groupBy === true) return { start: Int32Array.of(0, nCols), labels: null };
  if (groupBy.length !== nCols) throw new RangeError(`fromSignals: options.groupBy has ${groupBy.length} group ids, expected one per column (nCols = ${nCols})`);
  const starts: number[] = [];
  const labels: number[] = [];
  const seen = new Set<number>();
  for (let c = 0; c < nCols; c++) {
    const id = groupBy[c];
    if (!Number.isInteger(id)) throw new RangeError(`fromSignals: options.groupBy[${c}] must be an integer group id, got ${id}`);
    if (c === 0 || id !== groupBy[c - 1]) {
      if (seen.has(id)) throw new RangeError(`fromSignals: options.groupBy: the columns of group ${id} are not consecutive (column ${c}); order the columns by group`);
      seen.add(id);
      starts.push(c);
      labels.push(id);
    }
  }
  starts.push(nCols);
  return { start: Int32Array.from(starts), labels: Int32Array.from(labels) };
}

/** Options merged with the defaults, validated against the shape. */
export function resolveSimOptions(options: SimOptions, nCols: number): ResolvedSimOptions {
  const trail = options.slTrail ?? SIM_DEFAULTS.slTrail;
  let slTrail: Uint8Array;
  if (typeof trail === 'boolean') slTrail = new Uint8Array(nCols).fill(trail ? 1 : 0);
  else {
    if (trail.length !== nCols) throw new RangeError(`fromSignals: options.slTrail has ${trail.length} values, expected 1 or nCols = ${nCols}`);
    slTrail = Uint8Array.from(trail as ArrayLike<number | boolean>, (x) => (x ? 1 : 0));
  }
  const lsMode = options.shortEntries != null || options.shortExits != null;
  const groups = resolveGroups(options.groupBy, nCols);
  const cashSharing = options.cashSharing ?? SIM_DEFAULTS.cashSharing;
  if (cashSharing && groups === null) throw new RangeError('fromSignals: options.cashSharing needs options.groupBy (true = one group of all columns)');
  const o: ResolvedSimOptions = {
    initCash: options.initCash ?? SIM_DEFAULTS.initCash,
    fees: options.fees ?? SIM_DEFAULTS.fees,
    fixedFees: options.fixedFees ?? SIM_DEFAULTS.fixedFees,
    slippage: options.slippage ?? SIM_DEFAULTS.slippage,
    slStop: options.slStop ?? SIM_DEFAULTS.slStop,
    slTrail,
    tpStop: options.tpStop ?? SIM_DEFAULTS.tpStop,
    size: options.size ?? SIM_DEFAULTS.size,
    timeExitBars: options.timeExitBars ?? SIM_DEFAULTS.timeExitBars,
    direction: modeCodes('direction', options.direction ?? SIM_DEFAULTS.direction, DIRECTION_LABELS, nCols),
    sizeType: modeCodes('sizeType', options.sizeType ?? SIM_DEFAULTS.sizeType, SIM_SIZE_TYPE_LABELS, nCols),
    shortEntries: options.shortEntries ?? null,
    shortExits: options.shortExits ?? null,
    lsMode,
    groupStart: groups?.start ?? null,
    groupLabels: groups?.labels ?? null,
    cashSharing,
    callSeq: modeCodes('callSeq', options.callSeq ?? SIM_DEFAULTS.callSeq, CALL_SEQ_LABELS, 1)[0] as CallSeqType,
    attachCallSeq: options.attachCallSeq ?? false,
    maxPositions: options.maxPositions ?? 0,
    entryPriority: options.entryPriority ?? null,
    longOnly: false,
  };
  if (!Number.isSafeInteger(o.maxPositions) || o.maxPositions < 0) throw new RangeError(`fromSignals: options.maxPositions must be an integer >= 0, got ${o.maxPositions}`);
  if ((o.maxPositions > 0 || o.entryPriority !== null) && !cashSharing) throw new RangeError('fromSignals: options.maxPositions and options.entryPriority need cashSharing (one account per group)');
  for (const k of ['fees', 'fixedFees', 'slippage', 'slStop', 'tpStop', 'size'] as const) checkFlex(k, o[k], nCols);
  if (cashSharing) checkFlex('initCash', o.initCash, groups!.start.length - 1, 'the number of groups');
  else checkFlex('initCash', o.initCash, nCols);
  if (!Number.isInteger(o.timeExitBars) || o.timeExitBars < 0) throw new RangeError(`fromSignals: options.timeExitBars must be a non-negative integer, got ${o.timeExitBars}`);
  // Plain loops, not every(): this runs per call, often before the JIT has optimised anything.
  let longOnly = !lsMode && groups === null;
  for (let c = 0; c < nCols && longOnly; c++) longOnly = o.direction[c] === Direction.LongOnly && o.sizeType[c] === SizeType.Amount;
  o.longOnly = longOnly;
  return o;
}

/**
 * Optional preallocated outputs, for a caller that simulates chunk after chunk of the same shape: reusing the
 * value matrix avoids a fresh 8 bytes/bar allocation (and its page faults) per chunk. Every element is written.
 */
export interface SimBuffers {
  value?: Float64Array;
}

/**
 * Simulate signals on every column (long-only by default; see `SimOptions` for the short side and groups).
 * @example
 * const sim = fromSignals({ nRows: 3, nCols: 1, close: Float64Array.of(10, 11, 12) },
 *   Uint8Array.of(1, 0, 0), Uint8Array.of(0, 0, 1), { fees: 0.001 });
 * sim.orders.length === 2; sim.trades.pnl[0] > 0
 * // a short: sell all the cash's worth at 12, cover at 10
 * fromSignals(prices, entries, exits, { direction: 'shortonly' });
 */
export function fromSignals(prices: PriceMatrix, entries: Uint8Array, exits: Uint8Array, options: SimOptions = {}, buffers: SimBuffers = {}): SimResult {
  const { nRows, nCols, close } = prices;
  const n = nRows * nCols;
  if (close.length !== n) throw new RangeError(`fromSignals: close has ${close.length} values, expected nRows*nCols = ${n}`);
  if (entries.length !== n) throw new RangeError(`fromSignals: entries has ${entries.length} values, expected ${n}`);
  if (exits.length !== n) throw new RangeError(`fromSignals: exits has ${exits.length} values, expected ${n}`);
  for (const [name, a] of [['open', prices.open], ['high', prices.high], ['low', prices.low], ['shortEntries', options.shortEntries], ['shortExits', options.shortExits]] as const) {
    if (a != null && a.length !== n) throw new RangeError(`fromSignals: ${name} has ${a.length} values, expected ${n}`);
  }
  const opt = resolveSimOptions(options, nCols);
  for (const [name, v] of [['fees', opt.fees], ['fixedFees', opt.fixedFees], ['slippage', opt.slippage]] as const) {
    for (let c = 0; c < (typeof v === 'number' ? 1 : v.length); c++) {
      const x = flexSelect(v, c);
      if (!Number.isFinite(x) || (name === 'slippage' && x < 0)) throw new RangeError(`fromSignals: options.${name} must be finite${name === 'slippage' ? ' and >= 0' : ''}, got ${x}`);
    }
  }
  // vectorbt raises this on the first bar it converts signals to an order, whatever the signals are.
  if (n > 0 && !opt.longOnly) for (let c = 0; c < nCols; c++) if (opt.sizeType[c] > SizeType.Percent && opt.sizeType[c] !== EQUITY_SIZE_TYPE) throw new SimulationError(ONLY_AMOUNT_VALUE_PERCENT);
  if (opt.entryPriority !== null && opt.entryPriority.length !== n) throw new RangeError(`fromSignals: entryPriority has ${opt.entryPriority.length} values, expected ${n}`);
  if (!opt.longOnly) return simulateFromSignals(prices, entries, exits, opt, buffers);
  return simulateLongOnly(prices, entries, exits, opt, buffers);
}

/** The long-only kernel (see the module header). */
function simulateLongOnly(prices: PriceMatrix, entries: Uint8Array, exits: Uint8Array, opt: ResolvedSimOptions, buffers: SimBuffers): SimResult {
  const { nRows, nCols, close } = prices;
  const n = nRows * nCols;
  const open = prices.open ?? null;
  const high = prices.high ?? null;
  const low = prices.low ?? null;
  const hasOhlc = open !== null || high !== null || low !== null;
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
  const slTrailCol = opt.slTrail;
  // Columns whose value is rebuilt from their orders after the loop (the corners of the header).
  const cornerCols = new Int32Array(nCols);
  let nCorner = 0;

  for (let col = 0; col < nCols; col++) {
    const base = col * nRows;
    const initCash = initCashCol[col];
    const fees = feesCol[col];
    const fixedFees = fixedFeesCol[col];
    const slippage = slippageCol[col];
    const slStop = slStopCol[col];
    const tpStop = tpStopCol[col];
    const size = sizeCol[col];
    const slTrail = slTrailCol[col] !== 0;
    const slOn = slStop === slStop;
    const tpOn = tpStop === tpStop;
    const stopsOn = slOn || tpOn;
    const slReason = slTrail ? ExitReason.TrailingStop : ExitReason.StopLoss;
    initCashOut[col] = initCash;
    orders.colStart[col] = orders.length;
    trades.colStart[col] = trades.length;

    let cash = initCash;
    // A corner where pf.cash() leaves the running cash (see the header): the value is rebuilt after the loop.
    let corner = initCash !== 0 && initCash <= 1e-12 && initCash >= -1e-12;
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
          // vectorbt execute_order_nb snaps a cash within 1e-12 of 0 to 0 before an order (cash is >= 0).
          if (cash <= 1e-12) cash = 0;
          cash = addSnap(cash, net);
          // pf.cash() adds the unsnapped flow acq - f; a cash left within 1e-12 of 0 is snapped there later.
          if (net !== acq - f || (cash !== 0 && cash <= 1e-12)) corner = true;
          pos = 0;
          pushOrder(orders, col, i, sz, adj, f, Side.Sell);
          const pnl = tradePnl(sz, entryPrice, entryFees, adj, f);
          pushTrade(trades, col, entryIdx, entryPrice, entryFees, i, adj, f, sz, pnl, pnl / (sz * entryPrice), TradeStatus.Closed, sellReason);
          stopBase = NaN;
          tpBase = NaN;
        }
      } else if (wantBuy && cash > 1e-12) {
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
          // A full fill's flow -size*price-fees is exactly -total; a partial one's is -cash up to rounding, which
          // pf.cash() snaps to 0 like the simulation: the cash agrees unless it is left within 1e-12 of 0.
          if (cash !== 0 && cash <= 1e-12) corner = true;
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

      value[k] = pos > 0 ? cash + pos * lastClose : cash;
    }

    if (corner) cornerCols[nCorner++] = col;
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
  const finished = finishOrders(orders);
  if (nCorner > 0) exactValues(close, nRows, finished, cornerCols.subarray(0, nCorner), initCashCol, value);
  return { nRows, nCols, orders: finished, trades: numberPositions(finishTrades(trades)), value, initCash: initCashOut };
}

/**
 * Long only, each trade is a whole position, in column order: vectorbt's position id is the trade's number
 * (direction is long, as allocated). Out of the kernel so that its optimised code has no code it never ran.
 */
function numberPositions(trades: SimTradeRecords): SimTradeRecords {
  for (let k = 0; k < trades.length; k++) trades.parentId[k] = k;
  return trades;
}

/** The value of the columns `cols` rebuilt from their orders as vectorbt does (pf.cash() + asset value). */
function exactValues(close: Float64Array, nRows: number, orders: OrderRecords, cols: Int32Array, initCash: Float64Array, value: Float64Array): void {
  for (const col of cols) columnValue(close, nRows, orders, col, initCash[col], value, col * nRows);
}
