/**
 * Argument checks shared by the kernels (internal: not in the barrel). A kernel refuses a wrong shape or a
 * window that is not a positive integer with one RangeError naming itself, instead of returning garbage.
 */

/** Throws unless `a` holds `nRows * nCols` values. */
export function checkMatrix(who: string, a: ArrayLike<number>, nRows: number, nCols: number): void {
  if (!Number.isSafeInteger(nRows) || !Number.isSafeInteger(nCols) || nRows < 0 || nCols < 0) throw new RangeError(`${who}: nRows and nCols must be integers >= 0, got ${nRows} x ${nCols}`);
  if (a.length !== nRows * nCols) throw new RangeError(`${who}: array length ${a.length} != nRows*nCols = ${nRows * nCols}`);
}

/** Throws unless `window` is an integer >= 1. */
export function checkWindow(who: string, window: number, what = 'window'): void {
  if (!Number.isSafeInteger(window) || window < 1) throw new RangeError(`${who}: ${what} must be an integer >= 1, got ${window}`);
}

/**
 * Throws unless `minp` (min_periods) is an integer from `lowest` to the window, as vectorbt requires
 * (`minp must be <= window`). The rolling kernels take `lowest` = 1: with 0, vectorbt would divide 0 by a count of 0
 * (numba raises ZeroDivisionError there), which no caller wants.
 */
export function checkMinp(who: string, minp: number, window: number, lowest: 0 | 1): void {
  if (!Number.isSafeInteger(minp) || minp < lowest || minp > window) throw new RangeError(`${who}: minp must be an integer from ${lowest} to the window (${window}), got ${minp}`);
}
