/**
 * Forward / backward fill of NaN along the rows of each column (pandas `ffill()` / `bfill()`), and the
 * combination vectorbt uses to value positions (`fillna_close=True`: close forward-filled, then back-filled).
 * Leading NaN stay NaN after ffill, trailing NaN after bfill, an all-NaN column stays all NaN.
 */

/** @example ffill1d(Float64Array.of(NaN, 1, NaN, 2)) -> [NaN, 1, 1, 2] */
export function ffill1d(a: Float64Array, out: Float64Array = new Float64Array(a.length)): Float64Array {
  let last = NaN;
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (v === v) last = v;
    out[i] = last;
  }
  return out;
}

/** @example bfill1d(Float64Array.of(NaN, 1, NaN, 2, NaN)) -> [1, 1, 2, 2, NaN] */
export function bfill1d(a: Float64Array, out: Float64Array = new Float64Array(a.length)): Float64Array {
  let next = NaN;
  for (let i = a.length - 1; i >= 0; i--) {
    const v = a[i];
    if (v === v) next = v;
    out[i] = next;
  }
  return out;
}

/** Close as vectorbt values positions with it: ffill, then bfill the leading gap. */
export function fillClose1d(a: Float64Array, out: Float64Array = new Float64Array(a.length)): Float64Array {
  ffill1d(a, out);
  return bfill1d(out, out);
}

function byColumn(f: (a: Float64Array, out: Float64Array) => Float64Array, a: Float64Array, nRows: number, nCols: number): Float64Array {
  if (a.length !== nRows * nCols) throw new RangeError(`fill: array length ${a.length} != nRows*nCols = ${nRows * nCols}`);
  const out = new Float64Array(a.length);
  for (let c = 0; c < nCols; c++) f(a.subarray(c * nRows, (c + 1) * nRows), out.subarray(c * nRows, (c + 1) * nRows));
  return out;
}

export function ffill(a: Float64Array, nRows: number, nCols: number): Float64Array {
  return byColumn(ffill1d, a, nRows, nCols);
}

export function bfill(a: Float64Array, nRows: number, nCols: number): Float64Array {
  return byColumn(bfill1d, a, nRows, nCols);
}
