import type { Queryable } from './queryable';

/** The vecbt_combo_stats columns, in table order. */
export const COMBO_STAT_FIELDS = [
  'combo_no', 'tickers', 'mean_return_pct', 'median_return_pct', 'q1_return_pct', 'q3_return_pct', 'mean_win_rate_pct', 'pct_profitable',
  'total_trades', 'mean_sharpe', 'median_sharpe', 'worst_drawdown_pct', 'ew_return_pct', 'ew_sharpe', 'ew_bar_sharpe', 'ew_skew', 'ew_kurtosis',
  'ew_bars', 'score', 'neighbour_score', 'robustness', 'rank',
] as const;

/**
 * readComboStats(db, runId, opts): a run's per-combination figures of one window and phase (default the whole
 * range), with each combination's settings, best first (by rank) unless `sort` (one of COMBO_STAT_FIELDS,
 * checked here: the only identifier not passed as a parameter).
 */
export async function readComboStats(
  db: Queryable,
  runId: number,
  opts: { windowNo?: number; phase?: string; sort?: string; descending?: boolean; limit?: number } = {},
): Promise<(Record<string, number | null> & { params: Record<string, unknown> | null })[]> {
  const col = COMBO_STAT_FIELDS.find((f) => f === (opts.sort ?? 'rank'));
  if (!col) throw new RangeError(`readComboStats: unknown sort column '${opts.sort}'`);
  const dir = opts.descending ? 'DESC NULLS LAST' : 'ASC NULLS LAST';
  const { rows } = await db.query(
    `SELECT ${COMBO_STAT_FIELDS.map((f) => `s.${f}`).join(', ')}, c.params
       FROM vecbt_combo_stats s LEFT JOIN vecbt_combos c ON c.run_id = s.run_id AND c.combo_no = s.combo_no
      WHERE s.run_id = $1 AND s.window_no = $2 AND s.phase = $3
      ORDER BY s.${col} ${dir}, s.combo_no LIMIT $4`,
    [runId, opts.windowNo ?? 0, opts.phase ?? 'all', opts.limit ?? null],
  );
  return rows.map((r) => ({ ...r, total_trades: r.total_trades === null ? null : Number(r.total_trades) }));
}

/** Whether the run's combination figures were computed (a done run whose finisher crashed has none). */
export async function hasComboStats(db: Queryable, runId: number): Promise<boolean> {
  const { rows } = await db.query('SELECT EXISTS (SELECT 1 FROM vecbt_combo_stats WHERE run_id = $1) AS ok', [runId]);
  return rows[0].ok;
}
