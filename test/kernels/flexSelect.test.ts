import { describe, expect, it } from 'vitest';
import { flexSelect } from '../../src/kernels/flexSelect';

describe('flexSelect', () => {
  it('flexSelect(0.001, col) is the scalar for every column', () => {
    expect(flexSelect(0.001, 0)).toBe(0.001);
    expect(flexSelect(0.001, 999)).toBe(0.001);
  });
  it('flexSelect(perColumn, col) reads that column', () => {
    expect(flexSelect(Float64Array.of(1, 2, 3), 2)).toBe(3);
  });
  it('flexSelect keeps NaN (NaN = off for stops)', () => {
    expect(flexSelect(NaN, 0)).toBeNaN();
    expect(flexSelect(Float64Array.of(NaN), 0)).toBeNaN();
  });
  it('flexSelect(perColumn, outside) throws instead of reading undefined', () => {
    expect(() => flexSelect(Float64Array.of(1), 1)).toThrow(/column 1/);
    expect(() => flexSelect(new Float64Array(0), 0)).toThrow(RangeError);
  });
});
