/**
 * Elementwise `a > b` as a Uint8Array signal (1 = true), pandas' `a > b` on aligned frames: a comparison with NaN
 * is false. `b` is an array of the same length or a level broadcast to every element. Elementwise, so one function
 * serves a column and a column-major matrix alike (no 1-D / 2-D pair).
 */
import type { SeriesOrLevel } from './crossedAbove';

/**
 * greaterThan(a, b): 1 where a > b.
 * @example greaterThan(close, upper) // donchian entries: close > upper
 */
export function greaterThan(a: Float64Array, b: SeriesOrLevel): Uint8Array {
  const n = a.length;
  const out = new Uint8Array(n);
  // Number(x > y), not a ternary: branch-free, so noisy data does not mispredict (see rvolAtrSignals).
  if (typeof b === 'number') for (let i = 0; i < n; i++) out[i] = Number(a[i] > b);
  else {
    if (b.length !== n) throw new RangeError(`greaterThan: a has ${n} values, b has ${b.length}`);
    for (let i = 0; i < n; i++) out[i] = Number(a[i] > b[i]);
  }
  return out;
}
