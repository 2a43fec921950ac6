import type { Queryable } from '../../data/queryable';

export interface RunProgressRow {
  status: 'running' | 'done' | 'failed' | 'aborted';
  tickersDone: number;
  tickersTotal: number;
  peakRssMb: number | null;
  elapsedMs: number | null;
  error: string | null;
}

/** The few columns of a run its follower polls (no date index). */
export async function readRunProgress(db: Queryable, runId: number): Promise<RunProgressRow | null> {
  const { rows } = await db.query('SELECT status, tickers_done, tickers_total, peak_rss_mb, elapsed_ms, error FROM vecbt_runs WHERE id = $1', [runId]);
  if (!rows.length) return null;
  const r = rows[0];
  return { status: r.status, tickersDone: r.tickers_done, tickersTotal: r.tickers_total, peakRssMb: r.peak_rss_mb, elapsedMs: r.elapsed_ms, error: r.error };
}
