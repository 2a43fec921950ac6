/**
 * `vecbt db load <ohlcv.csv>`: stream a long-format CSV into `daily_market_data`, upserting on
 * (ticker, date), creating missing tickers as active. One transaction for the whole file: a bad line
 * anywhere (a UserError from the CSV reader naming file:line) leaves the tables untouched. Memory stays
 * bounded by the reader's batch size, whatever the file size.
 */
import type { Pool } from 'pg';
import { UserError } from '../errors';
import { readOhlcvCsvBatches } from './csv';

const UPSERT = `INSERT INTO daily_market_data (ticker, date, open, high, low, close, volume)
  SELECT * FROM unnest($1::text[], $2::date[], $3::float8[], $4::float8[], $5::float8[], $6::float8[], $7::float8[])
  ON CONFLICT (ticker, date) DO UPDATE SET open = EXCLUDED.open, high = EXCLUDED.high, low = EXCLUDED.low,
    close = EXCLUDED.close, volume = EXCLUDED.volume`;

export interface LoadSummary {
  rows: number;
  tickers: number;
  newTickers: number;
}

export async function loadOhlcvCsv(pool: Pool, path: string, opts: { batchSize?: number } = {}): Promise<LoadSummary> {
  const client = await pool.connect();
  const seen = new Set<string>();
  let rows = 0;
  let newTickers = 0;
  try {
    await client.query('BEGIN');
    for await (const b of readOhlcvCsvBatches(path, { batchSize: opts.batchSize ?? 20_000 })) {
      const fresh = [...new Set(b.ticker.slice(0, b.length))].filter((t) => !seen.has(t));
      if (fresh.length) {
        const r = await client.query('INSERT INTO tickers (symbol) SELECT unnest($1::text[]) ON CONFLICT (symbol) DO NOTHING', [fresh]);
        newTickers += r.rowCount ?? 0;
        for (const t of fresh) seen.add(t);
      }
      try {
        await client.query(UPSERT, [
          b.ticker.slice(0, b.length),
          b.date.slice(0, b.length),
          Array.from(b.open.subarray(0, b.length)),
          Array.from(b.high.subarray(0, b.length)),
          Array.from(b.low.subarray(0, b.length)),
          Array.from(b.close.subarray(0, b.length)),
          Array.from(b.volume.subarray(0, b.length)),
        ]);
      } catch (err) {
        if ((err as { code?: string }).code === '21000') {
          throw new UserError(`${path}: the same (ticker, date) appears twice between lines ${b.line[0]} and ${b.line[b.length - 1]}; keep one row per ticker and date`);
        }
        throw err;
      }
      rows += b.length;
    }
    await client.query('COMMIT');
    // Fresh statistics for the batch's query plans (sampled: cheap even on a large table).
    await client.query('ANALYZE daily_market_data').catch(() => undefined);
    await client.query('ANALYZE tickers').catch(() => undefined);
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
  return { rows, tickers: seen.size, newTickers };
}
