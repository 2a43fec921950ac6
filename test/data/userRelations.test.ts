/**
 * Issue 17 item 6: the user's `daily_market_data` need not be a table of ours. A view of that name (over a
 * table elsewhere) and a table in another schema found through search_path both migrate and run; the
 * index migration skips, with a notice, a relation that is not a table we own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { vecbt } from '../helpers/vecbtCli';
import { migrate } from '../../src/data/migrate';

let viewDb: TestDatabase;
let schemaDb: TestDatabase;
beforeAll(async () => {
  viewDb = await createTestDatabase({ migrated: false });
  schemaDb = await createTestDatabase({ migrated: false });
});
afterAll(async () => {
  await viewDb?.drop();
  await schemaDb?.drop();
});

/** 3 tickers x 40 business-ish days of a gentle random walk, as SQL rows into `table`. */
async function fillBars(pool: pg.Pool, table: string): Promise<void> {
  await pool.query(
    `INSERT INTO ${table} (ticker, date, open, high, low, close, volume)
     SELECT t, DATE '2024-01-01' + d, 10 + d * 0.1 + k, 10.5 + d * 0.1 + k, 9.5 + d * 0.1 + k, 10 + d * 0.1 + k + (d % 3) * 0.1, 1000 + (d * 37 % 11) * 100
       FROM unnest(ARRAY['AAA', 'BBB', 'CCC']) WITH ORDINALITY AS x(t, k), generate_series(0, 39) AS d`,
  );
}

describe('migrate(pool) on a daily_market_data that is not our table', () => {
  it('a view named daily_market_data: migrate applies every migration, skips the index with a notice; vecbt run reads through the view', async () => {
    const { pool } = viewDb;
    await pool.query(`CREATE SCHEMA vendor`);
    await pool.query(`CREATE TABLE vendor.bars (ticker text, date date, open float8, high float8, low float8, close float8, volume float8, PRIMARY KEY (ticker, date))`);
    await fillBars(pool, 'vendor.bars');
    await pool.query(`CREATE VIEW daily_market_data AS SELECT ticker, date, open, high, low, close, volume FROM vendor.bars`);
    const notices: string[] = [];
    const watched = new pg.Pool({ connectionString: viewDb.url, max: 1 });
    watched.on('connect', (c) => c.on('notice', (n) => notices.push(n.message ?? '')));
    try {
      await migrate(watched);
    } finally {
      await watched.end();
    }
    expect(notices.filter((n) => n.startsWith('vecbt:'))).toEqual([
      'vecbt: daily_market_data is a view, not a table we own; index vecbt_daily_market_data_date not created (reads of the run\'s dates scan it instead)',
    ]);
    const { rows } = await pool.query(`SELECT to_regclass('vecbt_daily_market_data_date') AS idx, (SELECT count(*) FROM tickers)::int AS tickers`);
    expect(rows[0]).toEqual({ idx: null, tickers: 0 });

    await pool.query(`INSERT INTO tickers (symbol) VALUES ('AAA'), ('BBB'), ('CCC')`);
    const r = await vecbt(['run', '--no-tui', '--rvol-window', '5', '--atr-window', '5'], { databaseUrl: viewDb.url });
    expect(r.code, r.err).toBe(0);
    const res = await pool.query(`SELECT ticker, status, bars FROM vecbt_results ORDER BY ticker`);
    expect(res.rows).toEqual(['AAA', 'BBB', 'CCC'].map((ticker) => ({ ticker, status: 'ok', bars: 40 })));
  });

  it('a table in another schema through search_path: the index is created beside it and the run reads it', async () => {
    const { pool } = schemaDb;
    await pool.query(`CREATE SCHEMA market`);
    await pool.query(`ALTER DATABASE ${schemaDb.name} SET search_path = market, public`);
    await pool.query(`CREATE TABLE market.daily_market_data (ticker text, date date, open float8, high float8, low float8, close float8, volume float8, PRIMARY KEY (ticker, date))`);
    await fillBars(pool, 'market.daily_market_data');
    const fresh = new pg.Pool({ connectionString: schemaDb.url, max: 2 }); // sessions that see the new search_path
    try {
      await migrate(fresh);
      const { rows } = await fresh.query(
        `SELECT n.nspname AS schema FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = 'vecbt_daily_market_data_date'`,
      );
      expect(rows).toEqual([{ schema: 'market' }]);
      await fresh.query(`INSERT INTO tickers (symbol) VALUES ('AAA'), ('BBB'), ('CCC')`);
    } finally {
      await fresh.end();
    }
    const r = await vecbt(['run', '--no-tui', '--rvol-window', '5', '--atr-window', '5'], { databaseUrl: schemaDb.url });
    expect(r.code, r.err).toBe(0);
    const res = await pool.query(`SELECT count(*)::int AS n FROM market.vecbt_results WHERE status = 'ok' AND bars = 40`);
    expect(res.rows[0].n).toBe(3);
  });
});
