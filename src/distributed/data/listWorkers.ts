import type { Queryable } from '../../data/queryable';

export interface WorkerRow {
  name: string;
  host: string;
  pid: number;
  startedAt: Date;
  seenAt: Date;
  stoppedAt: Date | null;
  runId: number | null;
  chunkNo: number | null;
  chunksDone: number;
  rssMb: number | null;
  peakRssMb: number | null;
  /** Seconds since its last heartbeat (by the database clock). */
  ageSeconds: number;
}

/** Workers seen in the last `withinSeconds` (default: a day), most recently seen first. */
export async function listWorkers(db: Queryable, withinSeconds = 86_400): Promise<WorkerRow[]> {
  const { rows } = await db.query(
    `SELECT name, host, pid, started_at, seen_at, stopped_at, run_id, chunk_no, chunks_done, rss_mb, peak_rss_mb,
            extract(epoch FROM now() - seen_at)::float8 AS age
       FROM vecbt_workers WHERE seen_at > now() - $1 * interval '1 second' ORDER BY seen_at DESC, name`,
    [withinSeconds],
  );
  return rows.map((r) => ({
    name: r.name,
    host: r.host,
    pid: r.pid,
    startedAt: r.started_at,
    seenAt: r.seen_at,
    stoppedAt: r.stopped_at,
    runId: r.run_id == null ? null : Number(r.run_id),
    chunkNo: r.chunk_no,
    chunksDone: r.chunks_done,
    rssMb: r.rss_mb,
    peakRssMb: r.peak_rss_mb,
    ageSeconds: r.age,
  }));
}
