/**
 * Issue 17, contract mismatches in the user's tables: each gets a clear message before a run is created, or a
 * recorded skip, instead of a crash deep in a chunk or a `done` run over nothing.
 *   - a `date` column of type text or timestamp (a date index of zeros, then a cast error, before)
 *   - `tickers.active` without a default (db load / synth created tickers with NULL active; the run ended
 *     `done` with 0 of 0 tickers and no warning)
 *   - `--from` later than the data (a `done` run over an inverted range)
 *   - +-Infinity prices or volumes in daily_market_data (`ok` with a NULL drawdown)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { vecbt } from '../helpers/vecbtCli';
import { migrate } from '../../src/data/migrate';
import { synthUniverse } from '../../src/data/synth';

const dbs: TestDatabase[] = [];
afterAll(() => Promise.all(dbs.map((d) => d.drop())));
async function fresh(migrated = true): Promise<TestDatabase> {
  const d = await createTestDatabase({ migrated });
  dbs.push(d);
  return d;
}
const runs = async (d: TestDatabase) => (await d.pool.query('SELECT count(*)::int AS n FROM vecbt_runs')).rows[0].n;

describe('the date column of daily_market_data', () => {
  for (const [type, using] of [
    ['text', 'date::date'],
    ['character varying', 'date::date'],
    ['timestamp without time zone', 'date::date'],
    ['timestamp with time zone', "(date AT TIME ZONE 'UTC')::date"],
  ] as const) {
    it(`a date column of type ${type}: vecbt run refuses it in one line with the ALTER that fixes it, exit 2, no run`, async () => {
      const d = await fresh(false);
      await d.pool.query(`CREATE TABLE daily_market_data (ticker text, date ${type}, open float8, high float8, low float8, close float8, volume float8)`);
      await d.pool.query(`INSERT INTO daily_market_data VALUES ('AAA', '2024-01-02', 10, 11, 9, 10, 100)`);
      await migrate(d.pool);
      await d.pool.query(`INSERT INTO tickers (symbol) VALUES ('AAA')`);
      const r = await vecbt(['run', '--no-tui'], { databaseUrl: d.url });
      expect({ code: r.code, err: r.err.trim() }).toEqual({
        code: 2,
        err: `vecbt run: daily_market_data.date is ${type}; vecbt reads a date column: convert it, e.g. ALTER TABLE daily_market_data ALTER COLUMN date TYPE date USING ${using}`,
      });
      expect(await runs(d)).toBe(0);
    });
  }

  it('a ticker column of type integer: the same kind of line, exit 2', async () => {
    const d = await fresh(false);
    await d.pool.query(`CREATE TABLE daily_market_data (ticker integer, date date, open float8, high float8, low float8, close float8, volume float8)`);
    await migrate(d.pool);
    const r = await vecbt(['run', '--no-tui'], { databaseUrl: d.url });
    expect({ code: r.code, err: r.err.trim() }).toEqual({
      code: 2,
      err: 'vecbt run: daily_market_data.ticker is integer; vecbt reads tickers as text: convert it, e.g. ALTER TABLE daily_market_data ALTER COLUMN ticker TYPE text',
    });
  });
});

describe('tickers.active without a default', () => {
  let d: TestDatabase;
  beforeAll(async () => {
    d = await fresh(false);
    await d.pool.query(`CREATE TABLE tickers (symbol text PRIMARY KEY, active boolean)`);
    await migrate(d.pool);
  });

  it('vecbt db synth warns that tickers.active has no default, and how to set one', async () => {
    const r = await vecbt(['db', 'synth', '--tickers', '3', '--days', '60'], { databaseUrl: d.url });
    expect(r.code, r.err).toBe(0);
    expect(r.err.trim()).toBe(
      'vecbt: warning: tickers.active has no default, so tickers added without it (vecbt db load, db synth) get NULL, which vecbt counts as active (3 tickers are NULL now); ' +
        'to make it explicit: ALTER TABLE tickers ALTER COLUMN active SET DEFAULT true; UPDATE tickers SET active = true WHERE active IS NULL',
    );
    const { rows } = await d.pool.query('SELECT count(*)::int AS n FROM tickers WHERE active IS NULL');
    expect(rows[0].n, 'synth itself leaves them NULL (src/data/synth.ts is not ours)').toBe(3);
  });

  it('vecbt run counts the NULL-active tickers in: 3 results, not a done run over 0 tickers', async () => {
    const r = await vecbt(['run', '--no-tui', '--rvol-window', '5', '--atr-window', '5'], { databaseUrl: d.url });
    expect(r.code, r.err).toBe(0);
    const { rows } = await d.pool.query(`SELECT tickers_total, tickers_done, status FROM vecbt_runs`);
    expect(rows).toEqual([{ tickers_total: 3, tickers_done: 3, status: 'done' }]);
  });

  it('a ticker set active = false is still left out', async () => {
    await d.pool.query(`UPDATE tickers SET active = false WHERE symbol = (SELECT min(symbol) FROM tickers)`);
    const r = await vecbt(['run', '--no-tui', '--rvol-window', '5', '--atr-window', '5'], { databaseUrl: d.url });
    expect(r.code, r.err).toBe(0);
    const { rows } = await d.pool.query(`SELECT tickers_total FROM vecbt_runs ORDER BY id DESC LIMIT 1`);
    expect(rows[0].tickers_total).toBe(2);
  });
});

describe('tickers.active NOT NULL without a default', () => {
  it('vecbt db synth: one line giving the ALTER that adds the default, exit 2, nothing written', async () => {
    const d = await fresh(false);
    await d.pool.query(`CREATE TABLE tickers (symbol text PRIMARY KEY, active boolean NOT NULL)`);
    await migrate(d.pool);
    const r = await vecbt(['db', 'synth', '--tickers', '2', '--days', '30'], { databaseUrl: d.url });
    expect({ code: r.code, err: r.err.trim() }).toEqual({
      code: 2,
      err: 'vecbt db: tickers.active is NOT NULL without a default, and vecbt db load / db synth add tickers naming only the symbol; give it the default of the data contract: ALTER TABLE tickers ALTER COLUMN active SET DEFAULT true',
    });
    const { rows } = await d.pool.query('SELECT (SELECT count(*) FROM tickers)::int AS t, (SELECT count(*) FROM daily_market_data)::int AS b');
    expect(rows[0]).toEqual({ t: 0, b: 0 });
  });
});

describe('values PostgreSQL refuses, reaching it from a file', () => {
  it('vecbt db load of a year-0000 date or a NUL in a ticker: one line naming the value, exit 2 (was unexpected error, exit 1), nothing written', async () => {
    const d = await fresh();
    const dir = mkdtempSync(join(tmpdir(), 'vecbt-contract-'));
    const cases: [string, string, string][] = [
      ['y0.csv', 'AAA,0000-01-03,1,2,0.5,1.5,100', '0000-01-03'],
      ['nul.csv', 'A\u0000B,2020-01-03,1,2,0.5,1.5,100', 'NUL'],
    ];
    for (const [name, row, mention] of cases) {
      writeFileSync(join(dir, name), `ticker,date,open,high,low,close,volume\n${row}\n`);
      const r = await vecbt(['db', 'load', join(dir, name)], { databaseUrl: d.url });
      expect(r.code, `${name}: ${r.err}`).toBe(2);
      expect(r.err.trim().split('\n'), name).toHaveLength(1);
      expect(r.err, name).toContain(mention);
      expect(r.err, name).not.toContain('unexpected error');
    }
    const { rows } = await d.pool.query('SELECT count(*)::int AS n FROM daily_market_data');
    expect(rows[0].n).toBe(0);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('dates with no data', () => {
  let d: TestDatabase;
  beforeAll(async () => {
    d = await fresh();
    await synthUniverse(d.pool, { tickers: 3, days: 60, seed: 1, end: '2024-12-31' });
  });

  it('vecbt run --from later than the last bar: one line naming the last bar date, exit 2, no run', async () => {
    const r = await vecbt(['run', '--no-tui', '--from', '2030-01-01'], { databaseUrl: d.url });
    expect({ code: r.code, err: r.err.trim() }).toEqual({
      code: 2,
      err: 'vecbt run: no dates to run: from 2030-01-01 is after to 2024-12-31 (--to, or when not given the last bar date of an active ticker); choose a --from on or before 2024-12-31',
    });
    expect(await runs(d)).toBe(0);
  });

  it('vecbt run --from/--to around no bar at all: one line naming the span of the data, exit 2, no run', async () => {
    const r = await vecbt(['run', '--no-tui', '--from', '2030-01-01', '--to', '2030-12-31'], { databaseUrl: d.url });
    expect(r.code).toBe(2);
    expect(r.err.trim()).toMatch(/^vecbt run: no bar of an active ticker between 2030-01-01 and 2030-12-31 \(their bars span 2024-\d\d-\d\d to 2024-12-31\); choose dates within that span$/);
    expect(await runs(d)).toBe(0);
  });
});

describe('+-Infinity in daily_market_data', () => {
  it('a ticker with an infinite high and close, and one with an infinite volume, are recorded skipped with the reason; the others ok', async () => {
    const d = await fresh();
    await synthUniverse(d.pool, { tickers: 4, days: 80, seed: 6, end: '2024-12-31' });
    const { rows: t } = await d.pool.query(`SELECT symbol FROM tickers ORDER BY symbol`);
    const [a, b] = t.map((x) => x.symbol);
    // Cases the range checks let through as `ok` before: a close within [low, +Infinity], an infinite volume.
    await d.pool.query(`UPDATE daily_market_data SET high = 'Infinity', close = 'Infinity' WHERE ticker = $1 AND date = '2024-12-02'`, [a]);
    await d.pool.query(`UPDATE daily_market_data SET volume = 'Infinity' WHERE ticker = $1 AND date = '2024-12-03'`, [b]);
    const r = await vecbt(['run', '--no-tui'], { databaseUrl: d.url });
    expect(r.code, r.err).toBe(0);
    const { rows } = await d.pool.query(`SELECT ticker, status, reason FROM vecbt_results ORDER BY ticker`);
    const fix = (x: string) => `; fix or delete those rows of ${x} in daily_market_data, or set tickers.active = false for ${x}`;
    expect(rows.slice(0, 2)).toEqual([
      { ticker: a, status: 'skipped', reason: 'high is +Infinity on 2024-12-02' + fix(a) },
      { ticker: b, status: 'skipped', reason: 'volume is +Infinity on 2024-12-03' + fix(b) },
    ]);
    expect(rows.slice(2).map((x) => x.status)).toEqual(['ok', 'ok']);
  });
});
