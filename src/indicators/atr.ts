/**
 * ATR, Wilder's average true range exactly as TA-Lib `ATR` through its Python wrapper:
 * leading bars where any of high/low/close is NaN are skipped (talib's `check_begidx3`); from the first complete
 * bar `b`, `atr[b+window] = mean(tr[b+1] .. tr[b+window])` and then `atr[t] = ((window-1) * atr[t-1] + tr[t]) / window`.
 * Everything before `b + window` is NaN; a NaN after `b` propagates through the recursion (TA-Lib does not skip it).
 */
import { checkShape, gatherRows, ownRowIndex, scatterRows } from './ownRows';
import { trueRangeBar } from './trueRange';

export function checkAtrWindow(window: number): void {
  if (!Number.isInteger(window) || window < 1) throw new RangeError(`atr: window must be an integer >= 1, got ${window}`);
}

/** The 1-D inputs must be equally long (as trueRange1d requires). */
export function checkAtrInputs(high: Float64Array, low: Float64Array, close: Float64Array): void {
  const n = close.length;
  if (high.length !== n || low.length !== n) throw new RangeError('atr: high, low and close must have the same length');
}

/**
 * atrInto(high, low, close, from, n, window, out, outFrom, pct): Wilder ATR of rows `from .. from+n)` into
 * `out[outFrom ..)` (every element written); with `pct`, ATR% `(100 * atr) / close` instead (see atrPct.ts).
 * True range, ATR and ATR% are fused in one pass: no true-range array, no second pass for the percentage.
 */
export function atrInto(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  from: number,
  n: number,
  window: number,
  out: Float64Array,
  outFrom: number,
  pct: boolean,
): void {
  const b = firstCompleteBar(high, low, close, from, n);
  const first = b + window;
  out.fill(NaN, outFrom, outFrom + (first < n ? first : n));
  if (first >= n) return;
  let sum = 0;
  for (let t = b + 1; t <= first; t++) sum += trueRangeBar(high[from + t], low[from + t], close[from + t - 1]);
  let prev = sum / window;
  const w1 = window - 1;
  if (pct) {
    out[outFrom + first] = (100 * prev) / close[from + first];
    for (let t = first + 1; t < n; t++) {
      prev = (w1 * prev + trueRangeBar(high[from + t], low[from + t], close[from + t - 1])) / window;
      out[outFrom + t] = (100 * prev) / close[from + t];
    }
  } else {
    out[outFrom + first] = prev;
    for (let t = first + 1; t < n; t++) {
      prev = (w1 * prev + trueRangeBar(high[from + t], low[from + t], close[from + t - 1])) / window;
      out[outFrom + t] = prev;
    }
  }
}

/** The first row (from `from`, at most n) where high, low and close are all valid: talib's `check_begidx3`. */
function firstCompleteBar(high: Float64Array, low: Float64Array, close: Float64Array, from: number, n: number): number {
  let b = 0;
  while (b < n && (high[from + b] !== high[from + b] || low[from + b] !== low[from + b] || close[from + b] !== close[from + b])) b++;
  return b;
}

/**
 * atrPairInto: atrInto for two whole columns at `fromA` and `fromB` (written at the same offsets of `out`) whose
 * first complete bar is the same `b`, advanced in lockstep. The Wilder recursion is one chain of multiply, add and
 * divide per bar (latency-bound); two independent chains in one loop overlap, ~1.5x faster. Per column the
 * operations and their order are those of atrInto.
 */
