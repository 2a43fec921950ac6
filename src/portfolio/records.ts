/**
 * Order and trade records: struct-of-arrays, one allocator per schema (vectorbt `order_dt` / `trade_dt`).
 *
 * Invariants: records are grouped by column ascending, then by bar: the order in which a column-by-column
 * simulation makes them (a cash-sharing simulation, which makes them bar by bar across a group, regroups them by
 * column once at the end); `colStart[c] .. colStart[c+1]` is column `c`'s slice (the column map), so per-column
 * access never sorts or copies. The simulation appends through `pushOrder` / `pushTrade` (amortised doubling) and
 * `finish*` trims the arrays to `length` with `subarray` (no copy).
 */
import { addSnap } from '../kernels/isClose';
import { TradeDirection, type ExitReason, type Side, type TradeStatus } from './enums';

export interface OrderRecords {
  length: number;
  col: Int32Array;
  idx: Int32Array;
  /** Always > 0 (shares). */
  size: Float64Array;
  /** Fill price, slippage included. */
  price: Float64Array;
  /** Absolute fees, fixed fees included. */
  fees: Float64Array;
  side: Uint8Array;
  /** Column map: column `c` owns records `colStart[c] .. colStart[c+1]-1`. Length nCols+1. */
  colStart: Int32Array;
}

export interface TradeRecords {
  length: number;
  col: Int32Array;
  entryIdx: Int32Array;
  entryPrice: Float64Array;
  entryFees: Float64Array;
  /** For an open trade: the last bar. */
  exitIdx: Int32Array;
  /** For an open trade: the raw last close (NaN if missing). */
  exitPrice: Float64Array;
  exitFees: Float64Array;
  size: Float64Array;
  pnl: Float64Array;
  ret: Float64Array;
  status: Uint8Array;
  exitReason: Uint8Array;
  /**
   * `TradeDirection` (long/short): the side of the order that opened the position. Always filled by the
   * simulation (see `SimTradeRecords`); optional here only so hand-built records stay valid.
   */
  direction?: Uint8Array;
  /**
   * The position id (vectorbt `parent_id`): one counter over all columns in column order, +1 for every new
   * position, including one opened by a reversal. Trades of one position closed in several orders share it.
   */
  parentId?: Int32Array;
  colStart: Int32Array;
}

/** Trade records as the simulation makes them: with direction and position id. */
export type SimTradeRecords = TradeRecords & { direction: Uint8Array; parentId: Int32Array };

export function allocOrders(capacity: number, nCols: number): OrderRecords {
  const n = Math.max(capacity, 16);
  return {
    length: 0,
    col: new Int32Array(n),
    idx: new Int32Array(n),
    size: new Float64Array(n),
    price: new Float64Array(n),
    fees: new Float64Array(n),
    side: new Uint8Array(n),
    colStart: new Int32Array(nCols + 1),
  };
}

export function allocTrades(capacity: number, nCols: number): SimTradeRecords {
  const n = Math.max(capacity, 16);
  return {
    length: 0,
    col: new Int32Array(n),
    entryIdx: new Int32Array(n),
    entryPrice: new Float64Array(n),
    entryFees: new Float64Array(n),
    exitIdx: new Int32Array(n),
    exitPrice: new Float64Array(n),
    exitFees: new Float64Array(n),
    size: new Float64Array(n),
    pnl: new Float64Array(n),
    ret: new Float64Array(n),
    status: new Uint8Array(n),
    exitReason: new Uint8Array(n),
    direction: new Uint8Array(n),
    parentId: new Int32Array(n),
    colStart: new Int32Array(nCols + 1),
  };
}

function grow<T extends Float64Array | Int32Array | Uint8Array>(a: T, n: number): T {
  const b = new (a.constructor as new (len: number) => T)(n);
  b.set(a);
  return b;
}

function growOrders(r: OrderRecords): void {
  const n = r.col.length * 2;
  r.col = grow(r.col, n);
  r.idx = grow(r.idx, n);
  r.size = grow(r.size, n);
  r.price = grow(r.price, n);
  r.fees = grow(r.fees, n);
  r.side = grow(r.side, n);
}

