/**
 * RVOL, relative volume: `rvol[t] = volume[t] / mean(volume[t-window] .. volume[t-1])`, the bar's volume over the
 * mean volume of the `window` bars before it (pandas `volume / volume.rolling(window).mean().shift(1)`).
 * NaN for the first `window` rows, when the window holds a NaN (pandas min_periods = window), when volume[t] is NaN,
 * and where the mean is 0 (no baseline volume: a ratio would be inf or 0/0).
 * The window sum is a running Neumaier-compensated sum, so rounding does not drift over long series.
 */
import { checkShape, gatherRows, ownRowIndex, scatterRows } from './ownRows';

function checkWindow(window: number): void {
  if (!Number.isInteger(window) || window < 1) throw new RangeError(`rvol: window must be an integer >= 1, got ${window}`);
}

/**
 * rvolInto(volume, from, n, window, out, outFrom): rvol of `volume[from .. from+n)` into `out[outFrom ..)`, every
 * element written. The Neumaier step is written out twice instead of calling a closure: a closure over the
 * running sums boxes them on every update (3x slower); the arithmetic and its order are the same.
 */
export function rvolInto(volume: Float64Array, from: number, n: number, window: number, out: Float64Array, outFrom: number): void {
  let sum = 0;
  let comp = 0; // Neumaier compensation
  let nanCount = 0;
  const warm = window < n ? window : n;
  for (let t = 0; t < warm; t++) {
    out[outFrom + t] = NaN;
    const v = volume[from + t];
    if (v !== v) nanCount++;
    else {
      const s = sum + v;
      comp += Math.abs(sum) >= Math.abs(v) ? sum - s + v : v - s + sum;
      sum = s;
    }
  }
  for (let t = warm; t < n; t++) {
    // window = volume[t-window .. t-1]
    const mean = nanCount > 0 ? NaN : (sum + comp) / window;
    const v = volume[from + t];
    out[outFrom + t] = mean === 0 || mean !== mean ? NaN : v / mean;
    const old = volume[from + t - window];
    if (old !== old) nanCount--;
    else {
      const x = -old;
      const s = sum + x;
      comp += Math.abs(sum) >= Math.abs(x) ? sum - s + x : x - s + sum;
      sum = s;
    }
    if (v !== v) nanCount++;
    else {
      const s = sum + v;
      comp += Math.abs(sum) >= Math.abs(v) ? sum - s + v : v - s + sum;
      sum = s;
    }
  }
}

/**
 * rvolPairInto: rvolInto for two whole columns at `fromA` and `fromB` (written at the same offsets of `out`),
 * advanced in lockstep. The running sum is a chain of dependent additions (latency-bound); two independent chains in
 * one loop overlap. Per column the operations and their order are those of rvolInto.
 */
function rvolPairInto(volume: Float64Array, fromA: number, fromB: number, n: number, window: number, out: Float64Array): void {
  let sumA = 0;
  let compA = 0;
  let nanA = 0;
  let sumB = 0;
  let compB = 0;
  let nanB = 0;
  const warm = window < n ? window : n;
  for (let t = 0; t < warm; t++) {
    out[fromA + t] = NaN;
    out[fromB + t] = NaN;
    const va = volume[fromA + t];
    if (va !== va) nanA++;
    else {
      const s = sumA + va;
      compA += Math.abs(sumA) >= Math.abs(va) ? sumA - s + va : va - s + sumA;
      sumA = s;
    }
    const vb = volume[fromB + t];
    if (vb !== vb) nanB++;
    else {
      const s = sumB + vb;
      compB += Math.abs(sumB) >= Math.abs(vb) ? sumB - s + vb : vb - s + sumB;
      sumB = s;
    }
  }
  for (let t = warm; t < n; t++) {
    const meanA = nanA > 0 ? NaN : (sumA + compA) / window;
    const meanB = nanB > 0 ? NaN : (sumB + compB) / window;
    const va = volume[fromA + t];
    const vb = volume[fromB + t];
    out[fromA + t] = meanA === 0 || meanA !== meanA ? NaN : va / meanA;
    out[fromB + t] = meanB === 0 || meanB !== meanB ? NaN : vb / meanB;
    const oldA = volume[fromA + t - window];
    if (oldA !== oldA) nanA--;
    else {
      const x = -oldA;
      const s = sumA + x;
      compA += Math.abs(sumA) >= Math.abs(x) ? sumA - s + x : x - s + sumA;
      sumA = s;
    }
    const oldB = volume[fromB + t - window];
    if (oldB !== oldB) nanB--;
    else {
      const x = -oldB;
      const s = sumB + x;
      compB += Math.abs(sumB) >= Math.abs(x) ? sumB - s + x : x - s + sumB;
      sumB = s;
    }
    if (va !== va) nanA++;
    else {
      const s = sumA + va;
      compA += Math.abs(sumA) >= Math.abs(va) ? sumA - s + va : va - s + sumA;
      sumA = s;
    }
    if (vb !== vb) nanB++;
    else {
      const s = sumB + vb;
      compB += Math.abs(sumB) >= Math.abs(vb) ? sumB - s + vb : vb - s + sumB;
      sumB = s;
    }
  }
}

/**
 * rvol1d(volume, window): relative volume of one series.
 * @example rvol1d(Float64Array.of(1, 1, 4), 2) // [NaN, NaN, 4]
 */
export function rvol1d(volume: Float64Array, window = 20): Float64Array {
  checkWindow(window);
  const out = new Float64Array(volume.length);
  rvolInto(volume, 0, volume.length, window, out, 0);
  return out;
}

/**
 * rvol(volume, nRows, nCols, window, present): column-major relative volume, each column computed on its own
 * rows (`present`, see ownRows.ts) and placed on the union index.
 */
export function rvol(volume: Float64Array, nRows: number, nCols: number, window = 20, present?: Uint8Array | null): Float64Array {
  checkWindow(window);
  const n = nRows * nCols;
  checkShape([volume], n, present);
  const out = new Float64Array(n);
  // Scratch for columns with gaps, allocated once: own rows, gathered volume, result.
  const rows = new Int32Array(nRows);
  const g = present ? new Float64Array(nRows) : volume;
  const res = present ? new Float64Array(nRows) : out;
  // A whole column waiting for a partner (see rvolPairInto); -1 = none.
  let pending = -1;
  for (let col = 0; col < nCols; col++) {
    const base = col * nRows;
    const m = ownRowIndex(present, base, nRows, rows);
    if (m === nRows) {
      if (pending < 0) pending = base;
      else {
        rvolPairInto(volume, pending, base, nRows, window, out);
        pending = -1;
      }
    } else if (m === 0) out.fill(NaN, base, base + nRows);
    else {
      gatherRows(volume, base, rows, m, g);
      rvolInto(g, 0, m, window, res, 0);
      scatterRows(res, rows, m, out, base, nRows);
    }
  }
  if (pending >= 0) rvolInto(volume, pending, nRows, window, out, pending);
  return out;
}
