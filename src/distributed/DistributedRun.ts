/**
 * A distributed run seen from the machine that starts it: creates the run (the single-process runner's
 * `prepare`: same chunks, same date index, same memory check), enqueues one pg-boss job per chunk that
 * is not done, then follows the run from the database and emits the same typed `RunnerEventMap` events
 * as `BatchRunner`, so the TUI and the plain log render it unchanged (with each chunk's worker).
 *
 * The run lives in the database, not in this process: with `detach` nothing is followed, and a follower
 * that exits leaves the workers working. Workers end the run (`done`, or `failed` listing the failed
 * chunks) when its last chunk is committed or given up; the follower only observes. `abort()` (Ctrl-C,
 * SIGTERM of the follower) marks the run `aborted`: chunks in progress still commit, the rest are left
 * pending for `npx vecbt run --resume <id>` (single process) or `--distributed --resume <id>`.
 *
 * Events: run:start once; chunk:start when a worker claims a chunk (again per attempt); chunk:error when
 * an attempt fails (willRetry: the chunk went back to pending); chunk:done when it committed, with its
 * figures as the worker recorded them and its per-ticker results read back; memory after every poll (the
 * last committed chunk's worker memory; peak over all chunks); run:done once. Plus, outside the runner's
 * map, `workers` when the set of live workers changes.
 */
import { EventEmitter } from 'node:events';
import { BatchRunner, type BatchOptions } from '../batch/BatchRunner';
import type { RunDoneEvent, RunnerEventMap, RunnerEventName, RunnerEvents } from '../batch/events';
import { getRun } from '../data/getRun';
import { abortRun } from './data/abortRun';
import { finishIfLast } from './processChunk';
import { listChunkStates, type ChunkState } from './data/listChunkStates';
import { listWorkers, type WorkerRow } from './data/listWorkers';
import { markRunDistributed } from './data/markRunDistributed';
import { readChunkSummaries } from './data/readChunkSummaries';
import { readRunProgress } from './data/readRunProgress';
import { DEFAULT_JOB_POLICY, enqueueChunks, openBoss, type ChunkJobPolicy } from './queue';
import { Waker } from '../batch/Waker';
import { planOf } from '../batch/runPlan';
import { finalizeRunStats } from '../batch/finalizeRunStats';
import { hasComboStats } from '../data/readComboStats';
import { describeSettings } from '../strategy/resolveSettings';

export interface DistributedOptions extends Omit<BatchOptions, 'prefetch' | 'maxAttempts' | 'retryBaseMs'> {
  /** Job expiry / retries of this run's chunk jobs (defaults: 50 s, 2 retries, 2 s backoff). */
  policy?: Partial<ChunkJobPolicy>;
  /** How often the follower polls the database, ms (default 500). */
  pollMs?: number;
  /** A worker whose heartbeat is older than this is not counted as live, s (default 30). */
  workerStaleSeconds?: number;
}

/** Extra event of a distributed run (not in RunnerEventMap): the live workers, when the set changes. */
export interface WorkersEvent {
  runId: number;
  /** Workers with a heartbeat in the last `workerStaleSeconds` that have not stopped. */
  alive: WorkerRow[];
}

export interface DistributedEventMap extends RunnerEventMap {
  workers: WorkersEvent;
}

export class DistributedRun extends EventEmitter implements RunnerEvents {
  private id: number | null = null;
  private aborted: string | null = null;
  private readonly waker = new Waker();
  private resumed = false;
  /** Chunks done before this object enqueued anything: the rest are reported as they finish. */
  private doneBefore = new Set<number>();

  constructor(private readonly opts: DistributedOptions) {
    super();
  }

  override on<K extends keyof DistributedEventMap>(event: K, listener: (payload: DistributedEventMap[K]) => void): this {
    return super.on(event, listener);
  }
  override off<K extends keyof DistributedEventMap>(event: K, listener: (payload: DistributedEventMap[K]) => void): this {
    return super.off(event, listener);
  }
  override emit<K extends keyof DistributedEventMap>(event: K, payload: DistributedEventMap[K]): boolean {
    return super.emit(event, payload);
  }

  get runId(): number | null {
    return this.id;
  }

