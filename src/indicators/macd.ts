/**
 * MACD as vectorbt's `vbt.MACD` (0.28.3 `macd_apply_nb`):
 *   macd   = MA(close, fast_window) - MA(close, slow_window)     both SMA, or EMA with `macdEwm`
 *   signal = MA(macd, signal_window)                             SMA, or EMA with `signalEwm`
 * vectorbt's defaults are macd_ewm=False, signal_ewm=False: an SMA-based MACD, not the textbook
 * EMA(12) - EMA(26) with an EMA(9) signal. The signal's EMA is seeded at macd's first non-NaN value.
 * macd is defined from f + max(fast, slow) - 1, the signal from f + max(fast, slow) + signal - 2 (f = first valid
 * close). With EMAs the macd carries through NaN rows, so an SMA signal keeps moving over a delisted tail.
 */
import { checkMatrix, checkWindow } from '../kernels/checkArgs';
import { maInto } from './ma';

export interface MacdLines {
  macd: Float64Array;
  signal: Float64Array;
}

export interface MacdParams {
  fastWindow: number;
  slowWindow: number;
  signalWindow: number;
  /** EMA instead of SMA for the fast and slow averages (vectorbt macd_ewm, default false). */
  macdEwm?: boolean;
  /** EMA instead of SMA for the signal line (vectorbt signal_ewm, default false). */
  signalEwm?: boolean;
}

function checkParams(who: string, p: MacdParams): void {
  checkWindow(who, p.fastWindow, 'fastWindow');
  checkWindow(who, p.slowWindow, 'slowWindow');
  checkWindow(who, p.signalWindow, 'signalWindow');
}

/** One column: fast and slow MAs in scratch, their difference into `macd`, its MA into `signal`. */
function macdInto(close: Float64Array, p: MacdParams, macd: Float64Array, signal: Float64Array, fast: Float64Array, slow: Float64Array, sums: Float64Array): void {
  const n = close.length;
  const ewm = p.macdEwm ?? false;
  const f = maInto(close, p.fastWindow, ewm, fast.subarray(0, n), sums);
  const s = maInto(close, p.slowWindow, ewm, slow.subarray(0, n), sums);
  for (let i = 0; i < n; i++) macd[i] = f[i] - s[i];
  maInto(macd, p.signalWindow, p.signalEwm ?? false, signal, sums);
}

/**
 * macd1d(close, params): the MACD and signal lines of one series.
 * @example macd1d(close, { fastWindow: 12, slowWindow: 26, signalWindow: 9 }).signal
 */
export function macd1d(close: Float64Array, params: MacdParams): MacdLines {
  checkParams('macd1d', params);
  const n = close.length;
  const out = { macd: new Float64Array(n), signal: new Float64Array(n) };
  macdInto(close, params, out.macd, out.signal, new Float64Array(n), new Float64Array(n), new Float64Array(n));
  return out;
}

/**
 * macd(close, nRows, nCols, params): the MACD and signal lines of every column.
 * @example macd(close, nRows, nCols, { fastWindow: 12, slowWindow: 26, signalWindow: 9 }) // vbt.MACD.run(close)
 */
export function macd(close: Float64Array, nRows: number, nCols: number, params: MacdParams): MacdLines {
  checkMatrix('macd', close, nRows, nCols);
  checkParams('macd', params);
  const n = close.length;
  const out = { macd: new Float64Array(n), signal: new Float64Array(n) };
  const fast = new Float64Array(nRows);
  const slow = new Float64Array(nRows);
  const sums = new Float64Array(nRows);
  for (let c = 0; c < nCols; c++) {
    const b = c * nRows;
    const e = b + nRows;
    macdInto(close.subarray(b, e), params, out.macd.subarray(b, e), out.signal.subarray(b, e), fast, slow, sums);
  }
  return out;
}
