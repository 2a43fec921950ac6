/**
 * Rolling mean over `window` rows, vectorbt's `rolling_mean_nb` (0.28.3) bit for bit: the window sum is the
 * difference of two running sums taken from row 0 (`S[i] - S[i-window]`), not a sum over the window, so its last
 * bits depend on every earlier row and it is exact only when computed over the whole column. pandas'
 * `rolling(w).mean()` differs from it by up to ~3e-13 relative (golden README, "SMA").
 *
 * NaN: skipped by the running sum; the mean is NaN unless at least `minp` of the `window` rows are non-NaN
 * (default `minp = window`: one NaN in the window makes it NaN). Rows before the window fills count only the rows
 * that exist. O(1) per row; one scratch array of running sums (reused across the columns of the 2-D loop).
 */
import { checkMatrix, checkMinp, checkWindow } from './checkArgs';

/**
 * rollingMeanInto(a, window, minp, out, sums): the rolling mean of `a` into `out` (same length), with `sums` as
 * scratch for the running sums (at least `a.length` values). For kernels that loop over columns themselves.
 */
export function rollingMeanInto(a: Float64Array, window: number, minp: number, out: Float64Array, sums: Float64Array): Float64Array {
  const n = a.length;
  let s = 0;
  // Non-NaN rows among i-window+1..i: vectorbt's `window_len`, kept as a count instead of a NaN-count array (the
  // same integer).
  let valid = 0;
  for (let i = 0; i < n; i++) {
    const v = a[i];
    if (v === v) {
      s = s + v;
      valid++;
    }
    sums[i] = s;
    let ws = s;
    if (i >= window) {
      const old = a[i - window];
      if (old === old) valid--;
      ws = s - sums[i - window];
    }
    out[i] = valid < minp ? NaN : ws / valid;
  }
  return out;
}

/**
 * rollingMean1d(a, window, minp = window): the rolling mean of one column.
 * @example rollingMean1d(Float64Array.of(1, 2, 3, 4), 2) // [NaN, 1.5, 2.5, 3.5]
 */
export function rollingMean1d(a: Float64Array, window: number, minp: number = window): Float64Array {
  checkWindow('rollingMean1d', window);
  checkMinp('rollingMean1d', minp, window, 1);
  return rollingMeanInto(a, window, minp, new Float64Array(a.length), new Float64Array(a.length));
}

/**
 * rollingMean(a, nRows, nCols, window, minp = window): the rolling mean of every column of a column-major matrix.
 * @example rollingMean(close, nRows, nCols, 50) // vbt.MA.run(close, 50).ma
 */
export function rollingMean(a: Float64Array, nRows: number, nCols: number, window: number, minp: number = window): Float64Array {
  checkMatrix('rollingMean', a, nRows, nCols);
  checkWindow('rollingMean', window);
  checkMinp('rollingMean', minp, window, 1);
  const out = new Float64Array(a.length);
  const sums = new Float64Array(nRows);
  for (let c = 0; c < nCols; c++) {
    const s = c * nRows;
    rollingMeanInto(a.subarray(s, s + nRows), window, minp, out.subarray(s, s + nRows), sums);
  }
  return out;
}

