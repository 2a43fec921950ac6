import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { listMigrations, migrate } from '../../src/data/migrate';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase({ migrated: false });
});
afterAll(() => db?.drop());

async function tables(): Promise<string[]> {
  const { rows } = await db.pool.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`);
  return rows.map((r) => r.table_name);
}

describe('migrate(pool)', () => {
  it('keeps an existing user table (extra columns, bigint volume) untouched', async () => {
    await db.pool.query(`CREATE TABLE tickers (symbol text PRIMARY KEY, active boolean NOT NULL DEFAULT true, sector text)`);
    await db.pool.query(`CREATE TABLE daily_market_data (ticker text NOT NULL, date date NOT NULL, open numeric, high numeric, low numeric,
      close numeric, volume bigint, source text, PRIMARY KEY (ticker, date))`);
    await db.pool.query(`INSERT INTO tickers VALUES ('AAA', true, 'tech')`);
    const applied = await migrate(db.pool);
    expect(applied, 'every migration applies on first use').toEqual(listMigrations().map((m) => m.name));
    const { rows } = await db.pool.query(`SELECT sector FROM tickers WHERE symbol = 'AAA'`);
    expect(rows[0].sector, "the user's extra column and row survive").toBe('tech');
    const t = await db.pool.query(`SELECT data_type FROM information_schema.columns WHERE table_name = 'daily_market_data' AND column_name = 'volume'`);
    expect(t.rows[0].data_type, 'the user volume type is kept').toBe('bigint');
  });

  it('creates our tables and records each migration once', async () => {
    expect(await tables()).toEqual(expect.arrayContaining(['vecbt_runs', 'vecbt_chunks', 'vecbt_results', 'vecbt_trades', 'vecbt_migrations']));
    const { rows } = await db.pool.query('SELECT id, name FROM vecbt_migrations ORDER BY id');
    expect(rows.map((r) => r.name)).toEqual(listMigrations().map((m) => m.name));
  });

  it('is idempotent: a second and a concurrent third call apply nothing', async () => {
    const before = await tables();
    const [a, b] = await Promise.all([migrate(db.pool), migrate(db.pool)]);
    expect(a).toEqual([]);
    expect(b).toEqual([]);
    expect(await tables()).toEqual(before);
    const { rows } = await db.pool.query('SELECT count(*)::int AS n FROM vecbt_migrations');
    expect(rows[0].n).toBe(listMigrations().length);
  });
});
