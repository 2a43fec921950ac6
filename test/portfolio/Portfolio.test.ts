import { describe, expect, it } from 'vitest';
import { Portfolio } from '../../src/portfolio/Portfolio';

describe('Portfolio', () => {
  const pf = Portfolio.fromSignals({
    index: ['2021-01-01', '2021-01-02', '2021-01-03', '2021-01-04'],
    columns: ['A', 'B'],
    close: [
      [10, 11, 12, 12],
      [20, 19, 18, 21],
    ],
    entries: [
      [true, false, false, false],
      [false, true, false, false],
    ],
    exits: [
      [false, false, true, false],
      [false, false, false, false],
    ],
    fees: 0,
  });

  it('Portfolio.fromSignals(...).orders() labels sides per column', () => {
    expect(pf.orders()).toEqual([
      [
        { idx: 0, size: 10, price: 10, fees: 0, side: 'buy' },
        { idx: 2, size: 10, price: 12, fees: 0, side: 'sell' },
      ],
      [{ idx: 1, size: 100 / 19, price: 19, fees: 0, side: 'buy' }],
    ]);
  });

  it('trades() carries status and exit reason', () => {
    const t = pf.trades();
    expect(t[0][0]).toMatchObject({ entry_idx: 0, exit_idx: 2, pnl: 20, return: 0.2, status: 'closed', exit_reason: 'signal' });
    expect(t[1][0]).toMatchObject({ entry_idx: 1, exit_idx: 3, exit_price: 21, exit_fees: 0, status: 'open', exit_reason: 'open' });
  });

  it('stats() labels Start/End with dates and keeps durations in days', () => {
    const s = pf.stats();
    expect(s[0].Start).toBe('2021-01-01');
    expect(s[0].End).toBe('2021-01-04');
    expect(s[0].Period).toBe(4);
    expect(s[0]['Total Return [%]']).toBeCloseTo(20, 12);
    expect(s[1]['Total Open Trades']).toBe(1);
  });

  it('statsMean() averages the columns', () => {
    const m = pf.statsMean();
    expect(m['Total Trades']).toBe(1);
    expect(m.Start).toBe('2021-01-01');
  });

  it('toExpected() trades hold exactly vectorbt\'s trade keys; toExpected({ extras: true }) adds exit_reason', () => {
    const keys = ['entry_idx', 'entry_price', 'entry_fees', 'exit_idx', 'exit_price', 'exit_fees', 'size', 'pnl', 'return', 'status'];
    expect(Object.keys(pf.toExpected().trades[0][0]), 'a strict key-set comparer must pass').toEqual(keys);
    expect(pf.toExpected({ extras: true }).trades[1][0]).toMatchObject({ status: 'open', exit_reason: 'open' });
    expect(pf.trades()[0][0].exit_reason, 'the library wrapper keeps the exit reason').toBe('signal');
  });

  it('toExpected() has the vecbt-expected/1 keys', () => {
    expect(Object.keys(pf.toExpected())).toEqual(['schema', 'vectorbt_version', 'orders', 'trades', 'value', 'stats', 'stats_mean']);
    expect([...pf.toExpected().value[0]]).toEqual([100, 110, 120, 120]);
  });

  it('Portfolio.fromSignals rejects ragged input', () => {
    expect(() => Portfolio.fromSignals({ index: ['2021-01-01'], columns: ['A'], close: [[1, 2]], entries: [[true]], exits: [[false]] })).toThrow(/close\[0\] has 2 rows/);
  });
});
