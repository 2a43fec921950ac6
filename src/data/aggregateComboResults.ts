import type { Queryable } from './queryable';

/** Per combination, over its tickers: what vecbt_combo_stats holds besides the equal-weight figures. */
export interface ComboAggregate {
  windowNo: number;
  phase: 'all' | 'train' | 'test';
  comboNo: number;
  tickers: number;
  meanReturnPct: number | null;
  medianReturnPct: number | null;
  q1ReturnPct: number | null;
  q3ReturnPct: number | null;
  meanWinRatePct: number | null;
  pctProfitable: number | null;
  totalTrades: number;
  meanSharpe: number | null;
  medianSharpe: number | null;
  worstDrawdownPct: number | null;
}

/**
 * aggregateComboResults(db, runId): per combination of a sweep (or a plain run's combo 0), from its per-ticker
 * rows in vecbt_results. Sharpe aggregates skip non-finite values (+inf: an account that never traded).
 */
export async function aggregateComboResults(db: Queryable, runId: number): Promise<ComboAggregate[]> {
  const { rows } = await db.query(
    `SELECT combo_no,
            count(*)::int AS tickers,
            avg(total_return_pct) AS mean_return,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY total_return_pct) AS median_return,
            percentile_cont(0.25) WITHIN GROUP (ORDER BY total_return_pct) AS q1_return,
            percentile_cont(0.75) WITHIN GROUP (ORDER BY total_return_pct) AS q3_return,
            avg(win_rate_pct) AS mean_win_rate,
            100.0 * count(*) FILTER (WHERE total_return_pct > 0) / count(*) AS pct_profitable,
            coalesce(sum(total_trades), 0)::bigint AS trades,
            avg(sharpe_ratio) FILTER (WHERE sharpe_ratio NOT IN ('Infinity', '-Infinity')) AS mean_sharpe,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY sharpe_ratio) FILTER (WHERE sharpe_ratio NOT IN ('Infinity', '-Infinity')) AS median_sharpe,
            max(max_drawdown_pct) AS worst_drawdown
       FROM vecbt_results WHERE run_id = $1 AND status = 'ok'
      GROUP BY combo_no ORDER BY combo_no`,
    [runId],
  );
  return rows.map((r) => ({
    windowNo: 0,
    phase: 'all',
    comboNo: r.combo_no,
    tickers: r.tickers,
    meanReturnPct: r.mean_return,
    medianReturnPct: r.median_return,
    q1ReturnPct: r.q1_return,
    q3ReturnPct: r.q3_return,
    meanWinRatePct: r.mean_win_rate,
    pctProfitable: r.pct_profitable === null ? null : Number(r.pct_profitable),
    totalTrades: Number(r.trades),
    meanSharpe: r.mean_sharpe,
    medianSharpe: r.median_sharpe,
    worstDrawdownPct: r.worst_drawdown,
  }));
}
