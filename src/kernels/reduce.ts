/**
 * NaN-skipping reductions of one column (numpy `nansum`, `nanmean`, `nanstd`, `nanmin`, `nanmax` as numba
 * compiles them: plain left-to-right loops). An empty or all-NaN input gives NaN, except `nansum1d` (0, as numpy).
 * `fsum1d` is the exactly-rounded sum (Python `math.fsum`-like, Neumaier compensation) for totals where
 * cancellation matters.
 */

export function nansum1d(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (v === v) s += v;
  }
  return s;
}

export function nanmean1d(a: ArrayLike<number>): number {
  let s = 0;
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (v === v) {
      s += v;
      n++;
    }
  }
  return n === 0 ? NaN : s / n;
}

/**
 * Standard deviation with `ddof` delta degrees of freedom, two-pass (mean first) like numpy's `nanvar`.
 * NaN when fewer than `ddof + 1` values.
 * @example nanstd1d(Float64Array.of(1, 2, 3, NaN), 1) === 1
 */
export function nanstd1d(a: ArrayLike<number>, ddof = 0): number {
  const mean = nanmean1d(a);
  if (mean !== mean) return NaN;
  let ss = 0;
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (v === v) {
      const d = v - mean;
      ss += d * d;
      n++;
    }
  }
  if (n - ddof <= 0) return NaN;
  return Math.sqrt(ss / (n - ddof));
}

export function nanmin1d(a: ArrayLike<number>): number {
  let m = NaN;
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (v === v && !(v >= m)) m = v;
  }
  return m;
}

export function nanmax1d(a: ArrayLike<number>): number {
  let m = NaN;
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (v === v && !(v <= m)) m = v;
  }
  return m;
}

/** Compensated (Neumaier) sum, NaN skipped; 0 for an empty input. */
export function fsum1d(a: ArrayLike<number>): number {
  let s = 0;
  let c = 0;
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (v !== v) continue;
    const t = s + v;
    if ((s < 0 ? -s : s) >= (v < 0 ? -v : v)) c += s - t + v;
    else c += v - t + s;
    s = t;
  }
  return s + c;
}
