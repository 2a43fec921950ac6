import { describe, expect, it } from 'vitest';
import { rollingMax, rollingMax1d } from '../../src/kernels/rollingMax';
import { rollingMin, rollingMin1d } from '../../src/kernels/rollingMin';

const f = (...x: number[]) => Float64Array.from(x);

/** vectorbt's rolling_max_1d_nb / rolling_min_1d_nb: a rescan of every window (the reference, O(window) per row). */
function rescan(a: Float64Array, window: number, minp: number, max: boolean): number[] {
  return Array.from(a, (_, i) => {
    let best = a[i];
    let cnt = 0;
    for (let j = Math.max(i - window + 1, 0); j <= i; j++) {
      if (a[j] !== a[j]) continue;
      if (best !== best || (max ? a[j] > best : a[j] < best)) best = a[j];
      cnt++;
    }
    return cnt < minp ? NaN : best;
  });
}

describe('rollingMax1d / rollingMax', () => {
  it('rollingMax1d([1, 3, 2, 1], 2) is NaN until the window fills, then the window max', () => {
    expect([...rollingMax1d(f(1, 3, 2, 1), 2)]).toEqual([NaN, 3, 3, 2]);
  });
  it('rollingMax1d is NaN while a NaN is in the window (minp = window)', () => {
    expect([...rollingMax1d(f(1, NaN, 2, 3), 2)]).toEqual([NaN, NaN, NaN, 3]);
  });
  it('rollingMax1d(a, 2, 1) takes the max of the non-NaN rows (minp = 1)', () => {
    expect([...rollingMax1d(f(1, NaN, 2), 2, 1)]).toEqual([1, 1, 2]);
  });
  it('rollingMax1d equals a rescan of every window on noisy data with NaN, for windows 1..12 and every minp', () => {
    let s = 7;
    const next = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
    const a = Float64Array.from({ length: 300 }, () => (next() < 0.08 ? NaN : Math.round(next() * 20) / 2));
    for (let w = 1; w <= 12; w++) for (let minp = 1; minp <= w; minp++) expect([...rollingMax1d(a, w, minp)], `window ${w}, minp ${minp}`).toEqual(rescan(a, w, minp, true));
  });
  it('rollingMax1d of an empty array is empty', () => {
    expect(rollingMax1d(f(), 2).length).toBe(0);
  });
  it('rollingMax1d of a single element: itself with window 1, NaN with a longer window', () => {
    expect([...rollingMax1d(f(5), 1)]).toEqual([5]);
    expect([...rollingMax1d(f(5), 2)]).toEqual([NaN]);
  });
  it('rollingMax1d of a NaN element and of an all-NaN column is NaN', () => {
    expect([...rollingMax1d(f(NaN), 1)]).toEqual([NaN]);
    expect([...rollingMax1d(f(NaN, NaN, NaN), 2, 1)]).toEqual([NaN, NaN, NaN]);
  });
  it('rollingMax(a, 3, 2, 2) never leaks a column into the next', () => {
    expect([...rollingMax(f(9, 1, 2, 1, 3, 2), 3, 2, 2)]).toEqual([NaN, 9, 2, NaN, 3, 3]);
  });
  it('rollingMax rejects a window < 1, minp outside 1..window and a wrong shape', () => {
    expect(() => rollingMax1d(f(1), 0)).toThrow(/window/);
    expect(() => rollingMax1d(f(1), 2, 3)).toThrow(/minp/);
    expect(() => rollingMax(f(1, 2, 3), 2, 2, 1)).toThrow(/nRows\*nCols/);
  });
});

describe('rollingMin1d / rollingMin', () => {
  it('rollingMin1d([1, 3, 2, 1], 2) is NaN until the window fills, then the window min', () => {
    expect([...rollingMin1d(f(1, 3, 2, 1), 2)]).toEqual([NaN, 1, 2, 1]);
  });
  it('rollingMin1d is NaN while a NaN is in the window (minp = window)', () => {
    expect([...rollingMin1d(f(3, NaN, 2, 1), 2)]).toEqual([NaN, NaN, NaN, 1]);
  });
  it('rollingMin1d equals a rescan of every window on noisy data with NaN, for windows 1..12 and every minp', () => {
    let s = 11;
    const next = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
    const a = Float64Array.from({ length: 300 }, () => (next() < 0.08 ? NaN : Math.round(next() * 20) / 2));
    for (let w = 1; w <= 12; w++) for (let minp = 1; minp <= w; minp++) expect([...rollingMin1d(a, w, minp)], `window ${w}, minp ${minp}`).toEqual(rescan(a, w, minp, false));
  });
  it('rollingMin1d of an empty array is empty; of a single element itself (window 1)', () => {
    expect(rollingMin1d(f(), 2).length).toBe(0);
    expect([...rollingMin1d(f(5), 1)]).toEqual([5]);
  });
  it('rollingMin1d of a NaN element and of an all-NaN column is NaN', () => {
    expect([...rollingMin1d(f(NaN), 1)]).toEqual([NaN]);
    expect([...rollingMin1d(f(NaN, NaN), 1)]).toEqual([NaN, NaN]);
  });
  it('rollingMin(a, 3, 2, 2) never leaks a column into the next', () => {
    expect([...rollingMin(f(0, 1, 2, 5, 3, 4), 3, 2, 2)]).toEqual([NaN, 0, 1, NaN, 3, 3]);
  });
  it('rollingMin rejects a wrong shape', () => {
    expect(() => rollingMin(f(1, 2, 3), 2, 2, 1)).toThrow(/nRows\*nCols/);
  });
});
