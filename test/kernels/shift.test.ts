import { describe, expect, it } from 'vitest';
import { shift, shift1d } from '../../src/kernels/shift';

describe('shift1d / shift', () => {
  it('shift1d(a, 1, NaN) moves values one row later', () => {
    expect([...shift1d(Float64Array.of(1, 2, 3), 1, NaN)]).toEqual([NaN, 1, 2]);
  });
  it('shift1d(a, -1, 0) moves values one row earlier', () => {
    expect([...shift1d(Float64Array.of(1, 2, 3), -1, 0)]).toEqual([2, 3, 0]);
  });
  it('shift1d by more than the length fills everything', () => {
    expect([...shift1d(Uint8Array.of(1, 1), 7, 0)]).toEqual([0, 0]);
    expect([...shift1d(Uint8Array.of(1, 1), -7, 0)]).toEqual([0, 0]);
  });
  it('shift1d of an empty array is empty', () => {
    expect(shift1d(new Float64Array(0), 3, NaN).length).toBe(0);
  });
  it('shift1d of a single element', () => {
    expect([...shift1d(Float64Array.of(5), 0, NaN)]).toEqual([5]);
    expect([...shift1d(Float64Array.of(5), 1, NaN)]).toEqual([NaN]);
  });
  it('shift1d carries NaN values along like any value', () => {
    expect([...shift1d(Float64Array.of(NaN, 2), 1, 0)]).toEqual([0, NaN]);
  });
  it('shift1d of an all-NaN column stays all NaN', () => {
    expect([...shift1d(Float64Array.of(NaN, NaN), 1, NaN)]).toEqual([NaN, NaN]);
  });
  it('shift(entries, 3, 2, 1, 0) never leaks a column into the next (pandas shift(1).fillna(False))', () => {
    const a = Uint8Array.of(1, 0, 1, 1, 1, 0); // col 0: [1,0,1], col 1: [1,1,0]
    expect([...shift(a, 3, 2, 1, 0)]).toEqual([0, 1, 0, 0, 1, 1]);
  });
  it('shift rejects a wrong shape', () => {
    expect(() => shift(new Float64Array(5), 3, 2, 1, NaN)).toThrow(/nRows\*nCols/);
  });
});
