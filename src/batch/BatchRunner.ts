/**
 * The chunked batch loop as a library. One `BatchRunner` drives one run (new or resumed) of any strategy and
 * emits the typed events of `events.ts`; it never prints. Per chunk it calls `runChunk` (read the strategy's
 * fields -> strategy -> simulate -> rows -> one transaction -> figures), the step distributed workers share;
 * around it: the run lock, retries with backoff, the next chunk's read started early, events.
 *
 * Invariants
 * - A run's chunks (their symbol lists) and its date index are fixed when the run is created, so chunk
 *   size never changes a number (every chunk sees the same rows as the whole universe would) and a resumed
 *   run computes exactly what an uninterrupted one would.
 * - A chunk is all-or-nothing (one transaction); done chunks are skipped on resume.
 * - Only one process works on a run at a time: the run's advisory lock (data/runLock.ts).
 * - Every chunk runs the run's recorded strategy (`planOf`: a built-in by name or the stored source of a
 *   strategy file), never a file given now: a resume with a different file is refused.
 * - `abort()` (SIGTERM/SIGINT) lets the current chunk commit, then the run is marked `aborted`.
 * - A connection error (server restart, terminated backend, network) retries the chunk with exponential
 *   backoff, up to `maxAttempts`; then the run is marked `failed` (resumable).
 */
import { EventEmitter } from 'node:events';
import type { Pool, PoolClient } from 'pg';
import { UserError } from '../errors';
import { isConnectionError } from '../data/isConnectionError';
import { maskPassword } from '../data/connection';
import { checkMarketDataColumns } from '../data/checkMarketDataColumns';
import { createRun } from '../data/createRun';
import { finishRun } from '../data/finishRun';
import { getRun, type RunRow } from '../data/getRun';
import { lastBarDate } from '../data/lastBarDate';
import { listActiveSymbols } from '../data/listActiveSymbols';
import { listChunks, type ChunkRow } from '../data/listChunks';
import { markChunkFailed } from '../data/markChunkFailed';
import { markChunkStarted } from '../data/markChunkStarted';
import { markRunStarted } from '../data/markRunStarted';
import { readChunkBars, type ChunkBars } from '../data/readChunkBars';
import { readUnionDates } from '../data/readUnionDates';
import { dayToIso, isoToDay } from '../data/queryable';
import { tryLockRun, unlockRun } from '../data/runLock';
import { lookaheadOfSource } from '../data/lookaheadOfSource';
import { setRunLookahead } from '../data/setRunLookahead';
import { checkLookahead, formatLookahead } from '../strategy/checkLookahead';
import { getStrategy } from '../strategies';
import type { Strategy } from '../strategy/defineStrategy';
import { StrategyError } from '../strategy/runStrategy';
import { memorySample } from './memorySample';
import { runChunk, strategyView } from './runChunk';
import { planFor, planOf, storedParams, type RunPlan } from './runPlan';
import { Waker } from './Waker';
import type { ChunkPhase, RunDoneEvent, RunnerEventMap, RunnerEventName, RunnerEvents } from './events';
import { describeSettings, resolveSettings, type ResolvedSettings } from '../strategy/resolveSettings';
import type { ParamValue } from '../strategy/paramSpec';
import type { SelectMetric } from '../sweep/selectMetrics';
import { windowsOf, type WindowSpec } from '../sweep/windowsOf';
import { finalizeRunStats } from './finalizeRunStats';

const MB = 1024 * 1024;
const ABORTED = Symbol('aborted');
const ignore = () => undefined;

