import { describe, expect, it } from 'vitest';
import { rollingStd, rollingStd1d } from '../../src/kernels/rollingStd';

const f = (...x: number[]) => Float64Array.from(x);

describe('rollingStd1d / rollingStd', () => {
  it('rollingStd1d([1, 3, 5], 2) is the population std (ddof 0) of each window', () => {
    expect([...rollingStd1d(f(1, 3, 5), 2)]).toEqual([NaN, 1, 1]);
  });
  it('rollingStd1d(a, 2, 1) is the sample std (ddof 1)', () => {
    expect([...rollingStd1d(f(1, 3, 5), 2, 1)]).toEqual([NaN, Math.SQRT2, Math.SQRT2]);
  });
  it("rollingStd1d evaluates vectorbt's expression in its order: sqrt(|(ws2 - (2*ws)*m) + cnt*(m*m)| / (cnt - ddof))", () => {
    const a = f(0.1, 0.2, 0.3, 0.7);
    const s = 0.1 + 0.2 + 0.3 + 0.7;
    const s2 = 0.1 * 0.1 + 0.2 * 0.2 + 0.3 * 0.3 + 0.7 * 0.7;
    const ws = s - 0.1;
    const ws2 = s2 - 0.1 * 0.1;
    const m = ws / 3;
    expect(rollingStd1d(a, 3)[3], 'running sums from row 0, differenced').toBe(Math.sqrt(Math.abs(ws2 - 2 * ws * m + 3 * (m * m)) / 3));
  });
  it('rollingStd1d is NaN while a NaN is in the window', () => {
    expect([...rollingStd1d(f(1, NaN, 1, 3, 5), 2)]).toEqual([NaN, NaN, NaN, 1, 1]);
  });
  it('rollingStd1d is NaN where the count equals ddof', () => {
    expect([...rollingStd1d(f(1, 2), 1, 1)]).toEqual([NaN, NaN]);
  });
  it('rollingStd1d(a, 2, 0, 1) uses the non-NaN rows of the window (minp = 1)', () => {
    expect([...rollingStd1d(f(1, NaN, 3, 5), 2, 0, 1)]).toEqual([0, 0, 0, 1]);
  });
  it('rollingStd1d of an empty array is empty', () => {
    expect(rollingStd1d(f(), 2).length).toBe(0);
  });
  it('rollingStd1d of a single element: 0 with window 1, NaN with a longer window', () => {
    expect([...rollingStd1d(f(5), 1)]).toEqual([0]);
    expect([...rollingStd1d(f(5), 2)]).toEqual([NaN]);
  });
  it('rollingStd1d of a NaN element and of an all-NaN column is NaN', () => {
    expect([...rollingStd1d(f(NaN), 1)]).toEqual([NaN]);
    expect([...rollingStd1d(f(NaN, NaN, NaN), 2, 0, 1)]).toEqual([NaN, NaN, NaN]);
  });
  it('rollingStd(a, 3, 2, 2) never leaks a column into the next', () => {
    expect([...rollingStd(f(1, 3, 5, 10, 14, 18), 3, 2, 2)]).toEqual([NaN, 1, 1, NaN, 2, 2]);
  });
  it('rollingStd rejects a negative ddof, a window < 1 and a wrong shape', () => {
    expect(() => rollingStd1d(f(1), 1, -1)).toThrow(/ddof must be an integer >= 0/);
    expect(() => rollingStd1d(f(1), 0)).toThrow(/window/);
    expect(() => rollingStd(f(1, 2, 3), 2, 2, 1)).toThrow(/nRows\*nCols/);
  });
});
