/**
 * A parameter grid of the RVOL/ATR% strategy evaluated in one vectorized pass over the columns.
 *
 * Layout: the K combinations are the cartesian product rvolMin x atrPctMin x holdBars (in that nesting order, the
 * last varying fastest); every combination gets a block of the tickers' columns, so column `k * nTickers + t` is
 * ticker `t` under combination `k`. The indicators do not depend on the swept parameters and are computed once;
 * signals per combination come from the strategy's own `signals()`; then a single `fromSignals` + `computeStats`
 * runs over all K * nTickers columns (vectorbt's way: parameters become columns). Block k's numbers are exactly
 * what `runStrategy(data, { ...base, ...combos[k] })` gives.
 *
 * Exception: in 'bars-after-fill' mode the hold is the engine's scalar `timeExitBars`, so there is one pass per
 * distinct holdBars value (each still vectorized over the other combinations and all tickers).
 */
import type { OhlcvMatrix } from '../kernels/ohlcvMatrix';
import { atrPct, presentRows, rvol } from '../indicators/index';
import { fromSignals } from '../portfolio/fromSignals';
import { computeStats, statsMean, type StatsTable } from '../portfolio/metrics';
import { resolveStrategy, type StrategyParams } from '../strategy/params';
import { signals } from '../strategy/signals';
import { simOptions } from '../strategy/simOptions';

/** The swept values; a missing axis takes the base parameter's value. */
export interface GridAxes {
  rvolMin?: readonly number[];
  atrPctMin?: readonly number[];
  holdBars?: readonly number[];
}

export interface GridCombo {
  rvolMin: number;
  atrPctMin: number;
  holdBars: number;
}

export interface GridResult {
  /** the fixed parameters (the base merged into DEFAULT_STRATEGY) */
  params: Readonly<StrategyParams>;
  /** combination k owns columns k * nTickers .. (k + 1) * nTickers - 1 of `stats` */
  combos: GridCombo[];
  nTickers: number;
  /** every stat of every (combination, ticker) column */
  stats: StatsTable;
  /** per combination: `statsMean` over its tickers (nCols = combos.length) */
  mean: StatsTable;
}

/**
 * runGrid(data, axes, base): the strategy over every combination of the axes, all tickers, one pass.
 * @example
 * const g = runGrid(data, { rvolMin: [1.5, 2, 3], atrPctMin: [4, 6, 8], holdBars: [5, 7] });
 * g.mean.values[statIndex('Total Return [%]') * g.mean.nCols + k] // mean total return of g.combos[k]
 */
export function runGrid(data: OhlcvMatrix, axes: GridAxes, base: Partial<StrategyParams> = {}, options: { freqDays?: number } = {}): GridResult {
  const p = resolveStrategy(base);
  const combos: GridCombo[] = [];
  for (const rvolMin of axes.rvolMin ?? [p.rvolMin]) {
    for (const atrPctMin of axes.atrPctMin ?? [p.atrPctMin]) {
      for (const holdBars of axes.holdBars ?? [p.holdBars]) {
        resolveStrategy({ rvolMin, atrPctMin, holdBars }, 'runGrid axes'); // validate each value
        combos.push({ rvolMin, atrPctMin, holdBars });
      }
    }
  }
  const { nRows, nCols } = data;
  const block = nRows * nCols;
  const present = presentRows([data.open, data.high, data.low, data.close, data.volume], nRows, nCols);
  const rv = rvol(data.volume, nRows, nCols, p.rvolWindow, present);
  const ap = atrPct(data.high, data.low, data.close, nRows, nCols, p.atrWindow, present);

  // one pass, or one per holdBars value when the engine times the exits
  const passes = new Map<number, number[]>();
  combos.forEach((c, k) => {
    const key = p.exitMode === 'bars-after-fill' ? c.holdBars : 0;
    passes.set(key, [...(passes.get(key) ?? []), k]);
  });

  const K = combos.length;
  let stats: StatsTable | null = null;
  for (const [timeExitBars, ks] of passes) {
    const width = ks.length * nCols;
    const close = new Float64Array(ks.length * block);
    const entries = new Uint8Array(ks.length * block);
    const exits = new Uint8Array(ks.length * block);
    ks.forEach((k, j) => {
      const s = signals(rv, ap, nRows, nCols, { ...combos[k], exitMode: p.exitMode });
      close.set(data.close, j * block);
      entries.set(s.entries, j * block);
      exits.set(s.exits, j * block);
    });
    const prices = { nRows, nCols: width, close };
    const sim = fromSignals(prices, entries, exits, simOptions(p, timeExitBars));
    const part = computeStats(prices, sim, { initCash: p.initCash, freqDays: options.freqDays ?? 1 });
    if (stats === null) {
      stats = { names: part.names, nCols: K * nCols, values: new Float64Array(part.names.length * K * nCols).fill(NaN) };
    }
    const all: StatsTable = stats;
    for (let m = 0; m < part.names.length; m++) {
      ks.forEach((k, j) => {
        all.values.set(part.values.subarray(m * width + j * nCols, m * width + (j + 1) * nCols), m * all.nCols + k * nCols);
      });
    }
  }
  if (stats === null) throw new RangeError('runGrid: an axis is empty');
  return { params: p, combos, nTickers: nCols, stats, mean: blockMeans(stats, K, nCols) };
}

/** statsMean of each combination's block of ticker columns. */
function blockMeans(stats: StatsTable, K: number, nTickers: number): StatsTable {
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
