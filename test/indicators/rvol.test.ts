import { describe, expect, it } from 'vitest';
import { rvol, rvol1d } from '../../src/indicators/rvol';

const f = (...x: number[]) => Float64Array.from(x);
const arr = (a: Float64Array) => Array.from(a);

describe('rvol1d', () => {
  it('rvol1d(empty) is empty', () => {
    expect(arr(rvol1d(f(), 20))).toEqual([]);
  });
  it('rvol1d([v], 1) is [NaN] for a single element (no previous bars)', () => {
    expect(arr(rvol1d(f(5), 1))).toEqual([NaN]);
  });
  it('rvol1d(all NaN) is all NaN', () => {
    expect(arr(rvol1d(f(NaN, NaN, NaN, NaN), 2))).toEqual([NaN, NaN, NaN, NaN]);
  });
  it('rvol1d(v, 2) divides by the mean of the two previous bars and is NaN until the window fills', () => {
    expect(arr(rvol1d(f(1, 3, 4, 7, 0), 2))).toEqual([NaN, NaN, 2, 7 / 3.5, 0]);
  });
  it('rvol1d(v, 2) is NaN while a NaN is in the window and when the bar itself is NaN', () => {
    expect(arr(rvol1d(f(2, NaN, 4, 6, 6, NaN, 10, 8, 9), 2))).toEqual([NaN, NaN, NaN, NaN, 6 / 5, NaN, NaN, NaN, 1]);
  });
  it('rvol1d(v, 2) is NaN where the baseline mean is 0 (no inf, no 0/0)', () => {
    expect(arr(rvol1d(f(0, 0, 5, 0, 0, 0), 2))).toEqual([NaN, NaN, NaN, 0, 0, NaN]);
  });
  it('rvol1d(v) uses window 20 by default', () => {
    const v = new Float64Array(22).fill(10);
    v[20] = 30;
    const r = rvol1d(v);
    expect(r[19], 'window not full at row 19').toBeNaN();
    expect(r[20]).toBe(3);
    expect(r[21]).toBe(10 / ((19 * 10 + 30) / 20));
  });
  it('rvol1d(v, 20) keeps full precision over long series (compensated running sum)', () => {
    const n = 5000;
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) v[i] = 1e7 + ((i * 7919) % 1000) * 0.1;
    const r = rvol1d(v, 20);
    for (const t of [20, 1234, n - 1]) {
      let s = 0;
      for (let k = t - 20; k < t; k++) s += v[k];
      expect(Math.abs(r[t] - v[t] / (s / 20)) / r[t], `row ${t}`).toBeLessThan(1e-14);
    }
  });
  it('rvol1d(v, 0) throws: the window must be a positive integer', () => {
    expect(() => rvol1d(f(1), 0)).toThrow(/window/);
    expect(() => rvol1d(f(1), 2.5)).toThrow(/window/);
  });
});

describe('rvol', () => {
  it('rvol(v, nRows, nCols, 2) computes each column separately (column-major)', () => {
    const v = f(1, 1, 2, /* col 1 */ 4, 4, 12);
    expect(arr(rvol(v, 3, 2, 2))).toEqual([NaN, NaN, 2, NaN, NaN, 3]);
  });
  it('rvol(v, nRows, nCols, 2, present) counts the window on the ticker\'s own rows, NaN on rows it lacks', () => {
    // column 0 lacks union rows 1 and 3: its own rows are 0, 2, 4, 5
    const v = f(2, NaN, 4, NaN, 9, 3);
    const present = Uint8Array.of(1, 0, 1, 0, 1, 1);
    expect(arr(rvol(v, 6, 1, 2, present))).toEqual([NaN, NaN, NaN, NaN, 3, 3 / 6.5]);
  });
  it('rvol(empty, 0, 0) is empty', () => {
    expect(arr(rvol(f(), 0, 0, 20))).toEqual([]);
  });
  it('rvol with a column that has no rows is all NaN for it', () => {
    expect(arr(rvol(f(1, 1, 3, NaN, NaN, NaN), 3, 2, 2, Uint8Array.of(1, 1, 1, 0, 0, 0)))).toEqual([NaN, NaN, 3, NaN, NaN, NaN]);
  });
});
