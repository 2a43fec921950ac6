import type { Queryable } from '../../data/queryable';

export interface RunWorkerRow {
  runId: number;
  worker: string;
  /** Chunks of the run this worker committed. */
  chunks: number;
  /** RSS after its last committed chunk of the run, MB. */
  lastRssMb: number | null;
  /** Its heartbeat reading (vecbt_workers), when it has one: the worker's latest memory, MB. */
  currentRssMb: number | null;
  stopped: boolean;
}

/** For each run: the workers that committed its chunks, with their last memory readings. */
export async function listRunWorkers(db: Queryable, runIds: readonly number[]): Promise<Map<number, RunWorkerRow[]>> {
  const out = new Map<number, RunWorkerRow[]>();
  if (!runIds.length) return out;
  const { rows } = await db.query(
    `SELECT c.run_id, c.worker, count(*)::int AS chunks,
            (array_agg(c.rss_mb ORDER BY c.finished_at DESC NULLS LAST))[1] AS last_rss,
            w.rss_mb AS current_rss, w.stopped_at IS NOT NULL AS stopped
       FROM vecbt_chunks c LEFT JOIN vecbt_workers w ON w.name = c.worker
      WHERE c.run_id = ANY($1::bigint[]) AND c.worker IS NOT NULL AND c.status = 'done'
      GROUP BY c.run_id, c.worker, w.rss_mb, w.stopped_at
      ORDER BY c.run_id, c.worker`,
    [runIds],
  );
  for (const r of rows) {
    const id = Number(r.run_id);
    if (!out.has(id)) out.set(id, []);
    out.get(id)!.push({ runId: id, worker: r.worker, chunks: r.chunks, lastRssMb: r.last_rss, currentRssMb: r.current_rss, stopped: r.stopped });
  }
  return out;
}

/** `w1 12 chunks 84MB, w2 11 chunks 90MB` (the RSS after each worker's last chunk of the run); '' for none. */
export function formatRunWorkers(rows: readonly RunWorkerRow[] | undefined): string {
  return (rows ?? []).map((w) => `${w.worker} ${w.chunks} chunk${w.chunks === 1 ? '' : 's'} ${w.lastRssMb == null ? '?' : `${Math.round(w.lastRssMb)}MB`}`).join(', ');
}
