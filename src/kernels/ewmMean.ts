/**
 * Exponentially weighted mean with `adjust=False`, vectorbt's `ewm_mean_nb` (0.28.3, an adaptation of pandas'
 * `ewma`) bit for bit; equal to pandas `ewm(span=span, adjust=False, min_periods=minp, ignore_na=False).mean()`:
 *   alpha = 1 / (1 + (span - 1) / 2)    (bit-equal to 2 / (span + 1));   decay = 1 - alpha
 *   avg = (old_wt * avg + alpha * x) / (old_wt + alpha), then old_wt = 1
 *
 * NaN rules (the traps of golden README "EMA"):
 * - seeded with the first non-NaN value (not an SMA of the first `span` values);
 * - `minp` counts non-NaN observations: the first value is at the `minp`-th one (default `span`);
 * - after it, never NaN again: a NaN row repeats the last average, and the old average's weight keeps decaying
 *   across NaN rows (after g NaN rows the next update weighs it `decay^(g+1)`);
 * - infinite memory: the value depends on the whole column from its first valid value, so computing on a row
 *   range that starts later changes it.
 * `avg !== x` skips the update for an equal value (pandas: "avoid numerical errors on constant series").
 */
import { checkMatrix, checkMinp, checkWindow } from './checkArgs';

/** ewmMeanInto(a, span, minp, out): the EMA of `a` into `out` (same length). */
export function ewmMeanInto(a: Float64Array, span: number, minp: number, out: Float64Array): Float64Array {
  const n = a.length;
  if (n === 0) return out;
  // vectorbt's expression (com, then alpha), not 2 / (span + 1): the same double for every integer span, but this
  // is the one the reference computes.
  const com = (span - 1) / 2;
  const alpha = 1 / (1 + com);
  const decay = 1 - alpha;
  let avg = a[0];
  let nobs = avg === avg ? 1 : 0;
  let oldWt = 1;
  out[0] = nobs >= minp ? avg : NaN;
  for (let i = 1; i < n; i++) {
    const x = a[i];
    const obs = x === x;
    if (obs) nobs++;
    if (avg === avg) {
      oldWt *= decay;
      if (obs) {
        if (avg !== x) avg = (oldWt * avg + alpha * x) / (oldWt + alpha);
        oldWt = 1;
      }
    } else if (obs) avg = x;
    out[i] = nobs >= minp ? avg : NaN;
  }
  return out;
}

/**
 * ewmMean1d(a, span, minp = span): the EMA of one column.
 * @example ewmMean1d(Float64Array.of(1, 2, 3), 3, 1) // [1, 1.5, 2.25]
 */
export function ewmMean1d(a: Float64Array, span: number, minp: number = span): Float64Array {
  checkWindow('ewmMean1d', span, 'span');
  checkMinp('ewmMean1d', minp, span, 0);
  return ewmMeanInto(a, span, minp, new Float64Array(a.length));
}

/**
 * ewmMean(a, nRows, nCols, span, minp = span): the EMA of every column.
 * @example ewmMean(close, nRows, nCols, 20) // vbt.MA.run(close, 20, ewm=True).ma
 */
export function ewmMean(a: Float64Array, nRows: number, nCols: number, span: number, minp: number = span): Float64Array {
  checkMatrix('ewmMean', a, nRows, nCols);
  checkWindow('ewmMean', span, 'span');
  checkMinp('ewmMean', minp, span, 0);
  const out = new Float64Array(a.length);
  for (let c = 0; c < nCols; c++) {
    const s = c * nRows;
    ewmMeanInto(a.subarray(s, s + nRows), span, minp, out.subarray(s, s + nRows));
  }
  return out;
}
