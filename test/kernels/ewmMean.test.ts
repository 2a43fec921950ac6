import { describe, expect, it } from 'vitest';
import { ewmMean, ewmMean1d } from '../../src/kernels/ewmMean';

const f = (...x: number[]) => Float64Array.from(x);

// span 3: alpha = 1 / (1 + (3 - 1) / 2) = 0.5, so every value below is exact.
describe('ewmMean1d / ewmMean', () => {
  it('ewmMean1d([1, 2, 3], 3, 1) is seeded with the first value (adjust=False)', () => {
    expect([...ewmMean1d(f(1, 2, 3), 3, 1)]).toEqual([1, 1.5, 2.25]);
  });
  it('ewmMean1d(a, 3) is NaN before the 3rd observation (minp = span)', () => {
    expect([...ewmMean1d(f(1, 2, 3, 4), 3)]).toEqual([NaN, NaN, 2.25, 3.125]);
  });
  it('ewmMean1d is seeded with the first non-NaN value, not with an SMA', () => {
    expect([...ewmMean1d(f(NaN, 2, 4), 3, 1)]).toEqual([NaN, 2, 3]);
  });
  it("ewmMean1d repeats the average on a NaN row and keeps decaying the old average's weight across it", () => {
    // row 2: old weight 0.5 * 0.5 = 0.25: (0.25 * 2 + 0.5 * 4) / (0.25 + 0.5); without the decay it would be 3
    expect([...ewmMean1d(f(2, NaN, 4), 3, 1)]).toEqual([2, 2, 2.5 / 0.75]);
  });
  it('ewmMean1d counts observations, not rows, for minp: NaN rows do not advance the warm-up', () => {
    expect([...ewmMean1d(f(1, NaN, 2, 3), 3)]).toEqual([NaN, NaN, NaN, (0.5 * ((0.25 * 1 + 0.5 * 2) / 0.75) + 0.5 * 3) / 1]);
  });
  it('ewmMean1d is never NaN again once defined (a delisted tail repeats the last average)', () => {
    expect([...ewmMean1d(f(1, 2, 3, NaN, NaN), 3)]).toEqual([NaN, NaN, 2.25, 2.25, 2.25]);
  });
  it('ewmMean1d of a constant series is that constant exactly (no update for an equal value)', () => {
    expect([...ewmMean1d(f(0.1, 0.1, 0.1, 0.1), 3)]).toEqual([NaN, NaN, 0.1, 0.1]);
  });
  it('ewmMean1d uses alpha = 1 / (1 + (span - 1) / 2), bit-equal to 2 / (span + 1)', () => {
    const alpha = 2 / (10 + 1);
    expect(ewmMean1d(f(1, 2), 10, 1)[1]).toBe(((1 - alpha) * 1 + alpha * 2) / (1 - alpha + alpha));
  });
  it('ewmMean1d of an empty array is empty', () => {
    expect(ewmMean1d(f(), 3).length).toBe(0);
  });
  it('ewmMean1d of a single element: the value when minp is 1, NaN with span 2', () => {
    expect([...ewmMean1d(f(5), 1)]).toEqual([5]);
    expect([...ewmMean1d(f(5), 2)]).toEqual([NaN]);
  });
  it('ewmMean1d of a NaN element and of an all-NaN column is NaN', () => {
    expect([...ewmMean1d(f(NaN), 1)]).toEqual([NaN]);
    expect([...ewmMean1d(f(NaN, NaN, NaN), 3, 0)]).toEqual([NaN, NaN, NaN]);
  });
  it('ewmMean(a, 3, 2, 3, 1) never leaks a column into the next', () => {
    expect([...ewmMean(f(1, 2, 3, NaN, 4, 6), 3, 2, 3, 1)]).toEqual([1, 1.5, 2.25, NaN, 4, 5]);
  });
  it('ewmMean rejects a span < 1, minp > span and a wrong shape', () => {
    expect(() => ewmMean1d(f(1), 0)).toThrow(/span must be an integer >= 1/);
    expect(() => ewmMean1d(f(1), 2, 3)).toThrow(/minp/);
    expect(() => ewmMean(f(1, 2, 3), 2, 2, 1)).toThrow(/nRows\*nCols/);
  });
});
