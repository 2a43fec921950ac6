import { describe, expect, it } from 'vitest';
import { fsum1d, nanmax1d, nanmean1d, nanmin1d, nanstd1d, nansum1d } from '../../src/kernels/reduce';

const E = new Float64Array(0);
const ALL_NAN = Float64Array.of(NaN, NaN);

describe('NaN-skipping reductions', () => {
  it('nansum1d skips NaN; empty and all-NaN sum to 0 (numpy)', () => {
    expect(nansum1d(Float64Array.of(1, NaN, 2))).toBe(3);
    expect(nansum1d(E)).toBe(0);
    expect(nansum1d(ALL_NAN)).toBe(0);
    expect(nansum1d(Float64Array.of(4))).toBe(4);
  });
  it('nanmean1d skips NaN; empty and all-NaN give NaN', () => {
    expect(nanmean1d(Float64Array.of(1, NaN, 2))).toBe(1.5);
    expect(nanmean1d(E)).toBeNaN();
    expect(nanmean1d(ALL_NAN)).toBeNaN();
    expect(nanmean1d(Float64Array.of(4))).toBe(4);
  });
  it('nanstd1d(a, 1) is the sample standard deviation; NaN with fewer than 2 values', () => {
    expect(nanstd1d(Float64Array.of(1, 2, 3, NaN), 1)).toBe(1);
    expect(nanstd1d(Float64Array.of(1, 2, 3, NaN), 0)).toBeCloseTo(Math.sqrt(2 / 3), 15);
    expect(nanstd1d(Float64Array.of(4), 1)).toBeNaN();
    expect(nanstd1d(Float64Array.of(4), 0)).toBe(0);
    expect(nanstd1d(E, 1)).toBeNaN();
    expect(nanstd1d(ALL_NAN, 1)).toBeNaN();
  });
  it('nanmin1d / nanmax1d skip NaN wherever it is; empty and all-NaN give NaN', () => {
    expect(nanmin1d(Float64Array.of(NaN, 3, 1, NaN))).toBe(1);
    expect(nanmax1d(Float64Array.of(NaN, 3, 1, NaN))).toBe(3);
    expect(nanmin1d(E)).toBeNaN();
    expect(nanmax1d(ALL_NAN)).toBeNaN();
    expect(nanmax1d(Float64Array.of(-2))).toBe(-2);
  });
  it('fsum1d is exact where plain summation cancels: [1e16, 1, -1e16] sums to 1', () => {
    expect(fsum1d(Float64Array.of(1e16, 1, -1e16))).toBe(1);
    expect(fsum1d(Float64Array.of(0.1, 0.2, 0.3, NaN))).toBe(0.6);
    expect(fsum1d(E)).toBe(0);
    expect(fsum1d(ALL_NAN)).toBe(0);
  });
});
