import type { Queryable } from './queryable';

export interface ChunkRow {
  chunkNo: number;
  tickers: string[];
  status: 'pending' | 'running' | 'done' | 'failed';
}

/** A run's chunks in order. */
export async function listChunks(db: Queryable, runId: number): Promise<ChunkRow[]> {
  const { rows } = await db.query<{ chunk_no: number; tickers: string[]; status: ChunkRow['status'] }>(
    'SELECT chunk_no, tickers, status FROM vecbt_chunks WHERE run_id = $1 ORDER BY chunk_no',
    [runId],
  );
  return rows.map((r) => ({ chunkNo: r.chunk_no, tickers: r.tickers, status: r.status }));
}
