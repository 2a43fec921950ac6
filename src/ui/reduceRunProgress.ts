/**
 * Run progress as a pure reducer: runner events in, one immutable state out. The TUI (through
 * `useRunProgress`) and the plain-log reporter both fold the same events through this function,
 * so the two outputs can never disagree about a figure.
 *
 * Invariants
 * - Every action carries `at` (epoch ms, when the listener received it); the reducer never reads
 *   a clock, so a fake event sequence gives the same state every time.
 * - `chunks` lists finished chunks in the order they finished (what `<Static>` appends);
 *   `errors` keeps every chunk error and skipped ticker of the run, in arrival order.
 * - Aggregates cover the tickers finished in this session: a resumed run's earlier chunks emit no
 *   results, so `vecbt results <id>` is the complete view.
 * - NaN means "no value" (a ticker without a closed trade has a NaN win rate) and is skipped by
 *   every mean, median and extreme.
 */
import type {
  ChunkPhase,
  MemorySample,
  RunDoneEvent,
  RunnerEventMap,
  RunnerEventName,
  RunStartEvent,
  TickerSummary,
} from '../batch/events';

/** One runner event as an action, stamped with the time the listener received it. */
export type RunnerAction = {
  [K in RunnerEventName]: { type: K; payload: RunnerEventMap[K]; at: number };
}[RunnerEventName];

/** Everything the reducer accepts: runner events and clock ticks (elapsed, ETA move between events). */
export type RunProgressAction = RunnerAction | { type: 'tick'; at: number };

/** A chunk that started and has not finished yet (several at once in distributed runs). */
export interface ActiveChunk {
  chunkNo: number;
  tickers: number;
  firstTicker: string;
  lastTicker: string;
  attempt: number;
  /** `starting` between chunk:start and its first chunk:phase. */
  phase: ChunkPhase | 'starting';
  worker?: string;
}

/** A finished chunk, as one line of the `<Static>` log. */
export interface FinishedChunk {
  chunkNo: number;
  chunksTotal: number;
  tickers: number;
  firstTicker?: string;
  lastTicker?: string;
  readMs: number;
  computeMs: number;
  writeMs: number;
  rssMb: number;
  trades: number;
  tickersWithTrades: number;
  meanWinRatePct: number;
  skipped: number;
  worker?: string;
}

export type RunErrorEntry =
  | { kind: 'chunk'; chunkNo: number; attempt: number; message: string; willRetry: boolean; retryInMs?: number }
  | { kind: 'skipped'; chunkNo: number; ticker: string; reason: string };

/** Running figures over every ticker finished in this session. */
export interface RunAggregate {
  /** Tickers with a result row (skipped tickers excluded). */
  tickers: number;
  tickersWithTrades: number;
  trades: number;
  meanWinRatePct: number;
  medianTotalReturnPct: number;
  /** The ticker whose max drawdown is largest in magnitude. */
  worstMaxDrawdown?: TickerSummary;
  best?: TickerSummary;
  worst?: TickerSummary;
}

export type RunProgressStatus = 'waiting' | 'running' | RunDoneEvent['status'];

export interface RunProgressState {
  status: RunProgressStatus;
  start?: RunStartEvent;
  /** When run:start arrived (epoch ms). */
  startedAt?: number;
  /** The latest action time: the clock elapsed and ETA are measured against. */
  now: number;
  chunksTotal: number;
  tickersTotal: number;
  /** Including chunks done before a resume. */
  chunksDone: number;
  tickersDone: number;
  /** Finished in this session only: what tickers/s is measured on. */
  sessionTickersDone: number;
  active: readonly ActiveChunk[];
  chunks: readonly FinishedChunk[];
  memory?: MemorySample;
  peakRssMb: number;
  results: readonly TickerSummary[];
  aggregate: RunAggregate;
  errors: readonly RunErrorEntry[];
  done?: RunDoneEvent;
  /** Filled on run:done: the 10 best and the 10 worst tickers by total return (disjoint). */
  top: readonly TickerSummary[];
  bottom: readonly TickerSummary[];
}

const EMPTY_AGGREGATE: RunAggregate = Object.freeze({
  tickers: 0,
  tickersWithTrades: 0,
  trades: 0,
  meanWinRatePct: NaN,
  medianTotalReturnPct: NaN,
});

