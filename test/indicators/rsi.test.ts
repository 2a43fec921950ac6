import { describe, expect, it } from 'vitest';
import { rsi, rsi1d } from '../../src/indicators/rsi';

const f = (...x: number[]) => Float64Array.from(x);

describe('rsi1d / rsi (vbt.RSI)', () => {
  it('rsi1d(close, 2) is 100 - 100 / (1 + SMA(up) / SMA(down)), defined from row window', () => {
    // d = [NaN, 1, 1, -1]: up SMA [., ., 1, 0.5], down SMA [., ., 0, 0.5]
    expect([...rsi1d(f(1, 2, 3, 2), 2)]).toEqual([NaN, NaN, 100, 50]);
  });
  it('rsi1d is exactly 30 when gains:losses = 3:7', () => {
    expect(rsi1d(f(10, 13, 6), 2)[2]).toBe(30);
  });
  it('rsi1d is 0 with losses only and 100 with gains only (rs = inf)', () => {
    expect([...rsi1d(f(3, 2, 1), 2)]).toEqual([NaN, NaN, 0]);
    expect([...rsi1d(f(1, 2, 3), 2)]).toEqual([NaN, NaN, 100]);
  });
  it('rsi1d is NaN (0/0) where nothing changed over the window, in mid-history', () => {
    expect([...rsi1d(f(1, 2, 2, 2, 3), 2)]).toEqual([NaN, NaN, 100, NaN, 100]);
  });
  it("rsi1d is the simple-average RSI by default, not Wilder's", () => {
    // SMA(up, 3) / SMA(down, 3) = (2/3) / (1/3)
    expect(rsi1d(f(1, 2, 3, 2), 3)[3]).toBe(100 - 100 / (1 + (2 / 3) / (1 / 3)));
  });
  it('rsi1d(close, 3, true) uses the EMA of span 3 (alpha 0.5), seeded with the first change', () => {
    // up EMA: 1, 1, (0.5 * 1 + 0.5 * 0) / 1 = 0.5; down EMA: 0, 0, 0.5 -> rs 1
    expect([...rsi1d(f(1, 2, 3, 2), 3, true)]).toEqual([NaN, NaN, NaN, 50]);
  });
  it('rsi1d after an absent row is NaN through a whole window after it', () => {
    expect([...rsi1d(f(1, 2, NaN, 3, 4, 5), 2)]).toEqual([NaN, NaN, NaN, NaN, NaN, 100]);
  });
  it('rsi1d of an empty series is empty', () => {
    expect(rsi1d(f(), 14).length).toBe(0);
  });
  it('rsi1d of a single close, of a NaN close and of an all-NaN series is NaN', () => {
    expect([...rsi1d(f(5), 1)]).toEqual([NaN]);
    expect([...rsi1d(f(NaN), 1)]).toEqual([NaN]);
    expect([...rsi1d(f(NaN, NaN, NaN), 1, true)]).toEqual([NaN, NaN, NaN]);
  });
  it('rsi(close, 3, 2, 2) is rsi1d per column (no change carried across columns)', () => {
    expect([...rsi(f(1, 2, 3, 3, 2, 1), 3, 2, 2)]).toEqual([NaN, NaN, 100, NaN, NaN, 0]);
  });
  it('rsi rejects a window < 1 and a wrong shape', () => {
    expect(() => rsi1d(f(1), 0)).toThrow(/window must be an integer >= 1/);
    expect(() => rsi(f(1, 2, 3), 2, 2)).toThrow(/nRows\*nCols/);
  });
});
