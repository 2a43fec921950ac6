import { describe, expect, it } from 'vitest';
import { atrPct, atrPct1d } from '../../src/indicators/atrPct';

const f = (...x: number[]) => Float64Array.from(x);
const arr = (a: Float64Array) => Array.from(a);

describe('atrPct1d', () => {
  it('atrPct1d(empty) is empty', () => {
    expect(arr(atrPct1d(f(), f(), f(), 14))).toEqual([]);
  });
  it('atrPct1d of one bar is [NaN]', () => {
    expect(arr(atrPct1d(f(10), f(9), f(9.5), 1))).toEqual([NaN]);
  });
  it('atrPct1d(all NaN) is all NaN', () => {
    expect(arr(atrPct1d(f(NaN, NaN), f(NaN, NaN), f(NaN, NaN), 1))).toEqual([NaN, NaN]);
  });
  it('atrPct1d(h, l, c, 2) = 100 * ATR / close', () => {
    const h = f(10, 11, 12, 11);
    const l = f(9, 10, 10, 9);
    const c = f(10, 10, 11, 10);
    // tr = [NaN, 1, 2, 2]; atr(2) = [NaN, NaN, 1.5, (1.5 + 2)/2]
    expect(arr(atrPct1d(h, l, c, 2))).toEqual([NaN, NaN, (100 * 1.5) / 11, (100 * 1.75) / 10]);
  });
});

describe('atrPct', () => {
  it('atrPct on two columns with present: NaN on rows the ticker lacks', () => {
    const h = f(10, 11, 12, /* col 1 */ 10, NaN, 11);
    const l = f(9, 10, 10, 9, NaN, 10);
    const c = f(10, 10, 11, 10, NaN, 10);
    const out = atrPct(h, l, c, 3, 2, 1, Uint8Array.of(1, 1, 1, 1, 0, 1));
    expect(arr(out)).toEqual([NaN, 10, (100 * 2) / 11, NaN, NaN, 10]);
  });
});
