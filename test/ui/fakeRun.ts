/**
 * A fake run for the UI tests: a typed emitter and one scripted event sequence (run 7, 3 chunks of
 * 2 tickers, a retried chunk, a skipped ticker), fed with a fake clock so durations are exact.
 */
import { EventEmitter } from 'node:events';
import type { RunnerEventMap, RunnerEventName, RunnerEvents, RunStartEvent, TickerSummary } from '../../src/batch/events';

export class FakeRunner extends EventEmitter implements RunnerEvents {
  override on<K extends RunnerEventName>(event: K, listener: (payload: RunnerEventMap[K]) => void): this {
    return super.on(event, listener);
  }
  override off<K extends RunnerEventName>(event: K, listener: (payload: RunnerEventMap[K]) => void): this {
    return super.off(event, listener);
  }
  send<K extends RunnerEventName>(event: K, payload: RunnerEventMap[K]): void {
    super.emit(event, payload);
  }
}

export type ScriptStep = { [K in RunnerEventName]: { at: number; type: K; payload: RunnerEventMap[K] } }[RunnerEventName];

export const START: RunStartEvent = {
  runId: 7,
  target: 'embedded (127.0.0.1:54329/vecbt)',
  dateFrom: '2020-01-02',
  dateTo: '2024-12-31',
  chunkSize: 2,
  chunksTotal: 3,
  tickersTotal: 6,
  chunksDone: 0,
  tickersDone: 0,
  resumed: false,
  strategy: 'rvol_atr', settings: [{ flag: '--rvol-window', value: '20' }, { flag: '--rvol-min', value: '2' }, { flag: '--atr-window', value: '14' }, { flag: '--atr-pct-min', value: '3' }],
  memoryBudgetMb: 512,
};

const t = (ticker: string, totalReturnPct: number, winRatePct: number, maxDrawdownPct: number, totalTrades: number): TickerSummary => ({
  ticker,
  totalReturnPct,
  winRatePct,
  maxDrawdownPct,
  totalTrades,
});

const mem = (rssMb: number, heapUsedMb = 40, arrayBuffersMb = 10) => ({ rssMb, heapUsedMb, arrayBuffersMb });

/** Up to and including chunk 1 done: a run in progress. */
export const RUNNING: ScriptStep[] = [
  { at: 1000, type: 'run:start', payload: START },
  { at: 1100, type: 'memory', payload: { memory: mem(100), peakRssMb: 100 } },
  { at: 1100, type: 'chunk:start', payload: { runId: 7, chunkNo: 1, chunksTotal: 3, tickers: 2, firstTicker: 'AAA', lastTicker: 'BBB', attempt: 1 } },
  { at: 1100, type: 'chunk:phase', payload: { runId: 7, chunkNo: 1, phase: 'reading' } },
  { at: 1310, type: 'chunk:phase', payload: { runId: 7, chunkNo: 1, phase: 'simulating' } },
  { at: 1345, type: 'chunk:phase', payload: { runId: 7, chunkNo: 1, phase: 'writing' } },
  {
    at: 2000,
    type: 'chunk:done',
    payload: {
      runId: 7, chunkNo: 1, chunksTotal: 3, tickers: 2, bars: 2500, readMs: 210, computeMs: 35, writeMs: 90,
      memory: mem(141, 60, 30), trades: 12, tickersWithTrades: 2, meanWinRatePct: 55,
      results: [t('AAA', 12.5, 60, 10.2, 5), t('BBB', -4, 50, 20.5, 7)], skipped: [],
    },
  },
  { at: 2000, type: 'chunk:start', payload: { runId: 7, chunkNo: 2, chunksTotal: 3, tickers: 2, firstTicker: 'CCC', lastTicker: 'DDD', attempt: 1 } },
  { at: 2000, type: 'chunk:phase', payload: { runId: 7, chunkNo: 2, phase: 'reading' } },
];

/** Chunk 2's first attempt fails and will be retried. */
export const CHUNK_ERROR: ScriptStep[] = [
  { at: 2100, type: 'chunk:error', payload: { runId: 7, chunkNo: 2, attempt: 1, willRetry: true, retryInMs: 2000, message: 'connection reset by peer' } },
];

/** The retry succeeds with a skipped ticker; chunk 3 finishes; the run is done. */
export const FINISH: ScriptStep[] = [
  { at: 4100, type: 'chunk:start', payload: { runId: 7, chunkNo: 2, chunksTotal: 3, tickers: 2, firstTicker: 'CCC', lastTicker: 'DDD', attempt: 2 } },
  { at: 4100, type: 'chunk:phase', payload: { runId: 7, chunkNo: 2, phase: 'reading' } },
  {
    at: 5000,
    type: 'chunk:done',
    payload: {
      runId: 7, chunkNo: 2, chunksTotal: 3, tickers: 2, bars: 1250, readMs: 180, computeMs: 30, writeMs: 80,
      memory: mem(150, 62, 31), trades: 0, tickersWithTrades: 0, meanWinRatePct: NaN,
      results: [t('CCC', 0, NaN, NaN, 0)], skipped: [{ ticker: 'DDD', reason: 'no bars in range' }],
    },
  },
  { at: 5000, type: 'chunk:start', payload: { runId: 7, chunkNo: 3, chunksTotal: 3, tickers: 2, firstTicker: 'EEE', lastTicker: 'FFF', attempt: 1 } },
  { at: 5100, type: 'memory', payload: { memory: mem(180, 70, 40), peakRssMb: 180 } },
  {
    at: 6000,
    type: 'chunk:done',
    payload: {
      runId: 7, chunkNo: 3, chunksTotal: 3, tickers: 2, bars: 2500, readMs: 200, computeMs: 40, writeMs: 100,
      memory: mem(160, 64, 32), trades: 9, tickersWithTrades: 2, meanWinRatePct: 40,
      results: [t('EEE', 30, 40, 35, 4), t('FFF', -20, 40, 45, 5)], skipped: [],
    },
  },
  {
    at: 6000,
    type: 'run:done',
    payload: {
      runId: 7, status: 'done', elapsedMs: 5000, tickersDone: 6, tickersTotal: 6, peakRssMb: 180,
      resultsCommand: 'npx vecbt results 7',
    },
  },
];

/** The user pressed q during chunk 2; the runner stopped after it. */
export const ABORTED: ScriptStep[] = [
  {
    at: 3000,
    type: 'chunk:done',
    payload: {
      runId: 7, chunkNo: 2, chunksTotal: 3, tickers: 2, bars: 1250, readMs: 180, computeMs: 30, writeMs: 80,
      memory: mem(150, 62, 31), trades: 0, tickersWithTrades: 0, meanWinRatePct: NaN,
      results: [t('CCC', 0, NaN, NaN, 0)], skipped: [{ ticker: 'DDD', reason: 'no bars in range' }],
    },
  },
  {
    at: 3000,
    type: 'run:done',
    payload: {
      runId: 7, status: 'aborted', elapsedMs: 2000, tickersDone: 4, tickersTotal: 6, peakRssMb: 150,
      error: 'aborted by the user', resumeCommand: 'npx vecbt run --resume 7',
    },
  },
];

/** Plays `steps` on `runner`, moving the fake clock to each step's time first. */
export function play(runner: FakeRunner, clock: { now: number }, steps: readonly ScriptStep[]): void {
  for (const step of steps) {
    clock.now = step.at;
    runner.send(step.type, step.payload as never);
  }
}
