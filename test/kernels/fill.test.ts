import { describe, expect, it } from 'vitest';
import { bfill, bfill1d, ffill, ffill1d, fillClose1d } from '../../src/kernels/fill';

describe('ffill1d / bfill1d / fillClose1d', () => {
  it('ffill1d carries the last valid value forward; leading NaN stay NaN', () => {
    expect([...ffill1d(Float64Array.of(NaN, 1, NaN, 2, NaN))]).toEqual([NaN, 1, 1, 2, 2]);
  });
  it('bfill1d carries the next valid value backward; trailing NaN stay NaN', () => {
    expect([...bfill1d(Float64Array.of(NaN, 1, NaN, 2, NaN))]).toEqual([1, 1, 2, 2, NaN]);
  });
  it('fillClose1d = ffill then bfill (vectorbt fillna_close)', () => {
    expect([...fillClose1d(Float64Array.of(NaN, 1, NaN, 2, NaN))]).toEqual([1, 1, 1, 2, 2]);
  });
  it('empty input gives empty output', () => {
    expect(ffill1d(new Float64Array(0)).length).toBe(0);
    expect(bfill1d(new Float64Array(0)).length).toBe(0);
  });
  it('all-NaN stays all NaN', () => {
    expect([...fillClose1d(Float64Array.of(NaN, NaN))]).toEqual([NaN, NaN]);
  });
  it('single element', () => {
    expect([...ffill1d(Float64Array.of(3))]).toEqual([3]);
    expect([...bfill1d(Float64Array.of(NaN))]).toEqual([NaN]);
  });
  it('ffill / bfill work per column (column-major)', () => {
    const a = Float64Array.of(1, NaN, NaN, 2); // col 0 [1, NaN], col 1 [NaN, 2]
    expect([...ffill(a, 2, 2)]).toEqual([1, 1, NaN, 2]);
    expect([...bfill(a, 2, 2)]).toEqual([1, NaN, 2, 2]);
  });
});