  /**
   * Creates the run (or reopens `resumeRunId`: failed and interrupted chunks back to pending) and enqueues
   * a job for every chunk not done; returns the run id. Called by `follow()` when not called before.
   */
  async prepare(): Promise<number> {
    if (this.id !== null) return this.id;
    const { pool } = this.opts;
    // BatchRunner.prepare() refuses a missing or finished run to resume, with the same messages as vecbt run.
    this.resumed = this.opts.resumeRunId !== undefined;
    const runId = await new BatchRunner(this.opts as BatchOptions).prepare();
    await markRunDistributed(pool, runId);
    const states = await listChunkStates(pool, runId);
    this.doneBefore = new Set(states.filter((c) => c.status === 'done').map((c) => c.chunkNo));
    const pending = states.filter((c) => c.status !== 'done').map((c) => c.chunkNo);
    if (pending.length) {
      const boss = await openBoss(pool, { supervise: false });
      try {
        await enqueueChunks(boss, runId, pending, { ...DEFAULT_JOB_POLICY, ...this.opts.policy });
      } finally {
        await boss.stop({ close: false, graceful: false });
      }
    } else {
      await finishIfLast(pool, runId); // an empty universe, or nothing left: done now
    }
    this.id = runId;
    return runId;
  }

  /** Stop following and mark the run aborted (chunks in progress still commit). Safe to call any time, repeatedly. */
  abort(reason = 'aborted'): void {
    if (this.aborted) return;
    this.aborted = reason;
    this.waker.wake();
  }

  /** Follows the run until it ends (or abort()); resolves with the run:done payload. */
  async follow(): Promise<RunDoneEvent> {
    const { pool } = this.opts;
    const t0 = performance.now();
    const runId = await this.prepare();
    const run = (await getRun(pool, runId))!;
    const plan = await planOf(pool, run);
    let states = await listChunkStates(pool, runId);
    // Workers may have done chunks between prepare() and now: only chunks done before prepare() count
    // as done at the start; every other chunk is reported as it is seen running, failing or done.
    const prev = new Map<number, ChunkState>(
      states.map((s) => [s.chunkNo, this.doneBefore.has(s.chunkNo) ? s : { ...s, status: 'pending', error: null, attempts: 0 }]),
    );
    const started = new Set<number>();
    /** Per chunk, the last attempt whose failure was reported. */
    const errorReported = new Map<number, number>();
    const doneAtStart = states.filter((s) => this.doneBefore.has(s.chunkNo));
    this.emit('run:start', {
      runId,
      target: this.opts.target,
      dateFrom: run.dateFrom,
      dateTo: run.dateTo,
      chunkSize: run.chunkSize,
      chunksTotal: states.length,
      tickersTotal: run.tickersTotal,
      chunksDone: doneAtStart.length,
      tickersDone: doneAtStart.reduce((n, s) => n + s.tickers, 0),
      resumed: this.resumed,
      strategy: run.strategyFile ? `${run.strategy} (${run.strategyFile})` : run.strategy,
      settings: describeSettings(plan.strategy, plan.resolved),
      ...(run.lookahead && run.lookahead !== 'passed' ? { warnings: [run.lookahead] } : {}),
      memoryBudgetMb: this.opts.memoryBudgetMb ?? 512,
    });
    let peakRssMb = Math.max(0, ...states.map((s) => s.rssMb ?? 0));
    let aliveKey = '\0'; // never a real key: the first poll always reports
    let lastWorkersPoll = -Infinity; // the first poll always looks at the workers
    for (;;) {
      const progress = await readRunProgress(pool, runId);
      states = await listChunkStates(pool, runId);
      const newlyDone: ChunkState[] = [];
      for (const s of states) {
        const p = prev.get(s.chunkNo);
        const reported = errorReported.get(s.chunkNo) ?? 0;
        // An attempt we saw running ended without us seeing it fail: its worker vanished (the job expired
        // and was retried) or it failed and was retried between two polls.
        if (p?.status === 'running' && s.attempts > p.attempts && p.attempts > reported) {
          const message = s.error ?? `worker ${p.worker ?? '?'} did not finish it (killed, out of memory or restarted); the chunk was retried`;
          this.emit('chunk:error', { runId, chunkNo: s.chunkNo, attempt: Math.max(1, p.attempts), willRetry: true, message });
          errorReported.set(s.chunkNo, p.attempts);
        }
        if (s.status === 'running' && (p?.status !== 'running' || p.attempts !== s.attempts)) {
          this.emitStart(runId, s, states.length);
          started.add(s.chunkNo);
        }
        if (s.error && (s.status === 'pending' || s.status === 'failed') && (s.error !== p?.error || s.attempts !== p?.attempts || s.status !== p?.status)) {
          this.emit('chunk:error', { runId, chunkNo: s.chunkNo, attempt: Math.max(1, s.attempts), willRetry: s.status === 'pending', message: s.error });
          errorReported.set(s.chunkNo, s.attempts);
        }
        if (s.status === 'done' && p?.status !== 'done') newlyDone.push(s);
        prev.set(s.chunkNo, s);
      }
      if (newlyDone.length) {
        const sums = await readChunkSummaries(pool, runId, newlyDone.map((s) => s.chunkNo));
        for (const s of newlyDone) {
          if (!started.has(s.chunkNo)) this.emitStart(runId, s, states.length);
          started.delete(s.chunkNo);
          const sum = sums.get(s.chunkNo)!;
          if ((s.rssMb ?? 0) > peakRssMb) peakRssMb = s.rssMb!;
          this.emit('chunk:done', {
            runId,
            chunkNo: s.chunkNo,
            chunksTotal: states.length,
            tickers: s.tickers,
            bars: s.bars ?? 0,
            readMs: s.readMs ?? NaN,
            computeMs: s.computeMs ?? NaN,
            writeMs: s.writeMs ?? NaN,
            memory: { rssMb: s.rssMb ?? NaN, heapUsedMb: s.heapMb ?? NaN, arrayBuffersMb: s.arrayBuffersMb ?? NaN },
            trades: sum.trades,
            tickersWithTrades: sum.tickersWithTrades,
            meanWinRatePct: sum.meanWinRatePct,
            results: sum.results,
            skipped: sum.skipped,
            ...(s.worker ? { worker: s.worker } : {}),
          });
        }
        const last = newlyDone[newlyDone.length - 1];
        this.emit('memory', { memory: { rssMb: last.rssMb ?? NaN, heapUsedMb: last.heapMb ?? NaN, arrayBuffersMb: last.arrayBuffersMb ?? NaN }, peakRssMb });
      }
      if (performance.now() - lastWorkersPoll > 2000) {
        lastWorkersPoll = performance.now();
        const alive = (await listWorkers(pool, this.opts.workerStaleSeconds ?? 30)).filter((w) => !w.stoppedAt);
        const key = alive.map((w) => w.name).sort().join(',');
        if (key !== aliveKey) this.emit('workers', { runId, alive });
        aliveKey = key;
      }
      let status = progress?.status ?? 'aborted';
      if (status === 'running' && states.every((s) => s.status === 'done' || s.status === 'failed')) {
        status = (await finishIfLast(pool, runId)) ?? status; // normally a worker did this already
        if (status !== 'running') continue; // one more pass: emit what the final poll saw, then end
      }
      if (status === 'running' && this.aborted && (await abortRun(pool, runId, this.aborted))) continue;
      if (status !== 'running') return this.finish(runId, t0, peakRssMb);
      await this.waker.sleep(this.opts.pollMs ?? 500);
    }
  }

