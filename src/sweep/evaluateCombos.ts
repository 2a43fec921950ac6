/**
 * evaluateCombos: many combinations of one strategy's settings on one matrix of tickers, as columns of
 * vectorized passes ("parameters become columns"): combination k of a block owns columns
 * `k * nTickers .. (k + 1) * nTickers - 1` of one `fromSignals` + `computeStats` pass. Blocks hold the
 * combinations that share the simulation's scalar options (trailing stop, time exit, stop prices), at most
 * `maxBlockCells` cells each, so memory is bounded whatever the number of combinations. Indicators are computed
 * once per distinct configuration of the parameters they read (`indicatorCache`).
 *
 * Windows (walk-forward): each window simulates rows `from .. to - 1` only, as an independent backtest starting
 * flat, on signals computed from the data cut after row `to - 1` (indicators on the whole history up to the
 * window's last bar: no bar after the window reaches them).
 *
 * Every outcome equals `runStrategy(data rows, strategy, settings of combo k)` to the last digit.
 */
import type { OhlcvMatrix } from '../kernels/ohlcvMatrix';
import { equalWeightSums, type EqualWeightSums } from '../portfolio/equalWeightReturns';
import { fromSignals, type PriceMatrix, type SimResult } from '../portfolio/fromSignals';
import { computeStats, type StatsTable } from '../portfolio/metrics';
import type { Indicators, Strategy } from '../strategy/defineStrategy';
import type { ParamValue } from '../strategy/paramSpec';
import { simOptions } from '../strategy/portfolioSettings';
import type { ResolvedSettings } from '../strategy/resolveSettings';
import { callStrategy, strategySignalsFrom, StrategyError } from '../strategy/runStrategy';
import { indicatorCache, type IndicatorCache } from './indicatorCache';

export type Phase = 'all' | 'train' | 'test';

/** Rows `from .. to - 1` of the matrix, simulated alone. */
export interface EvalWindow {
  windowNo: number;
  phase: Phase;
  from: number;
  to: number;
}

export interface ComboOutcome {
  /** Index of the combination in the `combos` given. */
  combo: number;
  window: EvalWindow;
  /** Every stat of the combination's tickers (nCols = nTickers; Start/End are rows of the window). */
  stats: StatsTable;
  /** The equal-weight sums of the included tickers' accounts, per row of the window. */
  ew: EqualWeightSums;
  /** With `keepSim` (a single combination): its simulation, indicators, signals and the strategy's extras. */
  sim?: SimResult;
  indicators?: Indicators;
  extras?: Record<string, Int32Array | Float64Array>;
}

export interface EvaluateOptions {
  /** Default: one window, all rows, phase 'all'. */
  windows?: readonly EvalWindow[];
  /** Per combination: 1 for the tickers that count in the equal-weight sums (default all). */
  include?: (combo: number) => Uint8Array | null;
  /** Most cells (rows x columns) of one pass; default 4 M (~75 MB of arrays for a close-only strategy). */
  maxBlockCells?: number;
  /** Keep each outcome's simulation (trades) and compute the strategy's extras: single-combination runs. */
  keepSim?: boolean;
  freqDays?: number;
  /** What the strategy is handed instead of a matrix (the batch's view refusing undeclared fields). */
  view?: (data: OhlcvMatrix) => OhlcvMatrix;
}

const FIELDS = ['open', 'high', 'low', 'close', 'volume'] as const;

/** Rows 0 .. to - 1 of every column (the data as of the window's last bar). */
export function truncateRows(data: OhlcvMatrix, to: number): OhlcvMatrix {
  const { nRows, nCols } = data;
  if (to >= nRows) return data;
  const n = nRows * nCols;
  const cut = <T extends Float64Array | Uint8Array>(a: T): T => {
    if (a.length !== n) return a;
    const out = new (a.constructor as new (len: number) => T)(to * nCols);
    for (let c = 0; c < nCols; c++) out.set(a.subarray(c * nRows, c * nRows + to), c * to);
    return out;
  };
  const out = { nRows: to, nCols } as OhlcvMatrix;
  for (const f of FIELDS) out[f] = cut(data[f]);
  if (data.present) out.present = cut(data.present);
  return out;
}

