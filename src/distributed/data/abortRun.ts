import type { Queryable } from '../../data/queryable';

/** Marks a running run aborted (workers then acknowledge its remaining jobs without work); false when it was not running. */
export async function abortRun(db: Queryable, runId: number, reason: string): Promise<boolean> {
  const r = await db.query(
    `UPDATE vecbt_runs SET status = 'aborted', finished_at = now(), error = $2,
            elapsed_ms = coalesce(elapsed_ms, 0) + extract(epoch FROM now() - coalesce(started_at, created_at)) * 1000
      WHERE id = $1 AND status = 'running'`,
    [runId, reason],
  );
  return r.rowCount === 1;
}
