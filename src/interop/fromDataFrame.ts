import type { DataFrame } from 'danfojs';
import type { OhlcvRows } from '../data/csv';
import { pivotOhlcv, type PivotedOhlcv } from '../data/pivot';

const NUMERIC = ['open', 'high', 'low', 'close', 'volume'] as const;

/**
 * ohlcvFromDataFrame(df): a long-format danfo DataFrame of prices (columns ticker, date, open, high, low, close,
 * volume, as in the CSV fixtures) pivoted onto the union date index, ready for `runStrategy`. Dates may be
 * `YYYY-MM-DD...` strings or Date objects; missing numbers (null/undefined) become NaN.
 * @example
 * const df = await dfd.readCSV('data-fixtures/real/goog_backtesting_py.csv');
 * const { index, columns, data } = ohlcvFromDataFrame(df);
 */
export function ohlcvFromDataFrame(df: DataFrame): PivotedOhlcv {
  const names = df.columns as string[];
  const missing = ['ticker', 'date', ...NUMERIC].filter((c) => !names.includes(c));
  if (missing.length > 0) throw new RangeError(`ohlcvFromDataFrame: missing column(s) ${missing.join(', ')}; have ${names.join(', ')}`);
  const n = df.shape[0];
  const values = (name: string) => df.column(name).values as unknown[];
  const rows: OhlcvRows = {
    length: n,
    ticker: values('ticker').map(String),
    date: values('date').map(isoDate),
    open: toFloat(values('open')),
    high: toFloat(values('high')),
    low: toFloat(values('low')),
    close: toFloat(values('close')),
    volume: toFloat(values('volume')),
    line: Int32Array.from({ length: n }, (_, i) => i + 2), // as if read from a CSV with a header line
  };
  return pivotOhlcv(rows, { source: 'DataFrame' });
}

function toFloat(vs: unknown[]): Float64Array {
  return Float64Array.from(vs, (v) => (v === null || v === undefined || v === '' ? NaN : Number(v)));
}

function isoDate(v: unknown): string {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  const s = String(v);
  if (!/^\d{4}-\d{2}-\d{2}/.test(s)) throw new RangeError(`ohlcvFromDataFrame: date '${s}' is not YYYY-MM-DD`);
  return s.slice(0, 10);
}