/** The state before any event. */
export const initialRunProgress: RunProgressState = Object.freeze({
  status: 'waiting',
  now: 0,
  chunksTotal: 0,
  tickersTotal: 0,
  chunksDone: 0,
  tickersDone: 0,
  sessionTickersDone: 0,
  active: [],
  chunks: [],
  peakRssMb: 0,
  results: [],
  aggregate: EMPTY_AGGREGATE,
  errors: [],
  top: [],
  bottom: [],
}) as RunProgressState;

/** How many tickers the summary tables list on each side. */
export const SUMMARY_SIZE = 10;

/**
 * Folds one action into the state; never mutates `state`.
 * @example
 * const s = reduceRunProgress(initialRunProgress, { type: 'run:start', payload: start, at: Date.now() });
 */
export function reduceRunProgress(state: RunProgressState, action: RunProgressAction): RunProgressState {
  const now = Math.max(state.now, action.at);
  switch (action.type) {
    case 'tick':
      return { ...state, now };
    case 'run:start': {
      const p = action.payload;
      return {
        ...initialRunProgress,
        status: 'running',
        start: p,
        startedAt: action.at,
        now,
        chunksTotal: p.chunksTotal,
        tickersTotal: p.tickersTotal,
        chunksDone: p.chunksDone,
        tickersDone: p.tickersDone,
        memory: state.memory,
        peakRssMb: state.peakRssMb,
      };
    }
    case 'chunk:start': {
      const p = action.payload;
      const chunk: ActiveChunk = {
        chunkNo: p.chunkNo,
        tickers: p.tickers,
        firstTicker: p.firstTicker,
        lastTicker: p.lastTicker,
        attempt: p.attempt,
        phase: 'starting',
        ...(p.worker !== undefined ? { worker: p.worker } : {}),
      };
      const active = [...state.active.filter((c) => c.chunkNo !== p.chunkNo), chunk].sort((a, b) => a.chunkNo - b.chunkNo);
      return { ...state, now, chunksTotal: p.chunksTotal, active };
    }
    case 'chunk:phase': {
      const p = action.payload;
      const active = state.active.map((c) => (c.chunkNo === p.chunkNo ? { ...c, phase: p.phase } : c));
      return { ...state, now, active };
    }
    case 'chunk:done': {
      const p = action.payload;
      const started = state.active.find((c) => c.chunkNo === p.chunkNo);
      const finished: FinishedChunk = {
        chunkNo: p.chunkNo,
        chunksTotal: p.chunksTotal,
        tickers: p.tickers,
        ...(started ? { firstTicker: started.firstTicker, lastTicker: started.lastTicker } : {}),
        readMs: p.readMs,
        computeMs: p.computeMs,
        writeMs: p.writeMs,
        rssMb: p.memory.rssMb,
        trades: p.trades,
        tickersWithTrades: p.tickersWithTrades,
        meanWinRatePct: p.meanWinRatePct,
        skipped: p.skipped.length,
        ...(p.worker !== undefined ? { worker: p.worker } : {}),
      };
      const results = [...state.results, ...p.results];
      const skipped: RunErrorEntry[] = p.skipped.map((s) => ({ kind: 'skipped', chunkNo: p.chunkNo, ticker: s.ticker, reason: s.reason }));
      return {
        ...state,
        now,
        chunksTotal: p.chunksTotal,
        chunksDone: state.chunksDone + 1,
        tickersDone: state.tickersDone + p.tickers,
        sessionTickersDone: state.sessionTickersDone + p.tickers,
        active: state.active.filter((c) => c.chunkNo !== p.chunkNo),
        chunks: [...state.chunks, finished],
        memory: p.memory,
        peakRssMb: Math.max(state.peakRssMb, p.memory.rssMb),
        results,
        aggregate: aggregateResults(results, state.aggregate.trades + p.trades),
        errors: skipped.length > 0 ? [...state.errors, ...skipped] : state.errors,
      };
    }
    case 'chunk:error': {
      const p = action.payload;
      const entry: RunErrorEntry = {
        kind: 'chunk',
        chunkNo: p.chunkNo,
        attempt: p.attempt,
        message: p.message,
        willRetry: p.willRetry,
        ...(p.retryInMs !== undefined ? { retryInMs: p.retryInMs } : {}),
      };
      return { ...state, now, active: state.active.filter((c) => c.chunkNo !== p.chunkNo), errors: [...state.errors, entry] };
    }
    case 'memory': {
      const p = action.payload;
      return { ...state, now, memory: p.memory, peakRssMb: Math.max(state.peakRssMb, p.peakRssMb, p.memory.rssMb) };
    }
    case 'run:done': {
      const p = action.payload;
      const { top, bottom } = topAndBottom(state.results, SUMMARY_SIZE);
      return {
        ...state,
        status: p.status,
        now,
        done: p,
        active: [],
        tickersDone: p.tickersDone,
        tickersTotal: p.tickersTotal,
        peakRssMb: Math.max(state.peakRssMb, p.peakRssMb),
        top,
        bottom,
      };
    }
  }
}

