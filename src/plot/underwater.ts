/**
 * Drawdown from the running peak, as a fraction: `value[i] / max(value[0..i]) - 1` (0 at a new high,
 * -0.25 when 25 % below the peak). NaN values stay NaN and do not move the peak.
 * @example underwater(new Float64Array([100, 120, 90, 130])) // [0, 0, -0.25, 0]
 */
export function underwater(value: ArrayLike<number>): Float64Array {
  const out = new Float64Array(value.length);
  let peak = -Infinity;
  for (let i = 0; i < value.length; i++) {
    const v = value[i];
    if (!Number.isFinite(v)) {
      out[i] = NaN;
      continue;
    }
    if (v > peak) peak = v;
    out[i] = peak > 0 ? v / peak - 1 : NaN;
  }
  return out;
}
