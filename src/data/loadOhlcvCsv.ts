/**
 * `vecbt db load <ohlcv.csv>`: stream a long-format CSV into `daily_market_data`, upserting on
 * (ticker, date), creating missing tickers as active. One transaction for the whole file: a bad line
 * anywhere (a UserError from the CSV reader naming file:line) leaves the tables untouched. Memory stays
 * bounded by the reader's batch size, whatever the file size: batches are staged in a temporary table on
 * the server (with their line numbers), so a (ticker, date) repeated anywhere in the file, however far apart,
 * is found and named before anything is upserted.
 */
import type { Pool } from 'pg';
import { UserError } from '../errors';
import { readOhlcvCsvBatches } from './csv';

const STAGE = `CREATE TEMP TABLE vecbt_load_stage (line int, ticker text, date date, open float8, high float8,
  low float8, close float8, volume float8) ON COMMIT DROP`;

const STAGE_BATCH = `INSERT INTO vecbt_load_stage
  SELECT * FROM unnest($1::int[], $2::text[], $3::date[], $4::float8[], $5::float8[], $6::float8[], $7::float8[], $8::float8[])`;

const FIRST_DUPLICATE = `SELECT ticker, to_char(date, 'YYYY-MM-DD') AS date, min(line) AS first, max(line) AS second, count(*)::int AS n
  FROM vecbt_load_stage GROUP BY ticker, date HAVING count(*) > 1 ORDER BY min(line) LIMIT 1`;

const NEW_TICKERS = `INSERT INTO tickers (symbol) SELECT DISTINCT ticker FROM vecbt_load_stage ON CONFLICT (symbol) DO NOTHING`;

const UPSERT = `INSERT INTO daily_market_data (ticker, date, open, high, low, close, volume)
  SELECT ticker, date, open, high, low, close, volume FROM vecbt_load_stage
  ON CONFLICT (ticker, date) DO UPDATE SET open = EXCLUDED.open, high = EXCLUDED.high, low = EXCLUDED.low,
    close = EXCLUDED.close, volume = EXCLUDED.volume`;

export interface LoadSummary {
  rows: number;
  tickers: number;
  newTickers: number;
}

export async function loadOhlcvCsv(pool: Pool, path: string, opts: { batchSize?: number } = {}): Promise<LoadSummary> {
  const client = await pool.connect();
  let rows = 0;
  try {
    await client.query('BEGIN');
    await client.query(STAGE);
    for await (const b of readOhlcvCsvBatches(path, { batchSize: opts.batchSize ?? 20_000 })) {
      const n = b.length;
      await client.query(STAGE_BATCH, [
        Array.from(b.line.subarray(0, n)),
        b.ticker.slice(0, n),
        b.date.slice(0, n),
        Array.from(b.open.subarray(0, n)),
        Array.from(b.high.subarray(0, n)),
        Array.from(b.low.subarray(0, n)),
        Array.from(b.close.subarray(0, n)),
        Array.from(b.volume.subarray(0, n)),
      ]);
      rows += n;
    }
    const dup = await client.query<{ ticker: string; date: string; first: number; second: number; n: number }>(FIRST_DUPLICATE);
    if (dup.rows.length) {
      const d = dup.rows[0];
      const more = d.n > 2 ? ` (${d.n} rows in all)` : '';
      throw new UserError(
        `duplicate row for ticker ${d.ticker} on ${d.date} (${path}:${d.first} and ${path}:${d.second})${more}; keep one row per ticker and date`,
      );
    }
    const fresh = await client.query(NEW_TICKERS);
    const tickers = await client.query<{ n: number }>('SELECT count(DISTINCT ticker)::int AS n FROM vecbt_load_stage');
    await client.query(UPSERT);
    await client.query('COMMIT');
    // Fresh statistics for the batch's query plans (sampled: cheap even on a large table).
    await client.query('ANALYZE daily_market_data').catch(() => undefined);
    await client.query('ANALYZE tickers').catch(() => undefined);
    return { rows, tickers: tickers.rows[0].n, newTickers: fresh.rowCount ?? 0 };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
