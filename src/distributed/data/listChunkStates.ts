import type { Queryable } from '../../data/queryable';

/** What the follower of a distributed run needs about each chunk (everything but the ticker lists). */
export interface ChunkState {
  chunkNo: number;
  status: 'pending' | 'running' | 'done' | 'failed';
  tickers: number;
  firstTicker: string;
  lastTicker: string;
  attempts: number;
  worker: string | null;
  error: string | null;
  bars: number | null;
  readMs: number | null;
  computeMs: number | null;
  writeMs: number | null;
  rssMb: number | null;
  heapMb: number | null;
  arrayBuffersMb: number | null;
}

/** A run's chunks in order. */
export async function listChunkStates(db: Queryable, runId: number): Promise<ChunkState[]> {
  const { rows } = await db.query(
    `SELECT chunk_no, status, cardinality(tickers) AS n, tickers[1] AS first, tickers[cardinality(tickers)] AS last, attempts, worker, error,
            bars, read_ms, compute_ms, write_ms, rss_mb, heap_mb, array_buffers_mb
       FROM vecbt_chunks WHERE run_id = $1 ORDER BY chunk_no`,
    [runId],
  );
  return rows.map((r) => ({
    chunkNo: r.chunk_no,
    status: r.status,
    tickers: r.n,
    firstTicker: r.first,
    lastTicker: r.last,
    attempts: r.attempts,
    worker: r.worker,
    error: r.error,
    bars: r.bars,
    readMs: r.read_ms,
    computeMs: r.compute_ms,
    writeMs: r.write_ms,
    rssMb: r.rss_mb,
    heapMb: r.heap_mb,
    arrayBuffersMb: r.array_buffers_mb,
  }));
}
