import { describe, expect, it } from 'vitest';
import { ma, ma1d } from '../../src/indicators/ma';

const f = (...x: number[]) => Float64Array.from(x);

describe('ma1d / ma (vbt.MA)', () => {
  it('ma1d(close, 2) is the SMA, NaN until the window fills', () => {
    expect([...ma1d(f(1, 2, 3, 4), 2)]).toEqual([NaN, 1.5, 2.5, 3.5]);
  });
  it('ma1d(close, 3, true) is the EMA with span 3, adjust=False, defined from the 3rd observation', () => {
    expect([...ma1d(f(1, 2, 3, 4), 3, true)]).toEqual([NaN, NaN, 2.25, 3.125]);
  });
  it('ma1d: after a NaN row the SMA is NaN for a window, the EMA carries its value through it', () => {
    expect([...ma1d(f(1, 2, NaN, 4, 6), 2)], 'SMA').toEqual([NaN, 1.5, NaN, NaN, 5]);
    // EMA span 1: alpha 1, so it is the last valid close
    expect([...ma1d(f(1, 2, NaN, 4, 6), 1, true)], 'EMA').toEqual([1, 2, 2, 4, 6]);
  });
  it('ma1d of an empty series is empty', () => {
    expect(ma1d(f(), 2).length).toBe(0);
    expect(ma1d(f(), 2, true).length).toBe(0);
  });
  it('ma1d of a single close: itself with window 1, NaN with window 2', () => {
    expect([...ma1d(f(5), 1)]).toEqual([5]);
    expect([...ma1d(f(5), 2, true)]).toEqual([NaN]);
  });
  it('ma1d of a NaN close and of an all-NaN series is NaN', () => {
    expect([...ma1d(f(NaN), 1)]).toEqual([NaN]);
    expect([...ma1d(f(NaN, NaN), 1, true)]).toEqual([NaN, NaN]);
  });
  it('ma(close, 3, 2, 2) is ma1d per column', () => {
    expect([...ma(f(1, 2, 3, 10, 20, 30), 3, 2, 2)]).toEqual([NaN, 1.5, 2.5, NaN, 15, 25]);
    expect([...ma(f(1, 2, 3, NaN, 2, 4), 3, 2, 3, true)]).toEqual([NaN, NaN, 2.25, NaN, NaN, NaN]);
  });
  it('ma rejects a window < 1 and a wrong shape', () => {
    expect(() => ma1d(f(1), 0)).toThrow(/window must be an integer >= 1/);
    expect(() => ma(f(1, 2, 3), 2, 2, 1)).toThrow(/nRows\*nCols/);
  });
});
