/**
 * The job queue of distributed runs: pg-boss 10 on the run's own database, in its own schema
 * (`vecbt_pgboss`), sharing the caller's node-postgres pool (one pool per process, no second login).
 *
 * Queues
 * - `vecbt-chunk`: one job per chunk, data `{ runId, chunkNo }` (the tickers are read from vecbt_chunks).
 * - `vecbt-chunk-failed`: pg-boss' dead-letter queue of `vecbt-chunk`. A chunk job lands there when its
 *   last retry failed, whether its handler threw (a poison chunk) or its worker vanished (expiry): the
 *   worker that takes it marks the chunk `failed` and, when it was the last open chunk, ends the run.
 *
 * Liveness: pg-boss 10 has no heartbeats. A job taken by a worker that is then SIGKILLed stays `active`
 * until `expireInSeconds` after it started; pg-boss' maintenance (every `maintenanceIntervalSeconds`, run
 * by every worker, at most once per interval across all of them) then fails it, which retries it. So a
 * lost chunk is retried within expireIn + maintenance interval (50 s + 10 s by default), and a chunk
 * must finish within expireIn (a 500-ticker chunk of 2 years of daily bars takes well under a second).
 */
import PgBoss from 'pg-boss';
import type { Pool } from 'pg';

export const BOSS_SCHEMA = 'vecbt_pgboss';
export const CHUNK_QUEUE = 'vecbt-chunk';
export const DEAD_CHUNK_QUEUE = 'vecbt-chunk-failed';
/** Advisory-lock key serialising pg-boss installation (next to the migrator's 7_271_001 and runs' 7_271_002). */
const BOSS_INSTALL_LOCK = 7_271_003;

/** Job policy of chunk jobs, fixed when the run enqueues them. */
export interface ChunkJobPolicy {
  /** A job still active this long after it started is failed (and retried) by maintenance. Default 50 s. */
  expireInSeconds: number;
  /** Retries after the first attempt (engine errors and lost workers alike). Default 2 (3 attempts). */
  retryLimit: number;
  /** Seconds before a retry (doubled per retry with pg-boss' jittered backoff). Default 2. */
  retryDelaySeconds: number;
}

export const DEFAULT_JOB_POLICY: Readonly<ChunkJobPolicy> = Object.freeze({ expireInSeconds: 50, retryLimit: 2, retryDelaySeconds: 2 });

/** Data of a chunk job. */
export interface ChunkJob {
  runId: number;
  chunkNo: number;
}

export interface OpenBossOptions {
  /** How often this process runs pg-boss maintenance (expiry, archive), s. Default 10. Only workers need it. */
  maintenanceIntervalSeconds?: number;
  /** false: no maintenance in this process (a follower or an enqueuer). Default true. */
  supervise?: boolean;
}

/**
 * Starts pg-boss on `pool` (creating or migrating its schema on first use; concurrent starts serialise on
 * pg-boss' advisory lock) and makes sure both queues exist. Stop it with `boss.stop({ close: false })`.
 */
export async function openBoss(pool: Pool, opts: OpenBossOptions = {}): Promise<PgBoss> {
  const boss = new PgBoss({
    db: { executeSql: (text: string, values?: unknown[]) => pool.query(text, values as unknown[]) },
    schema: BOSS_SCHEMA,
    supervise: opts.supervise ?? true,
    maintenanceIntervalSeconds: opts.maintenanceIntervalSeconds ?? 10,
    schedule: false,
    migrate: true,
  });
  // Maintenance errors (a dropped connection) are retried at the next interval; never crash on them.
  boss.on('error', () => undefined);
  // Several workers starting at once on a fresh database race on pg-boss' CREATE SCHEMA (seen: a
  // duplicate key on pg_namespace): install and create the queues under our own session lock.
  const lock = await pool.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [BOSS_INSTALL_LOCK]);
    await boss.start();
    await boss.createQueue(DEAD_CHUNK_QUEUE);
    await boss.createQueue(CHUNK_QUEUE, { name: CHUNK_QUEUE, deadLetter: DEAD_CHUNK_QUEUE });
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [BOSS_INSTALL_LOCK]).catch(() => undefined);
    lock.release();
  }
  return boss;
}

/** Enqueues one job per chunk of `runId`; returns how many. */
export async function enqueueChunks(boss: PgBoss, runId: number, chunkNos: readonly number[], policy: ChunkJobPolicy = DEFAULT_JOB_POLICY): Promise<number> {
  // pg-boss inserts a batch in one statement (json_to_recordset); batches of 1,000 keep the parameter small.
  for (let i = 0; i < chunkNos.length; i += 1000) {
    const jobs = chunkNos.slice(i, i + 1000).map((chunkNo) => ({
      name: CHUNK_QUEUE,
      data: { runId, chunkNo } satisfies ChunkJob,
      expireInSeconds: policy.expireInSeconds,
      retryLimit: policy.retryLimit,
      retryDelay: policy.retryDelaySeconds,
      retryBackoff: policy.retryDelaySeconds > 0,
      deadLetter: DEAD_CHUNK_QUEUE,
    }));
    await boss.insert(jobs);
  }
  return chunkNos.length;
}
