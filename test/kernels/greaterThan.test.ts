import { describe, expect, it } from 'vitest';
import { greaterThan } from '../../src/kernels/greaterThan';
import { lessThan } from '../../src/kernels/lessThan';

const f = (...x: number[]) => Float64Array.from(x);
const rows = (a: Uint8Array) => Array.from(a);

describe('greaterThan / lessThan', () => {
  it('greaterThan(a, b) is 1 where a > b strictly', () => {
    expect(rows(greaterThan(f(1, 2, 3), f(2, 2, 2)))).toEqual([0, 0, 1]);
  });
  it('lessThan(a, b) is 1 where a < b strictly', () => {
    expect(rows(lessThan(f(1, 2, 3), f(2, 2, 2)))).toEqual([1, 0, 0]);
  });
  it('greaterThan / lessThan with a level compare every element with it', () => {
    expect(rows(greaterThan(f(1, 2, 3), 2))).toEqual([0, 0, 1]);
    expect(rows(lessThan(f(1, 2, 3), 2))).toEqual([1, 0, 0]);
  });
  it('a comparison with NaN on either side is false', () => {
    expect(rows(greaterThan(f(NaN, 3), f(1, NaN)))).toEqual([0, 0]);
    expect(rows(lessThan(f(NaN, 0), f(1, NaN)))).toEqual([0, 0]);
    expect(rows(greaterThan(f(1), NaN))).toEqual([0]);
  });
  it('greaterThan / lessThan of empty arrays are empty; of a single element one flag', () => {
    expect(greaterThan(f(), f()).length).toBe(0);
    expect(lessThan(f(), 1).length).toBe(0);
    expect(rows(greaterThan(f(2), 1))).toEqual([1]);
    expect(rows(lessThan(f(2), 1))).toEqual([0]);
  });
  it('greaterThan / lessThan of all-NaN arrays are all 0', () => {
    expect(rows(greaterThan(f(NaN, NaN), f(NaN, NaN)))).toEqual([0, 0]);
    expect(rows(lessThan(f(NaN, NaN), 0))).toEqual([0, 0]);
  });
  it('greaterThan / lessThan reject unequal lengths', () => {
    expect(() => greaterThan(f(1, 2), f(1))).toThrow(/a has 2 values, b has 1/);
    expect(() => lessThan(f(1, 2), f(1))).toThrow(/a has 2 values, b has 1/);
  });
});
