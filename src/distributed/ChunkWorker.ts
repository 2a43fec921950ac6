/**
 * One worker of distributed runs: a loop that takes chunk jobs from pg-boss, one at a time, and does them
 * with `processChunk` (the single-process runner's engine and transactional write). Emits the typed events
 * of `WorkerEventMap` (the CLI prints them); never prints.
 *
 * Per job
 * - success (or the chunk was already done) -> the job is completed;
 * - the strategy or the database throws -> the chunk goes back to `pending` with the error and the job is
 *   failed, which pg-boss retries after a backoff; on the last attempt (`retryCount == retryLimit`) the
 *   chunk is marked `failed` with the reason instead and, if it was the run's last open chunk, the run ends
 *   `failed` listing its failed chunks;
 * - the worker vanishes (SIGKILL, OOM, dyno restart) -> nothing here: the job expires, pg-boss'
 *   maintenance (run by the other workers) retries it, and after the last retry it lands in the
 *   dead-letter queue, which every worker also drains: the chunk is marked `failed` ("worker lost").
 *
 * `stop()` (SIGTERM): takes no new job; the chunk in progress finishes (a chunk takes far less than the
 * 30 s Heroku grants); if it is still running after `stopTimeoutMs` (default 20 s) it is given back
 * (released and its job failed, so another worker retries it) and `run()` resolves anyway.
 */
import { EventEmitter } from 'node:events';
import { hostname } from 'node:os';
import type { Pool } from 'pg';
import type PgBoss from 'pg-boss';
import { maskPassword } from '../data/connection';
import { memorySample } from '../batch/memorySample';
import type { MemorySample } from '../batch/events';
import { failChunk } from './data/failChunk';
import { finishIfLast } from './processChunk';
import { releaseChunk } from './data/releaseChunk';
import { pruneWorkers } from './data/pruneWorkers';
import { upsertWorker } from './data/upsertWorker';
import { processChunk, type ChunkStepOutcome, type RunCache } from './processChunk';
import { CHUNK_QUEUE, DEAD_CHUNK_QUEUE, openBoss, type ChunkJob } from './queue';
import { Waker } from '../batch/Waker';

export interface WorkerOptions {
  pool: Pool;
  /** Masked description of the database, for messages. */
  target: string;
  /** Default `${DYNO or hostname}:${pid}`. */
  name?: string;
  /** How long an idle worker waits between polls of the queue, ms (default 500). */
  pollMs?: number;
  /** pg-boss maintenance period (expiry of lost jobs), s (default 10). */
  maintenanceIntervalSeconds?: number;
  /** Heartbeat period of the vecbt_workers row, ms (default 5000). */
  heartbeatMs?: number;
  /** After stop(): how long the chunk in progress may still take before it is given back, ms (default 20000). */
  stopTimeoutMs?: number;
}

export interface WorkerEventMap {
  'worker:start': { name: string; target: string; queue: string };
  'job:start': { runId: number; chunkNo: number; chunksTotal: number; tickers: number; firstTicker: string; lastTicker: string; attempt: number };
  'job:done': Extract<ChunkStepOutcome, { kind: 'done' }>;
  /** The job was acknowledged without work: chunk already done, or its run is no longer running. */
  'job:skip': { runId: number; chunkNo: number; reason: string };
  'job:error': { runId: number; chunkNo: number; attempt: number; attempts: number; willRetry: boolean; message: string };
  /** A chunk with no retry left was marked failed. */
  'chunk:failed': { runId: number; chunkNo: number; reason: string };
  'run:finished': { runId: number; status: 'done' | 'failed' };
  'worker:stop': { name: string; chunksDone: number; reason: string; gaveBack: boolean };
  /** A queue or bookkeeping error the worker carries on from (the database restarting, ...). */
  'worker:error': { message: string };
}
export type WorkerEventName = keyof WorkerEventMap;

const ignore = () => undefined;

/** `${DYNO or hostname}:${pid}`, e.g. `worker.1:23`. */
export function defaultWorkerName(): string {
  return `${process.env.DYNO ?? hostname()}:${process.pid}`;
}

export class ChunkWorker extends EventEmitter {
  readonly name: string;
  private stopReason: string | null = null;
  private readonly waker = new Waker();
  private boss: PgBoss | null = null;
  private current: { job: PgBoss.JobWithMetadata<ChunkJob>; done: Promise<void> } | null = null;
  private chunksDone = 0;
  private peakRssMb = 0;
  private readonly runs: RunCache = new Map();
  private lastDrain = 0;

