/**
 * The standard normal distribution: its CDF (through erfc, W. J. Cody's rational approximations, |error| below
 * 1e-15 relative) and its inverse (P. J. Acklam's algorithm refined by one Halley step, ~1e-15). For the deflated
 * Sharpe ratio, where a few ulps do not matter but a crude approximation would.
 */

/** erfc(x), W. J. Cody's three rational approximations (near 0 through erf; then exp(-x^2) times a rational). */
function erfcCody(x: number): number {
  // W. J. Cody, "Rational Chebyshev approximations for the error function" (1969), the three ranges.
  const ax = Math.abs(x);
  let r: number;
  if (ax < 0.5) {
    const t = x * x;
    const num = (((0.185777706184603153 * t + 3.16112374387056560) * t + 113.864154151050156) * t + 377.485237685302021) * t + 3209.37758913846947;
    const den = (((t + 23.6012909523441209) * t + 244.024637934444173) * t + 1282.61652607737228) * t + 2844.23683343917062;
    return 1 - (x * num) / den;
  }
  if (ax < 4) {
    const num =
      (((((((2.15311535474403846e-8 * ax + 0.564188496988670089) * ax + 8.88314979438837594) * ax + 66.1191906371416295) * ax + 298.635138197400131) * ax +
        881.952221241769090) * ax + 1712.04761263407058) * ax + 2051.07837782607147) * ax + 1230.33935479799725;
    const den =
      (((((((ax + 15.7449261107098347) * ax + 117.693950891312499) * ax + 537.181101862009858) * ax + 1621.38957456669019) * ax + 3290.79923573345963) * ax +
        4362.61909014324716) * ax + 3439.36767414372164) * ax + 1230.33935480374942;
    r = Math.exp(-ax * ax) * (num / den);
  } else {
    const z = 1 / (ax * ax);
    const num = ((((0.0163153871373020978 * z + 0.305326634961232344) * z + 0.360344899949804439) * z + 0.125781726111229246) * z + 0.0160837851487422766) * z + 6.58749161529837803e-4;
    const den = ((((z + 2.56852019228982242) * z + 1.87295284992346725) * z + 0.527905102951428412) * z + 0.0605183413124413191) * z + 0.00233520497626869185;
    r = (Math.exp(-ax * ax) / ax) * (0.564189583547756287 - (z * num) / den);
  }
  return x < 0 ? 2 - r : r;
}

/**
 * normCdf(x): P(Z <= x) for a standard normal Z.
 * @example normCdf(0) === 0.5; normCdf(1.959963984540054) // 0.975
 */
export function normCdf(x: number): number {
  if (x !== x) return NaN;
  return 0.5 * erfcCody(-x / Math.SQRT2);
}

/**
 * normInv(p): the x with normCdf(x) = p; -Infinity at 0, +Infinity at 1, NaN outside [0, 1].
 * @example normInv(0.975) // 1.959963984540054
 */
export function normInv(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  let x: number;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p <= 1 - low) {
    const q = p - 0.5;
    const r = q * q;
    x = ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  // One Halley step on the exact CDF.
  const e = normCdf(x) - p;
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}
