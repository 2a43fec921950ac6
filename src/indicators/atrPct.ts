/**
 * ATR%: `atrPct[t] = 100 * atr[t] / close[t]`, the Wilder ATR (see atr.ts) as a percentage of the bar's close.
 * NaN wherever the ATR or the close is NaN. Evaluated as `(100 * atr) / close`, the order of the seed's pandas code.
 */
import { atrInto, atrMatrix, checkAtrInputs, checkAtrWindow } from './atr';

/**
 * atrPct1d(high, low, close, window): ATR% of one series.
 * @example atrPct1d(high, low, close, 14)[14] === 100 * mean(tr[1..14]) / close[14]
 */
export function atrPct1d(high: Float64Array, low: Float64Array, close: Float64Array, window = 14): Float64Array {
  checkAtrWindow(window);
  checkAtrInputs(high, low, close);
  const n = close.length;
  const out = new Float64Array(n);
  atrInto(high, low, close, 0, n, window, out, 0, true);
  return out;
}

/** atrPct(high, low, close, nRows, nCols, window, present): column-major ATR%, per column on its own rows. */
export function atrPct(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  nRows: number,
  nCols: number,
  window = 14,
  present?: Uint8Array | null,
): Float64Array {
  return atrMatrix(high, low, close, nRows, nCols, window, present, true);
}
