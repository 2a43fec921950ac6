import { afterEach, describe, expect, it } from 'vitest';
import { describeSettings, resolveSettings } from '../../src/strategy/resolveSettings';
import { strategies } from '../../src/strategies';
import { cleanup, render } from 'ink-testing-library';
import { RunView } from '../../src/ui/components/RunView';
import { memoryLevel } from '../../src/ui/components/MemoryGauge';
import { initialRunProgress, reduceRunProgress, type RunProgressState } from '../../src/ui/reduceRunProgress';
import type { TickerSummary } from '../../src/batch/events';
import { ABORTED, CHUNK_ERROR, FINISH, RUNNING, START, type ScriptStep } from './fakeRun';
import { stripAnsi } from './fakeTerminal';

const fold = (steps: readonly ScriptStep[]) => steps.reduce((s, step) => reduceRunProgress(s, step), initialRunProgress);

function frame(state: RunProgressState, width = 80, aborting = false): string {
  const r = render(<RunView state={state} aborting={aborting} width={width} />);
  return stripAnsi(r.lastFrame() ?? '');
}

function expectFitsIn(text: string, width: number) {
  for (const line of text.split('\n')) expect(line.length, `"${line}" fits in ${width} columns`).toBeLessThanOrEqual(width);
}

afterEach(() => cleanup());