  constructor(private readonly opts: WorkerOptions) {
    super();
    this.name = opts.name ?? defaultWorkerName();
  }

  override on<K extends WorkerEventName>(event: K, listener: (payload: WorkerEventMap[K]) => void): this {
    return super.on(event, listener);
  }
  override off<K extends WorkerEventName>(event: K, listener: (payload: WorkerEventMap[K]) => void): this {
    return super.off(event, listener);
  }
  override emit<K extends WorkerEventName>(event: K, payload: WorkerEventMap[K]): boolean {
    return super.emit(event, payload);
  }

  /** Take no new job; finish (or after stopTimeoutMs give back) the one in progress; run() then resolves. */
  stop(reason = 'stopped'): void {
    if (this.stopReason) return;
    this.stopReason = reason;
    this.waker.wake();
  }

  /** Works until stop(); resolves after the worker's row says it stopped. */
  async run(): Promise<void> {
    const { pool } = this.opts;
    this.boss = await openBoss(pool, { maintenanceIntervalSeconds: this.opts.maintenanceIntervalSeconds ?? 10 });
    const beat = setInterval(() => void this.heartbeat(), this.opts.heartbeatMs ?? 5000);
    beat.unref();
    await this.heartbeat();
    await pruneWorkers(pool).catch(ignore);
    this.emit('worker:start', { name: this.name, target: this.opts.target, queue: CHUNK_QUEUE });
    let gaveBack = false;
    try {
      while (!this.stopReason) {
        let job: PgBoss.JobWithMetadata<ChunkJob> | undefined;
        try {
          // The dead-letter queue is rare traffic: look at it every few seconds, not between every two chunks.
          if (performance.now() - this.lastDrain > 3000) {
            await this.drainDeadLetters();
            this.lastDrain = performance.now();
          }
          [job] = await this.boss.fetch<ChunkJob>(CHUNK_QUEUE, { batchSize: 1, includeMetadata: true });
        } catch (err) {
          this.emit('worker:error', { message: maskPassword((err as Error)?.message ?? String(err)) });
          await this.waker.sleep(Math.max(2000, this.opts.pollMs ?? 500));
          continue;
        }
        if (!job) {
          await this.waker.sleep(this.opts.pollMs ?? 500);
          continue;
        }
        const done = this.handle(job);
        this.current = { job, done };
        const finished = await this.raceStop(done);
        this.current = null;
        if (!finished) {
          gaveBack = true;
          await this.giveBack(job);
          break;
        }
      }
    } finally {
      clearInterval(beat);
      await this.heartbeat(true);
      await this.boss.stop({ close: false, graceful: false }).catch(ignore);
      this.emit('worker:stop', { name: this.name, chunksDone: this.chunksDone, reason: this.stopReason ?? 'stopped', gaveBack });
    }
  }

  /** Resolves true when `p` settles; false when stop() was called and `p` outlasted stopTimeoutMs. */
  private async raceStop(p: Promise<void>): Promise<boolean> {
    let settled = false;
    const tracked = p.then(() => (settled = true));
    while (!settled) {
      if (!this.stopReason) {
        await Promise.race([tracked, this.waker.next()]);
        continue;
      }
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((res) => (timer = setTimeout(res, this.opts.stopTimeoutMs ?? 20_000)));
      await Promise.race([tracked, timeout]);
      clearTimeout(timer);
      return settled;
    }
    return true;
  }

  private async giveBack(job: PgBoss.JobWithMetadata<ChunkJob>): Promise<void> {
    const { runId, chunkNo } = job.data;
    const message = `worker ${this.name} stopped (${this.stopReason}) before the chunk committed; given back`;
    await releaseChunk(this.opts.pool, runId, chunkNo, message).catch(ignore);
    await this.boss!.fail(CHUNK_QUEUE, job.id, { message }).catch(ignore);
  }

