import type { Queryable } from '../../data/queryable';

/**
 * A chunk whose job has no retry left: `failed`, keeping the last attempt's error (set by the worker that
 * saw it) or else `reason` (the job expired: its worker vanished). A done chunk stays done; false when
 * the chunk was already done or failed.
 */
export async function failChunk(db: Queryable, runId: number, chunkNo: number, reason: string): Promise<boolean> {
  const r = await db.query(
    `UPDATE vecbt_chunks SET status = 'failed', finished_at = now(), error = coalesce(error, $3)
      WHERE run_id = $1 AND chunk_no = $2 AND status NOT IN ('done', 'failed')`,
    [runId, chunkNo, reason],
  );
  return r.rowCount === 1;
}
