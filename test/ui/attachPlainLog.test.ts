import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { attachPlainLog } from '../../src/ui/attachPlainLog';
import { ABORTED, CHUNK_ERROR, FakeRunner, FINISH, play, RUNNING } from './fakeRun';

function capture() {
  const out = new PassThrough();
  let text = '';
  out.on('data', (b: Buffer) => (text += b.toString('utf8')));
  return { out, lines: () => text.split('\n').slice(0, -1), text: () => text };
}

describe('attachPlainLog', () => {
  it('attachPlainLog(runner, out) prints a start line, one line per chunk, errors and a summary', () => {
    const runner = new FakeRunner();
    const clock = { now: 0 };
    const { out, lines } = capture();
    const detach = attachPlainLog(runner, out, () => clock.now);
    play(runner, clock, [...RUNNING, ...CHUNK_ERROR, ...FINISH]);
    detach();
    expect(lines()).toEqual([
      'run 7 start target embedded (127.0.0.1:54329/vecbt) dates 2020-01-02..2024-12-31 chunk size 2 tickers 6 chunks 3 memory budget 512MB strategy rvol_atr --rvol-window 20 --rvol-min 2 --atr-window 14 --atr-pct-min 3',
      'chunk 1/3 2 tickers read 210ms sim 35ms write 90ms rss 141MB trades 12 win 55.0%',
      'chunk 2 error attempt 1: connection reset by peer; retrying in 2000ms',
      'chunk 2/3 2 tickers read 180ms sim 30ms write 80ms rss 150MB trades 0 win n/a skipped 1',
      'chunk 2 skipped DDD: no bars in range',
      'chunk 3/3 2 tickers read 200ms sim 40ms write 100ms rss 160MB trades 9 win 40.0%',
      'run 7 done elapsed 5.0s tickers 6/6 rate 1.2 tickers/s peak rss 180MB errors 2',
      'aggregate tickers with trades 4/5 trades 21 mean win 47.5% median return +0.0% worst maxdd 45.0% FFF best EEE +30.0% worst FFF -20.0%',
      'top 5 by total return',
      '   1 EEE    return    +30.0% win  40.0% maxdd  35.0% trades 4',
      '   2 AAA    return    +12.5% win  60.0% maxdd  10.2% trades 5',
      '   3 CCC    return     +0.0% win    n/a maxdd    n/a trades 0',
      '   4 BBB    return     -4.0% win  50.0% maxdd  20.5% trades 7',
      '   5 FFF    return    -20.0% win  40.0% maxdd  45.0% trades 5',
      'results: npx vecbt results 7',
    ]);
  });

  it('attachPlainLog(runner, out) on an aborted run prints the reason and the resume command', () => {
    const runner = new FakeRunner();
    const clock = { now: 0 };
    const { out, lines } = capture();
    attachPlainLog(runner, out, () => clock.now);
    play(runner, clock, [...RUNNING, ...ABORTED]);
    expect(lines().slice(-4)).toEqual([
      'run 7 aborted elapsed 2.0s tickers 4/6 rate 2.0 tickers/s peak rss 150MB errors 1',
      'reason: aborted by the user',
      'aggregate tickers with trades 2/3 trades 12 mean win 55.0% median return +0.0% worst maxdd 20.5% BBB best AAA +12.5% worst BBB -4.0%',
      'resume: npx vecbt run --resume 7',
    ]);
  });

  it('attachPlainLog(runner, out) writes no ANSI escape and no line for memory samples', () => {
    const runner = new FakeRunner();
    const clock = { now: 0 };
    const { out, text } = capture();
    attachPlainLog(runner, out, () => clock.now);
    play(runner, clock, [...RUNNING, ...CHUNK_ERROR, ...FINISH]);
    expect(text(), 'plain log is for Heroku and pipes').not.toMatch(/\u001b/);
    expect(text()).not.toMatch(/heap|arrayBuffers/);
  });

  it('attachPlainLog(runner, out)() detaches: later events print nothing', () => {
    const runner = new FakeRunner();
    const clock = { now: 0 };
    const { out, lines } = capture();
    const detach = attachPlainLog(runner, out, () => clock.now);
    play(runner, clock, RUNNING.slice(0, 1));
    detach();
    play(runner, clock, RUNNING.slice(1));
    expect(lines()).toHaveLength(1);
    expect(runner.listenerCount('chunk:done'), 'every listener removed').toBe(0);
  });
});
