/**
 * runStrategy: any strategy end to end on union-index matrices: indicators -> signals -> the vectorbt-faithful
 * simulation (with the portfolio settings) -> every stat, plus the strategy's extras. The one code path of
 * `vecbt strategy`, the batch's chunk step, sweeps and the notebooks.
 *
 * The strategy's outputs are checked (lengths, types): a user's strategy that returns the wrong thing gets one
 * clear error naming the strategy and the output, never a simulation of garbage.
 */
import { UserError } from '../errors';
import type { OhlcvMatrix } from '../kernels/ohlcvMatrix';
import { fromSignals, type SimResult } from '../portfolio/fromSignals';
import { computeStats, type StatsTable } from '../portfolio/metrics';
import { Portfolio } from '../portfolio/Portfolio';
import type { Indicators, Strategy, StrategySignals } from './defineStrategy';
import { simOptions, simPrices, type PortfolioSettings } from './portfolioSettings';
import { resolveSettings, type ResolvedSettings } from './resolveSettings';

export interface StrategyResult<P = Record<string, number | boolean | string>> {
  strategy: Strategy<P>;
  params: Readonly<P>;
  portfolio: Readonly<PortfolioSettings>;
  indicators: Indicators;
  /** entries / exits, column-major Uint8Arrays */
  signals: StrategySignals;
  sim: SimResult;
  stats: StatsTable;
  /** the strategy's per-ticker figures (one value per column), {} when it has none */
  extras: Record<string, Int32Array | Float64Array>;
  /** The labelled portfolio (orders, trades with dates, stats per ticker): `r.pf.stats()`, `r.pf.tradeTable()`. */
  readonly pf: Portfolio;
}

export interface RunStrategyOptions {
  /** bar length in days for the stats (default 1, vectorbt freq='1D') */
  freqDays?: number;
  /** Dates of the rows and names of the columns, for `pf` (default: row and column numbers). */
  index?: readonly string[];
  columns?: readonly string[];
  /** Already resolved settings (skips resolving `settings` again; the batch resolves once per run). */
  resolved?: ResolvedSettings<unknown>;
}

/** The short-side arrays of a strategy's signals as fromSignals options (four-array mode), or none. */
export function shortSide(signals: StrategySignals): { shortEntries?: Uint8Array; shortExits?: Uint8Array } {
  return signals.shortEntries ? { shortEntries: signals.shortEntries, shortExits: signals.shortExits } : {};
}

/** Error thrown by a strategy's own code (or a wrong output), with the strategy's name in the message. */
export class StrategyError extends UserError {}

const isView = (a: unknown, tag: string): boolean => Object.prototype.toString.call(a) === `[object ${tag}]`;

/** Checks an output array: the right typed-array kind (from any realm) and length. */
function checkOutput(strategy: string, what: string, a: unknown, tag: 'Float64Array' | 'Uint8Array', n: number, shape: string): void {
  if (!isView(a, tag)) {
    const got = a === null ? 'null' : ArrayBuffer.isView(a) ? Object.prototype.toString.call(a).slice(8, -1) : Array.isArray(a) ? 'an array' : typeof a;
    throw new StrategyError(`strategy ${strategy}: ${what} must be a ${tag} of ${n} values (${shape}, column-major), got ${got}`);
  }
  const len = (a as Float64Array | Uint8Array).length;
  if (len !== n) throw new StrategyError(`strategy ${strategy}: ${what} has ${len} values, expected ${n} (${shape}, column-major)`);
}

/** Calls one of the strategy's functions, naming the strategy (and what it was doing) when it throws. */
export function callStrategy<T>(strategy: Strategy<never>, what: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof StrategyError) throw err;
    const e = err as Error;
    throw new StrategyError(`strategy ${strategy.name}: ${what} threw ${e?.name && e.name !== 'Error' ? e.name + ': ' : ''}${e?.message ?? String(err)}`);
  }
}

/** indicators + signals only (no simulation), checked: what the look-ahead check and sweeps reuse. */
export function strategySignals<P>(strategy: Strategy<P>, data: OhlcvMatrix, params: Readonly<P>): { indicators: Indicators; signals: StrategySignals } {
  const s = strategy as unknown as Strategy<never>;
  const indicators = callStrategy(s, 'indicators()', () => strategy.indicators(data, params));
  return strategySignalsFrom(strategy, data, params, indicators);
}

