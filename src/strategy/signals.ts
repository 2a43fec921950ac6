/**
 * Entry and exit signals of the RVOL/ATR% strategy, column-major Uint8Arrays (`a[col * nRows + row]`) on the union
 * date index:
 *   entries = (rvol > rvolMin) & (atrPct > atrPctMin)   (NaN compares false)
 *   exits   = entries.shift(holdBars).fillna(False)    in 'shifted-signal' mode (the shift is on the union rows,
 *                                                       as pandas does it on the pivoted frame); all 0 in
 *                                                       'bars-after-fill' mode (the engine times the exit).
 */
import { shift } from '../kernels/shift';
import type { StrategyParams } from './params';

export interface Signals {
  entries: Uint8Array;
  exits: Uint8Array;
}

/**
 * signals(rvol, atrPct, nRows, nCols, params): the strategy's entries and exits.
 * @example signals(rvol, atrPct, nRows, nCols, DEFAULT_STRATEGY).entries
 */
export function signals(
  rvol: Float64Array,
  atrPct: Float64Array,
  nRows: number,
  nCols: number,
  params: Pick<StrategyParams, 'rvolMin' | 'atrPctMin' | 'holdBars' | 'exitMode'>,
): Signals {
  const n = nRows * nCols;
  if (rvol.length !== n || atrPct.length !== n) throw new RangeError(`signals: rvol/atrPct must have nRows*nCols = ${n} values`);
  const entries = new Uint8Array(n);
  const { rvolMin, atrPctMin, holdBars } = params;
  // Number(a > b) & Number(c > d), not `a > b && c > d ? 1 : 0`: V8 compiles the latter to two branches that
  // mispredict on real data (2-3x slower); this form is branch-free. NaN compares false either way.
  for (let i = 0; i < n; i++) entries[i] = Number(rvol[i] > rvolMin) & Number(atrPct[i] > atrPctMin);
  let exits: Uint8Array;
  if (params.exitMode !== 'shifted-signal') exits = new Uint8Array(n);
  else if (Number.isInteger(holdBars) && holdBars >= 0) {
    // The shift as one memcpy per column into zeros: same values as shift(entries, nRows, nCols, holdBars, 0),
    // without that generic kernel's per-element loop over two subarray views per column.
    exits = new Uint8Array(n);
    if (holdBars < nRows) for (let base = 0; base < n; base += nRows) exits.set(entries.subarray(base, base + nRows - holdBars), base + holdBars);
  } else exits = shift(entries, nRows, nCols, holdBars, 0);
  return { entries, exits };
}
