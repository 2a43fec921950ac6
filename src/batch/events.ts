/**
 * The batch runner's typed event map: the only thing the terminal UI, the plain-log reporter and the
 * distributed follower consume. The runner does the work; listeners only render or log.
 *
 * Glossary
 * - run:    one batch execution of one strategy with its settings over the active universe for a date range,
 *           one row of `vecbt_runs`, identified by its numeric id; resumable until `done`.
 * - chunk:  a slice of at most `chunkSize` tickers (in symbol order), read, simulated and committed
 *           together in one transaction; one row of `vecbt_chunks`, numbered from 1.
 * - ticker: one symbol of `tickers`; one column of a chunk's matrices; one row of `vecbt_results`.
 * - bar:    one daily OHLCV row of `daily_market_data`; one row of a chunk's matrices.
 */

/** Process memory in MB (1 MB = 1024*1024 bytes), as `process.memoryUsage()` reports it. */
export interface MemorySample {
  rssMb: number;
  heapUsedMb: number;
  arrayBuffersMb: number;
}

/** What a finished chunk says about one of its tickers (enough for live aggregates and the summary). */
export interface TickerSummary {
  ticker: string;
  totalReturnPct: number;
  /** NaN when the ticker has no closed trade. */
  winRatePct: number;
  /** NaN when the value never drew down. */
  maxDrawdownPct: number;
  totalTrades: number;
}

export interface RunStartEvent {
  runId: number;
  /** Where the data lives, password masked: "embedded (127.0.0.1:54329/vecbt)" or "db.example.com:5432/prod". */
  target: string;
  dateFrom: string;
  dateTo: string;
  chunkSize: number;
  chunksTotal: number;
  tickersTotal: number;
  /** Chunks already done when a resumed run starts (0 for a new run). */
  chunksDone: number;
  tickersDone: number;
  resumed: boolean;
  /** The strategy's name (and, for a strategy file, its path as given when the run was created). */
  strategy: string;
  /** Every strategy parameter and portfolio setting as the user spells it, in a fixed order. */
  settings: readonly { flag: string; value: string }[];
  /** What the user should know before the run's figures (e.g. the look-ahead check's findings). */
  warnings?: readonly string[];
  /** The memory budget the UI draws its gauge against, MB. */
  memoryBudgetMb: number;
}

export type ChunkPhase = 'reading' | 'simulating' | 'writing';

export interface ChunkStartEvent {
  runId: number;
  chunkNo: number;
  chunksTotal: number;
  tickers: number;
  firstTicker: string;
  lastTicker: string;
  /** 1 for the first try, 2+ for retries. */
  attempt: number;
  /** Distributed runs: the worker that took the chunk. */
  worker?: string;
}

export interface ChunkPhaseEvent {
  runId: number;
  chunkNo: number;
  phase: ChunkPhase;
}

export interface ChunkDoneEvent {
  runId: number;
  chunkNo: number;
  chunksTotal: number;
  tickers: number;
  bars: number;
  readMs: number;
  computeMs: number;
  writeMs: number;
  /** Memory right after the chunk committed and its arrays were dropped. */
  memory: MemorySample;
  trades: number;
  tickersWithTrades: number;
  /** Mean of the chunk's per-ticker win rates, NaN-skipping; NaN when no ticker closed a trade. */
  meanWinRatePct: number;
  results: TickerSummary[];
  /** Tickers recorded as skipped (status 'skipped' in vecbt_results) with the reason. */
  skipped: { ticker: string; reason: string }[];
  worker?: string;
}

export interface ChunkErrorEvent {
  runId: number;
  chunkNo: number;
  attempt: number;
  /** True when the runner will try this chunk again (after `retryInMs`). */
  willRetry: boolean;
  retryInMs?: number;
  message: string;
}

export interface MemoryEvent {
  memory: MemorySample;
  /** Highest RSS seen so far in this run, MB. */
  peakRssMb: number;
}

export type RunStatus = 'done' | 'aborted' | 'failed';

export interface RunDoneEvent {
  runId: number;
  status: RunStatus;
  elapsedMs: number;
  tickersDone: number;
  tickersTotal: number;
  peakRssMb: number;
  /** Failure reason (status 'failed') or abort reason (status 'aborted'). */
  error?: string;
  /** For aborted/failed runs: the exact command that continues the run. */
  resumeCommand?: string;
  /** For done runs: the command that lists every result. */
  resultsCommand?: string;
}

export interface RunnerEventMap {
  'run:start': RunStartEvent;
  'chunk:start': ChunkStartEvent;
  'chunk:phase': ChunkPhaseEvent;
  'chunk:done': ChunkDoneEvent;
  'chunk:error': ChunkErrorEvent;
  /** Sampled at least every 250 ms while the run is active. */
  memory: MemoryEvent;
  'run:done': RunDoneEvent;
}

export type RunnerEventName = keyof RunnerEventMap;

/** A minimal typed emitter interface the UI subscribes to (the runner implements it). */
export interface RunnerEvents {
  on<K extends RunnerEventName>(event: K, listener: (payload: RunnerEventMap[K]) => void): this;
  off<K extends RunnerEventName>(event: K, listener: (payload: RunnerEventMap[K]) => void): this;
}
