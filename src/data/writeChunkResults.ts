/**
 * A chunk's results, trades and "chunk done" in ONE transaction: bulk inserts with binary COPY FROM STDIN,
 * then the chunk row flips to done and the run's counter moves. COPY, not `INSERT ... unnest($n::type[])`:
 * measured on 6,000 tickers (~48k trades) unnest took ~4 s of writes (node-postgres builds array literals
 * element by element and the server parses them), COPY text a fraction of that, binary COPY less again
 * (no float formatted in JS or parsed on the server: see copyBinary.ts). Either all of it is visible or none: a crash or SIGTERM mid-write leaves the chunk to
 * be redone by `--resume`, never half-written, and the (run_id, ticker) primary key makes a double write
 * fail loudly instead of duplicating a result.
 */
import type { Pool, PoolClient } from 'pg';
import { copyIn } from './copy';
import { encodeCopyBinary, type CopyBinaryColumn } from './copyBinary';

/** vecbt_results columns in the order of their arrays, with their SQL element types. */
export const RESULT_COLUMNS = [
  ['combo_no', 'int'],
  ['ticker', 'text'],
  ['status', 'text'],
  ['reason', 'text'],
  ['bars', 'int'],
  ['start_date', 'date'],
  ['end_date', 'date'],
  ['period_days', 'float8'],
  ['start_value', 'float8'],
  ['end_value', 'float8'],
  ['total_return_pct', 'float8'],
  ['benchmark_return_pct', 'float8'],
  ['max_gross_exposure_pct', 'float8'],
  ['total_fees_paid', 'float8'],
  ['max_drawdown_pct', 'float8'],
  ['max_drawdown_duration_days', 'float8'],
  ['total_trades', 'int'],
  ['closed_trades', 'int'],
  ['open_trades', 'int'],
  ['open_trade_pnl', 'float8'],
  ['win_rate_pct', 'float8'],
  ['best_trade_pct', 'float8'],
  ['worst_trade_pct', 'float8'],
  ['avg_winning_trade_pct', 'float8'],
  ['avg_losing_trade_pct', 'float8'],
  ['avg_winning_trade_duration_days', 'float8'],
  ['avg_losing_trade_duration_days', 'float8'],
  ['profit_factor', 'float8'],
  ['expectancy', 'float8'],
  ['sharpe_ratio', 'float8'],
  ['calmar_ratio', 'float8'],
  ['omega_ratio', 'float8'],
  ['sortino_ratio', 'float8'],
  // the strategy's own per-ticker figures, e.g. rvol_atr's {"stale_exits": 2}
  ['extras', 'jsonb'],
] as const;

export type ResultColumn = (typeof RESULT_COLUMNS)[number][0];

/**
 * The columns a sweep writes per (combination, ticker): identity, status and the stats its ranking and the report
 * read. 600,000 rows are a normal sweep: every other stat stays NULL (a single combination's rows carry them all).
 */
export const COMPACT_RESULT_COLUMNS = RESULT_COLUMNS.filter(([c]) =>
  ['combo_no', 'ticker', 'status', 'reason', 'bars', 'end_value', 'total_return_pct', 'max_gross_exposure_pct', 'max_drawdown_pct', 'total_trades', 'win_rate_pct', 'profit_factor', 'expectancy', 'sharpe_ratio', 'sortino_ratio'].includes(c),
);

/** Column-wise values of a chunk's result rows (one entry per ticker in each array). */
export type ResultArrays = { [K in ResultColumn]: (string | number | null)[] };

export const TRADE_COLUMNS = [
  ['combo_no', 'int'],
  ['ticker', 'text'],
  ['trade_no', 'int'],
  ['entry_date', 'date'],
  ['exit_date', 'date'],
  ['entry_price', 'float8'],
  ['exit_price', 'float8'],
  ['size', 'float8'],
  ['entry_fees', 'float8'],
  ['exit_fees', 'float8'],
  ['pnl', 'float8'],
  ['return_pct', 'float8'],
  ['status', 'text'],
  ['exit_reason', 'text'],
] as const;

export type TradeColumn = (typeof TRADE_COLUMNS)[number][0];
export type TradeArrays = { [K in TradeColumn]: (string | number | null)[] };

/** vecbt_ column element type -> its binary COPY type. */
const BINARY = { text: 'text', int: 'int4', date: 'date', float8: 'float8', jsonb: 'jsonb' } as const;

/** Column arrays -> one binary COPY stream, `prefix` columns (the same value on every row) first. */
function copyBinary(spec: readonly (readonly [string, keyof typeof BINARY])[], arrays: Record<string, readonly (string | number | null)[]>, n: number, prefix: CopyBinaryColumn[]): Buffer {
  return encodeCopyBinary([...prefix, ...spec.map(([name, type]) => ({ type: BINARY[type], values: arrays[name] }))], n);
}

