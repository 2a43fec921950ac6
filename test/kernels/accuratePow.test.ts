import { describe, expect, it } from 'vitest';
import { accuratePow } from '../../src/kernels/accuratePow';

describe('accuratePow', () => {
  it('accuratePow(0.9, 1.46) is the correctly rounded 0.8574208967712934', () => {
    expect(accuratePow(0.9, 1.46)).toBe(0.8574208967712934);
  });
  it('accuratePow fixes the last-bit errors of Math.pow that changed vectorbt Calmar ratios', () => {
    // Reference values from glibc pow (what numpy/numba used for the golden files).
    expect(accuratePow(0.8543845319097279, 1.46), 'Math.pow gives ...216').toBe(0.7947196119818215);
    expect(accuratePow(5.230691576285747, 1.46), 'Math.pow gives ...763').toBe(11.196861465835765);
    expect(accuratePow(11.045526191412522, 1.46), 'correctly rounded (glibc is 1 ulp off here)').toBe(33.34664593309701);
    expect(accuratePow(4.590358818915527, 7.54718791396909), 'correctly rounded (glibc: ...508)').toBe(98873.7310638751);
  });
  it('accuratePow is exact on exact cases', () => {
    expect(accuratePow(2, 10)).toBe(1024);
    expect(accuratePow(4, 0.5)).toBe(2);
    expect(accuratePow(10, -2)).toBe(0.01);
  });
  it('accuratePow agrees with Math.pow to 1 ulp over a sweep', () => {
    for (let i = 1; i < 2000; i++) {
      const x = i / 700;
      const y = 365 / (100 + i);
      const a = accuratePow(x, y);
      const b = Math.pow(x, y);
      expect(Math.abs(a - b) <= 4 * Number.EPSILON * Math.abs(b), `x=${x} y=${y}`).toBe(true);
    }
  });
  it('accuratePow outside its domain falls back to Math.pow (NaN, 0, negative, infinite, huge)', () => {
    expect(accuratePow(NaN, 2)).toBeNaN();
    expect(accuratePow(2, NaN)).toBeNaN();
    expect(accuratePow(0, 2)).toBe(0);
    expect(accuratePow(-8, 1 / 3)).toBeNaN();
    expect(accuratePow(Infinity, 2)).toBe(Infinity);
    expect(accuratePow(1, 1e308)).toBe(1);
    expect(accuratePow(10, 400)).toBe(Infinity);
    expect(accuratePow(3, 0)).toBe(1);
  });
});
