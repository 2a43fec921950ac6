import type { Queryable } from './queryable';

export interface WindowResult {
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
  /** The chosen combination's settings. */
  params: Record<string, unknown> | null;
}

/** readWindows(db, runId): a walk-forward (or split) run's windows in order. */
export async function readWindows(db: Queryable, runId: number): Promise<WindowResult[]> {
  const { rows } = await db.query(
    `SELECT w.window_no, to_char(w.train_from, 'YYYY-MM-DD') AS train_from, to_char(w.train_to, 'YYYY-MM-DD') AS train_to,
            to_char(w.test_from, 'YYYY-MM-DD') AS test_from, to_char(w.test_to, 'YYYY-MM-DD') AS test_to, w.chosen_combo, w.is_score,
            w.oos_score, w.oos_best_combo, w.oos_best_is_rank, c.params
       FROM vecbt_windows w LEFT JOIN vecbt_combos c ON c.run_id = w.run_id AND c.combo_no = w.chosen_combo
      WHERE w.run_id = $1 ORDER BY w.window_no`,
    [runId],
  );
  return rows.map((r) => ({
    windowNo: r.window_no, trainFrom: r.train_from, trainTo: r.train_to, testFrom: r.test_from, testTo: r.test_to, chosenCombo: r.chosen_combo,
    isScore: r.is_score, oosScore: r.oos_score, oosBestCombo: r.oos_best_combo, oosBestIsRank: r.oos_best_is_rank, params: r.params,
  }));
}
