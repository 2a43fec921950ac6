import type { Queryable } from '../../data/queryable';

export interface WorkerBeat {
  name: string;
  host: string;
  pid: number;
  runId: number | null;
  chunkNo: number | null;
  chunksDone: number;
  rssMb: number;
  heapMb: number;
  peakRssMb: number;
  /** Set when the worker exits. */
  stopped?: boolean;
}

/** A worker's heartbeat row (its last memory reading and the chunk in progress). */
export async function upsertWorker(db: Queryable, w: WorkerBeat): Promise<void> {
  await db.query(
    `INSERT INTO vecbt_workers (name, host, pid, run_id, chunk_no, chunks_done, rss_mb, heap_mb, peak_rss_mb, stopped_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, CASE WHEN $10 THEN now() END)
     ON CONFLICT (name) DO UPDATE SET host = $2, pid = $3, run_id = $4, chunk_no = $5, chunks_done = $6, rss_mb = $7, heap_mb = $8,
       peak_rss_mb = $9, seen_at = now(), stopped_at = CASE WHEN $10 THEN now() END`,
    [w.name, w.host, w.pid, w.runId, w.chunkNo, w.chunksDone, w.rssMb, w.heapMb, w.peakRssMb, !!w.stopped],
  );
}
