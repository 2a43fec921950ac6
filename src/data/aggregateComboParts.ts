import type { ComboAggregate } from './aggregateComboResults';
import type { Queryable } from './queryable';

/**
 * aggregateComboParts(db, runId, perTicker): per (window, phase, combination) of a walk-forward run, from the
 * chunks' sums in vecbt_combo_parts; the median of the select metric's per-ticker values (`perTicker`: which
 * stat they are) from their arrays. Quartiles need per-ticker values of the return and are NULL otherwise.
 */
export async function aggregateComboParts(db: Queryable, runId: number, perTicker: 'Sharpe Ratio' | 'Total Return [%]' | null): Promise<ComboAggregate[]> {
  const { rows } = await db.query(
    `WITH sums AS (
       SELECT window_no, phase, combo_no, sum(tickers)::int AS tickers, sum(sum_return) AS sum_return, sum(n_profitable)::int AS n_profitable,
              sum(sum_win_rate) AS sum_win_rate, sum(n_win_rate)::int AS n_win_rate, sum(trades)::bigint AS trades,
              sum(sum_sharpe) AS sum_sharpe, sum(n_sharpe)::int AS n_sharpe, max(worst_drawdown) AS worst_drawdown
         FROM vecbt_combo_parts WHERE run_id = $1 AND phase <> 'all'
        GROUP BY window_no, phase, combo_no),
     medians AS (
       SELECT p.window_no, p.phase, p.combo_no, percentile_cont(0.5) WITHIN GROUP (ORDER BY v) AS median,
              percentile_cont(0.25) WITHIN GROUP (ORDER BY v) AS q1, percentile_cont(0.75) WITHIN GROUP (ORDER BY v) AS q3
         FROM vecbt_combo_parts p, unnest(p.select_values) AS v
        WHERE p.run_id = $1 AND p.phase <> 'all'
        GROUP BY p.window_no, p.phase, p.combo_no)
     SELECT s.*, m.median, m.q1, m.q3 FROM sums s LEFT JOIN medians m USING (window_no, phase, combo_no)
      ORDER BY s.window_no, s.phase, s.combo_no`,
    [runId],
  );
  const ratio = (a: number | null, n: number) => (n > 0 && a !== null ? a / n : null);
  return rows.map((r) => ({
    windowNo: r.window_no,
    phase: r.phase,
    comboNo: r.combo_no,
    tickers: r.tickers,
    meanReturnPct: ratio(r.sum_return, r.tickers),
    medianReturnPct: perTicker === 'Total Return [%]' ? r.median : null,
    q1ReturnPct: perTicker === 'Total Return [%]' ? r.q1 : null,
    q3ReturnPct: perTicker === 'Total Return [%]' ? r.q3 : null,
    meanWinRatePct: ratio(r.sum_win_rate, r.n_win_rate),
    pctProfitable: r.tickers > 0 ? (100 * r.n_profitable) / r.tickers : null,
    totalTrades: Number(r.trades),
    meanSharpe: ratio(r.sum_sharpe, r.n_sharpe),
    medianSharpe: perTicker === 'Sharpe Ratio' ? r.median : null,
    worstDrawdownPct: r.worst_drawdown,
  }));
}
