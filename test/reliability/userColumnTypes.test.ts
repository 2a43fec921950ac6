/**
 * A user's daily_market_data with real (float4) prices and an integer volume: the batch runs (values are
 * cast to float8 on the server) and its numbers equal the in-memory engine on the stored values.
 * test/runner/columnTypes.test.ts covers numeric(12,2) prices and a bigint volume.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { migrate } from '../../src/data/migrate';
import { synthUniverse } from '../../src/data/synth';
import { pivotOhlcv } from '../../src/data/pivot';
import { BatchRunner, STAT_COLUMN } from '../../src/batch';
import { runStrategy } from '../../src/strategy';
import { strategies } from '../../src/strategies';
import { STAT_NAMES } from '../../src/portfolio/metrics';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase({ migrated: false });
  await db.pool.query(`CREATE TABLE tickers (symbol text PRIMARY KEY, active boolean NOT NULL DEFAULT true)`);
  await db.pool.query(`CREATE TABLE daily_market_data (ticker text NOT NULL, date date NOT NULL, open real, high real, low real, close real, volume integer, PRIMARY KEY (ticker, date))`);
  await migrate(db.pool);
  await synthUniverse(db.pool, { tickers: 8, days: 250, seed: 6 });
});
afterAll(() => db?.drop());

describe('daily_market_data with real prices and an integer volume', () => {
  it('runs to done with the in-memory engine numbers on the stored (float4) values', async () => {
    const done = await new BatchRunner({ pool: db.pool, target: 'test', chunkSize: 3, retryBaseMs: 20, memorySampleMs: 50 }).start();
    expect(done.status).toBe('done');
    const { rows } = await db.pool.query(
      `SELECT ticker, to_char(date, 'YYYY-MM-DD') AS date, open::float8 AS open, high::float8 AS high, low::float8 AS low, close::float8 AS close, volume::float8 AS volume
         FROM daily_market_data`,
    );
    const n = rows.length;
    const col = (k: string) => Float64Array.from(rows, (r) => r[k]);
    const { index, columns, data } = pivotOhlcv({ length: n, ticker: rows.map((r) => r.ticker), date: rows.map((r) => r.date), open: col('open'), high: col('high'), low: col('low'), close: col('close'), volume: col('volume'), line: new Int32Array(n) });
    const ref = runStrategy(data, strategies.rvol_atr);
    const stored = new Map((await db.pool.query(`SELECT * FROM vecbt_results WHERE run_id = $1`, [done.runId])).rows.map((r) => [r.ticker, r]));
    expect(stored.size).toBe(8);
    let trades = 0;
    for (let c = 0; c < columns.length; c++) {
      const row = stored.get(columns[c]);
      expect(row.status, columns[c]).toBe('ok');
      for (let m = 2; m < STAT_NAMES.length; m++) {
        const v = ref.stats.values[m * columns.length + c];
        expect(row[STAT_COLUMN[STAT_NAMES[m]]], `${columns[c]} ${STAT_NAMES[m]}`).toEqual(Number.isNaN(v) ? null : v);
      }
      trades += row.total_trades;
    }
    expect(index.length).toBe(250);
    expect(trades, 'the fixture trades').toBeGreaterThan(0);
  });
});
