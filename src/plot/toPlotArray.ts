/**
 * Copies an array-like of numbers into a plain array Plotly can serialise: `NaN` and ±Infinity become
 * `null` (a gap), because `JSON.stringify` of a `Float64Array` is an object, not an array.
 * @example toPlotArray(new Float64Array([1, NaN])) // [1, null]
 */
export function toPlotArray(values: ArrayLike<number>): (number | null)[] {
  const out = new Array<number | null>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = Number.isFinite(v) ? v : null;
  }
  return out;
}

/** Copies axis values (dates or numbers) into a plain array. */
export function toAxisArray(values: ArrayLike<string | number>): (string | number)[] {
  return Array.from(values);
}
