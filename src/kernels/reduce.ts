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

/**
 * numpy's pairwise summation (`pairwise_sum_DOUBLE`), so sums over many values round exactly like `np.sum` /
 * pandas `mean`: below 8 values a plain loop; up to 128 eight interleaved partial sums combined as
 * ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)) plus the tail; above that, halves (multiple of 8) recursively.
 * NaN are not skipped (callers replace them as pandas does, with 0).
 */
export function pairwiseSum1d(a: ArrayLike<number>, from = 0, n = a.length - from): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += a[from + i];
    return res;
  }
  if (n <= 128) {
    let r0 = a[from], r1 = a[from + 1], r2 = a[from + 2], r3 = a[from + 3];
    let r4 = a[from + 4], r5 = a[from + 5], r6 = a[from + 6], r7 = a[from + 7];
    let i = 8;
    for (; i < n - (n % 8); i += 8) {
      const j = from + i;
      r0 += a[j];
      r1 += a[j + 1];
      r2 += a[j + 2];
      r3 += a[j + 3];
      r4 += a[j + 4];
      r5 += a[j + 5];
      r6 += a[j + 6];
      r7 += a[j + 7];
    }
    let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; i < n; i++) res += a[from + i];
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwiseSum1d(a, from, n2) + pairwiseSum1d(a, from + n2, n - n2);
}