describe('RunView', () => {
  it('RunView(running, 80 columns) shows the chunk table, header, bars, phase, memory, aggregate and keys', () => {
    const text = frame(fold(RUNNING));
    expect(text).toBe(
      [
        '     chunk tickers    read     sim   write     rss  trades     win',
        '       1/3       2   210ms    35ms    90ms   141MB      12   55.0%',
        '',
        'vecbt run 7  embedded (127.0.0.1:54329/vecbt)  2020-01-02..2024-12-31',
        'chunk size 2  rvol_atr --rvol-window 20 --rvol-min 2 --atr-window 14',
        '                       --atr-pct-min 3',
        '',
        'chunks   ███████████████░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░         1/3  33%',
        'tickers  ███████████████░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░         2/6  33%',
        'elapsed 1.0s  ETA 2.0s  2.0 tickers/s',
        'chunk 2/3 reading  2 tickers CCC..DDD',
        'memory   █████████████░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░ rss 141MB/512MB 28%',
        '         heap 60MB  arrayBuffers 30MB  peak rss 141MB',
        '',
        'results  tickers with trades 2/2  trades 12  mean win 55.0%',
        '         median return +4.3%  worst max drawdown 20.5% (BBB)',
        '         best AAA +12.5%  worst BBB -4.0%',
        '',
        'q or Ctrl+C: stop after the current chunk (the run stays resumable)',
      ].join('\n'),
    );
  });

  it('RunView(waiting) says it waits for the run before run:start', () => {
    expect(frame(initialRunProgress)).toContain('waiting for the run to start…');
  });

  it('RunView(chunk error) lists the error with its retry in the errors panel', () => {
    const text = frame(fold([...RUNNING, ...CHUNK_ERROR]));
    expect(text).toContain(['errors  1 chunk error, 0 skipped tickers', '✗ chunk 2 error attempt 1: connection reset by peer; retrying in 2000ms'].join('\n'));
    expect(text, 'the failed chunk is no longer shown as running').not.toContain('chunk 2/3 reading');
  });

  it('RunView(many errors) lists the latest ones and counts all of them', () => {
    let s = fold(RUNNING);
    for (let i = 1; i <= 9; i++) {
      s = reduceRunProgress(s, { type: 'chunk:error', at: 2000 + i, payload: { runId: 7, chunkNo: 2, attempt: i, willRetry: i < 9, message: `boom ${i}` } });
    }
    const text = frame(s);
    expect(text).toContain('errors  9 chunk errors, 0 skipped tickers  (latest 6 shown)');
    expect(stripAnsi(render(<RunView state={s} aborting={false} width={80} rows={27} />).lastFrame() ?? ''), 'a short terminal lists fewer').toContain(
      'errors  9 chunk errors, 0 skipped tickers  (latest 3 shown)',
    );
    expect(text).toContain('✗ chunk 2 error attempt 9: boom 9; not retrying');
    expect(text).not.toContain('boom 3;');
  });

  it('RunView(memory near the budget) flags the gauge above 90%', () => {
    const s = reduceRunProgress(fold(RUNNING), { type: 'memory', at: 2100, payload: { memory: { rssMb: 470, heapUsedMb: 300, arrayBuffersMb: 120 }, peakRssMb: 470 } });
    const text = frame(s);
    expect(text, '470/512 of 46 cells is 42 filled').toContain(`memory   ${'█'.repeat(42)}${'░'.repeat(4)} rss 470MB/512MB 92%`);
    expect(text).toContain('         heap 300MB  arrayBuffers 120MB  peak rss 470MB  near budget (above 90%)');
  });

  it('RunView(memory above 70%) warns without the near-budget note', () => {
    const s = reduceRunProgress(fold(RUNNING), { type: 'memory', at: 2100, payload: { memory: { rssMb: 400, heapUsedMb: 300, arrayBuffersMb: 120 }, peakRssMb: 470 } });
    const text = frame(s);
    expect(text).toContain('rss 400MB/512MB 78%');
    expect(text).toContain('peak rss 470MB  above 70% of budget');
  });

  it('memoryLevel(rss, budget) is ok up to 70%, high up to 90%, critical above', () => {
    expect([memoryLevel(358, 512), memoryLevel(359, 512), memoryLevel(460, 512), memoryLevel(461, 512)]).toEqual(['ok', 'high', 'high', 'critical']);
  });

  it('RunView(finished, 80 columns) replaces the live panels with the summary and the results command', () => {
    const text = frame(fold([...RUNNING, ...CHUNK_ERROR, ...FINISH]));
    expect(text, 'the final block is static output, which ends in a newline').toBe(
      [
        '     chunk tickers    read     sim   write     rss  trades     win',
        '       1/3       2   210ms    35ms    90ms   141MB      12   55.0%',
        '       2/3       2   180ms    30ms    80ms   150MB       0     n/a  1 skipped',
        '       3/3       2   200ms    40ms   100ms   160MB       9   40.0%',
        '',
        'vecbt run 7  embedded (127.0.0.1:54329/vecbt)  2020-01-02..2024-12-31',
        'chunk size 2  rvol_atr --rvol-window 20 --rvol-min 2 --atr-window 14',
        '                       --atr-pct-min 3',
        '',
        'results  tickers with trades 4/5  trades 21  mean win 47.5%',
        '         median return +0.0%  worst max drawdown 45.0% (FFF)',
        '         best EEE +30.0%  worst FFF -20.0%',
        '',
        'errors  1 chunk error, 1 skipped ticker',
        '✗ chunk 2 error attempt 1: connection reset by peer; retrying in 2000ms',
        '⚠ chunk 2 skipped DDD: no bars in range',
        '',
        'run 7 done  elapsed 5.0s  6/6 tickers  1.2 tickers/s  peak rss 180MB',
        '',
        'top 5 by total return',
        ' #  ticker     return     win   maxdd  trades',
        ' 1  EEE        +30.0%   40.0%   35.0%       4',
        ' 2  AAA        +12.5%   60.0%   10.2%       5',
        ' 3  CCC         +0.0%     n/a     n/a       0',
        ' 4  BBB         -4.0%   50.0%   20.5%       7',
        ' 5  FFF        -20.0%   40.0%   45.0%       5',
        'all results: npx vecbt results 7',
        '',
      ].join('\n'),
    );
  });

  const bigRun = (): RunProgressState => {
    const results: TickerSummary[] = Array.from({ length: 30 }, (_, i) => ({
      ticker: `TK${String(i).padStart(2, '0')}`,
      totalReturnPct: (i - 15) * 3.5,
      winRatePct: 30 + i,
      maxDrawdownPct: 50 - i,
      totalTrades: i,
    }));
    return fold([
      { at: 0, type: 'run:start', payload: { ...START, chunkSize: 30, chunksTotal: 1, tickersTotal: 30 } },
      {
        at: 1000,
        type: 'chunk:done',
        payload: {
          runId: 7, chunkNo: 1, chunksTotal: 1, tickers: 30, bars: 30000, readMs: 1, computeMs: 1, writeMs: 1,
          memory: { rssMb: 100, heapUsedMb: 50, arrayBuffersMb: 10 }, trades: 435, tickersWithTrades: 29, meanWinRatePct: 44.5, results, skipped: [],
        },
      },
      { at: 1000, type: 'run:done', payload: { runId: 7, status: 'done', elapsedMs: 1000, tickersDone: 30, tickersTotal: 30, peakRssMb: 100, resultsCommand: 'npx vecbt results 7' } },
    ]);
  };

  it('RunView(finished, 80 columns) stacks the top 10 and bottom 10 tables and fits the width', () => {
    const text = frame(bigRun(), 80);
    expectFitsIn(text, 80);
    expect(text).toContain(['top 10 by total return', ' #  ticker     return     win   maxdd  trades', ' 1  TK29       +49.0%   59.0%   21.0%      29'].join('\n'));
    expect(text).toContain(['bottom 10 by total return', ' #  ticker     return     win   maxdd  trades', ' 1  TK00       -52.5%   30.0%   50.0%       0'].join('\n'));
  });

  it('RunView(finished, 120 columns) puts the top and bottom tables side by side', () => {
    const text = frame(bigRun(), 120);
    expectFitsIn(text, 120);
    expect(text).toContain('top 10 by total return                           bottom 10 by total return');
    expect(text).toContain(' 1  TK29       +49.0%   59.0%   21.0%      29     1  TK00       -52.5%   30.0%   50.0%       0');
  });

  it('RunView(running, 120 columns) adds the ticker range to chunk rows', () => {
    const text = frame(fold(RUNNING), 120);
    expect(text).toContain('       1/3       2   210ms    35ms    90ms   141MB      12   55.0%  AAA..BBB');
  });

  it('RunView(aborting) says the run stops after the current chunk', () => {
    const text = frame(fold(RUNNING), 80, true);
    expect(text).toContain('aborting after the current chunk… (the run stays resumable)');
    expect(text).not.toContain('q or Ctrl+C');
  });

  it('RunView(keys: false) says how to stop the run when stdin is not a terminal', () => {
    const r = render(<RunView state={fold(RUNNING)} aborting={false} width={80} keys={false} />);
    expect(stripAnsi(r.lastFrame() ?? '')).toContain('stdin is not a terminal: SIGINT or SIGTERM stops after the current chunk');
  });

  it('RunView(failed) shows the error and the resume command', () => {
    const text = frame(
      fold([
        ...RUNNING,
        { at: 2500, type: 'chunk:error', payload: { runId: 7, chunkNo: 2, attempt: 5, willRetry: false, message: 'Connection terminated unexpectedly' } },
        {
          at: 2500,
          type: 'run:done',
          payload: {
            runId: 7, status: 'failed', elapsedMs: 1500, tickersDone: 2, tickersTotal: 6, peakRssMb: 141,
            error: 'chunk 2 (CCC..DDD) failed after 5 attempt(s): Connection terminated unexpectedly', resumeCommand: 'npx vecbt run --resume 7',
          },
        },
      ]),
    );
    expect(text).toContain('✗ chunk 2 error attempt 5: Connection terminated unexpectedly; not retrying');
    expect(text).toContain(
      [
        'run 7 failed  elapsed 1.5s  2/6 tickers  1.3 tickers/s  peak rss 141MB',
        'error: chunk 2 (CCC..DDD) failed after 5 attempt(s): Connection terminated',
        'unexpectedly',
        'the run is resumable; continue it with: npx vecbt run --resume 7',
      ].join('\n'),
    );
  });

  it('RunView(aborted) shows the reason and the resume command', () => {
    const text = frame(fold([...RUNNING, ...ABORTED]), 80, true);
    expect(text).toContain(
      [
        'run 7 aborted  elapsed 2.0s  4/6 tickers  2.0 tickers/s  peak rss 150MB',
        'reason: aborted by the user',
        'the run is resumable; continue it with: npx vecbt run --resume 7',
      ].join('\n'),
    );
    expect(text).not.toContain('aborting after the current chunk');
    expect(text).not.toContain('top ');
  });

  it("RunView(the default settings, 80 columns) wraps them under the strategy's name, as the user spells them, never splitting a flag from its value", () => {
    const settings = describeSettings(strategies.rvol_atr, resolveSettings(strategies.rvol_atr));
    const text = frame(fold([{ at: 0, type: 'run:start', payload: { ...START, chunkSize: 500, settings } }]));
    expect(text).toContain(
      [
        'chunk size 500  rvol_atr --rvol-window 20 --rvol-min 2 --atr-window 14',
        '                         --atr-pct-min 8 --hold-bars 7',
        '                         --exit-mode shifted-signal --init-cash 100 --size all',
        '                         --size-type amount --direction longonly --fees 0.001',
        '                         --fixed-fees 0 --slippage 0 --sl-stop 0.03',
        '                         --sl-trail false --tp-stop off --time-exit-bars 0',
        '                         --stop-prices close',
      ].join('\n'),
    );
  });

  it('RunView(long values, 80 columns) truncates instead of wrapping', () => {
    const s = fold([
      { at: 0, type: 'run:start', payload: { ...START, target: 'a-very-long-database-host-name.eu-west-1.rds.amazonaws.com:5432/production_backtests' } },
      { at: 0, type: 'chunk:start', payload: { runId: 7, chunkNo: 1, chunksTotal: 3, tickers: 2, firstTicker: 'VERYLONGTICKER.A', lastTicker: 'VERYLONGTICKER.B', attempt: 3, worker: 'worker-on-host-with-a-long-name-1234' } },
    ]);
    expectFitsIn(frame(s, 80), 80);
  });
});

describe('wrapWords', () => {
  it("wrapWords('params ', words, 20, indent) breaks between words and indents continuation lines", async () => {
    const { wrapWords } = await import('../../src/ui/format');
    expect(wrapWords('params ', ['alpha=1', 'beta=22', 'gamma=333'], 20, '       ')).toEqual(['params alpha=1', '       beta=22', '       gamma=333']);
    expect(wrapWords('p ', [], 20, '  ')).toEqual(['p ']);
  });
});
