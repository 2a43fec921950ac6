import type { Queryable } from './queryable';

/**
 * The look-ahead verdict recorded for a strategy file's text by an earlier run (null when no run checked it):
 * the automatic check runs only the first time a run uses a given text.
 */
export async function lookaheadOfSource(db: Queryable, sha256: string): Promise<{ runId: number; verdict: string } | null> {
  const { rows } = await db.query<{ id: string; lookahead: string }>(
    `SELECT id, lookahead FROM vecbt_runs WHERE strategy_sha256 = $1 AND lookahead IS NOT NULL AND lookahead <> 'skipped' ORDER BY id LIMIT 1`,
    [sha256],
  );
  return rows.length ? { runId: Number(rows[0].id), verdict: rows[0].lookahead } : null;
}
