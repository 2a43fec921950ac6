/**
 * autoCallSeq: the order of a cash-sharing group's orders within a bar under vectorbt's `call_seq='auto'`, which
 * argsorts the approximate order values with `insert_argsort_nb` (vectorbt/utils/array_.py): sells (negative
 * values) first, then the members without an order (0), then buys from the smallest to the largest value, ties in
 * column order; NaN values go last, and among themselves in reverse column order (an inserted NaN key stops at the
 * last non-NaN element, in front of the NaNs inserted before it).
 *
 * Insertion sort is quadratic in the number of out-of-place members: a group of 24,000 columns with a hundred
 * orders per bar would cost ~10^9 steps. This gives the same permutation in linear time for the members without
 * an order and O(k log k) for the k with one: the ordering is total (value, then column), so any sort that
 * respects it reproduces the stable insertion sort.
 */

/** Up to this many orders the insertion sort itself is fastest. */
const INSERTION_MAX = 24;

/**
 * Fill `seq[0..n)` with the group-relative member indices in call order for the approximate order `values[0..n)`.
 * `scratch` needs 2*n slots; nothing is allocated.
 */
export function autoCallSeq(values: Float64Array, n: number, seq: Int32Array, scratch: Int32Array): void {
  // Members with a non-zero, non-NaN value, in column order, into scratch[0..m); zeros and NaNs counted.
  let m = 0;
  let zeros = 0;
  let nans = 0;
  for (let k = 0; k < n; k++) {
    const v = values[k];
    if (v !== v) nans++;
    else if (v === 0) zeros++;
    else scratch[m++] = k;
  }
  if (m <= INSERTION_MAX) insertionSort(values, scratch, 0, m);
  else mergeSort(values, scratch, m, scratch.subarray(n, n + m));
  // Sells, then no-order members, then buys, then NaNs (reversed).
  let neg = 0;
  while (neg < m && values[scratch[neg]] < 0) neg++;
  let out = 0;
  for (let j = 0; j < neg; j++) seq[out++] = scratch[j];
  if (zeros > 0) {
    for (let k = 0; k < n; k++) if (values[k] === 0) seq[out++] = k;
  }
  for (let j = neg; j < m; j++) seq[out++] = scratch[j];
  if (nans > 0) {
    for (let k = n - 1; k >= 0; k--) if (values[k] !== values[k]) seq[out++] = k;
  }
}

/** a before b: smaller value first, ties by column. */
function before(values: Float64Array, a: number, b: number): boolean {
  const va = values[a];
  const vb = values[b];
  return va < vb || (va === vb && a < b);
}

function insertionSort(values: Float64Array, idx: Int32Array, lo: number, hi: number): void {
  for (let j = lo + 1; j < hi; j++) {
    const key = idx[j];
    let i = j - 1;
    while (i >= lo && before(values, key, idx[i])) {
      idx[i + 1] = idx[i];
      i--;
    }
    idx[i + 1] = key;
  }
}

/** Bottom-up merge sort of idx[0..m) with the scratch `tmp` (m slots). */
function mergeSort(values: Float64Array, idx: Int32Array, m: number, tmp: Int32Array): void {
  const RUN = 16;
  for (let lo = 0; lo < m; lo += RUN) insertionSort(values, idx, lo, Math.min(lo + RUN, m));
  let src = idx;
  let dst = tmp;
  for (let width = RUN; width < m; width *= 2) {
    for (let lo = 0; lo < m; lo += 2 * width) {
      const mid = Math.min(lo + width, m);
      const hi = Math.min(lo + 2 * width, m);
      let a = lo;
      let b = mid;
      let o = lo;
      while (a < mid && b < hi) dst[o++] = before(values, src[b], src[a]) ? src[b++] : src[a++];
      while (a < mid) dst[o++] = src[a++];
      while (b < hi) dst[o++] = src[b++];
    }
    const t = src;
    src = dst;
    dst = t;
  }
  if (src !== idx) idx.set(src.subarray(0, m));
}

/** vectorbt's `insert_argsort_nb` as written (the reference the fast version is tested against). */
export function insertArgsort(values: Float64Array, n: number, seq: Int32Array): void {
  const a = values.slice(0, n);
  for (let k = 0; k < n; k++) seq[k] = k;
  for (let j = 1; j < n; j++) {
    const key = a[j];
    const keyI = seq[j];
    let i = j - 1;
    while (i >= 0 && (a[i] > key || a[i] !== a[i])) {
      a[i + 1] = a[i];
      seq[i + 1] = seq[i];
      i--;
    }
    a[i + 1] = key;
    seq[i + 1] = keyI;
  }
}
