/**
 * writeRunStats(client, runId, stats): a finished run's per-combination aggregates (vecbt_combo_stats), its
 * walk-forward windows (vecbt_windows) and its best combination with its deflated Sharpe ratio, replacing any
 * earlier ones, in one transaction.
 */
import type { PoolClient } from 'pg';
import type { ComboAggregate } from './aggregateComboResults';

export interface ComboStatsRow extends ComboAggregate {
  ewReturnPct: number;
  ewSharpe: number;
  ewBarSharpe: number;
  ewSkew: number;
  ewKurtosis: number;
  ewBars: number;
  score: number;
  neighbourScore: number;
  robustness: number;
  rank: number;
}

export interface WindowRow {
  windowNo: number;
  trainFrom: string;
  trainTo: string;
  testFrom: string;
  testTo: string;
  chosenCombo: number | null;
  isScore: number | null;
  oosScore: number | null;
  oosBestCombo: number | null;
  oosBestIsRank: number | null;
}

/** Advisory-lock namespace of the figures' write (the second key is the run id). */
const RUN_STATS_LOCK = 7_271_003;

const nul = (x: number | null | undefined) => (x === null || x === undefined || Number.isNaN(x) ? null : x);

export async function writeRunStats(client: PoolClient, runId: number, s: { combos: ComboStatsRow[]; windows: WindowRow[]; bestCombo: number | null; deflatedSharpe: number | null }): Promise<void> {
  const c = s.combos;
  const col = <T>(f: (r: ComboStatsRow) => T) => c.map(f);
  await client.query('BEGIN');
  try {
    // Two finishers (the worker that ended the run, a follower that found no figures yet) write one after the other.
    await client.query('SELECT pg_advisory_xact_lock($1, $2::int)', [RUN_STATS_LOCK, runId]);
    await client.query('DELETE FROM vecbt_combo_stats WHERE run_id = $1', [runId]);
    await client.query('DELETE FROM vecbt_windows WHERE run_id = $1', [runId]);
    if (c.length) {
      await client.query(
        `INSERT INTO vecbt_combo_stats (run_id, window_no, phase, combo_no, tickers, mean_return_pct, median_return_pct, q1_return_pct, q3_return_pct,
            mean_win_rate_pct, pct_profitable, total_trades, mean_sharpe, median_sharpe, worst_drawdown_pct, ew_return_pct, ew_sharpe, ew_bar_sharpe,
            ew_skew, ew_kurtosis, ew_bars, score, neighbour_score, robustness, rank)
         SELECT $1, * FROM unnest($2::int[], $3::text[], $4::int[], $5::int[], $6::float8[], $7::float8[], $8::float8[], $9::float8[], $10::float8[],
            $11::float8[], $12::bigint[], $13::float8[], $14::float8[], $15::float8[], $16::float8[], $17::float8[], $18::float8[], $19::float8[],
            $20::float8[], $21::int[], $22::float8[], $23::float8[], $24::float8[], $25::int[])`,
        [
          runId, col((r) => r.windowNo), col((r) => r.phase), col((r) => r.comboNo), col((r) => r.tickers), col((r) => nul(r.meanReturnPct)),
          col((r) => nul(r.medianReturnPct)), col((r) => nul(r.q1ReturnPct)), col((r) => nul(r.q3ReturnPct)), col((r) => nul(r.meanWinRatePct)),
          col((r) => nul(r.pctProfitable)), col((r) => r.totalTrades), col((r) => nul(r.meanSharpe)), col((r) => nul(r.medianSharpe)),
          col((r) => nul(r.worstDrawdownPct)), col((r) => nul(r.ewReturnPct)), col((r) => nul(r.ewSharpe)), col((r) => nul(r.ewBarSharpe)),
          col((r) => nul(r.ewSkew)), col((r) => nul(r.ewKurtosis)), col((r) => r.ewBars), col((r) => nul(r.score)), col((r) => nul(r.neighbourScore)),
          col((r) => nul(r.robustness)), col((r) => r.rank),
        ],
      );
    }
    const w = s.windows;
    if (w.length) {
      await client.query(
        `INSERT INTO vecbt_windows (run_id, window_no, train_from, train_to, test_from, test_to, chosen_combo, is_score, oos_score, oos_best_combo, oos_best_is_rank)
         SELECT $1, * FROM unnest($2::int[], $3::date[], $4::date[], $5::date[], $6::date[], $7::int[], $8::float8[], $9::float8[], $10::int[], $11::int[])`,
        [
          runId, w.map((x) => x.windowNo), w.map((x) => x.trainFrom), w.map((x) => x.trainTo), w.map((x) => x.testFrom), w.map((x) => x.testTo),
          w.map((x) => x.chosenCombo), w.map((x) => nul(x.isScore)), w.map((x) => nul(x.oosScore)), w.map((x) => x.oosBestCombo), w.map((x) => x.oosBestIsRank),
        ],
      );
    }
    await client.query('UPDATE vecbt_runs SET best_combo = $2, deflated_sharpe = $3 WHERE id = $1', [runId, s.bestCombo, nul(s.deflatedSharpe)]);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}
