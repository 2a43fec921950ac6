import type { Queryable } from '../../data/queryable';

/** A failed attempt that will be retried: the chunk goes back to pending with the error (never undoes a done chunk). */
export async function releaseChunk(db: Queryable, runId: number, chunkNo: number, error: string): Promise<void> {
  await db.query(`UPDATE vecbt_chunks SET status = 'pending', error = $3 WHERE run_id = $1 AND chunk_no = $2 AND status <> 'done'`, [runId, chunkNo, error]);
}
