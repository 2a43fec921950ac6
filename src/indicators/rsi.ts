/**
 * RSI as vectorbt's `vbt.RSI` (0.28.3 `rsi_cache_nb` / `rsi_apply_nb`):
 *   d = close[i] - close[i-1] (NaN on row 0 and next to a NaN close)
 *   up = d < 0 ? 0 : d;   down = |d > 0 ? 0 : d|          (NaN stays NaN; d = 0 gives 0 and 0)
 *   rs = MA(up, window) / MA(down, window);   rsi = 100 - 100 / (1 + rs)
 * MA is the SMA by default (`ewm=False`: Cutler's RSI, not Wilder's), or with `ewm` the EMA of span `window`
 * (alpha 2/(window+1), again not Wilder's 1/window). IEEE division decides the edges: gains only (down = 0) give
 * rs = inf and RSI 100; no change at all over the window gives 0/0 and RSI NaN, which can fall mid-history.
 * Defined from row f + window (f = first valid close) with the SMA; a gap makes it NaN through a window after it.
 */
import { checkMatrix, checkWindow } from '../kernels/checkArgs';
import { maInto } from './ma';

/** Scratch for one column of RSI (each of at least nRows values), allocated once per matrix. */
interface RsiScratch {
  up: Float64Array;
  down: Float64Array;
  rollUp: Float64Array;
  rollDown: Float64Array;
  sums: Float64Array;
}

const scratchOf = (n: number): RsiScratch => ({ up: new Float64Array(n), down: new Float64Array(n), rollUp: new Float64Array(n), rollDown: new Float64Array(n), sums: new Float64Array(n) });

/** rsiInto(close, window, ewm, out, scratch): one column's RSI into `out`. */
function rsiInto(close: Float64Array, window: number, ewm: boolean, out: Float64Array, s: RsiScratch): Float64Array {
  const n = close.length;
  const up = s.up.subarray(0, n);
  const down = s.down.subarray(0, n);
  if (n > 0) {
    up[0] = NaN;
    down[0] = NaN;
  }
  for (let i = 1; i < n; i++) {
    const d = close[i] - close[i - 1];
    up[i] = d < 0 ? 0 : d;
    down[i] = d > 0 ? 0 : Math.abs(d);
  }
  const rollUp = maInto(up, window, ewm, s.rollUp.subarray(0, n), s.sums);
  const rollDown = maInto(down, window, ewm, s.rollDown.subarray(0, n), s.sums);
  for (let i = 0; i < n; i++) out[i] = 100 - 100 / (1 + rollUp[i] / rollDown[i]);
  return out;
}

/**
 * rsi1d(close, window = 14, ewm = false): the RSI of one series.
 * @example rsi1d(Float64Array.of(1, 2, 3, 2), 2) // [NaN, NaN, 100, 50]
 */
export function rsi1d(close: Float64Array, window = 14, ewm = false): Float64Array {
  checkWindow('rsi1d', window);
  return rsiInto(close, window, ewm, new Float64Array(close.length), scratchOf(close.length));
}

/**
 * rsi(close, nRows, nCols, window = 14, ewm = false): the RSI of every column.
 * @example rsi(close, nRows, nCols, 14) // vbt.RSI.run(close, 14).rsi
 */
export function rsi(close: Float64Array, nRows: number, nCols: number, window = 14, ewm = false): Float64Array {
  checkMatrix('rsi', close, nRows, nCols);
  checkWindow('rsi', window);
  const out = new Float64Array(close.length);
  const s = scratchOf(nRows);
  for (let c = 0; c < nCols; c++) {
    const b = c * nRows;
    rsiInto(close.subarray(b, b + nRows), window, ewm, out.subarray(b, b + nRows), s);
  }
  return out;
}
