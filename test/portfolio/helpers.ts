/** Small builders for hand-made one-column simulations and readable order/trade tables. */
import { EXIT_REASON_LABELS, SIDE_LABELS, TRADE_STATUS_LABELS } from '../../src/portfolio/enums';
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