const RESULTS_COPY = `COPY vecbt_results (run_id, chunk_no, ${RESULT_COLUMNS.map((c) => c[0]).join(', ')}) FROM STDIN (FORMAT binary)`;
const COMPACT_COPY = `COPY vecbt_results (run_id, chunk_no, ${COMPACT_RESULT_COLUMNS.map((c) => c[0]).join(', ')}) FROM STDIN (FORMAT binary)`;
const PARTS_COPY = `COPY vecbt_combo_parts (run_id, chunk_no, window_no, phase, combo_no, bar_from, ew_sum, ew_n, tickers, sum_return, n_profitable,
  sum_win_rate, n_win_rate, trades, sum_sharpe, n_sharpe, worst_drawdown, select_values) FROM STDIN (FORMAT binary)`;

/** What a chunk adds to one (window, phase, combination): see vecbt_combo_parts in migration 0006. */
export interface ComboPartRow {
  windowNo: number;
  phase: 'all' | 'train' | 'test';
  comboNo: number;
  barFrom: number;
  ewSum: Float64Array;
  ewN: Int32Array;
  sums?: { tickers: number; sumReturn: number; nProfitable: number; sumWinRate: number; nWinRate: number; trades: number; sumSharpe: number; nSharpe: number; worstDrawdown: number; selectValues: Float64Array | null };
}

function partsCopy(runId: number, chunkNo: number, parts: readonly ComboPartRow[]): Buffer {
  const col = <T>(f: (p: ComboPartRow) => T) => parts.map(f);
  const num = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? null : x);
  return encodeCopyBinary(
    [
      { type: 'int8', value: runId },
      { type: 'int4', value: chunkNo },
      { type: 'int4', values: col((p) => p.windowNo) },
      { type: 'text', values: col((p) => p.phase) },
      { type: 'int4', values: col((p) => p.comboNo) },
      { type: 'int4', values: col((p) => p.barFrom) },
      { type: 'float8[]', values: col((p) => p.ewSum) },
      { type: 'int4[]', values: col((p) => p.ewN) },
      { type: 'int4', values: col((p) => p.sums?.tickers) },
      { type: 'float8', values: col((p) => num(p.sums?.sumReturn)) },
      { type: 'int4', values: col((p) => p.sums?.nProfitable) },
      { type: 'float8', values: col((p) => num(p.sums?.sumWinRate)) },
      { type: 'int4', values: col((p) => p.sums?.nWinRate) },
      { type: 'int4', values: col((p) => p.sums?.trades) },
      { type: 'float8', values: col((p) => num(p.sums?.sumSharpe)) },
      { type: 'int4', values: col((p) => p.sums?.nSharpe) },
      { type: 'float8', values: col((p) => num(p.sums?.worstDrawdown)) },
      { type: 'float8[]', values: col((p) => p.sums?.selectValues ?? null) },
    ],
    parts.length,
  );
}
const TRADES_COPY = `COPY vecbt_trades (run_id, ${TRADE_COLUMNS.map((c) => c[0]).join(', ')}) FROM STDIN (FORMAT binary)`;

export class ChunkAlreadyDoneError extends Error {}

/**
 * Commits a chunk. Throws ChunkAlreadyDoneError (after rolling back) when the chunk was already done,
 * which only a second runner on the same run could cause.
 */
export async function writeChunkResults(
  pool: Pool | PoolClient,
  w: {
    runId: number;
    chunkNo: number;
    bars: number;
    /** null: no per-ticker rows (a walk-forward run). */
    results: ResultArrays | null;
    /** Write only COMPACT_RESULT_COLUMNS (a sweep). */
    compact?: boolean;
    trades: TradeArrays;
    parts?: readonly ComboPartRow[];
    tickers: number;
  },
): Promise<void> {
  const client = 'release' in pool ? pool : await (pool as Pool).connect();
  const own = client !== pool;
  try {
    await client.query('BEGIN');
    if (w.results && w.results.ticker.length) {
      const nResults = w.results.ticker.length;
      const results = copyBinary(w.compact ? COMPACT_RESULT_COLUMNS : RESULT_COLUMNS, w.results, nResults, [{ type: 'int8', value: w.runId }, { type: 'int4', value: w.chunkNo }]);
      await copyIn(client, w.compact ? COMPACT_COPY : RESULTS_COPY, () => [results]);
    }
    if (w.parts?.length) {
      const parts = partsCopy(w.runId, w.chunkNo, w.parts);
      await copyIn(client, PARTS_COPY, () => [parts]);
    }
    const nTrades = w.trades.ticker.length;
    if (nTrades) {
      const trades = copyBinary(TRADE_COLUMNS, w.trades, nTrades, [{ type: 'int8', value: w.runId }]);
      await copyIn(client, TRADES_COPY, () => [trades]);
    }
    const done = await client.query(
      `UPDATE vecbt_chunks SET status = 'done', finished_at = now(), bars = $3, error = NULL
        WHERE run_id = $1 AND chunk_no = $2 AND status <> 'done'`,
      [w.runId, w.chunkNo, w.bars],
    );
    if (done.rowCount !== 1) throw new ChunkAlreadyDoneError(`chunk ${w.chunkNo} of run ${w.runId} is already done`);
    await client.query('UPDATE vecbt_runs SET tickers_done = tickers_done + $2 WHERE id = $1', [w.runId, w.tickers]);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    if (own) (client as PoolClient).release();
  }
}
