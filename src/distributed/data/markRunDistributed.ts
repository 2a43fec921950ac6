import type { Queryable } from '../../data/queryable';

/** Flags a run as distributed and (re)opens it: status running, failed chunks back to pending. */
export async function markRunDistributed(db: Queryable, runId: number): Promise<void> {
  await db.query(
    `WITH r AS (
       UPDATE vecbt_runs SET distributed = true, status = 'running', started_at = coalesce(started_at, now()), finished_at = NULL, error = NULL
        WHERE id = $1 RETURNING id)
     UPDATE vecbt_chunks SET status = 'pending' WHERE run_id = (SELECT id FROM r) AND status IN ('failed', 'running')`,
    [runId],
  );
}