export interface BatchOptions {
  pool: Pool;
  /** Masked description of the database for run:start. */
  target: string;
  /** Tickers per chunk (default 500). Ignored on resume (the run's own). */
  chunkSize?: number;
  /** YYYY-MM-DD; default: two years before `to`. */
  from?: string;
  /** YYYY-MM-DD; default: the last bar date of the active tickers. */
  to?: string;
  /** The strategy of a new run (default: rvol_atr). A strategy file's text comes with it in `strategySource`. */
  strategy?: Strategy<never>;
  /** For a strategy loaded from a file: where it came from and its text (stored with the run, re-run by workers). */
  strategySource?: { file: string; source: string; sha256: string };
  /** Strategy parameters and portfolio settings, flat by spec name (the rest take their defaults). */
  settings?: Readonly<Record<string, unknown>>;
  /**
   * Check a strategy file for look-ahead on the run's first chunk the first time a run uses its text (the
   * verdict is stored with the run and shown as a warning when it finds something). Off for built-ins.
   */
  lookaheadCheck?: boolean;
  /**
   * A sweep: the combinations, each the swept settings' values (merged over `settings`), plus what to record of
   * the grid (axes, sample, skipped combinations) for the report. Absent: a single combination.
   */
  grid?: { combos: Record<string, ParamValue>[]; describe?: Record<string, unknown> };
  /** Walk-forward windows (rolling or anchored) or a single in-sample / out-of-sample split, over the run's dates. */
  windows?: WindowSpec;
  /** The metric combinations are ranked by (default median_sharpe). */
  selectMetric?: SelectMetric;
  /** A sweep's trades: those of the best K combinations, written when the run is done (default none). */
  keepTrades?: number;
  /** Continue this run instead of creating one. */
  resumeRunId?: number;
  /** Memory the run must stay under, MB (default 512, a Heroku standard-1x/basic dyno). */
  memoryBudgetMb?: number;
  /** Attempts per chunk on connection errors (default 5). */
  maxAttempts?: number;
  /** First backoff delay, doubled per attempt (default 500 ms). */
  retryBaseMs?: number;
  /** Memory event period (default 200 ms). */
  memorySampleMs?: number;
  /** The command that continues a run (for messages); default `npx vecbt run --resume <id>`. */
  resumeCommand?: (runId: number) => string;
  resultsCommand?: (runId: number) => string;
  /** Read the next chunk while this one is simulated and written (default true). */
  prefetch?: boolean;
}

