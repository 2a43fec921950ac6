/** A table as named columns of equal length: what a DataFrame is built from (`new DataFrame(table)`). */
export type ColumnTable = Record<string, (number | string | null)[]>;

/** Labels that turn row/column numbers back into dates and tickers. */
export interface TableLabels {
  /** ticker of each column (default: the column number) */
  columns?: readonly string[];
  /** date of each row (default: the row number) */
  index?: readonly string[];
}

/** NaN becomes null (danfo's missing value); infinities (e.g. a profit factor without losses) are kept. */
export function cell(v: number): number | null {
  return Number.isNaN(v) ? null : v;
}
