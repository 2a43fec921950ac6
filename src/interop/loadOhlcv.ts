import type { OhlcvRows } from '../data/csv';
import { pivotOhlcv, type PivotedOhlcv } from '../data/pivot';
import { readOhlcvMatrix } from '../data/readOhlcvMatrix';
import { poolConfigFromUrl, maskPassword } from '../data/connection';

export interface LoadOhlcvOptions {
  /** CSV file(s) in the fixtures' long format; used when no database URL is given. */
  csv?: string | readonly string[];
  /** Keep only these tickers (CSV) / read these tickers (database, required there). */
  tickers?: readonly string[];
  /** PostgreSQL URL; defaults to `process.env.DATABASE_URL`. Pass `null` to force the CSV files. */
  databaseUrl?: string | null;
}

/** Prices on the union date index, and where they came from (a CSV path or the masked database URL). */
export interface LoadedOhlcv extends PivotedOhlcv {
  source: string;
}

/**
 * loadOhlcv({ csv, tickers }): prices for a notebook, from `daily_market_data` when a database URL is set
 * (DATABASE_URL), else from the CSV file(s). `pg` is imported only on the database path.
 * @example const { index, columns, data, source } = await loadOhlcv({ csv: 'data-fixtures/real/goog_backtesting_py.csv', tickers: ['GOOG'] })
 */
export async function loadOhlcv(options: LoadOhlcvOptions): Promise<LoadedOhlcv> {
  const url = options.databaseUrl === undefined ? process.env.DATABASE_URL : options.databaseUrl;
  if (url) {
    if (!options.tickers || options.tickers.length === 0) throw new RangeError('loadOhlcv: name the tickers to read from the database');
    const rows = await readTickers(url, options.tickers);
    if (rows.length === 0) throw new RangeError(`loadOhlcv: no rows for ${options.tickers.join(', ')} in daily_market_data at ${maskPassword(url)}`);
    return { ...pivotOhlcv(rows, { source: 'daily_market_data' }), source: maskPassword(url) };
  }
  const files = typeof options.csv === 'string' ? [options.csv] : (options.csv ?? []);
  if (files.length === 0) throw new RangeError('loadOhlcv: no DATABASE_URL and no csv file given');
  // straight to columns: a large file never becomes rows
  return { ...(await readOhlcvMatrix(files, { tickers: options.tickers })), source: files.join(', ') };
}

async function readTickers(url: string, tickers: readonly string[]): Promise<OhlcvRows> {
  const mod = (await import('pg')) as unknown as { default?: typeof import('pg'); Pool: typeof import('pg').Pool };
  const Pool = mod.default?.Pool ?? mod.Pool;
  const pool = new Pool({ ...poolConfigFromUrl(url).config, max: 1 });
  try {
    const res = await pool.query<{ ticker: string; date: string; open: number; high: number; low: number; close: number; volume: number }>(
      `SELECT ticker, to_char(date, 'YYYY-MM-DD') AS date, open::float8, high::float8, low::float8, close::float8, volume::float8
         FROM daily_market_data WHERE ticker = ANY($1::text[]) ORDER BY ticker, date`,
      [tickers],
    );
    const n = res.rows.length;
    const col = (k: 'open' | 'high' | 'low' | 'close' | 'volume') => Float64Array.from(res.rows, (r) => (r[k] === null ? NaN : r[k]));
    return {
      length: n,
      ticker: res.rows.map((r) => r.ticker),
      date: res.rows.map((r) => r.date),
      open: col('open'),
      high: col('high'),
      low: col('low'),
      close: col('close'),
      volume: col('volume'),
      line: Int32Array.from({ length: n }, (_, i) => i + 1),
    };
  } finally {
    await pool.end();
  }
}
