import type { Queryable } from '../../data/queryable';
import type { ChunkFigures } from '../../data/recordChunkFigures';

/**
 * After the commit, in one statement: the chunk's timings and memory (as `recordChunkFigures`) and the
 * worker that wrote it (a redelivered copy may have claimed the chunk meanwhile).
 */
export async function recordWorkerChunk(db: Queryable, runId: number, chunkNo: number, worker: string, f: ChunkFigures): Promise<void> {
  await db.query(
    `UPDATE vecbt_chunks SET read_ms = $3, compute_ms = $4, write_ms = $5, rss_mb = $6, heap_mb = $7, array_buffers_mb = $8, worker = $9
      WHERE run_id = $1 AND chunk_no = $2`,
    [runId, chunkNo, f.readMs, f.computeMs, f.writeMs, f.rssMb, f.heapMb, f.arrayBuffersMb, worker],
  );
}
