/**
 * The RVOL/ATR% strategy end to end on union-index matrices: indicators per ticker on its own rows, signals,
 * the vectorbt-faithful simulation and its stats.
 *
 * As in the seed (`vbt.Portfolio.from_signals(close=price_df, ...)`), the simulation sees only the close: stops are
 * checked against closes, open/high/low feed the ATR only.
 */
import type { OhlcvMatrix } from '../kernels/ohlcvMatrix';
import { atrPct, presentRows, rvol } from '../indicators';
import { fromSignals, type SimResult } from '../portfolio/fromSignals';
import { computeStats, type StatsTable } from '../portfolio/metrics';
import { resolveStrategy, type StrategyParams } from './params';
import { signals } from './signals';
import { simOptions } from './simOptions';
import { staleExits } from './staleExits';

export interface StrategyResult {
  params: Readonly<StrategyParams>;
  /** column-major like the input; NaN where undefined or where the ticker has no bar */
  rvol: Float64Array;
  atrPct: Float64Array;
  entries: Uint8Array;
  exits: Uint8Array;
  sim: SimResult;
  stats: StatsTable;
  /** per column: trades closed by a stale exit signal (see staleExits.ts); all 0 in 'bars-after-fill' mode */
  staleExits: Int32Array;
}

export interface RunStrategyOptions {
  /** bar length in days for the stats (default 1, vectorbt freq='1D') */
  freqDays?: number;
}

/**
 * runStrategy(data, params): run the strategy on every column of `data`.
 * @example
 * const { index, columns, data } = pivotOhlcv(await readOhlcvCsv('prices.csv'));
 * const r = runStrategy(data, { exitMode: 'bars-after-fill' });
 * r.sim.trades.length, r.stats.values
 */
export function runStrategy(data: OhlcvMatrix, params: Partial<StrategyParams> = {}, options: RunStrategyOptions = {}): StrategyResult {
  const p = resolveStrategy(params);
  const { nRows, nCols } = data;
  const present = data.present ?? presentRows([data.open, data.high, data.low, data.close, data.volume], nRows, nCols);
  const rv = rvol(data.volume, nRows, nCols, p.rvolWindow, present);
  const ap = atrPct(data.high, data.low, data.close, nRows, nCols, p.atrWindow, present);
  const { entries, exits } = signals(rv, ap, nRows, nCols, p);
  const prices = { nRows, nCols, close: data.close };
  const sim = fromSignals(prices, entries, exits, simOptions(p));
  const stats = computeStats(prices, sim, { initCash: p.initCash, freqDays: options.freqDays ?? 1 });
  const stale = p.exitMode === 'shifted-signal' ? staleExits(sim.trades, nCols, p.holdBars) : new Int32Array(nCols);
  return { params: p, rvol: rv, atrPct: ap, entries, exits, sim, stats, staleExits: stale };
}
