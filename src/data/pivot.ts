/**
 * Pivot long OHLCV rows onto the union date index.
 *
 * Rows of the result = the sorted unique dates of all tickers; columns = the sorted tickers; layout column-major
 * (`a[col * nRows + row]`); a date on which a ticker has no row is NaN in all five fields. The input may be in any
 * order; a repeated (ticker, date) is a UserError.
 */
import { UserError } from '../errors';
import type { OhlcvRows } from './csv';
import { emptyOhlcv, type OhlcvMatrix } from '../kernels/ohlcvMatrix';

export type { OhlcvMatrix };

export interface PivotedOhlcv {
  /** union date index, `YYYY-MM-DD`, ascending */
  index: string[];
  /** tickers, ascending */
  columns: string[];
  data: OhlcvMatrix;
}

/** Where rows came from, for messages (`file.csv`); line numbers are taken from `rows.line` when present. */
export interface PivotOptions {
  source?: string;
}

/**
 * pivotOhlcv(rows): long rows -> union-index matrices.
 * @example const { index, columns, data } = pivotOhlcv(await readOhlcvCsv(path))
 */
export function pivotOhlcv(rows: OhlcvRows, options: PivotOptions = {}): PivotedOhlcv {
  const n = rows.length;
  const index = [...new Set(rows.date.slice(0, n))].sort();
  const columns = [...new Set(rows.ticker.slice(0, n))].sort();
  const nRows = index.length;
  const nCols = columns.length;
  const rowOf = new Map(index.map((d, i) => [d, i]));
  const colOf = new Map(columns.map((t, i) => [t, i]));
  const size = nRows * nCols;
  const data = emptyOhlcv(nRows, nCols);
  // 1 + input row of each filled cell (0 = empty), to name both rows of a duplicate
  const from = new Int32Array(size);
  for (let i = 0; i < n; i++) {
    const cell = colOf.get(rows.ticker[i])! * nRows + rowOf.get(rows.date[i])!;
    if (from[cell] !== 0) {
      const j = from[cell] - 1;
      const src = options.source ? `${options.source}:` : 'line ';
      const at = rows.line ? ` (${src}${rows.line[j]} and ${src}${rows.line[i]})` : '';
      throw new UserError(
        `duplicate row for ticker ${rows.ticker[i]} on ${rows.date[i]}${at}; keep one row per ticker and date`,
      );
    }
    from[cell] = i + 1;
    data.open[cell] = rows.open[i];
    data.high[cell] = rows.high[i];
    data.low[cell] = rows.low[i];
    data.close[cell] = rows.close[i];
    data.volume[cell] = rows.volume[i];
  }
  const present = new Uint8Array(size);
  for (let cell = 0; cell < size; cell++) present[cell] = from[cell] !== 0 ? 1 : 0;
  data.present = present;
  return { index, columns, data };
}
