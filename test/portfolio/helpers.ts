/** Small builders for hand-made one-column simulations and readable order/trade tables. */
import { EXIT_REASON_LABELS, SIDE_LABELS, TRADE_DIRECTION_LABELS, TRADE_STATUS_LABELS } from '../../src/portfolio/enums';
import { fromSignals, type SimOptions, type SimResult } from '../../src/portfolio/fromSignals';

export interface Path {
  close: number[];
  open?: number[];
  high?: number[];
  low?: number[];
  entries?: number[];
  exits?: number[];
}

export function mask(n: number, rows: number[] = []): Uint8Array {
  const m = new Uint8Array(n);
  for (const r of rows) m[r] = 1;
  return m;
}

/** Simulate one column given rows of entries/exits. */
export function sim1(p: Path, options: SimOptions = {}): SimResult {
  const n = p.close.length;
  const f = (a?: number[]) => (a ? Float64Array.from(a) : null);
  return fromSignals({ nRows: n, nCols: 1, close: Float64Array.from(p.close), open: f(p.open), high: f(p.high), low: f(p.low) }, mask(n, p.entries), mask(n, p.exits), options);
}

export type OrderRow = [idx: number, side: string, size: number, price: number, fees: number];
export type TradeRow = [entryIdx: number, entryPrice: number, exitIdx: number, exitPrice: number, size: number, status: string, reason: string];

export function orderTable(sim: SimResult): OrderRow[] {
  const o = sim.orders;
  return Array.from({ length: o.length }, (_, k) => [o.idx[k], SIDE_LABELS[o.side[k]], o.size[k], o.price[k], o.fees[k]] as OrderRow);
}

export function tradeTable(sim: SimResult): TradeRow[] {
  const t = sim.trades;
  return Array.from(
    { length: t.length },
    (_, k) => [t.entryIdx[k], t.entryPrice[k], t.exitIdx[k], t.exitPrice[k], t.size[k], TRADE_STATUS_LABELS[t.status[k]], EXIT_REASON_LABELS[t.exitReason[k]]] as TradeRow,
  );
}

export interface PathN {
  close: number[][];
  open?: number[][];
  high?: number[][];
  low?: number[][];
  entries?: number[][];
  exits?: number[][];
  shortEntries?: number[][];
  shortExits?: number[][];
}

/** Simulate several columns (close[c][r]); signals given as rows per column. */
export function simN(p: PathN, options: SimOptions = {}): SimResult {
  const nCols = p.close.length;
  const nRows = p.close[0].length;
  const flat = (m?: number[][]) => (m ? Float64Array.from(m.flat()) : null);
  const sig = (rows?: number[][]) => {
    const m = new Uint8Array(nRows * nCols);
    rows?.forEach((rs, c) => rs.forEach((r) => (m[c * nRows + r] = 1)));
    return m;
  };
  const opts: SimOptions = { ...options };
  if (p.shortEntries) opts.shortEntries = sig(p.shortEntries);
  if (p.shortExits) opts.shortExits = sig(p.shortExits);
  return fromSignals({ nRows, nCols, close: flat(p.close)!, open: flat(p.open), high: flat(p.high), low: flat(p.low) }, sig(p.entries), sig(p.exits), opts);
}

/** Orders of one column as [idx, side, size, price, fees]. */
export function colOrders(sim: SimResult, col: number): OrderRow[] {
  return orderTable(sim).filter((_, k) => sim.orders.col[k] === col);
}

export type DirTradeRow = [entryIdx: number, entryPrice: number, exitIdx: number, exitPrice: number, size: number, status: string, direction: string, parentId: number];

/** Trades as [entryIdx, entryPrice, exitIdx, exitPrice, size, status, direction, parentId]. */
export function dirTradeTable(sim: SimResult): DirTradeRow[] {
  const t = sim.trades;
  return Array.from({ length: t.length }, (_, k) => [t.entryIdx[k], t.entryPrice[k], t.exitIdx[k], t.exitPrice[k], t.size[k], TRADE_STATUS_LABELS[t.status[k]], TRADE_DIRECTION_LABELS[t.direction[k]], t.parentId[k]] as DirTradeRow);
}