/** Two years back from `to`, plus one day: `2024-12-31` -> `2023-01-01`. */
export function twoYearsBefore(to: string): string {
  const d = new Date(`${to}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - 2);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Bytes a chunk's arrays need per ticker per bar: the fields read, the strategy's indicators, the value series
 * and the simulation's temporaries (float64), plus entries/exits.
 */
function bytesPerCell(plan: RunPlan, indicators: number): number {
  return 8 * (plan.fields.length + indicators + 5) + 2;
}

/** How many indicator arrays the strategy makes (a dry run on a tiny all-NaN matrix; 4 if that throws). */
function countIndicators(plan: RunPlan): number {
  const nRows = plan.warmup + 2;
  const nan = () => new Float64Array(nRows).fill(NaN);
  try {
    const out = plan.strategy.indicators({ nRows, nCols: 1, open: nan(), high: nan(), low: nan(), close: nan(), volume: nan() }, plan.resolved.params as never);
    return Object.keys(out ?? {}).length;
  } catch {
    return 4;
  }
}

export class BatchRunner extends EventEmitter implements RunnerEvents {
  private aborted: string | null = null;
  private readonly waker = new Waker();
  private peakRssMb = 0;
  private run: RunRow | null = null;
  private plan: RunPlan | null = null;

  constructor(private readonly opts: BatchOptions) {
    super();
  }

  override on<K extends RunnerEventName>(event: K, listener: (payload: RunnerEventMap[K]) => void): this {
    return super.on(event, listener);
  }
  override off<K extends RunnerEventName>(event: K, listener: (payload: RunnerEventMap[K]) => void): this {
    return super.off(event, listener);
  }
  override emit<K extends RunnerEventName>(event: K, payload: RunnerEventMap[K]): boolean {
    return super.emit(event, payload);
  }

  /** Stop after the chunk in progress commits; the run ends `aborted`. Safe to call any time, repeatedly. */
  abort(reason = 'aborted'): void {
    if (this.aborted) return;
    this.aborted = reason;
    this.waker.wake();
  }

  get runId(): number | null {
    return this.run?.id ?? null;
  }

  /**
   * Creates the run (or loads the one to resume) without starting it; returns its id. Called by `start()`
   * when not called before, so a CLI can print the id first.
   */
  async prepare(): Promise<number> {
    if (this.run) return this.run.id;
    const { pool } = this.opts;
    if (this.opts.resumeRunId !== undefined) {
      const run = await getRun(pool, this.opts.resumeRunId);
      if (!run) throw new UserError(`run ${this.opts.resumeRunId} does not exist; list runs with: npx vecbt runs`);
      if (run.status === 'done') throw new UserError(`run ${run.id} is already done; see its results with: npx vecbt results ${run.id}`);
      this.checkSameStrategy(run);
      this.run = run;
      return run.id;
    }
    const strategy = this.opts.strategy ?? getStrategy('rvol_atr');
    const settings = this.opts.settings ?? {};
    const resolved = resolveSettings(strategy, settings) as ResolvedSettings<Record<string, ParamValue>>;
    const gridCombos = this.opts.grid?.combos ?? [];
    const combos = gridCombos.map((c) => resolveSettings(strategy, { ...settings, ...c }) as ResolvedSettings<Record<string, ParamValue>>);
    const kind = this.opts.windows ? (this.opts.windows.kind === 'split' ? 'split' : 'walk-forward') : gridCombos.length ? 'sweep' : 'single';
    const plan = planFor(strategy, resolved, { kind, combos, selectMetric: this.opts.selectMetric });
    // A chunk commits every combination of its tickers in one transaction: keep that at ~100,000 result rows.
    const chunkSize = this.opts.chunkSize ?? Math.max(10, Math.min(500, Math.floor(100_000 / plan.combos.length)));
    await checkMarketDataColumns(pool);
    const to = this.opts.to ?? (await lastBarDate(pool)) ?? new Date().toISOString().slice(0, 10);
    const from = this.opts.from ?? twoYearsBefore(to);
    const symbols = await listActiveSymbols(pool);
    // The union date index costs a scan of the range (~0.6 s for 3 M bars); meanwhile, on a second
    // connection, the first chunk is read onto the plain calendar of the range and compacted onto the
    // index once it is known (in place: the union's rows are a subset of the calendar's, in order).
    const early = this.readFirstChunkEarly(symbols.slice(0, chunkSize), from, to, plan);
    const dateIndex = await readUnionDates(pool, from, to);
    this.checkMemoryBudget(dateIndex.length, Math.min(chunkSize, symbols.length), plan);
    const windows = this.opts.windows ? windowsOf(this.opts.windows, dateIndex) : null;
    const src = this.opts.strategySource;
    const id = await createRun(pool, {
      strategy: strategy.name,
      strategyFile: src?.file ?? null,
      strategySource: src?.source ?? null,
      strategySha256: src?.sha256 ?? null,
      lookahead: src && this.opts.lookaheadCheck === false ? 'skipped' : null,
      params: storedParams(resolved),
      kind,
      combos: gridCombos.length ? combos.map(storedParams) : undefined,
      grid: this.opts.grid ? { ...(this.opts.grid.describe ?? {}), combos: gridCombos.length } : null,
      windows,
      selectMetric: this.opts.selectMetric ?? null,
      keepTrades: this.opts.keepTrades ?? null,
      dateFrom: from,
      dateTo: to,
      chunkSize,
      dateIndex,
      symbols,
    });
    this.run = (await getRun(pool, id))!;
    if (early) {
      const fromDay = isoToDay(from);
      this.prefetch = {
        chunkNo: 1,
        done: early.then((r) => ('error' in r ? r : { bars: compactToIndex(r.bars, fromDay, dateIndex), readMs: r.readMs })),
      };
    }
    if (src && this.opts.lookaheadCheck) await this.checkLookaheadOnce(id, plan, src.sha256, symbols.slice(0, chunkSize), dateIndex);
    return id;
  }

  /**
   * The automatic look-ahead check of a strategy file: on the run's first chunk (the read already under way),
   * the first time a run uses this text; later runs copy the first verdict.
   */
  private async checkLookaheadOnce(runId: number, plan: RunPlan, sha: string, first: string[], dateIndex: Int32Array): Promise<void> {
    const { pool } = this.opts;
    const before = await lookaheadOfSource(pool, sha);
    let verdict: string;
    if (before && before.runId !== runId) verdict = before.verdict;
    else {
      const pre = this.prefetch ? await this.prefetch.done : null;
      if (!pre || 'error' in pre || !first.length) return; // no data to check on (the run itself will say why)
      const index = Array.from(dateIndex, dayToIso);
      const report = checkLookahead(pre.bars.data, plan.strategy, plan.resolved.params as never, { view: (d) => strategyView(d, plan.strategy.name) });
      verdict = report.count === 0 ? 'passed' : formatLookahead(report, index, first).join('; ');
    }
    await setRunLookahead(pool, runId, verdict);
    this.run = (await getRun(pool, runId))!;
  }

  /**
   * A resume runs the run's recorded strategy. When the caller names one too, it must be that one: a built-in
   * of the same name, or a file with exactly the recorded text.
   */
  private checkSameStrategy(run: RunRow): void {
    const given = this.opts.strategy;
    if (!given) return;
    const src = this.opts.strategySource;
    if (given.name !== run.strategy || (src === undefined) !== (run.strategySource === null)) {
      throw new UserError(`run ${run.id} runs strategy ${run.strategy}${run.strategyFile ? ` (${run.strategyFile})` : ''}, not ${given.name}${src ? ` (${src.file})` : ''}; resume it without --strategy, or start a new run`);
    }
    if (src && src.sha256 !== run.strategySha256) {
      throw new UserError(
        `${src.file} has changed since run ${run.id} was created (SHA-256 ${src.sha256.slice(0, 12)}... vs ${run.strategySha256?.slice(0, 12)}... recorded): ` +
          `the run's done chunks were computed with the recorded code, so resuming with this file would mix two strategies; ` +
          `resume without --strategy (the recorded code runs), or start a new run with the changed file`,
      );
    }
  }

  private readFirstChunkEarly(first: string[], from: string, to: string, plan: RunPlan): Promise<{ bars: ChunkBars; readMs: number } | { error: unknown }> | null {
    const fromDay = isoToDay(from);
    const days = isoToDay(to) - fromDay + 1;
    if (this.opts.prefetch === false || !first.length || !(days > 0 && days <= 40_000)) return null;
    const calendar = new Int32Array(days);
    for (let k = 0; k < days; k++) calendar[k] = fromDay + k;
    const t = performance.now();
    return (async () => {
      const client = await this.opts.pool.connect();
      client.on('error', ignore);
      let broken: Error | undefined;
      try {
        return { bars: await readChunkBars(client, first, calendar, 'agg', plan.fields), readMs: performance.now() - t };
      } catch (error) {
        if (isConnectionError(error)) broken = error as Error;
        throw error;
      } finally {
        client.off('error', ignore);
        client.release(broken);
      }
    })().catch((error: unknown) => ({ error }));
  }

  private checkMemoryBudget(nRows: number, chunkTickers: number, plan: RunPlan): void {
    const budget = this.opts.memoryBudgetMb;
    if (!budget) return;
    const base = process.memoryUsage().rss / MB;
    const perTickerMb = (nRows * bytesPerCell(plan, countIndicators(plan))) / MB;
    const need = base + chunkTickers * perTickerMb * 2; // x2: the next chunk's arrays may be allocated before the last is collected
    if (need > budget) {
      const fit = Math.floor((budget - base) / (perTickerMb * 2));
      throw new UserError(
        `a chunk of ${chunkTickers} tickers x ${nRows} bars needs about ${Math.ceil(need)} MB (process ${Math.round(base)} MB + arrays), over --memory-budget ${budget} MB; ` +
          (fit >= 1 ? `use --chunk-size ${fit} or less` : `raise --memory-budget (the process alone uses ${Math.round(base)} MB)`),
      );
    }
  }

  /** Runs (or resumes) to the end, an abort or a failure; resolves with the run:done payload. Never rejects for chunk errors. */
  async start(): Promise<RunDoneEvent> {
    const { pool } = this.opts;
    const t0 = performance.now();
    const runId = await this.prepare();
    const run = this.run!;
    const sampler = setInterval(() => this.sample(), this.opts.memorySampleMs ?? 200);
    sampler.unref();
    try {
      await this.takeLock(runId, `run ${runId} is being worked on by another process (its advisory lock is held); wait for it to finish, then check: npx vecbt runs`);
      const fresh = (await getRun(pool, runId))!;
      if (fresh.status === 'done') throw new UserError(`run ${runId} is already done; see its results with: npx vecbt results ${runId}`);
      // The recorded strategy, as every worker would evaluate it (for a file: its stored text).
      const plan = await planOf(pool, fresh, this.opts.strategy);
      this.plan = plan;
      await markRunStarted(pool, runId);
      const chunks = await listChunks(pool, runId);
      const pending = chunks.filter((c) => c.status !== 'done');
      const chunksDone = chunks.length - pending.length;
      let tickersDone = chunks.filter((c) => c.status === 'done').reduce((n, c) => n + c.tickers.length, 0);
      this.emit('run:start', {
        runId,
        target: this.opts.target,
        dateFrom: run.dateFrom,
        dateTo: run.dateTo,
        chunkSize: run.chunkSize,
        chunksTotal: chunks.length,
        tickersTotal: run.tickersTotal,
        chunksDone,
        tickersDone,
        resumed: this.opts.resumeRunId !== undefined,
        strategy: run.strategyFile ? `${run.strategy} (${run.strategyFile})` : run.strategy,
        settings: describeSettings(plan.strategy, plan.resolved),
        ...(run.lookahead && run.lookahead !== 'passed' ? { warnings: [run.lookahead] } : {}),
        memoryBudgetMb: this.opts.memoryBudgetMb ?? 512,
      });
      this.sample();
      let failure: string | null = null;
      for (let k = 0; k < pending.length; k++) {
        const chunk = pending[k];
        if (this.aborted) break;
        let err: string | null | typeof ABORTED;
        try {
          // The lock's connection died (and the lock with it): take a new one before writing more.
          if (this.lockLost) await this.retakeLock(runId);
          err = await this.runChunk(run, plan, chunk, chunks.length, pending[k + 1]);
        } catch (e) {
          // Anything unexpected still ends the run as failed (resumable) with the reason, never 'running'.
          err = maskPassword((e as Error)?.message ?? String(e));
          if (e instanceof UserError) {
            if (e instanceof StrategyError) await markChunkFailed(pool, runId, chunk.chunkNo, err).catch(() => undefined);
            await this.dropPrefetch();
            await this.finish(runId, 'failed', t0, tickersDone, err);
            throw e;
          }
        }
        if (err === ABORTED) break;
        if (err) {
          failure = err;
          break;
        }
        tickersDone += chunk.tickers.length;
      }
      await this.dropPrefetch();
      const status = failure ? 'failed' : this.aborted ? 'aborted' : 'done';
      return await this.finish(runId, status, t0, tickersDone, failure ?? (status === 'aborted' ? this.aborted : null));
    } finally {
      clearInterval(sampler);
      await this.dropLock(runId, true);
    }
  }

  /** The connection that holds the run's lock, and whether that connection died (the lock with it). */
  private lock: PoolClient | null = null;
  private lockLost = false;
  private readonly onLockError = () => {
    this.lockLost = true;
  };

  /** Takes the run's lock on a connection of its own; a refusal is a UserError with `refused`. Never leaks the connection. */
  private async takeLock(runId: number, refused: string): Promise<void> {
    const c = await this.opts.pool.connect();
    c.on('error', this.onLockError);
    this.lockLost = false;
    let ok = false;
    try {
      ok = await tryLockRun(c, runId);
    } catch (err) {
      c.off('error', this.onLockError);
      c.release(isConnectionError(err) ? (err as Error) : true);
      throw err;
    }
    if (!ok) {
      c.off('error', this.onLockError);
      c.release();
      throw new UserError(refused);
    }
    this.lock = c;
  }

  /** Gives the lock's connection back: unlocked first when asked and it is alive, else destroyed. */
  private async dropLock(runId: number, unlock: boolean): Promise<void> {
    const c = this.lock;
    this.lock = null;
    if (!c) return;
    let broken = this.lockLost;
    if (!broken && unlock) await unlockRun(c, runId).catch(() => (broken = true));
    c.off('error', this.onLockError);
    c.release(broken ? true : undefined);
  }

  /** After the lock's connection died: a new connection and the lock again, with backoff on connection errors. */
  private async retakeLock(runId: number): Promise<void> {
    await this.dropLock(runId, false);
    const maxAttempts = this.opts.maxAttempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.takeLock(runId, `run ${runId} was taken over by another process while its connection was down; check: npx vecbt runs`);
      } catch (err) {
        if (!isConnectionError(err) || attempt >= maxAttempts) throw err;
        await this.sleep(this.backoff(attempt), true);
      }
    }
  }

  private async finish(runId: number, status: 'done' | 'aborted' | 'failed', t0: number, tickersDone: number, error: string | null): Promise<RunDoneEvent> {
    if (status === 'done') {
      // The per-combination figures over the universe: a read of what the chunks stored, then one write. If it
      // fails the run is still done; `vecbt results` computes them when they are missing.
      await finalizeRunStats(this.opts.pool, runId).catch((e: unknown) => this.emit('chunk:error', { runId, chunkNo: 0, attempt: 1, willRetry: false, message: `combination figures not computed: ${maskPassword((e as Error)?.message ?? String(e))}` }));
    }
    this.sample();
    const elapsedMs = performance.now() - t0;
    const peak = Math.max(this.peakRssMb, process.resourceUsage().maxRSS / 1024);
    for (let attempt = 1; ; attempt++) {
      try {
        await finishRun(this.opts.pool, runId, { status, peakRssMb: peak, elapsedMs, error });
        break;
      } catch (err) {
        if (!isConnectionError(err) || attempt >= (this.opts.maxAttempts ?? 5)) break; // the run stays 'running': still resumable
        await this.sleep(this.backoff(attempt), true);
      }
    }
    const done: RunDoneEvent = {
      runId,
      status,
      elapsedMs,
      tickersDone,
      tickersTotal: this.run!.tickersTotal,
      peakRssMb: peak,
      ...(error ? { error } : {}),
      ...(status === 'done'
        ? { resultsCommand: (this.opts.resultsCommand ?? ((id) => `npx vecbt results ${id}`))(runId) }
        : { resumeCommand: (this.opts.resumeCommand ?? ((id) => `npx vecbt run --resume ${id}`))(runId) }),
    };
    this.emit('run:done', done);
    return done;
  }

  private backoff(attempt: number): number {
    return (this.opts.retryBaseMs ?? 500) * 2 ** (attempt - 1);
  }

  /** A backoff: abort() ends it early unless `ignoreAbort` (the waits that must run out before giving up). */
  private sleep(ms: number, ignoreAbort = false): Promise<void> {
    return ignoreAbort ? new Promise((res) => setTimeout(res, ms)) : this.waker.sleep(ms);
  }

  private sample(): void {
    const memory = memorySample();
    if (memory.rssMb > this.peakRssMb) this.peakRssMb = memory.rssMb;
    this.emit('memory', { memory, peakRssMb: this.peakRssMb });
  }

  /** One chunk with retries; returns null when committed, else the failure message (run fails). */
  /**
   * The next chunk's read, started before this chunk is simulated and written: the server produces the
   * next rows while this chunk's write waits on the server and in the gaps of the event loop. At most one
   * chunk ahead (one more chunk of arrays alive). A failed prefetch is simply read again, with retries.
   */
  private prefetch: { chunkNo: number; done: Promise<{ bars: ChunkBars; readMs: number } | { error: unknown }> } | null = null;

  private startPrefetch(run: RunRow, plan: RunPlan, chunk: ChunkRow): void {
    if (this.opts.prefetch === false) return;
    const t = performance.now();
    const done = (async () => {
      const client = await this.opts.pool.connect();
      client.on('error', ignore);
      try {
        const bars = await readChunkBars(client, chunk.tickers, run.dateIndex, 'agg', plan.fields);
        client.off('error', ignore);
        client.release();
        return { bars, readMs: performance.now() - t };
      } catch (error) {
        client.off('error', ignore);
        client.release(isConnectionError(error) ? (error as Error) : undefined);
        throw error;
      }
    })().catch((error: unknown) => ({ error }));
    this.prefetch = { chunkNo: chunk.chunkNo, done };
  }

  private async takePrefetch(chunkNo: number): Promise<{ bars: ChunkBars | null; readMs: number } | null> {
    const p = this.prefetch;
    this.prefetch = null;
    if (!p) return null;
    const r = await p.done;
    if (p.chunkNo !== chunkNo || 'error' in r) return null; // a failed prefetch: read again (with retries)
    return r;
  }

  private async dropPrefetch(): Promise<void> {
    const p = this.prefetch;
    this.prefetch = null;
    if (p) await p.done;
  }

  private async runChunk(run: RunRow, plan: RunPlan, chunk: ChunkRow, chunksTotal: number, next?: ChunkRow): Promise<string | null | typeof ABORTED> {
    const { pool } = this.opts;
    const maxAttempts = this.opts.maxAttempts ?? 5;
    const symbols = chunk.tickers;
    for (let attempt = 1; ; attempt++) {
      this.emit('chunk:start', {
        runId: run.id,
        chunkNo: chunk.chunkNo,
        chunksTotal,
        tickers: symbols.length,
        firstTicker: symbols[0],
        lastTicker: symbols[symbols.length - 1],
        attempt,
      });
      let client: PoolClient | null = null;
      try {
        await markChunkStarted(pool, run.id, chunk.chunkNo);
        this.emit('chunk:phase', { runId: run.id, chunkNo: chunk.chunkNo, phase: 'reading' });
        const pre = await this.takePrefetch(chunk.chunkNo);
        client = await pool.connect();
        client.on('error', ignore); // a dropped connection surfaces as the failing query's error instead
        const onPhase = (phase: ChunkPhase) => {
          // The next chunk's read starts once this one's bars are in hand, so at most two chunks are alive.
          if (phase === 'simulating' && next && !this.aborted) this.startPrefetch(run, plan, next);
          if (phase !== 'reading') this.emit('chunk:phase', { runId: run.id, chunkNo: chunk.chunkNo, phase });
        };
        const r = await runChunk(client, { run, plan, chunkNo: chunk.chunkNo, symbols }, { prefetched: pre ?? undefined, onPhase });
        if (r.memory.rssMb > this.peakRssMb) this.peakRssMb = r.memory.rssMb;
        client.off('error', ignore);
        client.release();
        client = null;
        this.emit('chunk:done', {
          runId: run.id,
          chunkNo: chunk.chunkNo,
          chunksTotal,
          tickers: symbols.length,
          bars: r.bars,
          readMs: r.readMs,
          computeMs: r.computeMs,
          writeMs: r.writeMs,
          memory: r.memory,
          trades: r.rows.tradeCount,
          tickersWithTrades: r.rows.tickersWithTrades,
          meanWinRatePct: r.rows.meanWinRatePct,
          results: r.rows.summaries,
          skipped: r.rows.skipped,
        });
        return null;
      } catch (err) {
        if (client) {
          // A broken connection must not go back to the pool.
          client.off('error', ignore);
          client.release(isConnectionError(err) ? (err as Error) : undefined);
          client = null;
        }
        if (err instanceof UserError) throw err;
        const message = maskPassword((err as Error)?.message ?? String(err));
        const retry = isConnectionError(err) && attempt < maxAttempts && !this.aborted;
        const retryInMs = retry ? this.backoff(attempt) : undefined;
        this.emit('chunk:error', { runId: run.id, chunkNo: chunk.chunkNo, attempt, willRetry: retry, ...(retry ? { retryInMs } : {}), message });
        if (retry) {
          await this.sleep(retryInMs!);
          if (this.aborted) return ABORTED;
          continue;
        }
        await markChunkFailed(pool, run.id, chunk.chunkNo, message).catch(() => undefined);
        if (this.aborted && isConnectionError(err)) return ABORTED;
        return `chunk ${chunk.chunkNo} (${symbols[0]}..${symbols[symbols.length - 1]}) failed after ${attempt} attempt(s): ${message}`;
      }
    }
  }
}

