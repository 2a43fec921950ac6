import type { Queryable } from './queryable';

export interface ChunkFigures {
  readMs: number;
  computeMs: number;
  writeMs: number;
  rssMb: number;
  heapMb: number;
  arrayBuffersMb: number;
}

/**
 * Stores a committed chunk's timings and memory (after the commit: the write time includes it) and, for a
 * distributed run, the worker that wrote it (a redelivered copy may have claimed the chunk meanwhile).
 */
export async function recordChunkFigures(db: Queryable, runId: number, chunkNo: number, f: ChunkFigures, worker?: string): Promise<void> {
  await db.query(
    `UPDATE vecbt_chunks SET read_ms = $3, compute_ms = $4, write_ms = $5, rss_mb = $6, heap_mb = $7, array_buffers_mb = $8,
            worker = coalesce($9, worker)
      WHERE run_id = $1 AND chunk_no = $2`,
    [runId, chunkNo, f.readMs, f.computeMs, f.writeMs, f.rssMb, f.heapMb, f.arrayBuffersMb, worker ?? null],
  );
}
