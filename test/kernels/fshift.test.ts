import { describe, expect, it } from 'vitest';
import { fshift, fshift1d } from '../../src/kernels/fshift';

const f = (...x: number[]) => Float64Array.from(x);

describe('fshift1d / fshift', () => {
  it('fshift1d(a) moves every value one row later, NaN first', () => {
    expect([...fshift1d(f(1, 2, 3))]).toEqual([NaN, 1, 2]);
  });
  it('fshift1d(a, 2) moves values two rows later; fshift1d(a, 0) copies', () => {
    expect([...fshift1d(f(1, 2, 3), 2)]).toEqual([NaN, NaN, 1]);
    const a = f(1, 2);
    const b = fshift1d(a, 0);
    expect([...b]).toEqual([1, 2]);
    expect(b, 'a new array').not.toBe(a);
  });
  it('fshift1d by more than the length is all NaN', () => {
    expect([...fshift1d(f(1, 2), 5)]).toEqual([NaN, NaN]);
  });
  it('fshift1d refuses a backward shift (it would read future rows)', () => {
    expect(() => fshift1d(f(1, 2), -1)).toThrow(/n must be an integer >= 0 \(a backward shift reads future rows\)/);
  });
  it('fshift1d of an empty array is empty; of a single element NaN', () => {
    expect(fshift1d(f()).length).toBe(0);
    expect([...fshift1d(f(5))]).toEqual([NaN]);
  });
  it('fshift1d carries NaN values along; an all-NaN column stays all NaN', () => {
    expect([...fshift1d(f(NaN, 2, 3))]).toEqual([NaN, NaN, 2]);
    expect([...fshift1d(f(NaN, NaN))]).toEqual([NaN, NaN]);
  });
  it('fshift(a, 3, 2) never leaks a column into the next', () => {
    expect([...fshift(f(1, 2, 3, 4, 5, 6), 3, 2)]).toEqual([NaN, 1, 2, NaN, 4, 5]);
  });
  it('fshift rejects a wrong shape', () => {
    expect(() => fshift(f(1, 2, 3), 2, 2)).toThrow(/nRows\*nCols/);
  });
});
