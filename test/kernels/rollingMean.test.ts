import { describe, expect, it } from 'vitest';
import { rollingMean, rollingMean1d } from '../../src/kernels/rollingMean';

const f = (...x: number[]) => Float64Array.from(x);

describe('rollingMean1d / rollingMean', () => {
  it('rollingMean1d([1, 2, 3, 4], 2) is NaN until the window fills, then the window mean', () => {
    expect([...rollingMean1d(f(1, 2, 3, 4), 2)]).toEqual([NaN, 1.5, 2.5, 3.5]);
  });
  it('rollingMean1d(a, 3) needs all 3 rows of the window (minp = window)', () => {
    expect([...rollingMean1d(f(1, 2, 3, 4), 3)]).toEqual([NaN, NaN, 2, 3]);
  });
  it('rollingMean1d takes the window sum as a difference of running sums from row 0, as vectorbt', () => {
    const m = rollingMean1d(f(0.1, 0.2, 0.3, 0.4), 2);
    // (((0.1 + 0.2) + 0.3) - 0.1) / 2, not (0.2 + 0.3) / 2 = 0.25
    expect(m[2], 'S[2] - S[0] carries the rounding of the running sum').toBe(((0.1 + 0.2 + 0.3) - 0.1) / 2);
    expect(m[2], 'and that is not the plain window sum').not.toBe(0.25);
    expect(m[2]).toBe(0.25000000000000006);
  });
  it('rollingMean1d is NaN while a NaN is in the window, and again defined once it leaves', () => {
    expect([...rollingMean1d(f(1, NaN, 3, 4, 5), 2)]).toEqual([NaN, NaN, NaN, 3.5, 4.5]);
  });
  it('rollingMean1d(a, 2, 1) averages the non-NaN rows of the window (minp = 1)', () => {
    expect([...rollingMean1d(f(1, NaN, 3), 2, 1)]).toEqual([1, 1, 3]);
  });
  it('rollingMean1d of an empty array is empty', () => {
    expect(rollingMean1d(f(), 3).length).toBe(0);
  });
  it('rollingMean1d of a single element: the value with window 1, NaN with a longer window', () => {
    expect([...rollingMean1d(f(5), 1)]).toEqual([5]);
    expect([...rollingMean1d(f(5), 2)]).toEqual([NaN]);
  });
  it('rollingMean1d of a NaN element is NaN', () => {
    expect([...rollingMean1d(f(NaN), 1)]).toEqual([NaN]);
  });
  it('rollingMean1d of an all-NaN column is all NaN', () => {
    expect([...rollingMean1d(f(NaN, NaN, NaN), 2, 1)]).toEqual([NaN, NaN, NaN]);
  });
  it('rollingMean(a, 3, 2, 2) never leaks a column into the next', () => {
    expect([...rollingMean(f(1, 2, 3, 10, 20, 30), 3, 2, 2)]).toEqual([NaN, 1.5, 2.5, NaN, 15, 25]);
  });
  it('rollingMean equals rollingMean1d per column', () => {
    const a = f(0.1, 0.7, NaN, 0.3, 0.9, 1.1, 0.2, 0.4, 0.8, 0.6);
    const m = rollingMean(a, 5, 2, 2);
    expect([...m.subarray(0, 5)]).toEqual([...rollingMean1d(a.subarray(0, 5), 2)]);
    expect([...m.subarray(5)]).toEqual([...rollingMean1d(a.subarray(5), 2)]);
  });
  it('rollingMean rejects a window < 1, minp outside 1..window and a wrong shape', () => {
    expect(() => rollingMean1d(f(1), 0)).toThrow(/window must be an integer >= 1/);
    expect(() => rollingMean1d(f(1), 2, 3)).toThrow(/minp must be an integer from 1 to the window/);
    expect(() => rollingMean1d(f(1), 2, 0)).toThrow(/minp/);
    expect(() => rollingMean(f(1, 2, 3), 2, 2, 1)).toThrow(/nRows\*nCols/);
  });
});
