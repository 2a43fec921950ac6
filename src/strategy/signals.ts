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
  const { rvolMin, atrPctMin } = params;
  for (let i = 0; i < n; i++) entries[i] = rvol[i] > rvolMin && atrPct[i] > atrPctMin ? 1 : 0;
  const exits = params.exitMode === 'shifted-signal' ? shift(entries, nRows, nCols, params.holdBars, 0) : new Uint8Array(n);
  return { entries, exits };
}
