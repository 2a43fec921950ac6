/**
 * Value of `initCash` invested at the first valid close and held: `initCash * close[i] / close[first]`,
 * fees ignored; NaN before the first valid close and wherever the close is NaN.
 * @example buyAndHold(new Float64Array([NaN, 10, 12]), 100) // [NaN, 100, 120]
 */
export function buyAndHold(close: ArrayLike<number>, initCash: number): Float64Array {
  const out = new Float64Array(close.length).fill(NaN);
  let first = NaN;
  for (let i = 0; i < close.length; i++) {
    const c = close[i];
    if (!Number.isFinite(c)) continue;
    if (Number.isNaN(first)) first = c;
    out[i] = (initCash * c) / first;
  }
  return out;
}
