/**
 * ATR, Wilder's average true range exactly as TA-Lib `ATR` through its Python wrapper:
 * leading bars where any of high/low/close is NaN are skipped (talib's `check_begidx3`); from the first complete
 * bar `b`, `atr[b+window] = mean(tr[b+1] .. tr[b+window])` and then `atr[t] = ((window-1) * atr[t-1] + tr[t]) / window`.
 * Everything before `b + window` is NaN; a NaN after `b` propagates through the recursion (TA-Lib does not skip it).
 */
import { onOwnRows } from './ownRows';
import { trueRange1d } from './trueRange';

function checkWindow(window: number): void {
  if (!Number.isInteger(window) || window < 1) throw new RangeError(`atr: window must be an integer >= 1, got ${window}`);
}

/**
 * atr1d(high, low, close, window): Wilder ATR of one series.
 * @example atr1d(high, low, close, 14) // first value at row 14 = mean of tr[1..14]
 */
export function atr1d(high: Float64Array, low: Float64Array, close: Float64Array, window = 14): Float64Array {
  checkWindow(window);
  const n = close.length;
  const tr = trueRange1d(high, low, close);
  const out = new Float64Array(n).fill(NaN);
  let b = 0;
  while (b < n && (high[b] !== high[b] || low[b] !== low[b] || close[b] !== close[b])) b++;
  const first = b + window;
  if (first >= n) return out;
  let sum = 0;
  for (let t = b + 1; t <= first; t++) sum += tr[t];
  let prev = sum / window;
  out[first] = prev;
  for (let t = first + 1; t < n; t++) {
    prev = ((window - 1) * prev + tr[t]) / window;
    out[t] = prev;
  }
  return out;
}

/** atr(high, low, close, nRows, nCols, window, present): column-major Wilder ATR, per column on its own rows. */
export function atr(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  nRows: number,
  nCols: number,
  window = 14,
  present?: Uint8Array | null,
): Float64Array {
  checkWindow(window);
  return onOwnRows([high, low, close], nRows, nCols, present, ([h, l, c]) => atr1d(h, l, c, window));
}
