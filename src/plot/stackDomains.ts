/**
 * Vertical domains for panels stacked on one shared x axis, top panel first.
 * Weights are relative heights; `gap` is the paper fraction left between panels.
 * @example stackDomains([2, 1], 0.04) // [[0.36, 1], [0, 0.32]] (approximately)
 */
export function stackDomains(weights: readonly number[], gap = 0.04): [number, number][] {
  const n = weights.length;
  if (n === 0) return [];
  const total = weights.reduce((a, b) => a + b, 0);
  const usable = 1 - gap * (n - 1);
  const out: [number, number][] = [];
  let top = 1;
  for (const w of weights) {
    const bottom = Math.max(0, top - (usable * w) / total);
    out.push([round6(bottom), round6(top)]);
    top = bottom - gap;
  }
  out[n - 1][0] = 0; // absorb round-off so the bottom panel sits on the axis
  return out;
}

function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}
