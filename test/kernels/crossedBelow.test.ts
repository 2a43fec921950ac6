import { describe, expect, it } from 'vitest';
import { crossedAbove, crossedAbove1d } from '../../src/kernels/crossedAbove';
import { crossedBelow, crossedBelow1d } from '../../src/kernels/crossedBelow';

const f = (...x: number[]) => Float64Array.from(x);
const rows = (a: Uint8Array) => Array.from(a);

describe('crossedBelow1d / crossedBelow', () => {
  it('crossedBelow1d(a, b) fires on the row a goes from above to below b', () => {
    expect(rows(crossedBelow1d(f(2, 0), f(1, 1)))).toEqual([0, 1]);
  });
  it('crossedBelow1d(rsi, 30): equal to the level, then below, fires', () => {
    expect(rows(crossedBelow1d(f(40, 30, 20), 30))).toEqual([0, 0, 1]);
  });
  it('crossedBelow1d(a, b) is crossedAbove1d(b, a) row for row', () => {
    const a = f(3, 1, 2, 2, NaN, 5, 0, 1, 1, 3);
    const b = f(2, 2, 2, 1, 1, 1, 1, 1, NaN, 1);
    expect(rows(crossedBelow1d(a, b))).toEqual(rows(crossedAbove1d(b, a)));
  });
  it('crossedBelow1d of empty inputs is empty; of a single, a NaN or an all-NaN input never fires', () => {
    expect(crossedBelow1d(f(), 1).length).toBe(0);
    expect(rows(crossedBelow1d(f(0), 1))).toEqual([0]);
    expect(rows(crossedBelow1d(f(NaN), 1))).toEqual([0]);
    expect(rows(crossedBelow1d(f(NaN, NaN), f(NaN, NaN)))).toEqual([0, 0]);
  });
  it('crossedBelow(a, b, 3, 2) is crossedAbove(b, a, 3, 2)', () => {
    const a = f(2, 0, 2, 2, 1, 0);
    expect(rows(crossedBelow(a, 1, 3, 2))).toEqual(rows(crossedAbove(1, a, 3, 2)));
    expect(rows(crossedBelow(a, 1, 3, 2)), 'column 1: above, equal, below fires').toEqual([0, 1, 0, 0, 0, 1]);
  });
  it('crossedBelow rejects two levels and a wrong shape', () => {
    expect(() => crossedBelow(1, 2, 1, 1)).toThrow(/at least one side must be an array/);
    expect(() => crossedBelow(f(1, 2, 3), 1, 2, 2)).toThrow(/nRows\*nCols/);
  });
});