/** Rows from .. to - 1 of a column-major array of `rows` rows, written at column offset `at` of `out`. */
function sliceInto<T extends Float64Array | Uint8Array>(a: T, rows: number, nCols: number, from: number, to: number, out: T, at: number): void {
  const m = to - from;
  for (let c = 0; c < nCols; c++) out.set(a.subarray(c * rows + from, c * rows + to), (at + c) * m);
}

/**
 * evaluateCombos(data, strategy, combos, onOutcome, options): every (window, combination) outcome, in window
 * order then combination order within each block.
 * @example evaluateCombos(data, strategies.rvol_atr, gridCombos(s, axes).resolved, (o) => rows.push(o))
 */
export function evaluateCombos(
  data: OhlcvMatrix,
  strategy: Strategy<never>,
  combos: readonly ResolvedSettings<Record<string, ParamValue>>[],
  onOutcome: (o: ComboOutcome) => void,
  options: EvaluateOptions = {},
): { indicatorConfigs: number } {
  const { nRows, nCols } = data;
  const windows = options.windows ?? [{ windowNo: 0, phase: 'all' as const, from: 0, to: nRows }];
  const view = options.view ?? ((d: OhlcvMatrix) => d);
  const maxCells = options.maxBlockCells ?? 4_000_000;
  const timeExits = combos.map((r) => {
    const t = strategy.timeExitBars ? callStrategy(strategy, 'timeExitBars()', () => strategy.timeExitBars!(r.params as never)) : 0;
    if (!Number.isSafeInteger(t) || t < 0) throw new StrategyError(`strategy ${strategy.name}: timeExitBars() must return an integer >= 0, got ${String(t)}`);
    return t;
  });
  // Blocks: combinations sharing the scalar options, cut to at most maxCells cells per pass.
  const groups = new Map<string, number[]>();
  combos.forEach((r, k) => {
    const o = simOptions(r.portfolio, timeExits[k]);
    const key = `${o.slTrail}|${o.timeExitBars}|${r.portfolio.stop_prices}|${r.portfolio.direction}|${r.portfolio.size_type}`;
    groups.set(key, [...(groups.get(key) ?? []), k]);
  });
  let configs = 0;
  // Windows sharing their last row share the truncated data and its indicators.
  const byEnd = new Map<number, EvalWindow[]>();
  for (const w of windows) byEnd.set(w.to, [...(byEnd.get(w.to) ?? []), w]);
  for (const [to, ws] of byEnd) {
    const prefix = truncateRows(data, to);
    const seen = view(prefix);
    const cache: IndicatorCache = indicatorCache(strategy, seen);
    const signalsOf = new Map<number, { indicators: Indicators; entries: Uint8Array; exits: Uint8Array; shortEntries?: Uint8Array; shortExits?: Uint8Array }>();
    const signalsFor = (k: number) => {
      let s = signalsOf.get(k);
      if (!s) {
        const r = strategySignalsFrom(strategy, seen, combos[k].params as never, cache.get(combos[k].params as never));
        s = { indicators: r.indicators, entries: r.signals.entries, exits: r.signals.exits, shortEntries: r.signals.shortEntries, shortExits: r.signals.shortExits };
        signalsOf.set(k, s);
      }
      return s;
    };
    for (const w of ws) {
      const m = w.to - w.from;
      if (m <= 0) continue;
      // keepSim hands each outcome its own simulation: one combination per pass.
      const perBlock = options.keepSim ? 1 : Math.max(1, Math.floor(maxCells / (m * Math.max(1, nCols))));
      for (const ks of groups.values()) {
        for (let b0 = 0; b0 < ks.length; b0 += perBlock) {
          const block = ks.slice(b0, b0 + perBlock);
          evaluateBlock(prefix, strategy, combos, timeExits, block, w, signalsFor, onOutcome, options);
        }
      }
    }
    // Signals are per window end; drop them before the next prefix.
    signalsOf.clear();
    configs += cache.computed;
  }
  return { indicatorConfigs: configs };
}

