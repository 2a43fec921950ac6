import type { Queryable } from '../../data/queryable';

/** After the commit: the worker that wrote the chunk (a redelivered copy may have claimed it meanwhile). */
export async function recordChunkWorker(db: Queryable, runId: number, chunkNo: number, worker: string): Promise<void> {
  await db.query('UPDATE vecbt_chunks SET worker = $3 WHERE run_id = $1 AND chunk_no = $2', [runId, chunkNo, worker]);
}
