/**
 * Shift along the rows (time) of each column: `out[i] = a[i - n]`, the first `n` rows (last `-n` for a
 * negative `n`) take `fill`. Works for any typed array (Float64Array prices, Uint8Array signals); pandas'
 * `shift(n).fillna(False)` on a boolean frame is `shift(a, nRows, nCols, n, 0)`.
 */
type Numeric = Float64Array | Float32Array | Int32Array | Uint8Array;

/** One column. @example shift1d(Float64Array.of(1, 2, 3), 1, NaN) -> [NaN, 1, 2] */
export function shift1d<T extends Numeric>(a: T, n: number, fill: number, out?: T): T {
  const len = a.length;
  const o = out ?? (new (a.constructor as new (len: number) => T)(len));
  if (n >= 0) {
    const k = n < len ? n : len;
    for (let i = len - 1; i >= k; i--) o[i] = a[i - n];
    for (let i = 0; i < k; i++) o[i] = fill;
  } else {
    const m = -n;
    const k = m < len ? len - m : 0;
    for (let i = 0; i < k; i++) o[i] = a[i + m];
    for (let i = k; i < len; i++) o[i] = fill;
  }
  return o;
}

/** Every column of a column-major `nRows x nCols` matrix. Columns never leak into each other. */
export function shift<T extends Numeric>(a: T, nRows: number, nCols: number, n: number, fill: number): T {
  if (a.length !== nRows * nCols) throw new RangeError(`shift: array length ${a.length} != nRows*nCols = ${nRows * nCols}`);
  const out = new (a.constructor as new (len: number) => T)(a.length);
  for (let c = 0; c < nCols; c++) {
    const s = c * nRows;
    shift1d(a.subarray(s, s + nRows) as T, n, fill, out.subarray(s, s + nRows) as T);
  }
  return out;
}
