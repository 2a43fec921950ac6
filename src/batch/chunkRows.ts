/**
 * A simulated chunk -> the column-wise rows `writeChunkResults` inserts, and the summaries the `chunk:done`
 * event carries. Pure: no pg, no I/O. NaN becomes NULL (SQL aggregates then skip it), +-inf stays +-Infinity (a
 * profit factor with no losing trade). One row per (combination, ticker); a sweep's rows are compact (the
 * SWEEP_STATS columns, the rest NULL), a single combination's carry every stat, its extras and its trades.
 */
import { EXIT_REASON_LABELS, TRADE_STATUS_LABELS, TradeStatus } from '../portfolio/enums';
import { STAT_NAMES } from '../portfolio/metrics';
import type { SimResult } from '../portfolio/fromSignals';
import type { StatsTable } from '../portfolio/metrics';
import { COMPACT_RESULT_COLUMNS, RESULT_COLUMNS, TRADE_COLUMNS, type ResultArrays, type TradeArrays } from '../data/writeChunkResults';
import { dayToIso } from '../data/queryable';
import type { OhlcvMatrix } from '../kernels/ohlcvMatrix';
import { validateBars } from '../data/validateBars';
import type { TickerSummary } from './events';

/** vecbt_results column of each vectorbt stat (Start/End are row indices, mapped to dates). */
export const STAT_COLUMN: Readonly<Record<(typeof STAT_NAMES)[number], string>> = Object.freeze({
  Start: 'start_date',
  End: 'end_date',
  Period: 'period_days',
  'Start Value': 'start_value',
  'End Value': 'end_value',
  'Total Return [%]': 'total_return_pct',
  'Benchmark Return [%]': 'benchmark_return_pct',
  'Max Gross Exposure [%]': 'max_gross_exposure_pct',
  'Total Fees Paid': 'total_fees_paid',
  'Max Drawdown [%]': 'max_drawdown_pct',
  'Max Drawdown Duration': 'max_drawdown_duration_days',
  'Total Trades': 'total_trades',
  'Total Closed Trades': 'closed_trades',
  'Total Open Trades': 'open_trades',
  'Open Trade PnL': 'open_trade_pnl',
  'Win Rate [%]': 'win_rate_pct',
  'Best Trade [%]': 'best_trade_pct',
  'Worst Trade [%]': 'worst_trade_pct',
  'Avg Winning Trade [%]': 'avg_winning_trade_pct',
  'Avg Losing Trade [%]': 'avg_losing_trade_pct',
  'Avg Winning Trade Duration': 'avg_winning_trade_duration_days',
  'Avg Losing Trade Duration': 'avg_losing_trade_duration_days',
  'Profit Factor': 'profit_factor',
  Expectancy: 'expectancy',
  'Sharpe Ratio': 'sharpe_ratio',
  'Calmar Ratio': 'calmar_ratio',
  'Omega Ratio': 'omega_ratio',
  'Sortino Ratio': 'sortino_ratio',
});

/** The stats a sweep stores per (combination, ticker) (COMPACT_RESULT_COLUMNS); the rest stay NULL. */
export const SWEEP_STATS: readonly (typeof STAT_NAMES)[number][] = STAT_NAMES.filter((name) => COMPACT_RESULT_COLUMNS.some(([c]) => c === STAT_COLUMN[name]));

/** One combination's outcome on the chunk's tickers. */
export interface ComboResult {
  comboNo: number;
  stats: StatsTable;
  /** Which tickers this combination skips (its warm-up may differ from another combination's). */
  verdicts: Verdicts;
  /** A single combination's simulation (its trades are stored) and the strategy's extras. */
  sim?: SimResult;
  extras?: Readonly<Record<string, Int32Array | Float64Array>>;
}

/** A combination's running figures over a chunk's tickers, for live progress ("best so far"). */
export interface ComboProgress {
  comboNo: number;
  /** Tickers simulated (not skipped). */
  tickers: number;
  sumReturnPct: number;
  /** Tickers with a defined Sharpe ratio, and their sum. */
  nSharpe: number;
  sumSharpe: number;
  profitable: number;
  trades: number;
}