function atrPairInto(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  fromA: number,
  fromB: number,
  n: number,
  b: number,
  window: number,
  out: Float64Array,
  pct: boolean,
): void {
  const first = b + window;
  out.fill(NaN, fromA, fromA + (first < n ? first : n));
  out.fill(NaN, fromB, fromB + (first < n ? first : n));
  if (first >= n) return;
  let sumA = 0;
  let sumB = 0;
  for (let t = b + 1; t <= first; t++) {
    sumA += trueRangeBar(high[fromA + t], low[fromA + t], close[fromA + t - 1]);
    sumB += trueRangeBar(high[fromB + t], low[fromB + t], close[fromB + t - 1]);
  }
  let prevA = sumA / window;
  let prevB = sumB / window;
  const w1 = window - 1;
  if (pct) {
    out[fromA + first] = (100 * prevA) / close[fromA + first];
    out[fromB + first] = (100 * prevB) / close[fromB + first];
    for (let t = first + 1; t < n; t++) {
      prevA = (w1 * prevA + trueRangeBar(high[fromA + t], low[fromA + t], close[fromA + t - 1])) / window;
      prevB = (w1 * prevB + trueRangeBar(high[fromB + t], low[fromB + t], close[fromB + t - 1])) / window;
      out[fromA + t] = (100 * prevA) / close[fromA + t];
      out[fromB + t] = (100 * prevB) / close[fromB + t];
    }
  } else {
    out[fromA + first] = prevA;
    out[fromB + first] = prevB;
    for (let t = first + 1; t < n; t++) {
      prevA = (w1 * prevA + trueRangeBar(high[fromA + t], low[fromA + t], close[fromA + t - 1])) / window;
      prevB = (w1 * prevB + trueRangeBar(high[fromB + t], low[fromB + t], close[fromB + t - 1])) / window;
      out[fromA + t] = prevA;
      out[fromB + t] = prevB;
    }
  }
}

/**
 * atrMatrix(high, low, close, nRows, nCols, window, present, pct): the column loop of atr / atrPct, each column on
 * its own rows, with scratch allocated once rather than per column.
 */
export function atrMatrix(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  nRows: number,
  nCols: number,
  window: number,
  present: Uint8Array | null | undefined,
  pct: boolean,
): Float64Array {
  checkAtrWindow(window);
  const n = nRows * nCols;
  checkShape([high, low, close], n, present);
  const out = new Float64Array(n);
  const rows = new Int32Array(nRows);
  const gh = new Float64Array(present ? nRows : 0);
  const gl = new Float64Array(present ? nRows : 0);
  const gc = new Float64Array(present ? nRows : 0);
  const res = new Float64Array(present ? nRows : 0);
  // A whole column waiting for a partner with the same first complete bar (see atrPairInto); -1 = none.
  let pending = -1;
  let pendingB = 0;
  for (let col = 0; col < nCols; col++) {
    const base = col * nRows;
    const m = ownRowIndex(present, base, nRows, rows);
    if (m === nRows) {
      const b = firstCompleteBar(high, low, close, base, nRows);
      if (pending < 0) {
        pending = base;
        pendingB = b;
      } else if (b === pendingB) {
        atrPairInto(high, low, close, pending, base, nRows, b, window, out, pct);
        pending = -1;
      } else {
        atrInto(high, low, close, pending, nRows, window, out, pending, pct);
        pending = base;
        pendingB = b;
      }
    } else if (m === 0) out.fill(NaN, base, base + nRows);
    else {
      gatherRows(high, base, rows, m, gh);
      gatherRows(low, base, rows, m, gl);
      gatherRows(close, base, rows, m, gc);
      atrInto(gh, gl, gc, 0, m, window, res, 0, pct);
      scatterRows(res, rows, m, out, base, nRows);
    }
  }
  if (pending >= 0) atrInto(high, low, close, pending, nRows, window, out, pending, pct);
  return out;
}

/**
 * atr1d(high, low, close, window): Wilder ATR of one series.
 * @example atr1d(high, low, close, 14) // first value at row 14 = mean of tr[1..14]
 */
export function atr1d(high: Float64Array, low: Float64Array, close: Float64Array, window = 14): Float64Array {
  checkAtrWindow(window);
  checkAtrInputs(high, low, close);
  const n = close.length;
  const out = new Float64Array(n);
  atrInto(high, low, close, 0, n, window, out, 0, false);
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
  return atrMatrix(high, low, close, nRows, nCols, window, present, false);
}
