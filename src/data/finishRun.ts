import type { Queryable } from './queryable';

/** Final status of a run (peak RSS is the max over all its sessions). */
export async function finishRun(
  db: Queryable,
  runId: number,
  f: { status: 'done' | 'failed' | 'aborted'; peakRssMb: number; elapsedMs: number; error?: string | null },
): Promise<void> {
  await db.query(
    `UPDATE vecbt_runs SET status = $2, finished_at = now(), peak_rss_mb = greatest(coalesce(peak_rss_mb, 0), $3),
            elapsed_ms = coalesce(elapsed_ms, 0) + $4, error = $5
      WHERE id = $1`,
    [runId, f.status, f.peakRssMb, f.elapsedMs, f.error ?? null],
  );
}
