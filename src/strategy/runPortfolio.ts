/**
 * runPortfolio: a strategy's signals traded as ONE account over every column (vectorbt `group_by=True,
 * cash_sharing=True, call_seq='auto'`), with vecbt's two portfolio rules on top:
 * - `maxPositions`: at most N open positions; an entry beyond them is rejected (its signal is lost), as vectorbt
 *   rejects an entry the cash cannot fund;
 * - `rankBy`: on a bar with more entries than slots or cash, the entries run highest rank first (an indicator of
 *   the strategy at that bar, or a seeded random number; ties by column, i.e. ticker, order), after the bar's
 *   exits. 'auto' keeps vectorbt's own order (sells first, then buys by ascending order value: with equal sizes,
 *   column order).
 * With `maxPositions` 0 and `rankBy` 'auto' the simulation is vectorbt's `from_signals` with those arguments, to the
 * last digit (the p* golden cases).
 *
 * Sizes: the portfolio settings' `size` and `size_type` (value: cash per entry; percent: vectorbt's fraction of
 * the cash left; equity: vecbt's fraction of the account's equity at the bar's start).
 */
import type { OhlcvMatrix } from '../kernels/ohlcvMatrix';
import { fromSignals, type SimResult } from '../portfolio/fromSignals';
import { computeGroupStats, type StatsTable } from '../portfolio/metrics';
import type { Indicators, Strategy, StrategySignals } from './defineStrategy';
import { simOptions, simPrices, type PortfolioSettings } from './portfolioSettings';
import { resolveSettings, type ResolvedSettings } from './resolveSettings';
import { callStrategy, shortSide, strategySignals, StrategyError } from './runStrategy';
import { UserError } from '../errors';

export interface PortfolioRules {
  /** At most this many open positions (0 = no limit). */
  maxPositions: number;
  /** 'auto' (vectorbt's order), 'random', or the name of one of the strategy's indicators (highest first). */
  rankBy: string;
  /** Seed of the random rank. */
  seed?: number;
}

/** FNV-1a of a string, for a rank that depends on the ticker's name, not on its column. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * randomRank(seed, ticker, row): a number in [0, 1) fixed by (seed, ticker, row of the date index), so the same
 * ticker on the same bar gets the same rank whichever chunk or column it is in.
 */
export function randomRank(seed: number, ticker: string, row: number): number {
  let t = (Math.imul(hashString(ticker) ^ (seed >>> 0), 0x9e3779b1) + Math.imul(row + 1, 0x85ebca6b)) >>> 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/**
 * entryRanks(rules, indicators, signals, columns, nRows): the rank of every entry bar (NaN elsewhere), or null for
 * 'auto'. An unknown indicator name is a UserError listing the strategy's indicators.
 */
export function entryRanks(strategy: Strategy<never>, rules: PortfolioRules, indicators: Indicators, signals: StrategySignals, columns: readonly string[], nRows: number): Float64Array | null {
  if (rules.rankBy === 'auto') return null;
  const n = signals.entries.length;
  const out = new Float64Array(n).fill(NaN);
  const isEntry = (k: number) => signals.entries[k] !== 0 || (signals.shortEntries !== undefined && signals.shortEntries[k] !== 0);
  if (rules.rankBy === 'random') {
    const seed = rules.seed ?? 1;
    for (let c = 0; c < columns.length; c++) for (let r = 0; r < nRows; r++) if (isEntry(c * nRows + r)) out[c * nRows + r] = randomRank(seed, columns[c], r);
    return out;
  }
  const ind = indicators[rules.rankBy];
  if (!ind) throw new UserError(`--rank-by ${rules.rankBy}: strategy ${strategy.name} has no indicator "${rules.rankBy}"; its indicators: ${Object.keys(indicators).join(', ') || '(none)'} (or auto, random)`);
  for (let k = 0; k < n; k++) if (isEntry(k)) out[k] = ind[k];
  return out;
}

export interface PortfolioResult<P = Record<string, number | boolean | string>> {
  params: Readonly<P>;
  portfolio: Readonly<PortfolioSettings>;
  indicators: Indicators;
  signals: StrategySignals;
  /** The grouped simulation: per-column orders and trades, the account's series in `sim.groups`. */
  sim: SimResult;
  /** The account's vectorbt stats (one group). */
  stats: StatsTable;
}

/**
 * portfolioSim(data, signals, ranks, portfolio, rules, timeExit): the one-account simulation of given signals.
 * The batch's portfolio pass calls it with signals it stored chunk by chunk.
 */
export function portfolioSim(data: OhlcvMatrix, signals: StrategySignals, ranks: Float64Array | null, portfolio: Readonly<PortfolioSettings>, rules: PortfolioRules, timeExit = 0): SimResult {
  const prices = simPrices(data, portfolio);
  return fromSignals(prices, signals.entries, signals.exits, {
    ...simOptions(portfolio, timeExit),
    ...shortSide(signals),
    groupBy: true,
    cashSharing: true,
    callSeq: 'auto',
    maxPositions: rules.maxPositions,
    entryPriority: ranks,
  });
}

/**
 * runPortfolio(data, strategy, settings, rules, options): the strategy on every column, traded as one account.
 * @example
 * const r = runPortfolio(data, strategies.rvol_atr, { init_cash: 100_000, size_type: 'equity', size: 0.1 },
 *   { maxPositions: 10, rankBy: 'rvol' }, { columns });
 * r.stats.values[statIndex('Total Return [%]')]
 */
export function runPortfolio<P>(
  data: OhlcvMatrix,
  strategy: Strategy<P>,
  settings: Readonly<Record<string, unknown>>,
  rules: PortfolioRules,
  options: { columns?: readonly string[]; freqDays?: number; resolved?: ResolvedSettings<unknown> } = {},
): PortfolioResult<P> {
  const s = strategy as unknown as Strategy<never>;
  const { params, portfolio } = (options.resolved as ResolvedSettings<P> | undefined) ?? resolveSettings(strategy, settings);
  const { indicators, signals } = strategySignals(strategy, data, params);
  const columns = options.columns ?? Array.from({ length: data.nCols }, (_, i) => String(i));
  const ranks = entryRanks(s, rules, indicators, signals, columns, data.nRows);
  const timeExit = strategy.timeExitBars ? callStrategy(s, 'timeExitBars()', () => strategy.timeExitBars!(params)) : 0;
  if (!Number.isSafeInteger(timeExit) || timeExit < 0) throw new StrategyError(`strategy ${s.name}: timeExitBars() must return an integer >= 0, got ${String(timeExit)}`);
  const sim = portfolioSim(data, signals, ranks, portfolio, rules, timeExit);
  const stats = computeGroupStats(simPrices(data, portfolio), sim, { freqDays: options.freqDays ?? 1 });
  return { params, portfolio, indicators, signals, sim, stats };
}
