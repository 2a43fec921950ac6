/**
 * Entry and exit signals of the RVOL/ATR% strategy, column-major Uint8Arrays (`a[col * nRows + row]`) on the union
 * date index:
 *   entries = (rvol > rvol_min) & (atr_pct > atr_pct_min)   (NaN compares false)
 *   exits   = entries.shift(hold_bars).fillna(False)      in 'shifted-signal' mode (the shift is on the union rows,
 *                                                          as pandas does it on the pivoted frame); all 0 in
 *                                                          'bars-after-fill' mode (the engine times the exit).
 */
import { shift } from '../../kernels/shift';

export interface RvolAtrSignalParams {
  rvol_min: number;
  atr_pct_min: number;
  hold_bars: number;
  exit_mode: string;
}

/**
 * rvolAtrSignals(rvol, atrPct, nRows, nCols, params): the strategy's entries and exits.
 * @example rvolAtrSignals(rvol, atrPct, nRows, nCols, { rvol_min: 2, atr_pct_min: 8, hold_bars: 7, exit_mode: 'shifted-signal' }).entries
 */
export function rvolAtrSignals(rvol: Float64Array, atrPct: Float64Array, nRows: number, nCols: number, params: RvolAtrSignalParams): { entries: Uint8Array; exits: Uint8Array } {
  const n = nRows * nCols;
  if (rvol.length !== n || atrPct.length !== n) throw new RangeError(`rvolAtrSignals: rvol/atrPct must have nRows*nCols = ${n} values`);
  const entries = new Uint8Array(n);
  const { rvol_min: rvolMin, atr_pct_min: atrPctMin, hold_bars: holdBars } = params;
  // Number(a > b) & Number(c > d), not `a > b && c > d ? 1 : 0`: V8 compiles the latter to two branches that
  // mispredict on real data (2-3x slower); this form is branch-free. NaN compares false either way.
  for (let i = 0; i < n; i++) entries[i] = Number(rvol[i] > rvolMin) & Number(atrPct[i] > atrPctMin);
  let exits: Uint8Array;
  if (params.exit_mode !== 'shifted-signal') exits = new Uint8Array(n);
  else if (Number.isInteger(holdBars) && holdBars >= 0) {
    // The shift as one memcpy per column into zeros: same values as shift(entries, nRows, nCols, holdBars, 0),
    // without that generic kernel's per-element loop over two subarray views per column.
    exits = new Uint8Array(n);
    if (holdBars < nRows) for (let base = 0; base < n; base += nRows) exits.set(entries.subarray(base, base + nRows - holdBars), base + holdBars);
  } else exits = shift(entries, nRows, nCols, holdBars, 0);
  return { entries, exits };
}
