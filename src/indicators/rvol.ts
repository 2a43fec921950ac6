/**
 * RVOL, relative volume: `rvol[t] = volume[t] / mean(volume[t-window] .. volume[t-1])`, the bar's volume over the
 * mean volume of the `window` bars before it (pandas `volume / volume.rolling(window).mean().shift(1)`).
 * NaN for the first `window` rows, when the window holds a NaN (pandas min_periods = window), when volume[t] is NaN,
 * and where the mean is 0 (no baseline volume: a ratio would be inf or 0/0).
 * The window sum is a running Neumaier-compensated sum, so rounding does not drift over long series.
 */
import { onOwnRows } from './ownRows';

function checkWindow(window: number): void {
  if (!Number.isInteger(window) || window < 1) throw new RangeError(`rvol: window must be an integer >= 1, got ${window}`);
}

/**
 * rvol1d(volume, window): relative volume of one series.
 * @example rvol1d(Float64Array.of(1, 1, 4), 2) // [NaN, NaN, 4]
 */
export function rvol1d(volume: Float64Array, window = 20): Float64Array {
  checkWindow(window);
  const n = volume.length;
  const out = new Float64Array(n).fill(NaN);
  let sum = 0;
  let comp = 0; // Neumaier compensation
  let nanCount = 0;
  const add = (x: number): void => {
    const t = sum + x;
    comp += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
    sum = t;
  };
  for (let t = 0; t < n; t++) {
    // window = volume[t-window .. t-1]
    if (t >= window) {
      const mean = nanCount > 0 ? NaN : (sum + comp) / window;
      const v = volume[t];
      out[t] = mean === 0 || mean !== mean ? NaN : v / mean;
      const old = volume[t - window];
      if (old !== old) nanCount--;
      else add(-old);
    }
    const v = volume[t];
    if (v !== v) nanCount++;
    else add(v);
  }
  return out;
}

/**
 * rvol(volume, nRows, nCols, window, present): column-major relative volume, each column computed on its own
 * rows (`present`, see ownRows.ts) and placed on the union index.
 */
export function rvol(volume: Float64Array, nRows: number, nCols: number, window = 20, present?: Uint8Array | null): Float64Array {
  checkWindow(window);
  return onOwnRows([volume], nRows, nCols, present, ([v]) => rvol1d(v, window));
}
