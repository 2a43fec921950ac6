/**
 * Forward shift along the rows: `out[i] = a[i - n]`, the first `n` rows NaN (vectorbt `fshift_nb`, pandas
 * `shift(n)` with n >= 0). Only forward: a strategy that shifts backward reads the future (look-ahead), so this
 * kernel refuses a negative `n`; the general `shift` (shift.ts) takes either sign for other uses.
 */
import { checkMatrix } from './checkArgs';
import { shift1d } from './shift';

function checkN(who: string, n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${who}: n must be an integer >= 0 (a backward shift reads future rows), got ${n}`);
}

/**
 * fshift1d(a, n = 1): one column shifted `n` rows later, NaN first.
 * @example fshift1d(Float64Array.of(1, 2, 3)) // [NaN, 1, 2]
 */
export function fshift1d(a: Float64Array, n = 1): Float64Array {
  checkN('fshift1d', n);
  return shift1d(a, n, NaN);
}

/**
 * fshift(a, nRows, nCols, n = 1): every column shifted `n` rows later; columns never leak into each other.
 * @example fshift(rollingMax(high, nRows, nCols, 20), nRows, nCols) // high.rolling(20).max().shift(1)
 */
export function fshift(a: Float64Array, nRows: number, nCols: number, n = 1): Float64Array {
  checkMatrix('fshift', a, nRows, nCols);
  checkN('fshift', n);
  const out = new Float64Array(a.length);
  for (let c = 0; c < nCols; c++) {
    const s = c * nRows;
    shift1d(a.subarray(s, s + nRows), n, NaN, out.subarray(s, s + nRows));
  }
  return out;
}
