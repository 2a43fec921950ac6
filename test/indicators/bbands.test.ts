import { describe, expect, it } from 'vitest';
import { bbands, bbands1d } from '../../src/indicators/bbands';

const f = (...x: number[]) => Float64Array.from(x);
const lists = (b: { upper: Float64Array; middle: Float64Array; lower: Float64Array }) => ({ upper: [...b.upper], middle: [...b.middle], lower: [...b.lower] });

describe('bbands1d / bbands (vbt.BBANDS, ddof 0)', () => {
  it('bbands1d(close, 2, 2) is SMA +- 2 population std', () => {
    // windows [1, 3] and [3, 5]: mean 2 and 4, population std 1 (the sample std would be sqrt(2))
    expect(lists(bbands1d(f(1, 3, 5), 2, 2))).toEqual({ upper: [NaN, 4, 6], middle: [NaN, 2, 4], lower: [NaN, 0, 2] });
  });
  it('bbands1d(close, 2, 1.5) scales the std by alpha', () => {
    expect(lists(bbands1d(f(1, 3), 2, 1.5))).toEqual({ upper: [NaN, 3.5], middle: [NaN, 2], lower: [NaN, 0.5] });
  });
  it('bbands1d(close, 2, 0) collapses the bands onto the middle', () => {
    expect(lists(bbands1d(f(1, 3), 2, 0))).toEqual({ upper: [NaN, 2], middle: [NaN, 2], lower: [NaN, 2] });
  });
  it('bbands1d is NaN while a NaN is in the window', () => {
    expect([...bbands1d(f(1, NaN, 1, 3), 2).upper]).toEqual([NaN, NaN, NaN, 4]);
  });
  it('bbands1d of an empty series is empty', () => {
    expect(bbands1d(f(), 20).middle.length).toBe(0);
  });
  it('bbands1d of a single close: the close itself with window 1 (std 0), NaN with window 2', () => {
    expect(lists(bbands1d(f(5), 1))).toEqual({ upper: [5], middle: [5], lower: [5] });
    expect(lists(bbands1d(f(5), 2))).toEqual({ upper: [NaN], middle: [NaN], lower: [NaN] });
  });
  it('bbands1d of a NaN close and of an all-NaN series is NaN', () => {
    expect(lists(bbands1d(f(NaN), 1))).toEqual({ upper: [NaN], middle: [NaN], lower: [NaN] });
    expect([...bbands1d(f(NaN, NaN), 1).lower]).toEqual([NaN, NaN]);
  });
  it('bbands(close, 3, 2, 2, 2) is bbands1d per column', () => {
    expect(lists(bbands(f(1, 3, 5, 10, 14, 18), 3, 2, 2, 2))).toEqual({ upper: [NaN, 4, 6, NaN, 16, 20], middle: [NaN, 2, 4, NaN, 12, 16], lower: [NaN, 0, 2, NaN, 8, 12] });
  });
  it('bbands rejects a window < 1, a non-finite alpha and a wrong shape', () => {
    expect(() => bbands1d(f(1), 0)).toThrow(/window/);
    expect(() => bbands1d(f(1), 2, NaN)).toThrow(/alpha must be a finite number/);
    expect(() => bbands(f(1, 2, 3), 2, 2)).toThrow(/nRows\*nCols/);
  });
});