/** One column's extras as the JSON text of vecbt_results.extras (null when the strategy has none). */
function extrasJson(extras: ComboResult['extras'], c: number): string | null {
  const keys = Object.keys(extras ?? {});
  if (!keys.length) return null;
  // JSON has no NaN/Infinity: null, as everywhere else in vecbt's JSON.
  return JSON.stringify(Object.fromEntries(keys.map((k) => [k, Number.isFinite(extras![k][c]) ? extras![k][c] : null])));
}

const ISO = new Map<number, string>();
/** dayToIso, memoised: a run has a few hundred distinct days and tens of thousands of trade dates. */
function isoOf(day: number): string {
  let s = ISO.get(day);
  if (s === undefined) ISO.set(day, (s = dayToIso(day)));
  return s;
}

const nul = (x: number): number | null => (Number.isNaN(x) ? null : x);
const M_RETURN = STAT_NAMES.indexOf('Total Return [%]');
const M_WIN = STAT_NAMES.indexOf('Win Rate [%]');
const M_MDD = STAT_NAMES.indexOf('Max Drawdown [%]');
const M_TRADES = STAT_NAMES.indexOf('Total Trades');
const M_SHARPE = STAT_NAMES.indexOf('Sharpe Ratio');

export interface ChunkRows {
  results: ResultArrays;
  trades: TradeArrays;
  /** Per ticker of the first combination (a plain run's tickers). */
  summaries: TickerSummary[];
  /** Per combination. */
  combos: ComboProgress[];
  skipped: { ticker: string; reason: string }[];
  /** 1 for the tickers simulated, 0 for the skipped. */
  included: Uint8Array;
  tradeCount: number;
  tickersWithTrades: number;
  meanWinRatePct: number;
}

export interface Verdicts {
  included: Uint8Array;
  reasons: (string | null)[];
  skipped: { ticker: string; reason: string }[];
}

/**
 * skipVerdicts(symbols, barsPerCol, warmup, range, data): which tickers are skipped and why (no bars, fewer
 * than the warm-up, bad bars), and the warnings of the others.
 */
export function skipVerdicts(
  symbols: readonly string[],
  dateIndex: Int32Array,
  barsPerCol: Int32Array,
  warmup: number,
  range: { from: string; to: string },
  data?: OhlcvMatrix,
): Verdicts {
  const nCols = symbols.length;
  const verdicts = data ? validateBars(data, dateIndex, symbols) : null;
  const included = new Uint8Array(nCols);
  const reasons: (string | null)[] = new Array(nCols);
  const skipped: { ticker: string; reason: string }[] = [];
  for (let c = 0; c < nCols; c++) {
    let reason: string | null = null;
    if (barsPerCol[c] === 0) reason = `no bars between ${range.from} and ${range.to}`;
    else if (barsPerCol[c] < warmup) reason = `${barsPerCol[c]} bars between ${range.from} and ${range.to}, fewer than the ${warmup}-bar indicator warm-up`;
    else if (verdicts?.[c].status === 'skipped') reason = verdicts[c].reason;
    if (reason) {
      skipped.push({ ticker: symbols[c], reason });
      reasons[c] = reason;
    } else {
      included[c] = 1;
      reasons[c] = verdicts?.[c].reason ?? null;
    }
  }
  return { included, reasons, skipped };
}

/**
 * chunkRows(symbols, dateIndex, barsPerCol, combos, compact): the chunk's result and trade rows. Skipped tickers
 * get status 'skipped', the reason, NULL stats and no trades (per combination).
 */
