import { describe, expect, it } from 'vitest';
import { addSnap, isClose, isCloseOrLess, isLess } from '../../src/kernels/isClose';

describe('isClose', () => {
  it('isClose(0.1 + 0.2, 0.3) is true within 1e-9 relative', () => {
    expect(isClose(0.1 + 0.2, 0.3)).toBe(true);
  });
  it('isClose(1, 1 + 2e-9) is false: the relative tolerance is 1e-9', () => {
    expect(isClose(1, 1 + 2e-9)).toBe(false);
    expect(isClose(1, 1 + 0.5e-9)).toBe(true);
  });
  it('isClose(0, 1e-13) is true and isClose(0, 1e-11) false: the absolute floor is 1e-12', () => {
    expect(isClose(0, 1e-13)).toBe(true);
    expect(isClose(0, 1e-11)).toBe(false);
  });
  it('isClose with NaN or infinities is false, even for the same value (as vectorbt)', () => {
    expect(isClose(NaN, NaN)).toBe(false);
    expect(isClose(Infinity, Infinity)).toBe(false);
    expect(isClose(1, NaN)).toBe(false);
  });
  it('isCloseOrLess(100 + 1e-12, 100) is true; isLess(100 - 1e-12, 100) is false', () => {
    expect(isCloseOrLess(100 + 1e-12, 100)).toBe(true);
    expect(isCloseOrLess(101, 100)).toBe(false);
    expect(isLess(100 - 1e-12, 100)).toBe(false);
    expect(isLess(99, 100)).toBe(true);
  });
});

describe('addSnap', () => {
  it('addSnap(100, -(100 - 1e-13)) is exactly 0 (all the cash spent)', () => {
    expect(addSnap(100, -(100 - 1e-13))).toBe(0);
  });
  it('addSnap keeps ordinary sums and same-sign sums untouched', () => {
    expect(addSnap(100, -40)).toBe(60);
    expect(addSnap(1e-13, 1e-13)).toBe(2e-13);
  });
  it('addSnap(0, 1e-13) is 0 like vectorbt add_nb (sign 0 differs from sign 1, |1e-13| is within the floor)', () => {
    expect(addSnap(0, 1e-13)).toBe(0);
    expect(addSnap(0, 5)).toBe(5);
  });
  it('addSnap with NaN is NaN', () => {
    expect(addSnap(NaN, 1)).toBeNaN();
    expect(addSnap(1, NaN)).toBeNaN();
  });
});
