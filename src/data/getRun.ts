import type { Queryable } from './queryable';

export interface RunRow {
  id: number;
  status: 'running' | 'done' | 'failed' | 'aborted';
  /** The strategy's name; for a strategy file also its path, source and SHA-256 (else null). */
  strategy: string;
  strategyFile: string | null;
  strategySource: string | null;
  strategySha256: string | null;
  /** The look-ahead check's verdict when the run's strategy file was first used (null: not checked). */
  lookahead: string | null;
  /** Every strategy parameter and portfolio setting, by spec name (JSON null: off / all). */
  params: Record<string, unknown>;
  /** single (one combination), sweep (a grid), walk-forward or split. */
  kind: 'single' | 'sweep' | 'walk-forward' | 'split';
  combosTotal: number;
  /** The grid as given (axes, sample, skipped combinations), or null. */
  grid: Record<string, unknown> | null;
  /** Walk-forward / split windows as rows of the date index, or null (the whole range). */
  windows: { windowNo: number; phase: 'all' | 'train' | 'test'; from: number; to: number }[] | null;
  selectMetric: 'median_sharpe' | 'mean_sharpe' | 'median_return' | 'mean_return' | 'pct_profitable' | 'mean_win_rate' | 'ew_sharpe' | 'ew_return' | null;
  /** A sweep's trades: of the best K combinations (null: none; a single run keeps all its trades). */
  keepTrades: number | null;
  bestCombo: number | null;
  deflatedSharpe: number | null;
  dateFrom: string;
  dateTo: string;
  chunkSize: number;
  tickersTotal: number;
  tickersDone: number;
  chunksTotal: number;
  dateIndex: Int32Array;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  peakRssMb: number | null;
  elapsedMs: number | null;
  error: string | null;
}

export const RUN_COLUMNS = `id, status, strategy, strategy_file, strategy_sha256, lookahead, params, kind, combos_total, grid, windows,
  select_metric, keep_trades, best_combo, deflated_sharpe, to_char(date_from, 'YYYY-MM-DD') AS date_from, to_char(date_to, 'YYYY-MM-DD') AS date_to,
  chunk_size, tickers_total, tickers_done, chunks_total, created_at, started_at, finished_at, peak_rss_mb, elapsed_ms, error`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function toRunRow(r: any, dateIndex: number[] = []): RunRow {
  return {
    id: Number(r.id),
    status: r.status,
    strategy: r.strategy,
    strategyFile: r.strategy_file ?? null,
    strategySource: r.strategy_source ?? null,
    strategySha256: r.strategy_sha256 ?? null,
    lookahead: r.lookahead ?? null,
    params: r.params,
    kind: r.kind ?? 'single',
    combosTotal: r.combos_total ?? 1,
    grid: r.grid ?? null,
    windows: r.windows ?? null,
    selectMetric: r.select_metric ?? null,
    keepTrades: r.keep_trades ?? null,
    bestCombo: r.best_combo ?? null,
    deflatedSharpe: r.deflated_sharpe ?? null,
    dateFrom: r.date_from,
    dateTo: r.date_to,
    chunkSize: r.chunk_size,
    tickersTotal: r.tickers_total,
    tickersDone: r.tickers_done,
    chunksTotal: r.chunks_total,
    dateIndex: Int32Array.from(dateIndex),
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    peakRssMb: r.peak_rss_mb,
    elapsedMs: r.elapsed_ms,
    error: r.error,
  };
}

/** One run with its date index, or null. */
export async function getRun(db: Queryable, id: number): Promise<RunRow | null> {
  const { rows } = await db.query(`SELECT ${RUN_COLUMNS}, strategy_source, date_index FROM vecbt_runs WHERE id = $1`, [id]);
  return rows.length ? toRunRow(rows[0], rows[0].date_index) : null;
}
