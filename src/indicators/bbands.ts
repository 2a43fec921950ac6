/**
 * Bollinger Bands as vectorbt's `vbt.BBANDS` (0.28.3 `bb_apply_nb`) with its defaults ewm=False, ddof=0:
 *   middle = SMA(close, window)                    (rollingMean, min_periods = window)
 *   upper  = middle + alpha * MSTD(close, window)  (rollingStd, population: ddof 0; pandas would default to 1)
 *   lower  = middle - alpha * MSTD(close, window)
 * Both running-sum kernels, so the bands are bit-identical to vectorbt's (pandas' std is up to 1.3e-9 off).
 * NaN and warm-up rules are the SMA's. Note `vbt.BBANDS.run(close, 20, 2)` would pass 2 as `ewm`, not `alpha`.
 */
import { checkMatrix, checkWindow } from '../kernels/checkArgs';
import { rollingMeanInto } from '../kernels/rollingMean';
import { rollingStdInto } from '../kernels/rollingStd';

export interface Bands {
  upper: Float64Array;
  middle: Float64Array;
  lower: Float64Array;
}

function checkAlpha(who: string, alpha: number): void {
  if (!Number.isFinite(alpha)) throw new RangeError(`${who}: alpha must be a finite number, got ${alpha}`);
}

/** One column of bands into views of the outputs; `std`, `sums`, `sumsSq` are scratch of at least n values. */
function bbandsInto(close: Float64Array, window: number, alpha: number, out: Bands, std: Float64Array, sums: Float64Array, sumsSq: Float64Array): void {
  const n = close.length;
  const middle = rollingMeanInto(close, window, window, out.middle, sums);
  const sd = rollingStdInto(close, window, window, 0, std.subarray(0, n), sums, sumsSq);
  const { upper, lower } = out;
  for (let i = 0; i < n; i++) {
    const k = alpha * sd[i];
    upper[i] = middle[i] + k;
    lower[i] = middle[i] - k;
  }
}

/**
 * bbands1d(close, window = 20, alpha = 2): the bands of one series.
 * @example bbands1d(Float64Array.of(1, 3, 5), 2, 2) // upper [NaN, 4, 6], middle [NaN, 2, 4], lower [NaN, 0, 2]
 */
export function bbands1d(close: Float64Array, window = 20, alpha = 2): Bands {
  checkWindow('bbands1d', window);
  checkAlpha('bbands1d', alpha);
  const n = close.length;
  const out = { upper: new Float64Array(n), middle: new Float64Array(n), lower: new Float64Array(n) };
  bbandsInto(close, window, alpha, out, new Float64Array(n), new Float64Array(n), new Float64Array(n));
  return out;
}

/**
 * bbands(close, nRows, nCols, window = 20, alpha = 2): the bands of every column.
 * @example const { upper, middle } = bbands(close, nRows, nCols, 20, 2) // vbt.BBANDS.run(close, window=20, alpha=2)
 */
export function bbands(close: Float64Array, nRows: number, nCols: number, window = 20, alpha = 2): Bands {
  checkMatrix('bbands', close, nRows, nCols);
  checkWindow('bbands', window);
  checkAlpha('bbands', alpha);
  const n = close.length;
  const out = { upper: new Float64Array(n), middle: new Float64Array(n), lower: new Float64Array(n) };
  const std = new Float64Array(nRows);
  const sums = new Float64Array(nRows);
  const sumsSq = new Float64Array(nRows);
  for (let c = 0; c < nCols; c++) {
    const b = c * nRows;
    const e = b + nRows;
    bbandsInto(close.subarray(b, e), window, alpha, { upper: out.upper.subarray(b, e), middle: out.middle.subarray(b, e), lower: out.lower.subarray(b, e) }, std, sums, sumsSq);
  }
  return out;
}
