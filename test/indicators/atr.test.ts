import { describe, expect, it } from 'vitest';
import { atr, atr1d } from '../../src/indicators/atr';

const f = (...x: number[]) => Float64Array.from(x);
const arr = (a: Float64Array) => Array.from(a);

// Bars whose true range is exactly tr[t] (close constant at 10, high/low symmetric around it)
function barsWithTr(tr: number[]): { h: Float64Array; l: Float64Array; c: Float64Array } {
  const n = tr.length + 1;
  const h = new Float64Array(n);
  const l = new Float64Array(n);
  const c = new Float64Array(n).fill(10);
  h[0] = 10;
  l[0] = 10;
  tr.forEach((x, i) => {
    h[i + 1] = 10 + x / 2;
    l[i + 1] = 10 - x / 2;
  });
  return { h, l, c };
}

describe('atr1d', () => {
  it('atr1d(empty) is empty', () => {
    expect(arr(atr1d(f(), f(), f(), 14))).toEqual([]);
  });
  it('atr1d of one bar is [NaN]', () => {
    expect(arr(atr1d(f(10), f(9), f(9.5), 1))).toEqual([NaN]);
  });
  it('atr1d(all NaN) is all NaN', () => {
    expect(arr(atr1d(f(NaN, NaN, NaN), f(NaN, NaN, NaN), f(NaN, NaN, NaN), 1))).toEqual([NaN, NaN, NaN]);
  });
  it('atr1d(h, l, c, 3) starts at row 3 with mean(tr[1..3]), then Wilder-smooths (2*prev + tr)/3', () => {
    const { h, l, c } = barsWithTr([2, 4, 6, 9, 0]);
    expect(arr(atr1d(h, l, c, 3))).toEqual([NaN, NaN, NaN, 4, (2 * 4 + 9) / 3, (2 * ((2 * 4 + 9) / 3) + 0) / 3]);
  });
  it('atr1d(h, l, c, 1) equals the true range', () => {
    const { h, l, c } = barsWithTr([2, 4, 6]);
    expect(arr(atr1d(h, l, c, 1))).toEqual([NaN, 2, 4, 6]);
  });
  it('atr1d skips leading NaN bars (TA-Lib wrapper begidx) and starts window bars after the first complete bar', () => {
    const { h, l, c } = barsWithTr([2, 4, 6, 8]);
    const H = f(NaN, NaN, ...h);
    const L = f(NaN, NaN, ...l);
    const C = f(NaN, NaN, ...c);
    expect(arr(atr1d(H, L, C, 2))).toEqual([NaN, NaN, NaN, NaN, 3, (3 + 6) / 2, ((3 + 6) / 2 + 8) / 2]);
  });
  it('atr1d propagates an interior NaN through the recursion (as TA-Lib)', () => {
    const { h, l, c } = barsWithTr([2, 4, 6, 8]);
    h[3] = NaN;
    expect(arr(atr1d(h, l, c, 1))).toEqual([NaN, 2, 4, NaN, NaN]);
  });
  it('atr1d is all NaN when the series is shorter than window + 1', () => {
    const { h, l, c } = barsWithTr([2, 4]);
    expect(arr(atr1d(h, l, c, 3))).toEqual([NaN, NaN, NaN]);
  });
  it('atr1d with the default window 14 has its first value at row 14', () => {
    const { h, l, c } = barsWithTr(Array.from({ length: 15 }, (_, i) => i + 1));
    const a = atr1d(h, l, c);
    expect(a[13]).toBeNaN();
    expect(a[14]).toBe(7.5); // mean(1..14)
    expect(a[15]).toBe((13 * 7.5 + 15) / 14);
  });
  it('atr1d(h, l, c, 0) throws', () => {
    expect(() => atr1d(f(1), f(1), f(1), 0)).toThrow(/window/);
  });
});

describe('atr', () => {
  it('atr on a union index with a missing row smooths over the ticker\'s own bars only', () => {
    const { h, l, c } = barsWithTr([2, 4, 6]);
    const H = f(h[0], NaN, h[1], h[2], h[3]);
    const L = f(l[0], NaN, l[1], l[2], l[3]);
    const C = f(c[0], NaN, c[1], c[2], c[3]);
    expect(arr(atr(H, L, C, 5, 1, 2, Uint8Array.of(1, 0, 1, 1, 1)))).toEqual([NaN, NaN, NaN, 3, (3 + 6) / 2]);
  });
});
