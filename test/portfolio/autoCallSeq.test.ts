/**
 * autoCallSeq gives the permutation of vectorbt's insert_argsort_nb (written out as insertArgsort): sells first,
 * no-order members, buys by value, ties in column order, NaN last in reverse column order; in O(k log k).
 */
import { describe, expect, it } from 'vitest';
import { autoCallSeq, insertArgsort } from '../../src/portfolio/autoCallSeq';

function both(values: number[]): { fast: number[]; reference: number[] } {
  const n = values.length;
  const a = Float64Array.from(values);
  const fast = new Int32Array(n);
  autoCallSeq(a, n, fast, new Int32Array(2 * n));
  const reference = new Int32Array(n);
  insertArgsort(Float64Array.from(values), n, reference);
  return { fast: [...fast], reference: [...reference] };
}

describe('autoCallSeq', () => {
  it('autoCallSeq([60, -50, 0, 60, Infinity, 10]): the sell, the no-order member, then buys ascending with ties in column order, all-cash last', () => {
    const { fast, reference } = both([60, -50, 0, 60, Infinity, 10]);
    expect(fast).toEqual([1, 2, 5, 0, 3, 4]);
    expect(fast).toEqual(reference);
  });

  it('autoCallSeq with NaN values: after everything else, in reverse column order (insert_argsort_nb shifts a NaN key past earlier NaNs)', () => {
    const { fast, reference } = both([NaN, 5, NaN, -1, NaN]);
    expect(reference).toEqual([3, 1, 4, 2, 0]);
    expect(fast).toEqual(reference);
  });

  it('autoCallSeq treats -0 as 0 (no order) and keeps column order', () => {
    expect(both([0, -0, 0]).fast).toEqual([0, 1, 2]);
  });

  it('autoCallSeq of an empty or one-member group', () => {
    expect(both([]).fast).toEqual([]);
    expect(both([7]).fast).toEqual([0]);
  });

  it('autoCallSeq equals insert_argsort_nb on random groups of up to 300 members (the merge sort past 24 orders)', () => {
    let s = 12345;
    const r = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let trial = 0; trial < 300; trial++) {
      const n = Math.floor(r() * 300);
      const values = Array.from({ length: n }, () => {
        const u = r();
        if (u < 0.5) return 0;
        if (u < 0.55) return NaN;
        if (u < 0.6) return Math.round(r() * 4) * 10; // ties
        if (u < 0.62) return Infinity;
        return (r() - 0.4) * 1000;
      });
      const { fast, reference } = both(values);
      expect(fast, `trial ${trial}, n ${n}`).toEqual(reference);
    }
  });
});
