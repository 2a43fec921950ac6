/**
 * The engine's market-data matrix: five column-major OHLCV fields on one date index (`a[col * nRows + row]`,
 * NaN = missing), with an optional presence mask. Every reader (CSV pivot, the chunk read) fills one; every
 * strategy reads one.
 */

/** Column-major OHLCV matrices (a `PriceMatrix` with every field present). */
export interface OhlcvMatrix {
  nRows: number;
  nCols: number;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
  /**
   * 1 where the ticker has a row on that date, even a row whose values are all NaN (pandas keeps such a row,
   * and it counts in the indicator windows). Absent: a row is present where any field is not NaN.
   */
  present?: Uint8Array;
}

const ALL_FIELDS = ['open', 'high', 'low', 'close', 'volume'] as const;

/**
 * emptyOhlcv(nRows, nCols, fields): column-major OHLCV matrices with every cell missing (NaN), to be filled.
 * A field not in `fields` is an empty array (length 0): a reader that skips it allocates nothing for it.
 */
export function emptyOhlcv(nRows: number, nCols: number, fields: readonly (typeof ALL_FIELDS)[number][] = ALL_FIELDS): OhlcvMatrix {
  const size = nRows * nCols;
  const make = (f: (typeof ALL_FIELDS)[number]) => (fields.includes(f) ? new Float64Array(size).fill(NaN) : new Float64Array(0));
  return { nRows, nCols, open: make('open'), high: make('high'), low: make('low'), close: make('close'), volume: make('volume') };
}
