/**
 * The numeric half of bar validation: one pass over one ticker's OHLCV columns (1-D, on the run's date index)
 * counting each kind of fault and remembering the row of its first occurrence. Pure: no dates, no messages
 * (validateBars.ts turns these counts into reasons and warnings).
 *
 * A row is a *bar* when any of its five values is present (not NaN); rows where all five are NaN are dates
 * on which the ticker did not trade and are never faults. NaN inside a bar is a fault (a NULL or 'NaN' in
 * the table), except that a NaN volume is only counted, as MissingVolume (RVOL is NaN there: no entry).
 */

/** The faults looked for, as small ints (index into `BarFaultCounts.count` / `.first`). */
export const BarFault = Object.freeze({
  /** open/high/low/close NaN, zero or negative: the price path is meaningless (returns, ATR%, fills). */
  BadPrice: 0,
  /** high < low (beyond the tolerance). */
  HighBelowLow: 1,
  /** close < low or close > high (beyond the tolerance). */
  CloseOutsideRange: 2,
  /** volume < 0: RVOL would be negative, the mean of a window can even be 0 or negative. */
  NegativeVolume: 3,
  /** volume NaN on a bar whose prices are present. */
  MissingVolume: 4,
  /** close / previous bar's close > jumpRatio or < 1 / jumpRatio: an unadjusted split? */
  PriceJump: 5,
} as const);
export const N_BAR_FAULTS = 6;

/** Thresholds of the checks, resolved once. */
export const BAR_CHECKS = Object.freeze({
  /** Relative tolerance of high >= low and low <= close <= high: vendor prices rounded to a cent can cross by a hair. */
  rangeRelTol: 1e-6,
  /** A close-to-close move beyond this factor (either way) between consecutive bars is a jump. */
  jumpRatio: 10,
});

export interface BarFaultCounts {
  /** bars (rows with any value present) */
  bars: number;
  /** row of the first and the last bar; -1 when there is none */
  firstBar: number;
  lastBar: number;
  /** per BarFault: how many bars have it */
  count: Int32Array;
  /** per BarFault: the row of the first bar with it, -1 if none (PriceJump: the row of the later bar) */
  first: Int32Array;
  /** BadPrice: which field (0 open, 1 high, 2 low, 3 close) and its value, at the first bad bar */
  badField: number;
  badValue: number;
  /** PriceJump: the closes before and at the first jump */
  jumpFrom: number;
  jumpTo: number;
}

/**
 * barFaults1d(open, high, low, close, volume): fault counts of one ticker's column.
 * @example barFaults1d(o, h, l, c, v).count[BarFault.BadPrice] // bars with a NaN or non-positive price
 */
export function barFaults1d(
  open: Float64Array,
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  volume: Float64Array,
  checks: Readonly<typeof BAR_CHECKS> = BAR_CHECKS,
): BarFaultCounts {
  const n = close.length;
  const count = new Int32Array(N_BAR_FAULTS);
  const first = new Int32Array(N_BAR_FAULTS).fill(-1);
  const out: BarFaultCounts = { bars: 0, firstBar: -1, lastBar: -1, count, first, badField: -1, badValue: NaN, jumpFrom: NaN, jumpTo: NaN };
  const tol = checks.rangeRelTol;
  const up = checks.jumpRatio;
  const down = 1 / checks.jumpRatio;
  const hit = (f: number, row: number) => {
    if (count[f]++ === 0) first[f] = row;
  };
  let prevClose = NaN; // close of the previous valid bar
  for (let i = 0; i < n; i++) {
    const o = open[i];
    const h = high[i];
    const l = low[i];
    const c = close[i];
    const v = volume[i];
    // `x === x` is false only for NaN
    if (o !== o && h !== h && l !== l && c !== c && v !== v) continue;
    out.bars++;
    if (out.firstBar < 0) out.firstBar = i;
    out.lastBar = i;
    // !(x > 0) catches NaN as well as zero and negatives
    if (!(o > 0) || !(h > 0) || !(l > 0) || !(c > 0)) {
      if (count[BarFault.BadPrice] === 0) {
        out.badField = !(o > 0) ? 0 : !(h > 0) ? 1 : !(l > 0) ? 2 : 3;
        out.badValue = [o, h, l, c][out.badField];
      }
      hit(BarFault.BadPrice, i);
    } else {
      if (h < l * (1 - tol)) hit(BarFault.HighBelowLow, i);
      else if (c < l * (1 - tol) || c > h * (1 + tol)) hit(BarFault.CloseOutsideRange, i);
      if (prevClose === prevClose) {
        const r = c / prevClose;
        if (r > up || r < down) {
          if (count[BarFault.PriceJump] === 0) {
            out.jumpFrom = prevClose;
            out.jumpTo = c;
          }
          hit(BarFault.PriceJump, i);
        }
      }
      prevClose = c;
    }
    if (v < 0) hit(BarFault.NegativeVolume, i);
    else if (v !== v) hit(BarFault.MissingVolume, i);
  }
  return out;
}
