/**
 * Donchian channel of the previous bars, as the golden donchian_breakout case writes it with pandas
 * (`high.rolling(N).max().shift(1)`, identical to vectorbt's `high.vbt.rolling_max(N).vbt.fshift(1)`):
 *   upper[t] = max(high[t-N] .. high[t-1]),   lower[t] = min(low[t-M] .. low[t-1])
 * Row t itself is excluded, so `close > upper` is a breakout above the previous N highs. NaN for t < N, and NaN if
 * any of those N values is NaN (min_periods = N): after absent rows a..a+g-1, upper is NaN on rows a+1..a+g-1+N.
 */
import { checkMatrix, checkWindow } from '../kernels/checkArgs';
import { rollingMaxInto } from '../kernels/rollingMax';
import { rollingMinInto } from '../kernels/rollingMin';

export interface Channel {
  upper: Float64Array;
  lower: Float64Array;
}

/** `out[i] = rolled[i - 1]`, NaN on row 0: the shift by one row, fused so the rolled column stays in scratch. */
function shiftOneInto(rolled: Float64Array, n: number, out: Float64Array): void {
  if (n > 0) out[0] = NaN;
  for (let i = 1; i < n; i++) out[i] = rolled[i - 1];
}

function channelInto(high: Float64Array, low: Float64Array, upperWindow: number, lowerWindow: number, out: Channel, rolled: Float64Array, queue: Int32Array): void {
  const n = high.length;
  const r = rolled.subarray(0, n);
  shiftOneInto(rollingMaxInto(high, upperWindow, upperWindow, r, queue), n, out.upper);
  shiftOneInto(rollingMinInto(low, lowerWindow, lowerWindow, r, queue), n, out.lower);
}

/**
 * donchian1d(high, low, upperWindow = 20, lowerWindow = upperWindow): the channel of one series.
 * @example donchian1d(Float64Array.of(2, 3, 4), Float64Array.of(1, 2, 3), 2) // upper [NaN, NaN, 3], lower [NaN, NaN, 1]
 */
export function donchian1d(high: Float64Array, low: Float64Array, upperWindow = 20, lowerWindow = upperWindow): Channel {
  checkWindow('donchian1d', upperWindow, 'upperWindow');
  checkWindow('donchian1d', lowerWindow, 'lowerWindow');
  const n = high.length;
  if (low.length !== n) throw new RangeError(`donchian1d: high has ${n} values, low has ${low.length}`);
  const out = { upper: new Float64Array(n), lower: new Float64Array(n) };
  channelInto(high, low, upperWindow, lowerWindow, out, new Float64Array(n), new Int32Array(n));
  return out;
}

/**
 * donchian(high, low, nRows, nCols, upperWindow = 20, lowerWindow = upperWindow): the channel of every column.
 * @example const { upper } = donchian(high, low, nRows, nCols, 20, 10) // high.rolling(20).max().shift(1)
 */
export function donchian(high: Float64Array, low: Float64Array, nRows: number, nCols: number, upperWindow = 20, lowerWindow = upperWindow): Channel {
  checkMatrix('donchian', high, nRows, nCols);
  checkMatrix('donchian', low, nRows, nCols);
  checkWindow('donchian', upperWindow, 'upperWindow');
  checkWindow('donchian', lowerWindow, 'lowerWindow');
  const n = high.length;
  const out = { upper: new Float64Array(n), lower: new Float64Array(n) };
  const rolled = new Float64Array(nRows);
  const queue = new Int32Array(nRows);
  for (let c = 0; c < nCols; c++) {
    const b = c * nRows;
    const e = b + nRows;
    channelInto(high.subarray(b, e), low.subarray(b, e), upperWindow, lowerWindow, { upper: out.upper.subarray(b, e), lower: out.lower.subarray(b, e) }, rolled, queue);
  }
  return out;
}
