/**
 * Crossings: `crossedAbove(a, b)` is 1 on the row where `a` goes above `b`, vectorbt's `crossed_above_nb` (0.28.3)
 * state machine per column (what `a.vbt.crossed_above(b)` and every indicator's `*_crossed_above` call):
 *   NaN in a or b      -> disarm (was_below = false), no signal
 *   a > b              -> if armed: signal on the `wait`-th row above (wait 0: the first)
 *   a == b             -> no signal; the armed state is kept, and a cross already counted is forgotten
 *   a < b              -> arm (was_below = true)
 * Consequences (golden README "Crossing"): the first defined row never crosses; below, equal, above fires;
 * after a cross, equal then above fires again without going below; equality alone never arms; any NaN disarms
 * (below, NaN, above does not fire).
 *
 * Either side may be a number (a level such as 30), broadcast to every row and column, or a column-major array of
 * the same shape. Output: Uint8Array, 1 = crossed.
 */
import { checkMatrix } from './checkArgs';

/** A series (or matrix) or one number for every row. */
export type SeriesOrLevel = Float64Array | number;

/**
 * crossInto(a, aFrom, aStep, b, bFrom, bStep, n, wait, out, outFrom): the state machine over n rows of one column;
 * a scalar side is read with step 0. Internal to crossedAbove / crossedBelow.
 */
function crossInto(a: Float64Array, aFrom: number, aStep: number, b: Float64Array, bFrom: number, bStep: number, n: number, wait: number, out: Uint8Array, outFrom: number): void {
  let wasBelow = false;
  // Rows above b since the cross (0 on the crossing row), -1 when not counting: vectorbt's `crossed_ago`.
  let crossedAgo = -1;
  let ia = aFrom;
  let ib = bFrom;
  for (let i = 0; i < n; i++, ia += aStep, ib += bStep) {
    const x = a[ia];
    const y = b[ib];
    let o = 0;
    if (x !== x || y !== y) {
      crossedAgo = -1;
      wasBelow = false;
    } else if (x > y) {
      if (wasBelow) {
        crossedAgo++;
        if (crossedAgo === wait) o = 1;
      }
    } else if (x === y) crossedAgo = -1;
    else {
      crossedAgo = -1;
      wasBelow = true;
    }
    out[outFrom + i] = o;
  }
}

function checkWait(who: string, wait: number): void {
  if (!Number.isSafeInteger(wait) || wait < 0) throw new RangeError(`${who}: wait must be an integer >= 0, got ${wait}`);
}

/** The length of a 1-D call: that of its array side(s), which must agree. */
function lengthOf(who: string, a: SeriesOrLevel, b: SeriesOrLevel): number {
  if (typeof a === 'number' && typeof b === 'number') throw new RangeError(`${who}: at least one side must be an array`);
  if (typeof a !== 'number' && typeof b !== 'number' && a.length !== b.length) throw new RangeError(`${who}: a has ${a.length} values, b has ${b.length}`);
  return typeof a === 'number' ? (b as Float64Array).length : a.length;
}

/**
 * crossedAbove1d(a, b, wait = 0): 1 where the series `a` crosses above `b` (a series of the same length or a level).
 * @example crossedAbove1d(Float64Array.of(1, 2, 3), 2) // [0, 0, 1]: below, equal, above
 */
export function crossedAbove1d(a: SeriesOrLevel, b: SeriesOrLevel, wait = 0): Uint8Array {
  const n = lengthOf('crossedAbove1d', a, b);
  checkWait('crossedAbove1d', wait);
  const out = new Uint8Array(n);
  crossMatrix(a, b, n, 1, wait, out);
  return out;
}

/**
 * crossedAbove(a, b, nRows, nCols, wait = 0): crossedAbove1d on every column of column-major matrices (either side
 * may be a level).
 * @example crossedAbove(fastMa, slowMa, nRows, nCols) // fast.ma_crossed_above(slow)
 */
export function crossedAbove(a: SeriesOrLevel, b: SeriesOrLevel, nRows: number, nCols: number, wait = 0): Uint8Array {
  lengthOf('crossedAbove', a, b);
  if (typeof a !== 'number') checkMatrix('crossedAbove', a, nRows, nCols);
  if (typeof b !== 'number') checkMatrix('crossedAbove', b, nRows, nCols);
  checkWait('crossedAbove', wait);
  const out = new Uint8Array(nRows * nCols);
  crossMatrix(a, b, nRows, nCols, wait, out);
  return out;
}

/** The column loop shared by the 1-D and 2-D entry points (and crossedBelow): no per-column allocation. */
export function crossMatrix(a: SeriesOrLevel, b: SeriesOrLevel, nRows: number, nCols: number, wait: number, out: Uint8Array): Uint8Array {
  // A level is read from a one-element array with step 0, so one loop serves every combination.
  const aArr = typeof a === 'number' ? Float64Array.of(a) : a;
  const bArr = typeof b === 'number' ? Float64Array.of(b) : b;
  const aStep = typeof a === 'number' ? 0 : 1;
  const bStep = typeof b === 'number' ? 0 : 1;
  for (let c = 0; c < nCols; c++) {
    const s = c * nRows;
    crossInto(aArr, aStep * s, aStep, bArr, bStep * s, bStep, nRows, wait, out, s);
  }
  return out;
}
