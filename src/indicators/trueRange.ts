/**
 * True range: `tr[t] = max(high[t] - low[t], |high[t] - close[t-1]|, |low[t] - close[t-1]|)` from t = 1;
 * `tr[0]` is NaN (no previous close), as TA-Lib TRANGE. The maximum is taken as TA-Lib does: start from
 * `high - low` and replace it only by a strictly greater candidate, so a NaN previous close leaves `high - low`
 * (the ATR carries on) while a NaN high or low makes the bar NaN.
 */
import { checkShape, gatherRows, ownRowIndex, scatterRows } from './ownRows';

/** The true range of one bar from its high, low and the previous close (see the header for the NaN rules). */
export function trueRangeBar(h: number, l: number, pc: number): number {
  let g = h - l;
  const a = Math.abs(h - pc);
  if (a > g) g = a;
  const b = Math.abs(l - pc);
  if (b > g) g = b;
  return g;
}

/** trueRangeInto(high, low, close, from, n, out, outFrom): true range of rows `from .. from+n)` into `out[outFrom ..)`. */
export function trueRangeInto(high: Float64Array, low: Float64Array, close: Float64Array, from: number, n: number, out: Float64Array, outFrom: number): void {
  if (n > 0) out[outFrom] = NaN;
  for (let t = 1; t < n; t++) out[outFrom + t] = trueRangeBar(high[from + t], low[from + t], close[from + t - 1]);
}

/**
 * trueRange1d(high, low, close): true range of one series.
 * @example trueRange1d(Float64Array.of(10, 12), Float64Array.of(9, 11), Float64Array.of(9.5, 11.5)) // [NaN, 2.5]
 */
export function trueRange1d(high: Float64Array, low: Float64Array, close: Float64Array): Float64Array {
  const n = close.length;
  if (high.length !== n || low.length !== n) throw new RangeError('trueRange1d: high, low and close must have the same length');
  const out = new Float64Array(n);
  trueRangeInto(high, low, close, 0, n, out, 0);
  return out;
}

/** trueRange(high, low, close, nRows, nCols, present): column-major true range, per column on its own rows. */
export function trueRange(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  nRows: number,
  nCols: number,
  present?: Uint8Array | null,
): Float64Array {
  const n = nRows * nCols;
  checkShape([high, low, close], n, present);
  const out = new Float64Array(n);
  const rows = new Int32Array(nRows);
  const gh = new Float64Array(present ? nRows : 0);
  const gl = new Float64Array(present ? nRows : 0);
  const gc = new Float64Array(present ? nRows : 0);
  const res = new Float64Array(present ? nRows : 0);
  for (let col = 0; col < nCols; col++) {
    const base = col * nRows;
    const m = ownRowIndex(present, base, nRows, rows);
    if (m === nRows) trueRangeInto(high, low, close, base, nRows, out, base);
    else if (m === 0) out.fill(NaN, base, base + nRows);
    else {
      gatherRows(high, base, rows, m, gh);
      gatherRows(low, base, rows, m, gl);
      gatherRows(close, base, rows, m, gc);
      trueRangeInto(gh, gl, gc, 0, m, res, 0);
      scatterRows(res, rows, m, out, base, nRows);
    }
  }
  return out;
}