/** Mean win rate, median total return and the extremes over `results`, NaN-skipping. */
export function aggregateResults(results: readonly TickerSummary[], trades: number): RunAggregate {
  let winSum = 0;
  let winCount = 0;
  let withTrades = 0;
  let best: TickerSummary | undefined;
  let worst: TickerSummary | undefined;
  let worstDd: TickerSummary | undefined;
  const returns: number[] = [];
  for (const r of results) {
    if (r.totalTrades > 0) withTrades++;
    if (Number.isFinite(r.winRatePct)) {
      winSum += r.winRatePct;
      winCount++;
    }
    if (Number.isFinite(r.totalReturnPct)) {
      returns.push(r.totalReturnPct);
      if (!best || r.totalReturnPct > best.totalReturnPct) best = r;
      if (!worst || r.totalReturnPct < worst.totalReturnPct) worst = r;
    }
    // Sign conventions differ (vectorbt's stats print it positive, its accessor negative): compare magnitudes.
    if (Number.isFinite(r.maxDrawdownPct) && (!worstDd || Math.abs(r.maxDrawdownPct) > Math.abs(worstDd.maxDrawdownPct))) worstDd = r;
  }
  return {
    tickers: results.length,
    tickersWithTrades: withTrades,
    trades,
    meanWinRatePct: winCount > 0 ? winSum / winCount : NaN,
    medianTotalReturnPct: median(returns),
    ...(worstDd ? { worstMaxDrawdown: worstDd } : {}),
    ...(best ? { best } : {}),
    ...(worst ? { worst } : {}),
  };
}

function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const s = Float64Array.from(values).sort();
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * The `n` best tickers by total return (descending) and the `n` worst (ascending), disjoint: with
 * fewer than 2n tickers the bottom list holds only those not already in the top list.
 * Ties keep symbol order.
 */
export function topAndBottom(results: readonly TickerSummary[], n: number): { top: TickerSummary[]; bottom: TickerSummary[] } {
  const ranked = results
    .filter((r) => Number.isFinite(r.totalReturnPct))
    .sort((a, b) => b.totalReturnPct - a.totalReturnPct || (a.ticker < b.ticker ? -1 : a.ticker > b.ticker ? 1 : 0));
  const top = ranked.slice(0, n);
  const bottom = ranked.slice(Math.max(top.length, ranked.length - n)).reverse();
  return { top, bottom };
}

/** Wall-clock time of the run so far (or the runner's own figure once it is done), ms. */
export function elapsedMs(state: RunProgressState): number {
  if (state.done) return state.done.elapsedMs;
  return state.startedAt === undefined ? 0 : state.now - state.startedAt;
}

/** Tickers finished per second in this session; NaN before the first chunk. */
export function tickersPerSecond(state: RunProgressState): number {
  const ms = elapsedMs(state);
  return state.sessionTickersDone > 0 && ms > 0 ? (state.sessionTickersDone / ms) * 1000 : NaN;
}

/** Estimated time to finish at the session's rate so far, ms; NaN until a chunk finished. */
export function etaMs(state: RunProgressState): number {
  if (state.done) return 0;
  const rate = tickersPerSecond(state);
  return Number.isFinite(rate) && rate > 0 ? (Math.max(0, state.tickersTotal - state.tickersDone) / rate) * 1000 : NaN;
}
