import type { Queryable } from './queryable';

/** Sets a new or resumed run to running. */
export async function markRunStarted(db: Queryable, runId: number): Promise<void> {
  await db.query(`UPDATE vecbt_runs SET status = 'running', started_at = coalesce(started_at, now()), finished_at = NULL, error = NULL WHERE id = $1`, [
    runId,
  ]);
}