function evaluateBlock(
  prefix: OhlcvMatrix,
  strategy: Strategy<never>,
  combos: readonly ResolvedSettings<Record<string, ParamValue>>[],
  timeExits: number[],
  block: number[],
  w: EvalWindow,
  signalsFor: (k: number) => { indicators: Indicators; entries: Uint8Array; exits: Uint8Array; shortEntries?: Uint8Array; shortExits?: Uint8Array },
  onOutcome: (o: ComboOutcome) => void,
  options: EvaluateOptions,
): void {
  const rows = prefix.nRows;
  const nT = prefix.nCols;
  const m = w.to - w.from;
  const width = block.length * nT;
  const cells = m * width;
  const first = combos[block[0]].portfolio;
  const ohlc = first.stop_prices === 'ohlc';
  const close = new Float64Array(cells);
  const open = ohlc ? new Float64Array(cells) : null;
  const high = ohlc ? new Float64Array(cells) : null;
  const low = ohlc ? new Float64Array(cells) : null;
  const entries = new Uint8Array(cells);
  const exits = new Uint8Array(cells);
  // The short side, when the block's strategy gives one (four-array mode).
  const short = signalsFor(block[0]).shortEntries !== undefined;
  const shortEntries = short ? new Uint8Array(cells) : null;
  const shortExits = short ? new Uint8Array(cells) : null;
  const perCol = () => new Float64Array(width);
  const initCash = perCol(), fees = perCol(), fixedFees = perCol(), slippage = perCol(), slStop = perCol(), tpStop = perCol(), size = perCol();
  block.forEach((k, j) => {
    const s = signalsFor(k);
    const at = j * nT;
    sliceInto(prefix.close, rows, nT, w.from, w.to, close, at);
    if (ohlc) {
      sliceInto(prefix.open, rows, nT, w.from, w.to, open!, at);
      sliceInto(prefix.high, rows, nT, w.from, w.to, high!, at);
      sliceInto(prefix.low, rows, nT, w.from, w.to, low!, at);
    }
    sliceInto(s.entries, rows, nT, w.from, w.to, entries, at);
    sliceInto(s.exits, rows, nT, w.from, w.to, exits, at);
    if (short) {
      if (!s.shortEntries || !s.shortExits) throw new StrategyError(`strategy ${strategy.name}: signals() gave a short side for some settings and not for others; give it always (zeros for none)`);
      sliceInto(s.shortEntries, rows, nT, w.from, w.to, shortEntries!, at);
      sliceInto(s.shortExits, rows, nT, w.from, w.to, shortExits!, at);
    }
    const o = simOptions(combos[k].portfolio, timeExits[k]);
    initCash.fill(o.initCash as number, at, at + nT);
    fees.fill(o.fees as number, at, at + nT);
    fixedFees.fill(o.fixedFees as number, at, at + nT);
    slippage.fill(o.slippage as number, at, at + nT);
    slStop.fill(o.slStop as number, at, at + nT);
    tpStop.fill(o.tpStop as number, at, at + nT);
    size.fill(o.size as number, at, at + nT);
  });
  const prices: PriceMatrix = ohlc ? { nRows: m, nCols: width, close, open, high, low } : { nRows: m, nCols: width, close };
  const o = simOptions(first, timeExits[block[0]]);
  const sim = fromSignals(prices, entries, exits, {
    initCash, fees, fixedFees, slippage, slStop, tpStop, size, slTrail: o.slTrail, timeExitBars: o.timeExitBars, direction: o.direction, sizeType: o.sizeType,
    ...(short ? { shortEntries: shortEntries!, shortExits: shortExits! } : {}),
  });
  const stats = computeStats(prices, sim, { initCash, freqDays: options.freqDays ?? 1 });
  const M = stats.names.length;
  block.forEach((k, j) => {
    const part: StatsTable = { names: stats.names, nCols: nT, values: new Float64Array(M * nT) };
    for (let s = 0; s < M; s++) part.values.set(stats.values.subarray(s * width + j * nT, s * width + (j + 1) * nT), s * nT);
    const ew = equalWeightSums(sim.value.subarray(j * m * nT, (j + 1) * m * nT), m, nT, combos[k].portfolio.init_cash, options.include?.(k));
    const out: ComboOutcome = { combo: k, window: w, stats: part, ew };
    if (options.keepSim && block.length === 1) {
      const sig = signalsFor(k);
      out.sim = sim;
      out.indicators = sig.indicators;
      out.extras = strategy.extras
        ? callStrategy(strategy, 'extras()', () =>
            strategy.extras!({ params: combos[k].params as never, data: prefix, indicators: sig.indicators, signals: { entries, exits, ...(short ? { shortEntries: shortEntries!, shortExits: shortExits! } : {}) }, sim }),
          )
        : {};
    }
    onOutcome(out);
  });
}
