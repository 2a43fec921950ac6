import { describe, expect, it } from 'vitest';
import {
  aggregateResults,
  elapsedMs,
  etaMs,
  initialRunProgress,
  reduceRunProgress,
  tickersPerSecond,
  topAndBottom,
  type RunProgressState,
} from '../../src/ui/reduceRunProgress';
import type { TickerSummary } from '../../src/batch/events';
import { ABORTED, CHUNK_ERROR, FINISH, RUNNING, START, type ScriptStep } from './fakeRun';

const fold = (steps: readonly ScriptStep[], from: RunProgressState = initialRunProgress) =>
  steps.reduce((s, step) => reduceRunProgress(s, step), from);

const summary = (ticker: string, totalReturnPct: number, winRatePct = NaN, maxDrawdownPct = NaN, totalTrades = 0): TickerSummary => ({
  ticker,
  totalReturnPct,
  winRatePct,
  maxDrawdownPct,
  totalTrades,
});

describe('reduceRunProgress', () => {
  it('reduceRunProgress(initial, run:start) starts the clock and takes totals from the event', () => {
    const s = fold(RUNNING.slice(0, 1));
    expect(s.status).toBe('running');
    expect(s.start).toBe(START);
    expect(s.startedAt).toBe(1000);
    expect([s.chunksDone, s.chunksTotal, s.tickersDone, s.tickersTotal]).toEqual([0, 3, 0, 6]);
  });

  it('reduceRunProgress over a running sequence tracks the finished chunk, the active chunk and its phase', () => {
    const s = fold(RUNNING);
    expect(s.chunks).toEqual([
      {
        chunkNo: 1, chunksTotal: 3, tickers: 2, firstTicker: 'AAA', lastTicker: 'BBB', readMs: 210, computeMs: 35, writeMs: 90,
        rssMb: 141, trades: 12, tickersWithTrades: 2, meanWinRatePct: 55, skipped: 0,
      },
    ]);
    expect(s.active).toEqual([{ chunkNo: 2, tickers: 2, firstTicker: 'CCC', lastTicker: 'DDD', attempt: 1, phase: 'reading' }]);
    expect([s.chunksDone, s.tickersDone, s.sessionTickersDone]).toEqual([1, 2, 2]);
    expect(s.memory, 'the chunk:done sample replaces the periodic one').toEqual({ rssMb: 141, heapUsedMb: 60, arrayBuffersMb: 30 });
    expect(s.peakRssMb).toBe(141);
    expect(elapsedMs(s)).toBe(1000);
    expect(tickersPerSecond(s)).toBe(2);
    expect(etaMs(s), '4 tickers left at 2/s').toBe(2000);
  });

  it('reduceRunProgress(state, chunk:error) records the error and drops the chunk from the active list', () => {
    const s = fold([...RUNNING, ...CHUNK_ERROR]);
    expect(s.errors).toEqual([{ kind: 'chunk', chunkNo: 2, attempt: 1, message: 'connection reset by peer', willRetry: true, retryInMs: 2000 }]);
    expect(s.active).toEqual([]);
  });

  it('reduceRunProgress over a full sequence aggregates every result and ranks top and bottom on run:done', () => {
    const s = fold([...RUNNING, ...CHUNK_ERROR, ...FINISH]);
    expect(s.status).toBe('done');
    expect([s.chunksDone, s.tickersDone, s.tickersTotal]).toEqual([3, 6, 6]);
    expect(s.errors.map((e) => e.kind)).toEqual(['chunk', 'skipped']);
    expect(s.errors[1]).toEqual({ kind: 'skipped', chunkNo: 2, ticker: 'DDD', reason: 'no bars in range' });
    expect(s.peakRssMb, 'the memory event between chunks set the peak').toBe(180);
    expect(s.aggregate).toEqual({
      tickers: 5,
      tickersWithTrades: 4,
      trades: 21,
      meanWinRatePct: 47.5,
      medianTotalReturnPct: 0,
      worstMaxDrawdown: summary('FFF', -20, 40, 45, 5),
      best: summary('EEE', 30, 40, 35, 4),
      worst: summary('FFF', -20, 40, 45, 5),
    });
    expect(s.top.map((r) => r.ticker)).toEqual(['EEE', 'AAA', 'CCC', 'BBB', 'FFF']);
    expect(s.bottom, 'fewer than 20 tickers: all of them are in the top list').toEqual([]);
    expect(elapsedMs(s), "the runner's own elapsed wins once done").toBe(5000);
    expect(etaMs(s)).toBe(0);
  });

  it('reduceRunProgress(state, run:done aborted) keeps the resume command', () => {
    const s = fold([...RUNNING, ...ABORTED]);
    expect(s.status).toBe('aborted');
    expect(s.done?.resumeCommand).toBe('npx vecbt run --resume 7');
    expect([s.tickersDone, s.tickersTotal]).toEqual([4, 6]);
  });

  it('reduceRunProgress(state, tick) only moves the clock', () => {
    const s0 = fold(RUNNING);
    const s1 = reduceRunProgress(s0, { type: 'tick', at: 3000 });
    expect(s1).toEqual({ ...s0, now: 3000 });
    expect(elapsedMs(s1)).toBe(2000);
  });

  it('reduceRunProgress never mutates the state it is given', () => {
    const s0 = fold(RUNNING);
    const snapshot = structuredClone(s0);
    fold([...CHUNK_ERROR, ...FINISH], s0);
    expect(s0).toEqual(snapshot);
  });

  it('reduceRunProgress on a resumed run counts earlier chunks in progress but not in the rate', () => {
    const resumed = { ...START, resumed: true, chunksDone: 2, tickersDone: 4 };
    const s = fold([{ at: 0, type: 'run:start', payload: resumed }, { ...FINISH[5], at: 1000 }]);
    expect([s.chunksDone, s.tickersDone, s.sessionTickersDone]).toEqual([3, 6, 2]);
    expect(tickersPerSecond(s)).toBe(2);
  });
});

