/**
 * A simulated chunk -> the column-wise rows `writeChunkResults` inserts, and the per-ticker summaries the
 * `chunk:done` event carries. Pure: no pg, no I/O. NaN becomes NULL (SQL aggregates then skip it), +-inf
 * stays +-Infinity (a profit factor with no losing trade).
 */
import { EXIT_REASON_LABELS, TRADE_STATUS_LABELS, TradeStatus } from '../portfolio/enums';
import { STAT_NAMES } from '../portfolio/metrics';
import type { SimResult } from '../portfolio/fromSignals';
import type { StatsTable } from '../portfolio/metrics';
import { RESULT_COLUMNS, TRADE_COLUMNS, type ResultArrays, type TradeArrays } from '../data/writeChunkResults';
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

/** What chunkRows needs of a strategy's run on the chunk. */
export interface ChunkResult {
  sim: SimResult;
  stats: StatsTable;
  /** The strategy's per-ticker extras, one value per column each (stored as vecbt_results.extras). */
  extras: Readonly<Record<string, Int32Array | Float64Array>>;
  /** Bars a ticker needs (the strategy's warm-up): fewer in the range and it is skipped. */
  warmup: number;
}

/** One column's extras as the JSON text of vecbt_results.extras (null when the strategy has none). */
function extrasJson(extras: ChunkResult['extras'], c: number): string | null {
  const keys = Object.keys(extras);
  if (!keys.length) return null;
  // JSON has no NaN/Infinity: null, as everywhere else in vecbt's JSON.
  return JSON.stringify(Object.fromEntries(keys.map((k) => [k, Number.isFinite(extras[k][c]) ? extras[k][c] : null])));
}

const ISO = new Map<number, string>();
/** dayToIso, memoised: a run has a few hundred distinct days and tens of thousands of trade dates. */
function isoOf(day: number): string {
  let s = ISO.get(day);
  if (s === undefined) ISO.set(day, (s = dayToIso(day)));
  return s;
}

const nul = (x: number): number | null => (Number.isNaN(x) ? null : x);

export interface ChunkRows {
  results: ResultArrays;
  trades: TradeArrays;
  summaries: TickerSummary[];
  skipped: { ticker: string; reason: string }[];
  tradeCount: number;
  tickersWithTrades: number;
  meanWinRatePct: number;
}

/**
 * chunkRows(symbols, dateIndex, barsPerCol, result): the chunk's result and trade rows. Tickers with fewer
 * bars than the warm-up are recorded as skipped (status 'skipped', a reason, NULL stats, no trades).
 */
export function chunkRows(
  symbols: readonly string[],
  dateIndex: Int32Array,
  barsPerCol: Int32Array,
  r: ChunkResult,
  range: { from: string; to: string },
  /** The chunk's bars: when given, validateBars skips tickers with bad bars and records warnings as the reason. */
  data?: OhlcvMatrix,
): ChunkRows {
  const nCols = symbols.length;
  const warm = r.warmup;
  const verdicts = data ? validateBars(data, dateIndex, symbols) : null;
  const results = Object.fromEntries(RESULT_COLUMNS.map((c) => [c[0], new Array(nCols)])) as ResultArrays;
  const skipped: ChunkRows['skipped'] = [];
  const summaries: TickerSummary[] = [];
  const isSkipped = new Uint8Array(nCols);
  const { values } = r.stats;
  let winSum = 0;
  let winN = 0;
  let tickersWithTrades = 0;
  for (let c = 0; c < nCols; c++) {
    const ticker = symbols[c];
    results.ticker[c] = ticker;
    results.bars[c] = barsPerCol[c];
    results.extras[c] = extrasJson(r.extras, c);
    let reason: string | null = null;
    if (barsPerCol[c] === 0) reason = `no bars between ${range.from} and ${range.to}`;
    else if (barsPerCol[c] < warm) reason = `${barsPerCol[c]} bars between ${range.from} and ${range.to}, fewer than the ${warm}-bar indicator warm-up`;
    else if (verdicts?.[c].status === 'skipped') reason = verdicts[c].reason;
    if (reason) {
      isSkipped[c] = 1;
      skipped.push({ ticker, reason });
      results.status[c] = 'skipped';
      results.reason[c] = reason;
      results.extras[c] = null;
      for (let m = 0; m < STAT_NAMES.length; m++) (results as Record<string, unknown[]>)[STAT_COLUMN[STAT_NAMES[m]]][c] = null;
      continue;
    }
    results.status[c] = 'ok';
    results.reason[c] = verdicts?.[c].reason ?? null;
    for (let m = 0; m < STAT_NAMES.length; m++) {
      const v = values[m * nCols + c]; // Start/End: row indices of the date index
      const col = STAT_COLUMN[STAT_NAMES[m]];
      (results as Record<string, unknown[]>)[col][c] = m <= 1 ? (Number.isNaN(v) ? null : isoOf(dateIndex[v])) : nul(v);
    }
    const get = (name: (typeof STAT_NAMES)[number]) => values[STAT_NAMES.indexOf(name) * nCols + c];
    const win = get('Win Rate [%]');
    const totalTrades = get('Total Trades');
    if (!Number.isNaN(win)) {
      winSum += win;
      winN++;
    }
    if (totalTrades > 0) tickersWithTrades++;
    summaries.push({
      ticker,
      totalReturnPct: get('Total Return [%]'),
      winRatePct: win,
      maxDrawdownPct: get('Max Drawdown [%]'),
      totalTrades,
    });
  }
  const t = r.sim.trades;
  const trades = Object.fromEntries(TRADE_COLUMNS.map((c) => [c[0], [] as unknown[]])) as TradeArrays;
  let tradeCount = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.col[i];
    if (isSkipped[c]) continue;
    const closed = t.status[i] === TradeStatus.Closed;
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
  return { results, trades, summaries, skipped, tradeCount, tickersWithTrades, meanWinRatePct: winN ? winSum / winN : NaN };
}
