/**
 * The equal-weight portfolio of many accounts (each ticker's own portfolio), as the per-bar sum of the accounts'
 * returns and how many accounts had a return that bar: summed over chunks and divided, the universe's
 * equal-weight, daily-rebalanced return series. Returns are vectorbt's (`get_return_nb`, the first bar's against
 * the initial cash); a non-finite return (an account at 0) is left out of that bar.
 *
 * Layout: `value` column-major, `value[col * nRows + row]`; the sums are per row.
 */
import { flexSelect, type Flex } from '../kernels/flexSelect';

export interface EqualWeightSums {
  /** Per bar: the sum of the included accounts' returns. */
  sum: Float64Array;
  /** Per bar: how many accounts contributed to `sum`. */
  n: Int32Array;
}

/**
 * equalWeightSums(value, nRows, nCols, initCash, include): per-bar sums of the returns of the columns with
 * `include[col] === 1` (all columns without it).
 * @example const { sum, n } = equalWeightSums(sim.value, sim.nRows, sim.nCols, 100); sum[5] / n[5] // the bar's mean return
 */
export function equalWeightSums(value: Float64Array, nRows: number, nCols: number, initCash: Flex, include?: Uint8Array | null): EqualWeightSums {
  const sum = new Float64Array(nRows);
  const n = new Int32Array(nRows);
  for (let col = 0; col < nCols; col++) {
    if (include && include[col] === 0) continue;
    const base = col * nRows;
    let prev = +flexSelect(initCash, col);
    for (let i = 0; i < nRows; i++) {
      const v = value[base + i];
      // vectorbt get_return_nb: (b - a) / a, sign-flipped for a negative a, 0 from 0 to 0.
      const r = prev === 0 ? (v === 0 ? 0 : NaN) : prev < 0 ? -(v - prev) / prev : (v - prev) / prev;
      prev = v;
      if (r === r && r !== Infinity && r !== -Infinity) {
        sum[i] += r;
        n[i]++;
      }
    }
  }
  return { sum, n };
}
