import type { Queryable } from '../../data/queryable';

export type ClaimedChunk =
  | { kind: 'claimed'; tickers: string[]; attempts: number }
  /** Already committed (a redelivered job): acknowledge without writing. */
  | { kind: 'done' }
  /** The run is no longer running (aborted, failed, deleted): leave the chunk as it is. */
  | { kind: 'run-closed'; runStatus: string | null };

/**
 * Marks a chunk of a running run `running` by `worker` (counting the attempt) and returns its tickers;
 * or says why not. One statement, so a chunk committed meanwhile is never reopened.
 */
export async function claimChunk(db: Queryable, runId: number, chunkNo: number, worker: string): Promise<ClaimedChunk> {
  const { rows } = await db.query<{ run_status: string | null; chunk_status: string | null; tickers: string[] | null; attempts: number | null }>(
    `WITH r AS (SELECT status FROM vecbt_runs WHERE id = $1),
          c AS (
            UPDATE vecbt_chunks SET status = 'running', attempts = attempts + 1, started_at = now(), worker = $3
             WHERE run_id = $1 AND chunk_no = $2 AND status <> 'done' AND (SELECT status FROM r) = 'running'
            RETURNING tickers, attempts)
     SELECT (SELECT status FROM r) AS run_status,
            (SELECT status FROM vecbt_chunks WHERE run_id = $1 AND chunk_no = $2) AS chunk_status,
            (SELECT tickers FROM c) AS tickers, (SELECT attempts FROM c) AS attempts`,
    [runId, chunkNo, worker],
  );
  const r = rows[0];
  if (r.tickers) return { kind: 'claimed', tickers: r.tickers, attempts: r.attempts! };
  if (r.chunk_status === 'done') return { kind: 'done' };
  return { kind: 'run-closed', runStatus: r.run_status };
}
