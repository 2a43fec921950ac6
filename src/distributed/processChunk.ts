/**
 * A distributed run's chunk job `{ runId, chunkNo }`, as one worker does it: the run's shared lock -> claim
 * the chunk -> `runChunk` (read -> the run's recorded strategy -> simulate -> one transaction -> figures with
 * this worker's name: the single-process runner's own step) -> end the run when this was its last open chunk.
 *
 * Idempotent per (run, chunk), so at-least-once delivery never doubles a row:
 * - a chunk already `done` is not claimed: the job is acknowledged without reading or writing;
 * - two copies of a job running at once (a slow worker whose job expired and was redelivered) both
 *   compute, but only one commit succeeds: the other's COPY hits the (run_id, ticker) primary key of
 *   vecbt_results (or finds the chunk done) and rolls back whole, reported as `already-done`.
 */
import type { Pool, PoolClient } from 'pg';
import { getRun, type RunRow } from '../data/getRun';
import { isConnectionError } from '../data/isConnectionError';
import { tryLockRun, unlockRun } from '../data/runLock';
import { ChunkAlreadyDoneError } from '../data/writeChunkResults';
import type { ChunkRows } from '../batch/chunkRows';
import type { ChunkDoneEvent } from '../batch/events';
import { runChunk, type ChunkStepResult } from '../batch/runChunk';
import { planOf, type RunPlan } from '../batch/runPlan';
import { finalizeRunStats } from '../batch/finalizeRunStats';
import { claimChunk } from './data/claimChunk';
import { finalizeRun } from './data/finalizeRun';

/** What a worker keeps between jobs: each run's row (its date index) and plan (its strategy, evaluated once). */
export type RunCache = Map<number, { run: RunRow; plan: RunPlan }>;

export interface ChunkStepContext {
  pool: Pool;
  /** This worker's name, stored in vecbt_chunks.worker. */
  worker: string;
  runs?: RunCache;
  /** Called when the chunk is claimed, before its bars are read. */
  onClaim?: (info: { tickers: string[]; attempts: number; chunksTotal: number }) => void;
}

export type ChunkStepOutcome =
  | (Pick<ChunkDoneEvent, 'runId' | 'chunkNo' | 'chunksTotal' | 'tickers' | 'bars' | 'readMs' | 'computeMs' | 'writeMs' | 'memory'> & {
      kind: 'done';
      rows: Pick<ChunkRows, 'tradeCount' | 'tickersWithTrades' | 'meanWinRatePct' | 'summaries' | 'skipped'>;
      /** Set when this chunk was the run's last open one and the run ended now. */
      runFinished: 'done' | 'failed' | null;
    })
  /** Committed before (a redelivered job) or by a concurrent copy of this job: nothing written. */
  | { kind: 'already-done'; runId: number; chunkNo: number; runFinished: 'done' | 'failed' | null }
  /** The run is not running (aborted, failed or deleted): nothing done; the chunk stays as it is. */
  | { kind: 'run-closed'; runId: number; chunkNo: number; runStatus: string | null };

const ignore = () => undefined;

/** True when `err` says the chunk was committed by someone else (a concurrent copy of the same job). */
function isAlreadyWritten(err: unknown): boolean {
  return err instanceof ChunkAlreadyDoneError || (err as { code?: string })?.code === '23505';
}

/**
 * Ends the run when this was its last open chunk; the worker that ends it `done` computes its combination
 * figures (a failure there leaves them to `vecbt results`, which computes missing ones).
 */
export async function finishIfLast(pool: Pool, runId: number): Promise<'done' | 'failed' | null> {
  const status = await finalizeRun(pool, runId).catch(() => null);
  if (status === 'done') await finalizeRunStats(pool, runId).catch(ignore);
  return status;
}

/**
 * processChunk(ctx, runId, chunkNo): does one chunk job. Throws on engine or database errors (the chunk is
 * left `running`: the caller releases or fails it).
 * @example const out = await processChunk({ pool, worker: 'web.1:42' }, 7, 3)
 */
export async function processChunk(ctx: ChunkStepContext, runId: number, chunkNo: number): Promise<ChunkStepOutcome> {
  const { pool } = ctx;
  const runs = ctx.runs ?? new Map();
  let cached = runs.get(runId);
  if (!cached) {
    const run = await getRun(pool, runId);
    if (!run) return { kind: 'run-closed', runId, chunkNo, runStatus: null };
    cached = { run, plan: await planOf(pool, run) };
    runs.set(runId, cached);
  }
  const { run, plan } = cached;

  let client: PoolClient | null = await pool.connect();
  client.on('error', ignore); // a dropped connection surfaces as the failing query's error instead
  let locked = false;
  /** Gives the connection back to the pool, with the run's shared lock released first. */
  const release = async () => {
    if (locked) await unlockRun(client!, runId, true);
    locked = false;
    client!.off('error', ignore);
    client!.release();
    client = null;
  };
  try {
    // Workers hold the run's lock shared while they do a chunk; the single-process runner (`vecbt run
    // --resume`) takes it exclusively. So a resume and the workers never write the same run at once:
    // the resume is refused while a worker is mid-chunk, and workers leave the run alone while it runs.
    if (!(await tryLockRun(client, runId, true))) {
      await release();
      return { kind: 'run-closed', runId, chunkNo, runStatus: 'being run by a single-process vecbt run' };
    }
    locked = true;
    const claim = await claimChunk(client, runId, chunkNo, ctx.worker);
    if (claim.kind !== 'claimed') {
      await release();
      if (claim.kind === 'done') return { kind: 'already-done', runId, chunkNo, runFinished: await finishIfLast(pool, runId) };
      return { kind: 'run-closed', runId, chunkNo, runStatus: claim.runStatus };
    }
    const symbols = claim.tickers;
    ctx.onClaim?.({ tickers: symbols, attempts: claim.attempts, chunksTotal: run.chunksTotal });

    let r: ChunkStepResult;
    try {
      r = await runChunk(client, { run, plan, chunkNo, symbols }, { worker: ctx.worker });
    } catch (err) {
      if (!isAlreadyWritten(err)) throw err;
      await release();
      return { kind: 'already-done', runId, chunkNo, runFinished: await finishIfLast(pool, runId) };
    }
    const { rows, bars: nBars, readMs, computeMs, writeMs, memory } = r;
    await release();
    const runFinished = await finishIfLast(pool, runId);
    return {
      kind: 'done',
      runId,
      chunkNo,
      chunksTotal: run.chunksTotal,
      tickers: symbols.length,
      bars: nBars,
      readMs,
      computeMs,
      writeMs,
      memory,
      rows: { tradeCount: rows.tradeCount, tickersWithTrades: rows.tickersWithTrades, meanWinRatePct: rows.meanWinRatePct, summaries: rows.summaries, skipped: rows.skipped },
      runFinished,
    };
  } catch (err) {
    if (client) {
      // A broken connection must not go back to the pool; nor one whose lock could not be released.
      const c: PoolClient = client;
      c.off('error', ignore);
      if (locked && !isConnectionError(err)) {
        const unlocked = await unlockRun(c, runId, true).then(() => true, () => false);
        c.release(unlocked ? undefined : true);
      } else c.release(isConnectionError(err) ? (err as Error) : undefined);
    }
    throw err;
  }
}
