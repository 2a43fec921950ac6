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

describe('Portfolio: short side and groups', () => {
  const base = {
    index: ['2021-01-01', '2021-01-02', '2021-01-03', '2021-01-04'],
    columns: ['A', 'B'],
    close: [
      [10, 10, 8, 8],
      [20, 20, 22, 22],
    ],
    entries: [
      [false, true, false, false],
      [false, true, false, false],
    ],
    exits: [
      [false, false, false, true],
      [false, false, false, false],
    ],
  };

  it("Portfolio.fromSignals({direction: 'shortonly'}): trades with direction and parent_id, cash, free cash and assets per column", () => {
    const pf = Portfolio.fromSignals({ ...base, direction: 'shortonly' });
    expect(pf.trades()[0][0]).toMatchObject({ entry_idx: 1, exit_idx: 3, direction: 'short', parent_id: 0, pnl: 20, status: 'closed' });
    expect(pf.trades()[1][0]).toMatchObject({ direction: 'short', parent_id: 1, status: 'open' });
    expect([...pf.assets()[0]]).toEqual([0, -10, -10, 0]);
    expect([...pf.cash()[0]], 'the short sale adds 100 to the cash; the cover pays 80').toEqual([100, 200, 200, 120]);
    expect([...pf.freeCash()[0]]).toEqual([100, 0, 0, 120]);
    const doc = pf.toExpected({ part2: true });
    expect(Object.keys(doc)).toEqual(['schema', 'vectorbt_version', 'orders', 'trades', 'value', 'cash', 'free_cash', 'assets', 'stats', 'stats_mean']);
    expect(Object.keys(doc.trades[0][0])).toContain('parent_id');
    expect(Object.keys(pf.toExpected().trades[0][0]), 'part 1 keys without part2').not.toContain('direction');
  });

  it("Portfolio.fromSignals({groupBy: true, cashSharing: true}): group series and stats, the groups, no per-column cash or value", () => {
    const pf = Portfolio.fromSignals({ ...base, groupBy: true, cashSharing: true, callSeq: 'auto', attachCallSeq: true, sizeType: 'value', size: 50 });
    expect(pf.grouped).toBe(true);
    expect(pf.groups()).toEqual([{ label: 'group', columns: [0, 1] }]);
    expect([...pf.groupCash()[0]]).toEqual([100, 0, 0, 40]);
    expect([...pf.groupValue()[0]], 'A 5 x 8 + B 2.5 x 22 + cash').toEqual([100, 100, 95, 95]);
    expect(pf.groupStats()).toHaveLength(1);
    expect(pf.stats()[0]['End Value']).toBe(95);
    expect(() => pf.value(), 'a column of a cash-sharing group has no value of its own').toThrow(/groupValue/);
    expect(() => pf.cash()).toThrow(/groupCash/);
    const doc = pf.toGroupedExpected();
    expect(Object.keys(doc), 'no stats_mean with one group').toEqual(['schema', 'vectorbt_version', 'orders', 'trades', 'assets', 'groups', 'call_seq', 'group_value', 'group_cash', 'group_free_cash', 'group_stats']);
    expect([...doc.call_seq![1]]).toEqual([0, 1]);
    expect(() => pf.toExpected()).toThrow(/toGroupedExpected/);
  });

  it('Portfolio.fromSignals takes short signals as per-column arrays (four-array mode)', () => {
    const pf = Portfolio.fromSignals({ ...base, entries: [[false, false, false, false], [false, false, false, false]], exits: [[false, false, false, false], [false, false, false, false]], shortEntries: [[false, true, false, false], [false, false, false, false]], shortExits: [[false, false, true, false], [false, false, false, false]] });
    expect(pf.orders()[0].map((o) => o.side)).toEqual(['sell', 'buy']);
  });
});
