/**
 * Rolling minimum over `window` rows, the values of vectorbt's `rolling_min_nb` and pandas' `rolling(w).min()`:
 * the smallest non-NaN value among rows i-window+1..i, NaN unless at least `minp` of them are non-NaN (default
 * `minp = window`: one NaN in the window makes it NaN). Rows before the window fills count only the rows that
 * exist.
 *
 * O(1) amortised per row with a monotonic queue of row indices (values increasing from head to tail), held in
 * one Int32Array scratch, instead of vectorbt's O(window) rescan of every window.
 */
import { checkMatrix, checkMinp, checkWindow } from './checkArgs';

/** rollingMinInto(a, window, minp, out, queue): the rolling min of `a` into `out`, `queue` (>= a.length) as scratch. */
export function rollingMinInto(a: Float64Array, window: number, minp: number, out: Float64Array, queue: Int32Array): Float64Array {
  const n = a.length;
  let head = 0;
  let tail = 0;
  let valid = 0;
  for (let i = 0; i < n; i++) {
    const v = a[i];
    if (v === v) {
      // Values >= v can never be the min again while v is in the window.
      while (tail > head && a[queue[tail - 1]] >= v) tail--;
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
 * rollingMin1d(a, window, minp = window): the rolling min of one column.
 * @example rollingMin1d(Float64Array.of(1, 3, 2, 1), 2) // [NaN, 1, 2, 1]
 */
export function rollingMin1d(a: Float64Array, window: number, minp: number = window): Float64Array {
  checkWindow('rollingMin1d', window);
  checkMinp('rollingMin1d', minp, window, 1);
  return rollingMinInto(a, window, minp, new Float64Array(a.length), new Int32Array(a.length));
}

/**
 * rollingMin(a, nRows, nCols, window, minp = window): the rolling min of every column.
 * @example rollingMin(low, nRows, nCols, 20) // low.rolling(20).min()
 */
export function rollingMin(a: Float64Array, nRows: number, nCols: number, window: number, minp: number = window): Float64Array {
  checkMatrix('rollingMin', a, nRows, nCols);
  checkWindow('rollingMin', window);
  checkMinp('rollingMin', minp, window, 1);
  const out = new Float64Array(a.length);
  const queue = new Int32Array(nRows);
  for (let c = 0; c < nCols; c++) {
    const s = c * nRows;
    rollingMinInto(a.subarray(s, s + nRows), window, minp, out.subarray(s, s + nRows), queue);
  }
  return out;
}
