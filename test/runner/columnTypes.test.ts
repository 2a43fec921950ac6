/** A user table with numeric prices and a bigint volume works: reads cast to float8 on the server. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { migrate } from '../../src/data/migrate';
import { synthUniverse } from '../../src/data/synth';
import { BatchRunner } from '../../src/runner';

let numeric: TestDatabase;
let float: TestDatabase;
beforeAll(async () => {
  numeric = await createTestDatabase({ migrated: false });
  await numeric.pool.query(`CREATE TABLE tickers (symbol text PRIMARY KEY, active boolean NOT NULL DEFAULT true)`);
  await numeric.pool.query(`CREATE TABLE daily_market_data (ticker text NOT NULL, date date NOT NULL, open numeric(12,2), high numeric(12,2),
    low numeric(12,2), close numeric(12,2), volume bigint, PRIMARY KEY (ticker, date))`);
  await migrate(numeric.pool);
  float = await createTestDatabase();
  for (const db of [numeric, float]) await synthUniverse(db.pool, { tickers: 12, days: 300, seed: 9 });
});
afterAll(async () => {
  await numeric?.drop();
  await float?.drop();
});

describe('daily_market_data with numeric prices and a bigint volume', () => {
  it('runs to the same results as a double precision table', async () => {
    const q = `SELECT ticker, status, total_return_pct, total_trades, sharpe_ratio FROM vecbt_results ORDER BY ticker`;
    const out = [];
    for (const db of [numeric, float]) {
      const done = await new BatchRunner({ pool: db.pool, target: 'test', chunkSize: 5 }).start();
      expect(done.status).toBe('done');
      out.push((await db.pool.query(q)).rows);
    }
    expect(out[0].length).toBe(12);
    expect(out[0]).toEqual(out[1]);
  });
});
