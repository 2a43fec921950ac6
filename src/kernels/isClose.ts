/**
 * Float comparisons with vectorbt's tolerance (vectorbt/utils/math_.py, 0.28.3): two numbers are close when
 * equal, or `|a-b| <= max(REL_TOL * max(|a|,|b|), ABS_TOL)`. NaN and infinities are never close (not even to
 * themselves), exactly as vectorbt. The simulation uses these where cash or a position is brought to zero,
 * so that an all-cash buy leaves exactly 0 cash instead of 1e-15.
 */
export const REL_TOL = 1e-9;
export const ABS_TOL = 1e-12;

/** @example isClose(0.1 + 0.2, 0.3) === true */
export function isClose(a: number, b: number): boolean {
  if (a !== a || b !== b) return false;
  if (a === Infinity || a === -Infinity || b === Infinity || b === -Infinity) return false;
  if (a === b) return true;
  const aa = a < 0 ? -a : a;
  const ab = b < 0 ? -b : b;
  const d = a - b;
  const tol = REL_TOL * (aa > ab ? aa : ab);
  return (d < 0 ? -d : d) <= (tol > ABS_TOL ? tol : ABS_TOL);
}

/** `a <= b`, counting "close" as equal (vectorbt `is_close_or_less_nb`). */
export function isCloseOrLess(a: number, b: number): boolean {
  return isClose(a, b) || a < b;
}

/** `a < b` and not close (vectorbt `is_less_nb`). */
export function isLess(a: number, b: number): boolean {
  return !isClose(a, b) && a < b;
}

/**
 * `a + b`, snapped to exactly 0 when the operands have opposite signs and close magnitudes
 * (vectorbt `add_nb`): cash minus "all the cash" is 0, not round-off.
 */
export function addSnap(a: number, b: number): number {
  // np.sign(a) != np.sign(b), written without Math.sign: this runs once per bar in the metrics.
  const opposite = a > 0 ? b <= 0 : a < 0 ? b >= 0 : b !== 0;
  if (opposite && isClose(a < 0 ? -a : a, b < 0 ? -b : b)) return 0;
  return a + b;
}
