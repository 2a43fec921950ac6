import type { Queryable } from '../../data/queryable';
import type { TickerSummary } from '../../batch/events';

export interface ChunkSummaryRows {
  results: TickerSummary[];
  skipped: { ticker: string; reason: string }[];
  /** Sum of total_trades (open and closed), as the runner's chunk:done counts them. */
  trades: number;
  tickersWithTrades: number;
  /** Mean of the per-ticker win rates (NULL-skipping); NaN when none. */
  meanWinRatePct: number;
}

const num = (v: number | null): number => (v == null ? NaN : v);

/** The committed results of some chunks of a run, grouped by chunk (what a chunk:done event carries). */
export async function readChunkSummaries(db: Queryable, runId: number, chunkNos: readonly number[]): Promise<Map<number, ChunkSummaryRows>> {
  const out = new Map<number, ChunkSummaryRows>();
  for (const c of chunkNos) out.set(c, { results: [], skipped: [], trades: 0, tickersWithTrades: 0, meanWinRatePct: NaN });
  if (!chunkNos.length) return out;
  const { rows } = await db.query(
    `SELECT chunk_no, ticker, status, reason, total_return_pct, win_rate_pct, max_drawdown_pct, total_trades
       FROM vecbt_results WHERE run_id = $1 AND chunk_no = ANY($2::int[]) ORDER BY chunk_no, ticker`,
    [runId, chunkNos],
  );
  const win = new Map<number, { sum: number; n: number }>();
  for (const r of rows) {
    const s = out.get(r.chunk_no)!;
    if (r.status === 'skipped') {
      s.skipped.push({ ticker: r.ticker, reason: r.reason ?? '' });
      continue;
    }
    const totalTrades = r.total_trades ?? 0;
    s.results.push({ ticker: r.ticker, totalReturnPct: num(r.total_return_pct), winRatePct: num(r.win_rate_pct), maxDrawdownPct: num(r.max_drawdown_pct), totalTrades });
    s.trades += totalTrades;
    if (totalTrades > 0) s.tickersWithTrades++;
    if (r.win_rate_pct != null) {
      const w = win.get(r.chunk_no) ?? { sum: 0, n: 0 };
      w.sum += r.win_rate_pct;
      w.n++;
      win.set(r.chunk_no, w);
    }
  }
  for (const [c, w] of win) out.get(c)!.meanWinRatePct = w.sum / w.n;
  return out;
}
