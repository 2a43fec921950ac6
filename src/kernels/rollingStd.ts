/**
 * Rolling standard deviation over `window` rows, vectorbt's `rolling_std_nb` (0.28.3) bit for bit: running sums of
 * x and x*x from row 0, differenced over the window (as rollingMean), then
 *   m = ws / cnt;  std = sqrt(|ws2 - 2*ws*m + cnt*m*m| / (cnt - ddof))
 * evaluated in exactly that order: `((ws2 - ((2*ws)*m)) + (cnt*(m*m)))`. pandas' `rolling(w).std(ddof=0)` is a
 * different algorithm and differs by up to 1.3e-9 relative on the golden bb_breakout_real case.
 *
 * `ddof` 0 is the population std (vectorbt's default, and BBANDS'); pandas defaults to 1.
 * NaN: as rollingMean (NaN unless at least `minp` of the `window` rows are non-NaN, default all of them), and NaN
 * when the count equals `ddof`.
 */
import { checkMatrix, checkMinp, checkWindow } from './checkArgs';

function checkDdof(who: string, ddof: number): void {
  if (!Number.isSafeInteger(ddof) || ddof < 0) throw new RangeError(`${who}: ddof must be an integer >= 0, got ${ddof}`);
}

/**
 * rollingStdInto(a, window, minp, ddof, out, sums, sumsSq): the rolling std of `a` into `out`, with `sums` and
 * `sumsSq` as scratch for the running sums (at least `a.length` values each).
 */
export function rollingStdInto(a: Float64Array, window: number, minp: number, ddof: number, out: Float64Array, sums: Float64Array, sumsSq: Float64Array): Float64Array {
  const n = a.length;
  let s = 0;
  let s2 = 0;
  let valid = 0;
  for (let i = 0; i < n; i++) {
    const v = a[i];
    if (v === v) {
      s = s + v;
      // numba compiles `a[i] ** 2` to one multiplication: the same correctly rounded product.
      s2 = s2 + v * v;
      valid++;
    }
    sums[i] = s;
    sumsSq[i] = s2;
    let ws = s;
    let ws2 = s2;
    if (i >= window) {
      const old = a[i - window];
      if (old === old) valid--;
      ws = s - sums[i - window];
      ws2 = s2 - sumsSq[i - window];
    }
    if (valid < minp || valid === ddof) out[i] = NaN;
    else {
      const m = ws / valid;
      out[i] = Math.sqrt(Math.abs(ws2 - 2 * ws * m + valid * (m * m)) / (valid - ddof));
    }
  }
  return out;
}

/**
 * rollingStd1d(a, window, ddof = 0, minp = window): the rolling std of one column.
 * @example rollingStd1d(Float64Array.of(1, 3, 5), 2) // [NaN, 1, 1]
 */
export function rollingStd1d(a: Float64Array, window: number, ddof = 0, minp: number = window): Float64Array {
  checkWindow('rollingStd1d', window);
  checkMinp('rollingStd1d', minp, window, 1);
  checkDdof('rollingStd1d', ddof);
  const n = a.length;
  return rollingStdInto(a, window, minp, ddof, new Float64Array(n), new Float64Array(n), new Float64Array(n));
}

/**
 * rollingStd(a, nRows, nCols, window, ddof = 0, minp = window): the rolling std of every column.
 * @example rollingStd(close, nRows, nCols, 20) // vbt.MSTD.run(close, 20).mstd (ddof 0)
 */
export function rollingStd(a: Float64Array, nRows: number, nCols: number, window: number, ddof = 0, minp: number = window): Float64Array {
  checkMatrix('rollingStd', a, nRows, nCols);
  checkWindow('rollingStd', window);
  checkMinp('rollingStd', minp, window, 1);
  checkDdof('rollingStd', ddof);
  const out = new Float64Array(a.length);
  const sums = new Float64Array(nRows);
  const sumsSq = new Float64Array(nRows);
  for (let c = 0; c < nCols; c++) {
    const s = c * nRows;
    rollingStdInto(a.subarray(s, s + nRows), window, minp, ddof, out.subarray(s, s + nRows), sums, sumsSq);
  }
  return out;
}
