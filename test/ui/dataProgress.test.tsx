import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { Writable } from 'node:stream';
import type { DataProgressEvent } from '../../src/data/dataProgress';
import { DataProgressView } from '../../src/ui/components/DataProgressView';
import { dataProgressLog } from '../../src/ui/dataProgressLog';
import { initialDataProgress, reduceDataProgress } from '../../src/ui/reduceDataProgress';
import { stripAnsi } from './fakeTerminal';

afterEach(() => cleanup());

const MB = 2 ** 20;
const load = (done: number, rows: number, elapsedMs: number): DataProgressEvent => ({ type: 'step:progress', step: 'load', unit: 'bytes', done, total: 100 * MB, rows, elapsedMs });

function log(events: readonly DataProgressEvent[]): string[] {
  let text = '';
  const out = new Writable({
    write(chunk, _enc, cb) {
      text += chunk.toString();
      cb();
    },
  });
  const onProgress = dataProgressLog(out);
  for (const e of events) onProgress(e);
  return text.split('\n').filter(Boolean);
}

describe('reduceDataProgress', () => {
  it('reduceDataProgress folds progress, then a phase, then done', () => {
    const s = [load(10 * MB, 1000, 1000), { type: 'step:phase', step: 'load', phase: 'index', rows: 1000, elapsedMs: 1500 } as const].reduce(reduceDataProgress, initialDataProgress);
    expect(s).toMatchObject({ step: 'load', done: 10 * MB, total: 100 * MB, rows: 1000, phase: 'index', elapsedMs: 1500, finished: null });
    const d = reduceDataProgress(s, { type: 'step:done', step: 'load', rows: 1000, tickers: 3, newTickers: 2, elapsedMs: 2000 });
    expect([d.phase, d.finished]).toEqual([null, { rows: 1000, tickers: 3, newTickers: 2 }]);
  });
});

describe('dataProgressLog', () => {
  it('dataProgressLog prints a line each time the file passes another tenth, with rows/s, and a line per phase', () => {
    const lines = log([
      load(3 * MB, 30_000, 500), // under 10%: nothing
      load(10.5 * MB, 108_400, 2100),
      load(12 * MB, 120_000, 2300), // still in the same tenth: nothing
      load(35 * MB, 350_000, 7000), // skips 20%: one line for 30%
      load(100 * MB, 1_000_000, 20_000),
      { type: 'step:phase', step: 'load', phase: 'index', rows: 1_000_000, elapsedMs: 20_100 },
    ]);
    expect(lines).toEqual([
      'load   10%  10.5 MB/100.0 MB  108,400 rows  51,619 rows/s  2.1s',
      'load   30%  35.0 MB/100.0 MB  350,000 rows  50,000 rows/s  7.0s',
      'load  100%  100.0 MB/100.0 MB  1,000,000 rows  50,000 rows/s  20.0s',
      'load  rebuilding the date index vecbt_daily_market_data_date',
    ]);
  });

  it('dataProgressLog for synth counts tickers and bars; a restage starts the tenths over', () => {
    const synth = (done: number): DataProgressEvent => ({ type: 'step:progress', step: 'synth', unit: 'tickers', done, total: 6000, rows: done * 504, elapsedMs: 2 * done });
    expect(log([synth(600), synth(6000), { type: 'step:phase', step: 'synth', phase: 'vacuum', rows: 3_024_000, elapsedMs: 12_100 }])).toEqual([
      'synth  10%  600/6,000 tickers  302,400 bars  252,000 bars/s  1.2s',
      'synth 100%  6,000/6,000 tickers  3,024,000 bars  252,000 bars/s  12.0s',
      'synth VACUUM (ANALYZE) daily_market_data',
    ]);
    const again = log([load(50 * MB, 5, 1000), { type: 'step:phase', step: 'load', phase: 'restage', rows: 0, elapsedMs: 1000 }, load(50 * MB, 5, 2000)]);
    expect(again.map((l) => l.slice(0, 10))).toEqual(['load   50%', 'load  rows', 'load   50%']);
  });
});

describe('dataProgressLog of a short step', () => {
  it('dataProgressLog prints nothing for a step that ends within its first second (the summary line is enough)', () => {
    expect(log([load(50 * MB, 5000, 400), load(100 * MB, 10_000, 800), { type: 'step:phase', step: 'load', phase: 'index', rows: 10_000, elapsedMs: 900 }])).toEqual([]);
    expect(log([load(50 * MB, 5000, 400), load(100 * MB, 10_000, 1200)]), 'the first tenth crossed after a second prints').toEqual([
      'load  100%  100.0 MB/100.0 MB  10,000 rows  8,333 rows/s  1.2s',
    ]);
  });
});

describe('DataProgressView', () => {
  it('DataProgressView(40% of a load, 60 columns) draws the bar, the figures and the phase', () => {
    const s = [load(40 * MB, 400_000, 8000), { type: 'step:phase', step: 'load', phase: 'upsert', rows: 400_000, elapsedMs: 8000 } as const].reduce(
      reduceDataProgress,
      initialDataProgress,
    );
    const text = stripAnsi(render(<DataProgressView state={{ ...s, phase: null }} width={60} />).lastFrame() ?? '');
    expect(text).toBe(
      [`load  ${'█'.repeat(18)}${'░'.repeat(28)}  40%`, '      40.0 MB/100.0 MB  400,000 rows  50,000 rows/s  8.0s'].join('\n'),
    );
    const withPhase = stripAnsi(render(<DataProgressView state={s} width={60} />).lastFrame() ?? '');
    expect(withPhase.split('\n')[2]).toBe('      upserting 400,000 rows into daily_market_data');
  });
});