  /** One chunk job, start to acknowledgement. Never rejects. */
  private async handle(job: PgBoss.JobWithMetadata<ChunkJob>): Promise<void> {
    const { pool } = this.opts;
    const boss = this.boss!;
    const { runId, chunkNo } = job.data;
    const attempts = job.retryLimit + 1;
    const attempt = job.retryCount + 1;
    void this.heartbeat(false, { runId, chunkNo }); // not awaited: bookkeeping must not delay the chunk
    try {
      const out = await processChunk({
        pool,
        worker: this.name,
        runs: this.runs,
        onClaim: ({ tickers, chunksTotal }) =>
          this.emit('job:start', { runId, chunkNo, chunksTotal, tickers: tickers.length, firstTicker: tickers[0], lastTicker: tickers[tickers.length - 1], attempt }),
      }, runId, chunkNo);
      await boss.complete(CHUNK_QUEUE, job.id).catch(ignore); // if this fails the job is redelivered and found done
      if (out.kind === 'done') {
        this.chunksDone++;
        if (out.memory.rssMb > this.peakRssMb) this.peakRssMb = out.memory.rssMb;
        this.emit('job:done', out);
      } else {
        this.emit('job:skip', { runId, chunkNo, reason: out.kind === 'already-done' ? 'chunk already done' : `run is ${out.runStatus ?? 'gone'}` });
        if (out.kind === 'run-closed') this.runs.delete(runId);
      }
      if (out.kind !== 'run-closed' && out.runFinished) {
        this.runs.delete(runId);
        this.emit('run:finished', { runId, status: out.runFinished });
      }
    } catch (err) {
      const message = maskPassword((err as Error)?.message ?? String(err));
      const willRetry = job.retryCount < job.retryLimit;
      this.emit('job:error', { runId, chunkNo, attempt, attempts, willRetry, message });
      try {
        if (willRetry) await releaseChunk(pool, runId, chunkNo, message);
        else await this.markFailed(runId, chunkNo, `failed after ${attempts} attempt(s): ${message}`, true);
      } catch (e) {
        this.emit('worker:error', { message: maskPassword((e as Error)?.message ?? String(e)) });
      }
      await boss.fail(CHUNK_QUEUE, job.id, { message }).catch(ignore); // if this fails the job expires and is retried
    } finally {
      void this.heartbeat();
    }
  }

  private async markFailed(runId: number, chunkNo: number, reason: string, overwrite: boolean): Promise<void> {
    const { pool } = this.opts;
    if (overwrite) await releaseChunk(pool, runId, chunkNo, reason);
    if (await failChunk(pool, runId, chunkNo, reason)) this.emit('chunk:failed', { runId, chunkNo, reason });
    const status = await finishIfLast(pool, runId);
    if (status) {
      this.runs.delete(runId);
      this.emit('run:finished', { runId, status });
    }
  }

  /** Chunk jobs that ran out of retries (including by expiry: their worker vanished): mark the chunks failed. */
  private async drainDeadLetters(): Promise<void> {
    const boss = this.boss!;
    const dead = await boss.fetch<ChunkJob>(DEAD_CHUNK_QUEUE, { batchSize: 20, includeMetadata: true });
    for (const job of dead) {
      const { runId, chunkNo } = job.data;
      const out = job.output as { value?: { message?: string }; message?: string } | null;
      const why = out?.value?.message ?? out?.message ?? 'failed';
      const reason = /timeout in active state/.test(why)
        ? `lost ${job.retryLimit + 1} time(s): its worker stopped answering (killed, out of memory, or slower than the job expiry)`
        : why;
      await this.markFailed(runId, chunkNo, reason, false);
      await boss.complete(DEAD_CHUNK_QUEUE, job.id).catch(ignore);
    }
  }

  private beats: Promise<void> = Promise.resolve();

  /** Upserts this worker's row; beats are chained so a late one never overwrites a newer one (or the stop). */
  private heartbeat(stopped = false, on: { runId: number; chunkNo: number } | null = null): Promise<void> {
    this.beats = this.beats.then(() => this.beat(stopped, on));
    return this.beats;
  }

  private async beat(stopped: boolean, on: { runId: number; chunkNo: number } | null): Promise<void> {
    const m: MemorySample = memorySample();
    if (m.rssMb > this.peakRssMb) this.peakRssMb = m.rssMb;
    await upsertWorker(this.opts.pool, {
      name: this.name,
      host: process.env.DYNO ?? hostname(),
      pid: process.pid,
      runId: on?.runId ?? null,
      chunkNo: on?.chunkNo ?? null,
      chunksDone: this.chunksDone,
      rssMb: m.rssMb,
      heapMb: m.heapUsedMb,
      peakRssMb: this.peakRssMb,
      stopped,
    }).catch(ignore);
  }

}