/**
 * Bars read on the calendar `fromDay, fromDay+1, ...` -> the same bars on `dateIndex` (a subset of the
 * calendar, ascending), in place: destination offsets never pass their sources, so nothing is overwritten
 * before it is moved. Returns views of the first nCols * dateIndex.length cells.
 */
export function compactToIndex(bars: ChunkBars, fromDay: number, dateIndex: Int32Array): ChunkBars {
  const { nRows: nCal, nCols } = bars.data;
  const nU = dateIndex.length;
  const src = new Int32Array(nU);
  for (let r = 0; r < nU; r++) src[r] = dateIndex[r] - fromDay;
  const out = { nRows: nU, nCols } as ChunkBars['data'];
  for (const k of ['open', 'high', 'low', 'close', 'volume'] as const) {
    const a = bars.data[k];
    if (a.length === 0) {
      out[k] = a; // a field this run does not read
      continue;
    }
    for (let c = 0; c < nCols; c++) {
      const d = c * nU;
      const sBase = c * nCal;
      for (let r = 0; r < nU; r++) a[d + r] = a[sBase + src[r]];
    }
    out[k] = a.subarray(0, nCols * nU);
  }
  return { data: out, barsPerCol: bars.barsPerCol, bars: bars.bars };
}

/** Convenience: prepare + start. */
export async function runBatch(opts: BatchOptions, listen?: (runner: BatchRunner) => void): Promise<RunDoneEvent> {
  const runner = new BatchRunner(opts);
  listen?.(runner);
  return runner.start();
}
