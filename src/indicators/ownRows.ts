/**
 * Per-ticker evaluation on the union date index.
 *
 * Layout: column-major, `a[col * nRows + row]`; missing = NaN. A ticker's *own rows* are the rows of the union
 * index on which it has a bar (`present[col * nRows + row] === 1`). Indicators are defined on a ticker's own rows
 * sorted by date ("20 bars back" means 20 of *its* bars, not 20 union dates), so a 2-D indicator gathers each
 * column's own rows, runs the 1-D kernel on them, and scatters the result back; rows the ticker lacks stay NaN.
 */

/** A 1-D kernel over equally long inputs that returns an output of the same length. */
export type Kernel1d = (inputs: readonly Float64Array[]) => Float64Array;

/**
 * presentRows(fields, nRows, nCols): 1 where any of the given column-major fields is not NaN, else 0.
 * @example presentRows([close, volume], nRows, nCols)
 */
export function presentRows(fields: readonly Float64Array[], nRows: number, nCols: number): Uint8Array {
  const n = nRows * nCols;
  const present = new Uint8Array(n);
  for (const f of fields) {
    if (f.length !== n) throw new RangeError(`presentRows: field has length ${f.length}, expected nRows*nCols = ${n}`);
    for (let i = 0; i < n; i++) if (f[i] === f[i]) present[i] = 1;
  }
  return present;
}

/**
 * ownRowIndex(present, base, nRows, rows): writes the own rows of the column starting at `base` into `rows` and
 * returns their count (nRows without `present`). The batch kernels (rvol, atr, ...) use it with `gatherRows` /
 * `scatterRows` and preallocated scratch instead of `onOwnRows`, so no array is allocated per column.
 */
export function ownRowIndex(present: Uint8Array | null | undefined, base: number, nRows: number, rows: Int32Array): number {
  if (!present) return nRows;
  let m = 0;
  for (let r = 0; r < nRows; r++) if (present[base + r]) rows[m++] = r;
  return m;
}

/** gatherRows(src, base, rows, m, dst): `dst[j] = src[base + rows[j]]` for j < m. */
export function gatherRows(src: Float64Array, base: number, rows: Int32Array, m: number, dst: Float64Array): void {
  for (let j = 0; j < m; j++) dst[j] = src[base + rows[j]];
}

/** scatterRows(res, rows, m, out, base, nRows): the column's own rows from `res`, NaN on the rows it lacks. */
export function scatterRows(res: Float64Array, rows: Int32Array, m: number, out: Float64Array, base: number, nRows: number): void {
  out.fill(NaN, base, base + nRows);
  for (let j = 0; j < m; j++) out[base + rows[j]] = res[j];
}

/** Validates the shapes shared by the batch kernels. */
export function checkShape(inputs: readonly Float64Array[], n: number, present: Uint8Array | null | undefined): void {
  for (const a of inputs) {
    if (a.length !== n) throw new RangeError(`input has length ${a.length}, expected nRows*nCols = ${n}`);
  }
  if (present && present.length !== n) throw new RangeError(`present has length ${present.length}, expected ${n}`);
}

/**
 * onOwnRows(inputs, nRows, nCols, present, kernel): run `kernel` per column on that column's own rows and place
 * the result on the union index (NaN where `present` is 0). Without `present`, every row is the column's own
 * (no copy: the kernel gets `subarray` views).
 */
export function onOwnRows(
  inputs: readonly Float64Array[],
  nRows: number,
  nCols: number,
  present: Uint8Array | null | undefined,
  kernel: Kernel1d,
): Float64Array {
  const n = nRows * nCols;
  for (const a of inputs) {
    if (a.length !== n) throw new RangeError(`input has length ${a.length}, expected nRows*nCols = ${n}`);
  }
  if (present && present.length !== n) throw new RangeError(`present has length ${present.length}, expected ${n}`);
  const out = new Float64Array(n).fill(NaN);
  const rows = new Int32Array(nRows);
  const gathered = inputs.map(() => new Float64Array(nRows));
  for (let col = 0; col < nCols; col++) {
    const base = col * nRows;
    let m = 0;
    if (present) {
      for (let r = 0; r < nRows; r++) if (present[base + r]) rows[m++] = r;
    } else m = nRows;
    if (m === nRows) {
      out.set(kernel(inputs.map((a) => a.subarray(base, base + nRows))), base);
      continue;
    }
    if (m === 0) continue;
    for (let k = 0; k < inputs.length; k++) {
      const src = inputs[k];
      const dst = gathered[k];
      for (let j = 0; j < m; j++) dst[j] = src[base + rows[j]];
    }
    const res = kernel(gathered.map((g) => g.subarray(0, m)));
    for (let j = 0; j < m; j++) out[base + rows[j]] = res[j];
  }
  return out;
}
