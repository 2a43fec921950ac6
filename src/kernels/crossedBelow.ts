/**
 * crossedBelow(a, b) = crossedAbove(b, a): 1 on the row where `a` goes below `b`, with vectorbt's arming rules
 * mirrored (see crossedAbove.ts). vectorbt defines it exactly so (`crossed_below` swaps the arguments), which is
 * not the same as "previous row above, this row below".
 */
import { checkMatrix } from './checkArgs';
import { crossedAbove1d, crossMatrix, type SeriesOrLevel } from './crossedAbove';

/**
 * crossedBelow1d(a, b, wait = 0): 1 where the series `a` crosses below `b` (a series or a level).
 * @example crossedBelow1d(rsi, 30) // rsi.rsi_crossed_below(30)
 */
export function crossedBelow1d(a: SeriesOrLevel, b: SeriesOrLevel, wait = 0): Uint8Array {
  return crossedAbove1d(b, a, wait);
}

/**
 * crossedBelow(a, b, nRows, nCols, wait = 0): crossedBelow1d on every column.
 * @example crossedBelow(fastMa, slowMa, nRows, nCols) // fast.ma_crossed_below(slow)
 */
export function crossedBelow(a: SeriesOrLevel, b: SeriesOrLevel, nRows: number, nCols: number, wait = 0): Uint8Array {
  if (typeof a !== 'number') checkMatrix('crossedBelow', a, nRows, nCols);
  if (typeof b !== 'number') checkMatrix('crossedBelow', b, nRows, nCols);
  if (typeof a === 'number' && typeof b === 'number') throw new RangeError('crossedBelow: at least one side must be an array');
  if (!Number.isSafeInteger(wait) || wait < 0) throw new RangeError(`crossedBelow: wait must be an integer >= 0, got ${wait}`);
  return crossMatrix(b, a, nRows, nCols, wait, new Uint8Array(nRows * nCols));
}
