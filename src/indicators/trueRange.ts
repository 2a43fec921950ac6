/**
 * True range: `tr[t] = max(high[t] - low[t], |high[t] - close[t-1]|, |low[t] - close[t-1]|)` from t = 1;
 * `tr[0]` is NaN (no previous close), as TA-Lib TRANGE. The maximum is taken as TA-Lib does: start from
 * `high - low` and replace it only by a strictly greater candidate, so a NaN previous close leaves `high - low`
 * (the ATR carries on) while a NaN high or low makes the bar NaN.
 */
import { onOwnRows } from './ownRows';

/**
 * trueRange1d(high, low, close): true range of one series.
 * @example trueRange1d(Float64Array.of(10, 12), Float64Array.of(9, 11), Float64Array.of(9.5, 11.5)) // [NaN, 2.5]
 */
export function trueRange1d(high: Float64Array, low: Float64Array, close: Float64Array): Float64Array {
  const n = close.length;
  if (high.length !== n || low.length !== n) throw new RangeError('trueRange1d: high, low and close must have the same length');
  const out = new Float64Array(n).fill(NaN);
  for (let t = 1; t < n; t++) {
    const h = high[t];
    const l = low[t];
    const pc = close[t - 1];
    let g = h - l;
    const a = Math.abs(h - pc);
    if (a > g) g = a;
    const b = Math.abs(l - pc);
    if (b > g) g = b;
    out[t] = g;
  }
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
  return onOwnRows([high, low, close], nRows, nCols, present, ([h, l, c]) => trueRange1d(h, l, c));
}