/** The signals for already computed indicators (a sweep reuses one indicator configuration), both checked. */
export function strategySignalsFrom<P>(strategy: Strategy<P>, data: OhlcvMatrix, params: Readonly<P>, indicators: Indicators): { indicators: Indicators; signals: StrategySignals } {
  const s = strategy as unknown as Strategy<never>;
  const n = data.nRows * data.nCols;
  const shape = `${data.nRows} rows x ${data.nCols} columns`;
  if (indicators === null || typeof indicators !== 'object') throw new StrategyError(`strategy ${s.name}: indicators() must return an object of named Float64Arrays, got ${indicators === null ? 'null' : typeof indicators}`);
  for (const [name, a] of Object.entries(indicators)) checkOutput(s.name, `indicator "${name}"`, a, 'Float64Array', n, shape);
  const signals = callStrategy(s, 'signals()', () => strategy.signals(data, indicators, params));
  if (signals === null || typeof signals !== 'object') throw new StrategyError(`strategy ${s.name}: signals() must return { entries, exits }, got ${signals === null ? 'null' : typeof signals}`);
  checkOutput(s.name, 'signals().entries', signals.entries, 'Uint8Array', n, shape);
  checkOutput(s.name, 'signals().exits', signals.exits, 'Uint8Array', n, shape);
  if ((signals.shortEntries === undefined) !== (signals.shortExits === undefined)) throw new StrategyError(`strategy ${s.name}: signals() must return both shortEntries and shortExits, or neither`);
  if (signals.shortEntries) checkOutput(s.name, 'signals().shortEntries', signals.shortEntries, 'Uint8Array', n, shape);
  if (signals.shortExits) checkOutput(s.name, 'signals().shortExits', signals.shortExits, 'Uint8Array', n, shape);
  return { indicators, signals };
}

/**
 * runStrategy(data, strategy, settings, options): the strategy on every column of `data`.
 * @example
 * const { index, columns, data } = vb.readOhlcvMatrix('prices.csv');
 * const r = vb.runStrategy(data, vb.strategies.ma_cross, { fast_window: 20, slow_window: 100, sl_stop: 0.05 }, { index, columns });
 * r.pf.stats()[0]['Total Return [%]']
 */
export function runStrategy<P>(data: OhlcvMatrix, strategy: Strategy<P>, settings: Readonly<Record<string, unknown>> = {}, options: RunStrategyOptions = {}): StrategyResult<P> {
  const resolved = (options.resolved as ResolvedSettings<P> | undefined) ?? resolveSettings(strategy, settings);
  const { params, portfolio } = resolved;
  const s = strategy as unknown as Strategy<never>;
  const { indicators, signals } = strategySignals(strategy, data, params);
  const timeExit = strategy.timeExitBars ? callStrategy(s, 'timeExitBars()', () => strategy.timeExitBars!(params)) : 0;
  if (!Number.isSafeInteger(timeExit) || timeExit < 0) throw new StrategyError(`strategy ${s.name}: timeExitBars() must return an integer >= 0, got ${String(timeExit)}`);
  const prices = simPrices(data, portfolio);
  const sim = fromSignals(prices, signals.entries, signals.exits, { ...simOptions(portfolio, timeExit), ...shortSide(signals) });
  const freqDays = options.freqDays ?? 1;
  const stats = computeStats(prices, sim, { initCash: portfolio.init_cash, freqDays });
  const extras = strategy.extras ? callStrategy(s, 'extras()', () => strategy.extras!({ params, data, indicators, signals, sim })) : {};
  for (const [name, a] of Object.entries(extras)) {
    if (!isView(a, 'Int32Array') && !isView(a, 'Float64Array')) throw new StrategyError(`strategy ${s.name}: extra "${name}" must be an Int32Array or Float64Array of one value per column`);
    if (a.length !== data.nCols) throw new StrategyError(`strategy ${s.name}: extra "${name}" has ${a.length} values, expected one per column (${data.nCols})`);
  }
  let pf: Portfolio | null = null;
  return {
    strategy,
    params,
    portfolio,
    indicators,
    signals,
    sim,
    stats,
    extras,
    get pf() {
      const index = options.index ?? Array.from({ length: data.nRows }, (_, i) => String(i));
      const columns = options.columns ?? Array.from({ length: data.nCols }, (_, i) => String(i));
      pf ??= new Portfolio(index, columns, prices, sim, freqDays);
      return pf;
    },
  };
}
