import { describe, expect, it } from 'vitest';
import { crossedAbove, crossedAbove1d } from '../../src/kernels/crossedAbove';

const f = (...x: number[]) => Float64Array.from(x);
const rows = (a: Uint8Array) => Array.from(a);

describe('crossedAbove1d / crossedAbove (vectorbt crossed_above_nb, wait 0)', () => {
  it('crossedAbove1d(a, b) fires on the row a goes from below to above b', () => {
    expect(rows(crossedAbove1d(f(0, 2), f(1, 1)))).toEqual([0, 1]);
  });
  it('crossedAbove1d never fires on the first defined row, even when a > b there', () => {
    expect(rows(crossedAbove1d(f(2, 3), f(1, 1))), 'nothing was below before').toEqual([0, 0]);
  });
  it('crossedAbove1d fires once per cross: rows that stay above do not fire', () => {
    expect(rows(crossedAbove1d(f(0, 2, 3, 4), 1))).toEqual([0, 1, 0, 0]);
  });
  it('crossedAbove1d: below, equal, above fires (equality keeps the armed state)', () => {
    expect(rows(crossedAbove1d(f(0, 1, 2), 1))).toEqual([0, 0, 1]);
  });
  it('crossedAbove1d: below, above, equal, above fires twice (equality re-arms after a cross)', () => {
    expect(rows(crossedAbove1d(f(0, 2, 1, 2), 1))).toEqual([0, 1, 0, 1]);
  });
  it('crossedAbove1d: a history of equality alone never arms', () => {
    expect(rows(crossedAbove1d(f(1, 1, 2), 1))).toEqual([0, 0, 0]);
  });
  it('crossedAbove1d: a NaN in either input disarms (below, NaN, above does not fire)', () => {
    expect(rows(crossedAbove1d(f(0, NaN, 2), 1)), 'NaN in a').toEqual([0, 0, 0]);
    expect(rows(crossedAbove1d(f(0, 0, 2), f(1, NaN, 1))), 'NaN in b').toEqual([0, 0, 0]);
    expect(rows(crossedAbove1d(f(0, NaN, 0, 2), 1)), 'below again after the NaN re-arms').toEqual([0, 0, 0, 1]);
  });
  it('crossedAbove1d(level, series) crosses a constant level from below', () => {
    // 30 crosses above rsi = rsi crosses below 30
    expect(rows(crossedAbove1d(30, f(40, 30, 20, 25, 35, 25)))).toEqual([0, 0, 1, 0, 0, 1]);
  });
  it('crossedAbove1d(a, b, 1) fires on the second row above (wait = 1)', () => {
    expect(rows(crossedAbove1d(f(0, 2, 3, 4), 1, 1))).toEqual([0, 0, 1, 0]);
    expect(rows(crossedAbove1d(f(0, 2, 0, 2, 3), 1, 1)), 'going back below restarts the count').toEqual([0, 0, 0, 0, 1]);
  });
  it('crossedAbove1d of empty inputs is empty', () => {
    expect(crossedAbove1d(f(), f()).length).toBe(0);
    expect(crossedAbove1d(f(), 1).length).toBe(0);
  });
  it('crossedAbove1d of a single element never fires', () => {
    expect(rows(crossedAbove1d(f(2), 1))).toEqual([0]);
  });
  it('crossedAbove1d of NaN and all-NaN inputs never fires', () => {
    expect(rows(crossedAbove1d(f(NaN), 1))).toEqual([0]);
    expect(rows(crossedAbove1d(f(NaN, NaN, NaN), f(NaN, NaN, NaN)))).toEqual([0, 0, 0]);
  });
  it('crossedAbove(a, b, 2, 2) keeps no state from one column to the next', () => {
    // column 0 ends below b; column 1 starts above: no cross on its first row
    expect(rows(crossedAbove(f(2, 0, 2, 2), 1, 2, 2))).toEqual([0, 0, 0, 0]);
    expect(rows(crossedAbove(f(0, 2, 0, 2), f(1, 1, 1, 1), 2, 2))).toEqual([0, 1, 0, 1]);
  });
  it('crossedAbove(level, matrix) broadcasts the level to every row and column', () => {
    expect(rows(crossedAbove(30, f(40, 20, 35, 25), 2, 2))).toEqual([0, 1, 0, 1]);
  });
  it('crossedAbove rejects two levels, unequal lengths, a wrong shape and a bad wait', () => {
    expect(() => crossedAbove1d(1, 2)).toThrow(/at least one side must be an array/);
    expect(() => crossedAbove1d(f(1, 2), f(1))).toThrow(/a has 2 values, b has 1/);
    expect(() => crossedAbove(f(1, 2, 3), 1, 2, 2)).toThrow(/nRows\*nCols/);
    expect(() => crossedAbove1d(f(1), 1, -1)).toThrow(/wait must be an integer >= 0/);
  });
});
