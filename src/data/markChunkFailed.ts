import type { Queryable } from './queryable';

/** Records a chunk's failure (its writes were rolled back, so it stays to be done). */
export async function markChunkFailed(db: Queryable, runId: number, chunkNo: number, error: string): Promise<void> {
  await db.query(`UPDATE vecbt_chunks SET status = 'failed', error = $3 WHERE run_id = $1 AND chunk_no = $2 AND status <> 'done'`, [
    runId,
    chunkNo,
    error,
  ]);
}
