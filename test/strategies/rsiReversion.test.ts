import { describe, expect, it } from 'vitest';
import { rsiReversion } from '../../src/strategies/rsiReversion';
import { defaultsOf } from '../../src/strategy/paramSpec';
import { resolveSettings } from '../../src/strategy/resolveSettings';
import { matrix, signalRows } from './matrix';

const P = { window: 2, lower: 30, upper: 70 };

describe('rsi_reversion', () => {
  it('signals enter where the RSI crosses below lower and exit where it crosses above upper', () => {
    // changes 2, 1, -7, -1, 3, 4: RSI(2) = 100, 12.5, 0, 75, 100 from row 2
    const d = matrix(7, 1, { close: [10, 12, 13, 6, 5, 8, 12] });
    const ind = rsiReversion.indicators(d, P);
    expect([...ind.rsi]).toEqual([NaN, NaN, 100, 100 - 100 / (1 + 0.5 / 3.5), 0, 75, 100]);
    const s = rsiReversion.signals(d, ind, P);
    expect(signalRows(s.entries, 7, 1), '100 -> 12.5 crosses below 30').toEqual([[3]]);
    expect(signalRows(s.exits, 7, 1), '0 -> 75 crosses above 70').toEqual([[5]]);
  });
  it('an RSI of exactly 30 on its first defined row, then lower, does not enter (equality never arms)', () => {
    // changes 3, -7: RSI exactly 30 on row 2, then 0: the level was never strictly above the RSI before
    const d = matrix(4, 1, { close: [10, 13, 6, 5] });
    const ind = rsiReversion.indicators(d, P);
    expect(ind.rsi[2]).toBe(30);
    expect(signalRows(rsiReversion.signals(d, ind, P).entries, 4, 1)).toEqual([[]]);
  });
  it('warmup(p) = window + 2 bars: the first entry can fall on that bar', () => {
    expect(rsiReversion.warmup(P)).toBe(4);
    expect(rsiReversion.warmup(defaultsOf(rsiReversion.params))).toBe(16);
    const d = matrix(4, 1, { close: [10, 12, 13, 6] });
    expect(signalRows(rsiReversion.signals(d, rsiReversion.indicators(d, P), P).entries, 4, 1)).toEqual([[3]]);
  });
  it('resolveSettings(rsiReversion, { lower: 70, upper: 30 }) refuses the run: lower < upper', () => {
    expect(() => resolveSettings(rsiReversion, { lower: 70, upper: 30 })).toThrow(/strategy rsi_reversion needs lower < upper/);
    expect(() => resolveSettings(rsiReversion, { lower: 101 })).toThrow(/lower must be a number >= 0 and <= 100/);
  });
});
