import { describe, expect, it } from 'vitest';
import { rvolAtrSignals as signals } from '../../../src/strategies/rvolAtr/rvolAtrSignals';

const DEFAULT_STRATEGY = { rvol_min: 2, atr_pct_min: 8, hold_bars: 7, exit_mode: 'shifted-signal' };

const f = (...x: number[]) => Float64Array.from(x);
const arr = (a: Uint8Array) => Array.from(a);

describe('rvolAtrSignals', () => {
  it('signals(rvol, atrPct) enters where rvol > rvol_min and atrPct > atr_pct_min (strictly; NaN is false)', () => {
    const rvol = f(3, 2, 3, NaN, 3);
    const atrPct = f(9, 9, 8, 9, NaN);
    const { entries } = signals(rvol, atrPct, 5, 1, DEFAULT_STRATEGY);
    expect(arr(entries)).toEqual([1, 0, 0, 0, 0]);
  });
  it("signals(..., 'shifted-signal') exits = entries shifted by hold_bars on the union rows, per column", () => {
    const rvol = f(3, 0, 3, 0, 0, /* col 1 */ 0, 3, 0, 0, 0);
    const atrPct = new Float64Array(10).fill(9);
    const { entries, exits } = signals(rvol, atrPct, 5, 2, { ...DEFAULT_STRATEGY, hold_bars: 2 });
    expect(arr(entries)).toEqual([1, 0, 1, 0, 0, 0, 1, 0, 0, 0]);
    expect(arr(exits), 'no leak from column 0 into column 1').toEqual([0, 0, 1, 0, 1, 0, 0, 0, 1, 0]);
  });
  it("signals(..., 'bars-after-fill') has no exit signals", () => {
    const { entries, exits } = signals(f(3, 3), f(9, 9), 2, 1, { ...DEFAULT_STRATEGY, exit_mode: 'bars-after-fill', hold_bars: 1 });
    expect(arr(entries)).toEqual([1, 1]);
    expect(arr(exits)).toEqual([0, 0]);
  });
  it('signals on an empty matrix are empty', () => {
    const { entries, exits } = signals(f(), f(), 0, 0, DEFAULT_STRATEGY);
    expect([entries.length, exits.length]).toEqual([0, 0]);
  });
  it('signals on all-NaN indicators never enter', () => {
    expect(arr(signals(f(NaN, NaN), f(NaN, NaN), 2, 1, DEFAULT_STRATEGY).entries)).toEqual([0, 0]);
  });
  it('signals throws when the indicator arrays do not match the shape', () => {
    expect(() => signals(f(1), f(1, 2), 2, 1, DEFAULT_STRATEGY)).toThrow(RangeError);
  });
});