describe('aggregateResults', () => {
  it('aggregateResults([]) is all NaN and zero', () => {
    expect(aggregateResults([], 0)).toEqual({ tickers: 0, tickersWithTrades: 0, trades: 0, meanWinRatePct: NaN, medianTotalReturnPct: NaN });
  });

  it('aggregateResults(results) takes the median of an even count as the mean of the middle two', () => {
    const a = aggregateResults([summary('A', 1), summary('B', 4), summary('C', 2), summary('D', 10)], 0);
    expect(a.medianTotalReturnPct).toBe(3);
  });

  it('aggregateResults(results) compares max drawdowns by magnitude whatever their sign', () => {
    const a = aggregateResults([summary('A', 1, NaN, -30), summary('B', 1, NaN, 20)], 0);
    expect(a.worstMaxDrawdown?.ticker).toBe('A');
  });
});

describe('topAndBottom', () => {
  it('topAndBottom(25 tickers, 10) returns 10 best descending and 10 worst ascending', () => {
    const results = Array.from({ length: 25 }, (_, i) => summary(`T${String(i).padStart(2, '0')}`, i - 12));
    const { top, bottom } = topAndBottom(results, 10);
    expect(top.map((r) => r.totalReturnPct)).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3]);
    expect(bottom.map((r) => r.totalReturnPct)).toEqual([-12, -11, -10, -9, -8, -7, -6, -5, -4, -3]);
  });

  it('topAndBottom(12 tickers, 10) keeps the lists disjoint', () => {
    const results = Array.from({ length: 12 }, (_, i) => summary(`T${i}`, i));
    const { top, bottom } = topAndBottom(results, 10);
    expect(top).toHaveLength(10);
    expect(bottom.map((r) => r.totalReturnPct)).toEqual([0, 1]);
  });
});
