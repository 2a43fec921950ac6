/**
 * Migration 0005 on a database made by the previous version: runs stored camelCase parameters with "NaN" and
 * "Infinity" strings and a stale_exits column in vecbt_results. After it, a run names its strategy (rvol_atr),
 * its params are the spec names with null for off/all, and stale_exits lives in the extras jsonb.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { listMigrations } from '../../src/data/migrate';
import { getRun } from '../../src/data/getRun';
import { planOf } from '../../src/batch';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase({ migrated: false });
  // The schema as the previous version left it: migrations 0001-0004 only.
  await db.pool.query('CREATE TABLE vecbt_migrations (id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
  for (const m of listMigrations().filter((m) => m.id <= 4)) {
    await db.pool.query(m.sql);
    await db.pool.query('INSERT INTO vecbt_migrations (id, name) VALUES ($1, $2)', [m.id, m.name]);
  }
  const params = { rvolWindow: 20, rvolMin: 2.5, atrWindow: 14, atrPctMin: 8, holdBars: 7, exitMode: 'shifted-signal', slStop: 0.03, slTrail: false, tpStop: 'NaN', fees: 0.001, fixedFees: 0, slippage: 0, initCash: 100, size: 'Infinity' };
  await db.pool.query(`INSERT INTO vecbt_runs (id, params, date_from, date_to, chunk_size, status) VALUES (1, $1, '2024-01-01', '2024-12-31', 500, 'done')`, [JSON.stringify(params)]);
  await db.pool.query(`INSERT INTO vecbt_results (run_id, ticker, chunk_no, stale_exits) VALUES (1, 'AAA', 1, 3), (1, 'BBB', 1, NULL)`);
});
afterAll(() => db?.drop());

it('migrate() moves old runs to spec names and stale_exits into extras', async () => {
  const { migrate } = await import('../../src/data/migrate');
  expect(await migrate(db.pool)).toEqual(listMigrations().filter((m) => m.id > 4).map((m) => m.name));
  const run = (await getRun(db.pool, 1))!;
  expect([run.strategy, run.strategySource, run.params]).toEqual([
    'rvol_atr',
    null,
    { rvol_window: 20, rvol_min: 2.5, atr_window: 14, atr_pct_min: 8, hold_bars: 7, exit_mode: 'shifted-signal', sl_stop: 0.03, sl_trail: false, tp_stop: null, fees: 0.001, fixed_fees: 0, slippage: 0, init_cash: 100, size: null },
  ]);
  const plan = await planOf(db.pool, run);
  expect([plan.resolved.params.rvol_min, plan.resolved.portfolio.tp_stop, plan.resolved.portfolio.size], 'the old run resolves as rvol_atr').toEqual([2.5, NaN, Infinity]);
  const { rows } = await db.pool.query(`SELECT ticker, extras FROM vecbt_results ORDER BY ticker`);
  expect(rows).toEqual([{ ticker: 'AAA', extras: { stale_exits: 3 } }, { ticker: 'BBB', extras: null }]);
  const col = await db.pool.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'vecbt_results' AND column_name = 'stale_exits'`);
  expect(col.rowCount, 'the strategy-specific column is gone').toBe(0);
});
