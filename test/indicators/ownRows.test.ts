import { describe, expect, it } from 'vitest';
import { onOwnRows, presentRows } from '../../src/indicators/ownRows';

const f = (...x: number[]) => Float64Array.from(x);

describe('presentRows', () => {
  it('presentRows marks a row present when any field is not NaN', () => {
    expect(Array.from(presentRows([f(1, NaN, NaN, NaN), f(NaN, 2, NaN, NaN)], 2, 2))).toEqual([1, 1, 0, 0]);
  });
  it('presentRows([], 0, 0) is empty', () => {
    expect(presentRows([], 0, 0).length).toBe(0);
  });
  it('presentRows throws on a field of the wrong length', () => {
    expect(() => presentRows([f(1)], 2, 1)).toThrow(/length/);
  });
});

describe('onOwnRows', () => {
  it('onOwnRows gathers own rows, runs the kernel and scatters back (cumulative count as a probe)', () => {
    const kernel = ([a]: readonly Float64Array[]) => a.map((_, i) => i);
    const out = onOwnRows([f(5, 5, 5, 5, 5, 5)], 3, 2, Uint8Array.of(1, 0, 1, 1, 1, 1), kernel);
    expect(Array.from(out)).toEqual([0, NaN, 1, 0, 1, 2]);
  });
  it('onOwnRows without present hands each column to the kernel whole', () => {
    const kernel = ([a]: readonly Float64Array[]) => a.map((x) => x * 2);
    expect(Array.from(onOwnRows([f(1, 2, 3, 4)], 2, 2, null, kernel))).toEqual([2, 4, 6, 8]);
  });
});
