/**
 * Rolling maximum over `window` rows, the values of vectorbt's `rolling_max_nb` and pandas' `rolling(w).max()`:
 * the largest non-NaN value among rows i-window+1..i, NaN unless at least `minp` of them are non-NaN (default
 * `minp = window`: one NaN in the window makes it NaN). Rows before the window fills count only the rows that
 * exist.
 *
 * O(1) amortised per row with a monotonic queue of row indices (values decreasing from head to tail), held in
 * one Int32Array scratch, instead of vectorbt's O(window) rescan of every window.
 */
import { checkMatrix, checkMinp, checkWindow } from './checkArgs';

/** rollingMaxInto(a, window, minp, out, queue): the rolling max of `a` into `out`, `queue` (>= a.length) as scratch. */
export function rollingMaxInto(a: Float64Array, window: number, minp: number, out: Float64Array, queue: Int32Array): Float64Array {
  const n = a.length;
  let head = 0;
  let tail = 0;
  let valid = 0;
  for (let i = 0; i < n; i++) {
    const v = a[i];
    if (v === v) {
      // Values <= v can never be the max again while v is in the window.
      while (tail > head && a[queue[tail - 1]] <= v) tail--;
      queue[tail++] = i;
      valid++;
    }
    if (i >= window) {
      const old = i - window;
      if (a[old] === a[old]) valid--;
      if (head < tail && queue[head] === old) head++;
    }
    // valid >= minp >= 1 means the window holds a non-NaN value, so the queue is not empty.
    out[i] = valid < minp ? NaN : a[queue[head]];
  }
  return out;
}

/**
 * rollingMax1d(a, window, minp = window): the rolling max of one column.
 * @example rollingMax1d(Float64Array.of(1, 3, 2, 1), 2) // [NaN, 3, 3, 2]
 */
export function rollingMax1d(a: Float64Array, window: number, minp: number = window): Float64Array {
  checkWindow('rollingMax1d', window);
  checkMinp('rollingMax1d', minp, window, 1);
  return rollingMaxInto(a, window, minp, new Float64Array(a.length), new Int32Array(a.length));
}

/**
 * rollingMax(a, nRows, nCols, window, minp = window): the rolling max of every column.
 * @example rollingMax(high, nRows, nCols, 20) // high.rolling(20).max()
 */
export function rollingMax(a: Float64Array, nRows: number, nCols: number, window: number, minp: number = window): Float64Array {
  checkMatrix('rollingMax', a, nRows, nCols);
  checkWindow('rollingMax', window);
  checkMinp('rollingMax', minp, window, 1);
  const out = new Float64Array(a.length);
  const queue = new Int32Array(nRows);
  for (let c = 0; c < nCols; c++) {
    const s = c * nRows;
    rollingMaxInto(a.subarray(s, s + nRows), window, minp, out.subarray(s, s + nRows), queue);
  }
  return out;
}
