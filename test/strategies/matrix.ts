/** Test helper: an OhlcvMatrix from column-major field arrays (missing fields are all NaN). */
import type { OhlcvMatrix } from '../../src/kernels/ohlcvMatrix';

export function matrix(nRows: number, nCols: number, fields: Partial<Record<'open' | 'high' | 'low' | 'close' | 'volume', number[]>>): OhlcvMatrix {
  const n = nRows * nCols;
  const make = (a?: number[]) => {
    if (a && a.length !== n) throw new RangeError(`matrix: ${a.length} values for ${nRows} x ${nCols}`);
    return a ? Float64Array.from(a) : new Float64Array(n).fill(NaN);
  };
  return { nRows, nCols, open: make(fields.open), high: make(fields.high), low: make(fields.low), close: make(fields.close), volume: make(fields.volume) };
}

/** The rows where a column-major signal is set, per column. */
export function signalRows(a: Uint8Array, nRows: number, nCols: number): number[][] {
  return Array.from({ length: nCols }, (_, c) => {
    const rows: number[] = [];
    for (let r = 0; r < nRows; r++) if (a[c * nRows + r]) rows.push(r);
    return rows;
  });
}
