import type { Queryable } from './queryable';

/** Marks a chunk running and counts the attempt (outside the chunk's write transaction). */
export async function markChunkStarted(db: Queryable, runId: number, chunkNo: number): Promise<void> {
  await db.query(
    `UPDATE vecbt_chunks SET status = 'running', attempts = attempts + 1, started_at = now(), error = NULL
      WHERE run_id = $1 AND chunk_no = $2 AND status <> 'done'`,
    [runId, chunkNo],
  );
}