export function chunkRows(symbols: readonly string[], dateIndex: Int32Array, barsPerCol: Int32Array, combos: readonly ComboResult[], compact = false): ChunkRows {
  const nCols = symbols.length;
  const { included, skipped } = combos[0]?.verdicts ?? { included: new Uint8Array(nCols), skipped: [] };
  const n = nCols * combos.length;
  const results = Object.fromEntries(RESULT_COLUMNS.map((c) => [c[0], new Array(n).fill(null)])) as ResultArrays;
  const statCols = (compact ? SWEEP_STATS : STAT_NAMES).map((name) => [STAT_NAMES.indexOf(name), STAT_COLUMN[name]] as const);
  const summaries: TickerSummary[] = [];
  const progress: ComboProgress[] = [];
  let winSum = 0;
  let winN = 0;
  let tickersWithTrades = 0;
  let row = 0;
  for (const combo of combos) {
    const { values } = combo.stats;
    const { included, reasons } = combo.verdicts;
    const p: ComboProgress = { comboNo: combo.comboNo, tickers: 0, sumReturnPct: 0, nSharpe: 0, sumSharpe: 0, profitable: 0, trades: 0 };
    for (let c = 0; c < nCols; c++, row++) {
      results.combo_no[row] = combo.comboNo;
      results.ticker[row] = symbols[c];
      results.bars[row] = barsPerCol[c];
      results.reason[row] = reasons[c];
      if (!included[c]) {
        results.status[row] = 'skipped';
        continue;
      }
      results.status[row] = 'ok';
      results.extras[row] = extrasJson(combo.extras, c);
      for (const [m, col] of statCols) {
        const v = values[m * nCols + c]; // Start/End: row indices of the date index
        (results as Record<string, unknown[]>)[col][row] = m <= 1 ? (Number.isNaN(v) ? null : isoOf(dateIndex[v])) : nul(v);
      }
      const ret = values[M_RETURN * nCols + c];
      const sharpe = values[M_SHARPE * nCols + c];
      const totalTrades = values[M_TRADES * nCols + c];
      p.tickers++;
      p.sumReturnPct += ret;
      if (ret > 0) p.profitable++;
      if (Number.isFinite(sharpe)) {
        p.nSharpe++;
        p.sumSharpe += sharpe;
      }
      p.trades += totalTrades;
      if (combo === combos[0]) {
        const win = values[M_WIN * nCols + c];
        if (!Number.isNaN(win)) {
          winSum += win;
          winN++;
        }
        if (totalTrades > 0) tickersWithTrades++;
        summaries.push({ ticker: symbols[c], totalReturnPct: ret, winRatePct: win, maxDrawdownPct: values[M_MDD * nCols + c], totalTrades });
      }
    }
    progress.push(p);
  }
  const trades = Object.fromEntries(TRADE_COLUMNS.map((c) => [c[0], [] as unknown[]])) as TradeArrays;
  let tradeCount = 0;
  for (const combo of combos) {
    const t = combo.sim?.trades;
    if (!t) continue;
    const { included } = combo.verdicts;
    for (let i = 0; i < t.length; i++) {
      const c = t.col[i];
      if (!included[c]) continue;
      const closed = t.status[i] === TradeStatus.Closed;
      trades.combo_no.push(combo.comboNo);
      trades.ticker.push(symbols[c]);
      trades.trade_no.push(i - t.colStart[c] + 1);
      trades.entry_date.push(isoOf(dateIndex[t.entryIdx[i]]));
      trades.exit_date.push(closed ? isoOf(dateIndex[t.exitIdx[i]]) : null);
      trades.entry_price.push(t.entryPrice[i]);
      trades.exit_price.push(nul(t.exitPrice[i]));
      trades.size.push(t.size[i]);
      trades.entry_fees.push(t.entryFees[i]);
      trades.exit_fees.push(nul(t.exitFees[i]));
      trades.pnl.push(nul(t.pnl[i]));
      trades.return_pct.push(Number.isNaN(t.ret[i]) ? null : t.ret[i] * 100);
      trades.status.push(TRADE_STATUS_LABELS[t.status[i]]);
      trades.exit_reason.push(EXIT_REASON_LABELS[t.exitReason[i]]);
      tradeCount++;
    }
  }
  return { results, trades, summaries, combos: progress, skipped, included, tradeCount, tickersWithTrades, meanWinRatePct: winN ? winSum / winN : NaN };
}
