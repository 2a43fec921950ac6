/**
 * Moving average, vectorbt's `vbt.MA` (`ma_nb`): the simple rolling mean (rollingMean, min_periods = window) or,
 * with `ewm`, the exponential mean with span = window, adjust=False, min_periods = window (ewmMean). Computed on
 * the pivoted union-index frame, NaN rows included, as `vbt.MA.run(close, window)` does: after a gap the SMA is
 * NaN for a whole window, the EMA carries its value through it.
 */
import { ewmMean, ewmMeanInto } from '../kernels/ewmMean';
import { rollingMean, rollingMeanInto } from '../kernels/rollingMean';
import { checkMatrix, checkWindow } from '../kernels/checkArgs';

/** maInto(close, window, ewm, out, sums): one column's MA into `out`; `sums` is rollingMean's scratch. */
export function maInto(close: Float64Array, window: number, ewm: boolean, out: Float64Array, sums: Float64Array): Float64Array {
  return ewm ? ewmMeanInto(close, window, window, out) : rollingMeanInto(close, window, window, out, sums);
}

/**
 * ma1d(close, window, ewm = false): the moving average of one series.
 * @example ma1d(Float64Array.of(1, 2, 3, 4), 2) // [NaN, 1.5, 2.5, 3.5]
 */
export function ma1d(close: Float64Array, window: number, ewm = false): Float64Array {
  checkWindow('ma1d', window);
  return maInto(close, window, ewm, new Float64Array(close.length), new Float64Array(close.length));
}

/**
 * ma(close, nRows, nCols, window, ewm = false): the moving average of every column.
 * @example ma(close, nRows, nCols, 50) // vbt.MA.run(close, 50).ma
 */
export function ma(close: Float64Array, nRows: number, nCols: number, window: number, ewm = false): Float64Array {
  checkMatrix('ma', close, nRows, nCols);
  checkWindow('ma', window);
  return ewm ? ewmMean(close, nRows, nCols, window, window) : rollingMean(close, nRows, nCols, window, window);
}
