/**
 * A parameter grid of any strategy evaluated as columns of vectorized passes (vectorbt's "parameters become
 * columns").
 *
 * Layout: combination k owns the block of columns `k * nTickers .. (k + 1) * nTickers - 1` of `stats`.
 * Indicators are computed once per distinct configuration of the parameters they read (`indicatorCache`);
 * signals per combination; then one `fromSignals` + `computeStats` over every combination that shares the
 * simulation's scalar options (trailing stop, time exit, stop prices), with the per-column options (cash, fees,
 * slippage, stops, size) as per-column arrays. Block k's numbers are exactly `runStrategy(data, strategy,
 * { ...base, ...combos[k] })`'s.
 */
import type { OhlcvMatrix } from '../kernels/ohlcvMatrix';
import { fromSignals, type PriceMatrix } from '../portfolio/fromSignals';
import { computeStats, statsMean, type StatsTable } from '../portfolio/metrics';
import type { Strategy } from '../strategy/defineStrategy';
import type { ParamValue } from '../strategy/paramSpec';
import { simOptions } from '../strategy/portfolioSettings';
import { callStrategy, strategySignalsFrom } from '../strategy/runStrategy';
import type { ResolvedSettings } from '../strategy/resolveSettings';
import { gridCombos, type GridAxes } from './gridCombos';
import { indicatorCache } from './indicatorCache';

export type { GridAxes };
export type GridCombo = Record<string, ParamValue>;

export interface GridResult {
  strategy: Strategy<never>;
  /** The axes' names, in order. */
  axes: string[];
  /** The swept values of each combination; combination k owns columns k * nTickers .. (k + 1) * nTickers - 1 */
  combos: GridCombo[];
  /** Every combination's resolved settings. */
  resolved: ResolvedSettings<Record<string, ParamValue>>[];
  /** Combinations skipped because they broke a rule of the strategy. */
  skipped: { combo: GridCombo; rule: string }[];
  nTickers: number;
  /** every stat of every (combination, ticker) column */
  stats: StatsTable;
  /** per combination: `statsMean` over its tickers (nCols = combos.length) */
  mean: StatsTable;
  /** Distinct indicator configurations computed. */
  indicatorConfigs: number;
}

/**
 * runGrid(data, strategy, axes, base, options): the strategy over every combination of the axes, all tickers.
 * @example
 * const g = runGrid(data, strategies.rvol_atr, { rvol_min: [1.5, 2, 3], atr_pct_min: [4, 6, 8], hold_bars: [5, 7] });
 * g.mean.values[statIndex('Total Return [%]') * g.mean.nCols + k] // mean total return of g.combos[k]
 */
export function runGrid<P>(data: OhlcvMatrix, strategy: Strategy<P>, axes: GridAxes, base: Readonly<Record<string, unknown>> = {}, options: { freqDays?: number } = {}): GridResult {
  const s = strategy as unknown as Strategy<never>;
  const { combos, resolved, skipped } = gridCombos(s, axes, base);
  const { nRows, nCols } = data;
  const block = nRows * nCols;
  const K = combos.length;
  const cache = indicatorCache(s, data);

  // Passes: combinations that share the simulation's scalar options.
  const passes = new Map<string, number[]>();
  const timeExits = resolved.map((r) => (s.timeExitBars ? callStrategy(s, 'timeExitBars()', () => s.timeExitBars!(r.params as never)) : 0));
  resolved.forEach((r, k) => {
    const o = simOptions(r.portfolio, timeExits[k]);
    const key = `${o.slTrail}|${o.timeExitBars}|${r.portfolio.stop_prices}`;
    passes.set(key, [...(passes.get(key) ?? []), k]);
  });

  let all: StatsTable | null = null;
  for (const ks of passes.values()) {
    const width = ks.length * nCols;
    const first = resolved[ks[0]].portfolio;
    const close = new Float64Array(ks.length * block);
    const ohlc = first.stop_prices === 'ohlc';
    const open = ohlc ? new Float64Array(ks.length * block) : null;
    const high = ohlc ? new Float64Array(ks.length * block) : null;
    const low = ohlc ? new Float64Array(ks.length * block) : null;
    const entries = new Uint8Array(ks.length * block);
    const exits = new Uint8Array(ks.length * block);
    const perCol = () => new Float64Array(width);
    const initCash = perCol(), fees = perCol(), fixedFees = perCol(), slippage = perCol(), slStop = perCol(), tpStop = perCol(), size = perCol();
    ks.forEach((k, j) => {
      const r = resolved[k];
      const sig = strategySignalsFrom(s, data, r.params as never, cache.get(r.params as never));
      close.set(data.close, j * block);
      if (ohlc) {
        open!.set(data.open, j * block);
        high!.set(data.high, j * block);
        low!.set(data.low, j * block);
      }
      entries.set(sig.signals.entries, j * block);
      exits.set(sig.signals.exits, j * block);
      const o = simOptions(r.portfolio, timeExits[k]);
      const cols = [j * nCols, (j + 1) * nCols] as const;
      initCash.fill(o.initCash as number, ...cols);
      fees.fill(o.fees as number, ...cols);
      fixedFees.fill(o.fixedFees as number, ...cols);
      slippage.fill(o.slippage as number, ...cols);
      slStop.fill(o.slStop as number, ...cols);
      tpStop.fill(o.tpStop as number, ...cols);
      size.fill(o.size as number, ...cols);
    });
    const prices: PriceMatrix = ohlc ? { nRows, nCols: width, close, open, high, low } : { nRows, nCols: width, close };
    const o = simOptions(first, timeExits[ks[0]]);
    const sim = fromSignals(prices, entries, exits, { initCash, fees, fixedFees, slippage, slStop, tpStop, size, slTrail: o.slTrail, timeExitBars: o.timeExitBars });
    const part = computeStats(prices, sim, { initCash, freqDays: options.freqDays ?? 1 });
    all ??= { names: part.names, nCols: K * nCols, values: new Float64Array(part.names.length * K * nCols).fill(NaN) };
    const out: StatsTable = all;
    for (let m = 0; m < part.names.length; m++) {
      ks.forEach((k, j) => out.values.set(part.values.subarray(m * width + j * nCols, m * width + (j + 1) * nCols), m * out.nCols + k * nCols));
    }
  }
  const stats: StatsTable = all ?? { names: [], nCols: 0, values: new Float64Array(0) };
  return { strategy: s, axes: Object.keys(axes), combos, resolved: resolved as never, skipped, nTickers: nCols, stats, mean: blockMeans(stats, K, nCols), indicatorConfigs: cache.computed };
}

/** statsMean of each combination's block of ticker columns. */
export function blockMeans(stats: StatsTable, K: number, nTickers: number): StatsTable {
  const names = stats.names;
  const values = new Float64Array(names.length * K);
  for (let k = 0; k < K; k++) {
    const sub: StatsTable = { names, nCols: nTickers, values: new Float64Array(names.length * nTickers) };
    for (let m = 0; m < names.length; m++) {
      sub.values.set(stats.values.subarray(m * stats.nCols + k * nTickers, m * stats.nCols + (k + 1) * nTickers), m * nTickers);
    }
    const mean = statsMean(sub);
    for (let m = 0; m < names.length; m++) values[m * K + k] = mean[m];
  }
  return { names, nCols: K, values };
}
