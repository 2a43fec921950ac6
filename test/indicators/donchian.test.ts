import { describe, expect, it } from 'vitest';
import { donchian, donchian1d } from '../../src/indicators/donchian';

const f = (...x: number[]) => Float64Array.from(x);
const lists = (c: { upper: Float64Array; lower: Float64Array }) => ({ upper: [...c.upper], lower: [...c.lower] });

describe('donchian1d / donchian', () => {
  it('donchian1d(high, low, 2) is the max high / min low of the 2 previous rows (row t excluded)', () => {
    expect(lists(donchian1d(f(2, 3, 4, 1, 5), f(1, 2, 3, 0, 4), 2))).toEqual({ upper: [NaN, NaN, 3, 4, 4], lower: [NaN, NaN, 1, 2, 0] });
  });
  it('donchian1d(high, low, 3, 1) takes separate windows for the upper and the lower line', () => {
    expect(lists(donchian1d(f(2, 3, 4, 1, 5), f(1, 2, 3, 0, 4), 3, 1))).toEqual({ upper: [NaN, NaN, NaN, 4, 4], lower: [NaN, 1, 2, 3, 0] });
  });
  it('donchian1d is NaN while a NaN is among the previous rows (after absent row a = 2: rows a+1..a+N)', () => {
    expect([...donchian1d(f(1, 2, NaN, 3, 4, 5), f(1, 2, NaN, 3, 4, 5), 2).upper]).toEqual([NaN, NaN, 2, NaN, NaN, 4]);
  });
  it('donchian1d of an empty series is empty', () => {
    expect(donchian1d(f(), f(), 20).upper.length).toBe(0);
  });
  it('donchian1d of a single bar is NaN (no previous row)', () => {
    expect(lists(donchian1d(f(2), f(1), 1))).toEqual({ upper: [NaN], lower: [NaN] });
  });
  it('donchian1d of a NaN bar and of an all-NaN series is NaN', () => {
    expect(lists(donchian1d(f(NaN, 1), f(NaN, 1), 1))).toEqual({ upper: [NaN, NaN], lower: [NaN, NaN] });
    expect(lists(donchian1d(f(NaN, NaN, NaN), f(NaN, NaN, NaN), 1))).toEqual({ upper: [NaN, NaN, NaN], lower: [NaN, NaN, NaN] });
  });
  it('donchian(high, low, 3, 2, 1) is donchian1d per column (row 0 of a column never sees the previous column)', () => {
    expect(lists(donchian(f(1, 2, 3, 7, 8, 9), f(0, 1, 2, 6, 7, 8), 3, 2, 1))).toEqual({ upper: [NaN, 1, 2, NaN, 7, 8], lower: [NaN, 0, 1, NaN, 6, 7] });
  });
  it('donchian rejects a window < 1, unequal lengths and a wrong shape', () => {
    expect(() => donchian1d(f(1), f(1), 0)).toThrow(/upperWindow must be an integer >= 1/);
    expect(() => donchian1d(f(1, 2), f(1), 1)).toThrow(/high has 2 values, low has 1/);
    expect(() => donchian(f(1, 2, 3), f(1, 2, 3), 2, 2)).toThrow(/nRows\*nCols/);
  });
});
