import { describe, expect, it } from 'vitest';
import { macdCross } from '../../src/strategies/macdCross';
import { defaultsOf } from '../../src/strategy/paramSpec';
import { resolveSettings } from '../../src/strategy/resolveSettings';
import { matrix, signalRows } from './matrix';

const P = { fast_window: 1, slow_window: 2, signal_window: 2, macd_ewm: false, signal_ewm: false };

describe('macd_cross', () => {
  it('indicators are the SMA MACD and signal; signals are their crossings', () => {
    const d = matrix(10, 1, { close: [4, 2, 1, 2, 4, 8, 4, 2, 4, 8] });
    const ind = macdCross.indicators(d, P);
    expect([...ind.macd]).toEqual([NaN, -1, -0.5, 0.5, 1, 2, -2, -1, 1, 2]);
    expect([...ind.signal]).toEqual([NaN, NaN, -0.75, 0, 0.75, 1.5, 0, -1.5, 0, 1.5]);
    const s = macdCross.signals(d, ind, P);
    expect(signalRows(s.exits, 10, 1), 'macd falls below the signal on row 6').toEqual([[6]]);
    expect(signalRows(s.entries, 10, 1), 'above on the first defined row: no entry until row 7').toEqual([[7]]);
  });
  it('warmup(p) = max(fast, slow) + signal bars: the first entry can fall on that bar', () => {
    expect(macdCross.warmup(P)).toBe(4);
    expect(macdCross.warmup(defaultsOf(macdCross.params))).toBe(35);
    const d = matrix(4, 1, { close: [0, 4, 4, 8] });
    expect(signalRows(macdCross.signals(d, macdCross.indicators(d, P), P).entries, 4, 1)).toEqual([[3]]);
  });
  it('resolveSettings(macdCross, { fast_window: 26, slow_window: 12 }) refuses the run: fast_window < slow_window', () => {
    expect(() => resolveSettings(macdCross, { fast_window: 26, slow_window: 12 })).toThrow(/strategy macd_cross needs fast_window < slow_window/);
  });
});
