/** A user table with numeric prices and a bigint volume works: reads cast to float8 on the server. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { migrate } from '../../src/data/migrate';
import { synthUniverse } from '../../src/data/synth';
import { BatchRunner } from '../../src/batch';

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

describe('daily_market_data with a text price column', () => {
  let text: TestDatabase;
  beforeAll(async () => {
    text = await createTestDatabase({ migrated: false });
    await text.pool.query(`CREATE TABLE tickers (symbol text PRIMARY KEY, active boolean NOT NULL DEFAULT true)`);
    await text.pool.query(`CREATE TABLE daily_market_data (ticker text NOT NULL, date date NOT NULL, open float8, high float8,
      low float8, close text, volume float8, PRIMARY KEY (ticker, date))`);
    await migrate(text.pool);
    await text.pool.query(`INSERT INTO tickers VALUES ('AAA', true)`);
    await text.pool.query(`INSERT INTO daily_market_data VALUES ('AAA', '2024-01-02', 1, 2, 0.5, 'n/a', 100)`);
  });
  afterAll(() => text?.drop());

  it('BatchRunner.prepare() refuses it naming the column and the fix, before creating a run', async () => {
    const err = await new BatchRunner({ pool: text.pool, target: 'test' }).prepare().catch((e) => e);
    expect(err.message).toBe(
      'daily_market_data.close is text; vecbt reads double precision, real, numeric, bigint or integer: ' +
        'convert it, e.g. ALTER TABLE daily_market_data ALTER COLUMN close TYPE double precision USING close::double precision',
    );
    const runs = await text.pool.query('SELECT count(*)::int AS n FROM vecbt_runs');
    expect(runs.rows[0].n, 'no run row written').toBe(0);
  });
});