function growTrades(r: SimTradeRecords): void {
  const n = r.col.length * 2;
  r.col = grow(r.col, n);
  r.entryIdx = grow(r.entryIdx, n);
  r.entryPrice = grow(r.entryPrice, n);
  r.entryFees = grow(r.entryFees, n);
  r.exitIdx = grow(r.exitIdx, n);
  r.exitPrice = grow(r.exitPrice, n);
  r.exitFees = grow(r.exitFees, n);
  r.size = grow(r.size, n);
  r.pnl = grow(r.pnl, n);
  r.ret = grow(r.ret, n);
  r.status = grow(r.status, n);
  r.exitReason = grow(r.exitReason, n);
  r.direction = grow(r.direction, n);
  r.parentId = grow(r.parentId, n);
}

export function pushOrder(r: OrderRecords, col: number, idx: number, size: number, price: number, fees: number, side: Side): void {
  const k = r.length;
  if (k === r.col.length) growOrders(r);
  r.col[k] = col;
  r.idx[k] = idx;
  r.size[k] = size;
  r.price[k] = price;
  r.fees[k] = fees;
  r.side[k] = side;
  r.length = k + 1;
}

export function pushTrade(
  r: SimTradeRecords,
  col: number,
  entryIdx: number,
  entryPrice: number,
  entryFees: number,
  exitIdx: number,
  exitPrice: number,
  exitFees: number,
  size: number,
  pnl: number,
  ret: number,
  status: TradeStatus,
  exitReason: ExitReason,
): void {
  const k = r.length;
  if (k === r.col.length) growTrades(r);
  r.col[k] = col;
  r.entryIdx[k] = entryIdx;
  r.entryPrice[k] = entryPrice;
  r.entryFees[k] = entryFees;
  r.exitIdx[k] = exitIdx;
  r.exitPrice[k] = exitPrice;
  r.exitFees[k] = exitFees;
  r.size[k] = size;
  r.pnl[k] = pnl;
  r.ret[k] = ret;
  r.status[k] = status;
  r.exitReason[k] = exitReason;
  r.length = k + 1;
}

/**
 * Direction and position id of trade `k` (allocated as long / 0). Apart from pushTrade so that pushTrade stays
 * small enough for V8 to inline it into the long-only kernel (which numbers its positions at the end instead).
 */
export function setTradePosition(r: SimTradeRecords, k: number, direction: TradeDirection, parentId: number): void {
  r.direction[k] = direction;
  r.parentId[k] = parentId;
}

/** Trim to `length` (views, no copy). */
export function finishOrders(r: OrderRecords): OrderRecords {
  const n = r.length;
  return { length: n, col: r.col.subarray(0, n), idx: r.idx.subarray(0, n), size: r.size.subarray(0, n), price: r.price.subarray(0, n), fees: r.fees.subarray(0, n), side: r.side.subarray(0, n), colStart: r.colStart };
}

export function finishTrades(r: SimTradeRecords): SimTradeRecords {
  const n = r.length;
  return {
    length: n,
    col: r.col.subarray(0, n),
    entryIdx: r.entryIdx.subarray(0, n),
    entryPrice: r.entryPrice.subarray(0, n),
    entryFees: r.entryFees.subarray(0, n),
    exitIdx: r.exitIdx.subarray(0, n),
    exitPrice: r.exitPrice.subarray(0, n),
    exitFees: r.exitFees.subarray(0, n),
    size: r.size.subarray(0, n),
    pnl: r.pnl.subarray(0, n),
    ret: r.ret.subarray(0, n),
    status: r.status.subarray(0, n),
    exitReason: r.exitReason.subarray(0, n),
    direction: r.direction.subarray(0, n),
    parentId: r.parentId.subarray(0, n),
    colStart: r.colStart,
  };
}

/**
 * Trade pnl exactly as vectorbt computes it (`get_trade_stats_nb`) for a long trade: the value difference is
 * snapped to 0 when entry and exit value are close.
 */
export function tradePnl(size: number, entryPrice: number, entryFees: number, exitPrice: number, exitFees: number): number {
  const entryVal = size * entryPrice;
  const exitVal = size * exitPrice;
  return addSnap(exitVal, -entryVal) - entryFees - exitFees;
}

/** tradePnl for a trade of either direction: a short's value difference has its sign flipped. */
export function directedTradePnl(size: number, entryPrice: number, entryFees: number, exitPrice: number, exitFees: number, direction: TradeDirection): number {
  const entryVal = size * entryPrice;
  const exitVal = size * exitPrice;
  let diff = addSnap(exitVal, -entryVal);
  if (direction === TradeDirection.Short && diff !== 0) diff = -diff;
  return diff - entryFees - exitFees;
}
