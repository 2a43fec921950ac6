import type { Queryable } from '../../data/queryable';

/**
 * Ends a running distributed run once every chunk is `done` or `failed`: `done`, or `failed` with the
 * failed chunks and their reasons in `error`. Peak RSS is the highest reading of any worker on any chunk;
 * elapsed time is wall time since the run started. Returns the new status, or null when the run is not
 * finished yet (or was already ended: the first caller wins, so concurrent workers may all call it).
 */
export async function finalizeRun(db: Queryable, runId: number): Promise<'done' | 'failed' | null> {
  const { rows } = await db.query<{ status: 'done' | 'failed' }>(
    `WITH c AS (
       SELECT count(*) FILTER (WHERE status NOT IN ('done', 'failed')) AS open,
              string_agg(format('chunk %s (%s..%s): %s', chunk_no, tickers[1], tickers[cardinality(tickers)], coalesce(error, 'failed')), '; ' ORDER BY chunk_no)
                FILTER (WHERE status = 'failed') AS failed,
              max(rss_mb) AS peak
         FROM vecbt_chunks WHERE run_id = $1)
     UPDATE vecbt_runs r
        SET status = CASE WHEN c.failed IS NULL THEN 'done' ELSE 'failed' END,
            finished_at = now(),
            error = CASE WHEN c.failed IS NULL THEN NULL ELSE 'failed chunks: ' || c.failed END,
            peak_rss_mb = greatest(coalesce(r.peak_rss_mb, 0), coalesce(c.peak, 0)),
            elapsed_ms = coalesce(r.elapsed_ms, 0) + extract(epoch FROM now() - coalesce(r.started_at, r.created_at)) * 1000
       FROM c
      WHERE r.id = $1 AND r.status = 'running' AND c.open = 0
     RETURNING r.status`,
    [runId],
  );
  return rows.length ? rows[0].status : null;
}
