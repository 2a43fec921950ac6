/**
 * The per-chunk step of a distributed run, as one worker does it for one job `{ runId, chunkNo }`:
 * claim the chunk -> read its bars (binary COPY) on the run's date index -> `commitChunk` (the engine, then
 * results + trades + "chunk done" in ONE transaction: the single-process runner's own step) -> figures and
 * the worker's name -> end the run when this was its last open chunk.
 *
 * Idempotent per (run, chunk), so at-least-once delivery never doubles a row:
 * - a chunk already `done` is not claimed: the job is acknowledged without reading or writing;
 * - two copies of a job running at once (a slow worker whose job expired and was redelivered) both
 *   compute, but only one commit succeeds: the other's COPY hits the (run_id, ticker) primary key of
 *   vecbt_results (or finds the chunk done) and rolls back whole, reported as `already-done`.
 */
import type { Pool, PoolClient } from 'pg';
import { getRun, type RunRow } from '../data/getRun';
import { readChunkBars } from '../data/readChunkBars';
import { ChunkAlreadyDoneError } from '../data/writeChunkResults';
import { RUN_LOCK, fromStored } from '../batch/BatchRunner';
import type { ChunkRows } from '../batch/chunkRows';
import { commitChunk, type ChunkCommit, type ChunkEngine } from '../batch/commitChunk';
import type { ChunkDoneEvent } from '../batch/events';
import { resolveStrategy, type StrategyParams } from '../strategy';
import { isConnectionError } from '../data/isConnectionError';
import { claimChunk } from './data/claimChunk';
import { finalizeRun } from './data/finalizeRun';
import { recordWorkerChunk } from './data/recordWorkerChunk';

export type { ChunkEngine };

/** What a worker keeps between jobs: each run's row (its date index) and resolved parameters. */
export type RunCache = Map<number, { run: RunRow; params: Readonly<StrategyParams> }>;

export interface ChunkStepContext {
  pool: Pool;
  /** This worker's name, stored in vecbt_chunks.worker. */
  worker: string;
  engine?: ChunkEngine;
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
    cached = { run, params: resolveStrategy(fromStored(run.params)) };
    runs.set(runId, cached);
  }
  const { run, params } = cached;

  let client: PoolClient | null = await pool.connect();
  client.on('error', ignore); // a dropped connection surfaces as the failing query's error instead
  let locked = false;
  /** Gives the connection back to the pool, with the run's shared lock released first. */
  const release = async () => {
    if (locked) await client!.query('SELECT pg_advisory_unlock_shared($1, $2::int)', [RUN_LOCK, runId]);
    locked = false;
    client!.off('error', ignore);
    client!.release();
    client = null;
  };
  try {
    // Workers hold the run's lock shared while they do a chunk; the single-process runner (`vecbt run
    // --resume`) takes it exclusively. So a resume and the workers never write the same run at once:
    // the resume is refused while a worker is mid-chunk, and workers leave the run alone while it runs.
    const lock = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock_shared($1, $2::int) AS ok', [RUN_LOCK, runId]);
    if (!lock.rows[0].ok) {
      await release();
      return { kind: 'run-closed', runId, chunkNo, runStatus: 'being run by a single-process vecbt run' };
    }
    locked = true;
    const claim = await claimChunk(client, runId, chunkNo, ctx.worker);
    if (claim.kind !== 'claimed') {
      await release();
      if (claim.kind === 'done') return { kind: 'already-done', runId, chunkNo, runFinished: await finalizeRun(pool, runId) };
      return { kind: 'run-closed', runId, chunkNo, runStatus: claim.runStatus };
    }
    const symbols = claim.tickers;
    ctx.onClaim?.({ tickers: symbols, attempts: claim.attempts, chunksTotal: run.chunksTotal });

    const t = performance.now();
    const held = { bars: await readChunkBars(client, symbols, run.dateIndex) };
    const readMs = performance.now() - t;
    let commit: ChunkCommit;
    try {
      commit = await commitChunk(client, run, chunkNo, symbols, held, params, { engine: ctx.engine });
    } catch (err) {
      if (!isAlreadyWritten(err)) throw err;
      await release();
      return { kind: 'already-done', runId, chunkNo, runFinished: await finalizeRun(pool, runId) };
    }
    const { rows, bars: nBars, computeMs, writeMs, memory } = commit;
    // Figures are bookkeeping: the chunk is already committed, so a failure here must not redo it.
    await recordWorkerChunk(client, runId, chunkNo, ctx.worker, {
      readMs,
      computeMs,
      writeMs,
      rssMb: memory.rssMb,
      heapMb: memory.heapUsedMb,
      arrayBuffersMb: memory.arrayBuffersMb,
    }).catch(ignore);
    await release();
    const runFinished = await finalizeRun(pool, runId).catch(() => null);
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
        const unlocked = await c.query('SELECT pg_advisory_unlock_shared($1, $2::int)', [RUN_LOCK, runId]).then(() => true, () => false);
        c.release(unlocked ? undefined : true);
      } else c.release(isConnectionError(err) ? (err as Error) : undefined);
    }
    throw err;
  }
}
