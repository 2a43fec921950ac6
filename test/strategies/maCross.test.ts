import { describe, expect, it } from 'vitest';
import { maCross } from '../../src/strategies/maCross';
import { defaultsOf } from '../../src/strategy/paramSpec';
import { resolveSettings } from '../../src/strategy/resolveSettings';
import { matrix, signalRows } from './matrix';

const P = { fast_window: 1, slow_window: 2, ewm: false };

describe('ma_cross', () => {
  it('indicators(d, {fast 1, slow 2}) are the SMAs of the close; signals are their crossings', () => {
    const d = matrix(6, 1, { close: [3, 2, 1, 2, 3, 2] });
    const ind = maCross.indicators(d, P);
    expect([...ind.fast_ma]).toEqual([3, 2, 1, 2, 3, 2]);
    expect([...ind.slow_ma]).toEqual([NaN, 2.5, 1.5, 1.5, 2.5, 2.5]);
    const s = maCross.signals(d, ind, P);
    expect(signalRows(s.entries, 6, 1), 'fast goes above slow on row 3').toEqual([[3]]);
    expect(signalRows(s.exits, 6, 1), 'and below it on row 5').toEqual([[5]]);
  });
  it('indicators(d, { ewm: true }) are EMAs (span = window), carried through an absent row', () => {
    const ind = maCross.indicators(matrix(4, 1, { close: [1, 2, NaN, 4] }), { fast_window: 1, slow_window: 3, ewm: true });
    expect([...ind.fast_ma]).toEqual([1, 2, 2, 4]);
    // span 3: alpha 0.5; the old weight decays across the NaN row: (0.25 * 1.5 + 0.5 * 4) / 0.75 at the 3rd observation
    expect([...ind.slow_ma]).toEqual([NaN, NaN, NaN, (0.25 * 1.5 + 0.5 * 4) / 0.75]);
  });
  it('an absent row disarms: below, gap, above does not enter', () => {
    const d = matrix(6, 1, { close: [3, 2, 1, NaN, 2, 3] });
    expect(signalRows(maCross.signals(d, maCross.indicators(d, P), P).entries, 6, 1)).toEqual([[]]);
  });
  it('warmup(p) = max(fast, slow) + 1 bars: the first entry can fall on that bar', () => {
    expect(maCross.warmup(P)).toBe(3);
    expect(maCross.warmup(defaultsOf(maCross.params))).toBe(51);
    const d = matrix(3, 1, { close: [3, 2, 3] });
    expect(signalRows(maCross.signals(d, maCross.indicators(d, P), P).entries, 3, 1), 'entry on bar 3 = row 2').toEqual([[2]]);
  });
  it('resolveSettings(maCross, { fast_window: 50, slow_window: 10 }) refuses the run: fast_window < slow_window', () => {
    expect(() => resolveSettings(maCross, { fast_window: 50, slow_window: 10 })).toThrow(/strategy ma_cross needs fast_window < slow_window/);
    expect(() => resolveSettings(maCross, { fast_window: 10, slow_window: 10 })).toThrow(/fast_window < slow_window/);
  });
});
