/**
 * The run lock: a session advisory lock on (RUN_LOCK, run id). The single-process runner holds it exclusively
 * for the whole run; distributed workers hold it shared while they do one chunk. So a `--resume` and the workers
 * never write the same run at once. The lock lives as long as its connection: callers keep one client for it and
 * must give that client back on every path (a broken one with `release(err)`).
 */
import type { PoolClient } from 'pg';

/** Advisory-lock namespace of runs (the second key is the run id). */
export const RUN_LOCK = 7_271_002;

/** Takes the run's lock (shared: a worker's) without waiting; false when another session holds it. */
export async function tryLockRun(client: PoolClient, runId: number, shared = false): Promise<boolean> {
  const { rows } = await client.query<{ ok: boolean }>(
    shared ? 'SELECT pg_try_advisory_lock_shared($1, $2::int) AS ok' : 'SELECT pg_try_advisory_lock($1, $2::int) AS ok',
    [RUN_LOCK, runId],
  );
  return rows[0].ok;
}

/** Releases the run's lock taken by tryLockRun on this client. */
export async function unlockRun(client: PoolClient, runId: number, shared = false): Promise<void> {
  await client.query(shared ? 'SELECT pg_advisory_unlock_shared($1, $2::int)' : 'SELECT pg_advisory_unlock($1, $2::int)', [RUN_LOCK, runId]);
}
