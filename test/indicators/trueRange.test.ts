import { describe, expect, it } from 'vitest';
import { trueRange, trueRange1d } from '../../src/indicators/trueRange';

const f = (...x: number[]) => Float64Array.from(x);
const arr = (a: Float64Array) => Array.from(a);

describe('trueRange1d', () => {
  it('trueRange1d(empty) is empty', () => {
    expect(arr(trueRange1d(f(), f(), f()))).toEqual([]);
  });
  it('trueRange1d of one bar is [NaN] (no previous close)', () => {
    expect(arr(trueRange1d(f(10), f(9), f(9.5)))).toEqual([NaN]);
  });
  it('trueRange1d(all NaN) is all NaN', () => {
    expect(arr(trueRange1d(f(NaN, NaN), f(NaN, NaN), f(NaN, NaN)))).toEqual([NaN, NaN]);
  });
  it('trueRange1d takes the largest of high-low, |high-prevClose|, |low-prevClose|', () => {
    const high = f(10, 12, 12, 9);
    const low = f(9, 11, 8.5, 7.5);
    const close = f(9.5, 11.5, 10, 8);
    // row1: gap up: |12-9.5| = 2.5 ; row2: high-low 12-8.5 = 3.5 ; row3: gap down |7.5-10| = 2.5
    expect(arr(trueRange1d(high, low, close))).toEqual([NaN, 2.5, 3.5, 2.5]);
  });
  it('trueRange1d is NaN on a bar with a NaN high or low, and high - low after a NaN close (TA-Lib TRANGE)', () => {
    expect(arr(trueRange1d(f(10, 11, 12, 13), f(9, NaN, 11, 12), f(9.5, NaN, 11.5, 12.5))), 'row 2: previous close NaN -> 12 - 11').toEqual([NaN, NaN, 1, 1.5]);
  });
  it('trueRange1d throws on inputs of different lengths', () => {
    expect(() => trueRange1d(f(1, 2), f(1), f(1, 2))).toThrow(/same length/);
  });
});

describe('trueRange', () => {
  it('trueRange over two columns uses each column\'s previous close only', () => {
    const h = f(10, 12, /* col 1 */ 100, 101);
    const l = f(9, 11, 99, 100);
    const c = f(9.5, 11.5, 99.5, 100.5);
    expect(arr(trueRange(h, l, c, 2, 2))).toEqual([NaN, 2.5, NaN, 1.5]);
  });
  it('trueRange with present uses the previous *own* bar across union rows the ticker lacks', () => {
    const h = f(10, NaN, 12);
    const l = f(9, NaN, 11);
    const c = f(9.5, NaN, 11.5);
    expect(arr(trueRange(h, l, c, 3, 1, Uint8Array.of(1, 0, 1)))).toEqual([NaN, NaN, 2.5]);
  });
});
