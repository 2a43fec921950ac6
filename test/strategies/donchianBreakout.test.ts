import { describe, expect, it } from 'vitest';
import { donchianBreakout } from '../../src/strategies/donchianBreakout';
import { defaultsOf } from '../../src/strategy/paramSpec';
import { matrix, signalRows } from './matrix';

const P = { entry_window: 2, exit_window: 2 };

describe('donchian_breakout', () => {
  it('entries while close > the previous highs, exits while close < the previous lows (levels, not crossings)', () => {
    const d = matrix(6, 1, { high: [2, 3, 4, 1, 5, 6], low: [1, 2, 3, 0, 4, 5], close: [1.5, 2.5, 3.5, 0.5, 4.5, 5.5] });
    const ind = donchianBreakout.indicators(d, P);
    expect([...ind.upper]).toEqual([NaN, NaN, 3, 4, 4, 5]);
    expect([...ind.lower]).toEqual([NaN, NaN, 1, 2, 0, 0]);
    const s = donchianBreakout.signals(d, ind, P);
    expect(signalRows(s.entries, 6, 1), 'every bar of a breakout run enters').toEqual([[2, 4, 5]]);
    expect(signalRows(s.exits, 6, 1)).toEqual([[3]]);
  });
  it('warmup(p) = entry_window + 1 bars: the first entry can fall on that bar', () => {
    expect(donchianBreakout.warmup(P)).toBe(3);
    expect(donchianBreakout.warmup(defaultsOf(donchianBreakout.params))).toBe(21);
    const d = matrix(3, 1, { high: [2, 3, 9], low: [1, 2, 3], close: [1, 2, 4] });
    expect(signalRows(donchianBreakout.signals(d, donchianBreakout.indicators(d, P), P).entries, 3, 1)).toEqual([[2]]);
  });
});