  private emitStart(runId: number, s: ChunkState, chunksTotal: number): void {
    this.emit('chunk:start', {
      runId,
      chunkNo: s.chunkNo,
      chunksTotal,
      tickers: s.tickers,
      firstTicker: s.firstTicker,
      lastTicker: s.lastTicker,
      attempt: Math.max(1, s.attempts),
      ...(s.worker ? { worker: s.worker } : {}),
    });
  }

  private async finish(runId: number, t0: number, peak: number): Promise<RunDoneEvent> {
    let p = (await readRunProgress(this.opts.pool, runId))!;
    // The worker that ended the run may still be computing its combination figures: make sure they exist before
    // saying the run is done (the write is serialized, so computing them twice is harmless).
    if (p.status === 'done' && !(await hasComboStats(this.opts.pool, runId))) {
      await finalizeRunStats(this.opts.pool, runId).catch(() => undefined);
      p = (await readRunProgress(this.opts.pool, runId))!;
    }
    const status = p.status === 'running' ? 'aborted' : p.status;
    const done: RunDoneEvent = {
      runId,
      status,
      elapsedMs: performance.now() - t0,
      tickersDone: p.tickersDone,
      tickersTotal: p.tickersTotal,
      peakRssMb: Math.max(peak, p.peakRssMb ?? 0),
      ...(p.error ? { error: p.error } : {}),
      ...(status === 'done'
        ? { resultsCommand: (this.opts.resultsCommand ?? ((id) => `npx vecbt results ${id}`))(runId) }
        : { resumeCommand: (this.opts.resumeCommand ?? ((id) => `npx vecbt run --resume ${id}`))(runId) }),
    };
    this.emit('run:done', done);
    return done;
  }

}

/**
 * Creates a distributed run, enqueues its chunks and, unless `detach`, follows it to the end.
 * @example
 *   const done = await runDistributed({ pool, target, chunkSize: 500 }, (run) => attachPlainLog(run, process.stdout));
 */
export async function runDistributed(
  opts: DistributedOptions & { detach?: boolean },
  listen?: (run: DistributedRun) => void,
): Promise<RunDoneEvent | { runId: number; detached: true }> {
  const run = new DistributedRun(opts);
  listen?.(run);
  if (opts.detach) return { runId: await run.prepare(), detached: true };
  return run.follow();
}
