import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { loadOhlcvCsv } from '../../src/data/loadOhlcvCsv';
import type { DataProgressEvent } from '../../src/data/dataProgress';
import { UserError } from '../../src/errors';

let db: TestDatabase;
const dir = mkdtempSync(join(tmpdir(), 'vecbt-load-'));
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

const count = async (sql: string, params: unknown[] = []) => (await db.pool.query(sql, params)).rows[0].n as number;

describe('loadOhlcvCsv(pool, path)', () => {
  it('loads the GOOG fixture, creating the ticker active', async () => {
    const s = await loadOhlcvCsv(db.pool, 'data-fixtures/real/goog_backtesting_py.csv');
    expect(s).toEqual({ rows: 2148, tickers: 1, newTickers: 1 });
    expect(await count(`SELECT count(*)::int AS n FROM daily_market_data WHERE ticker = 'GOOG'`)).toBe(2148);
    expect(await count(`SELECT count(*)::int AS n FROM tickers WHERE symbol = 'GOOG' AND active`)).toBe(1);
  });

  it('upserts: loading again changes values, never duplicates', async () => {
    const f = join(dir, 'fix.csv');
    writeFileSync(f, 'ticker,date,open,high,low,close,volume\nGOOG,2004-08-19,1,2,0.5,1.5,10\n');
    const s = await loadOhlcvCsv(db.pool, f);
    expect(s).toEqual({ rows: 1, tickers: 1, newTickers: 0 });
    expect(await count(`SELECT count(*)::int AS n FROM daily_market_data WHERE ticker = 'GOOG'`)).toBe(2148);
    const { rows } = await db.pool.query(`SELECT close FROM daily_market_data WHERE ticker = 'GOOG' AND date = '2004-08-19'`);
    expect(rows[0].close).toBe(1.5);
  });

  it("round-trips a hostile ticker name untouched (parameterized SQL)", async () => {
    const f = join(dir, 'evil.csv');
    const evil = `"x'; drop table tickers; --"`;
    writeFileSync(f, `ticker,date,open,high,low,close,volume\n${evil},2020-01-02,1,2,0.5,1.5,10\n`);
    await loadOhlcvCsv(db.pool, f);
    expect(await count(`SELECT count(*)::int AS n FROM tickers WHERE symbol = $1`, [`x'; drop table tickers; --`])).toBe(1);
  });

  it('a bad line rejects the whole file with a UserError and writes nothing', async () => {
    const f = join(dir, 'bad.csv');
    writeFileSync(f, 'ticker,date,open,high,low,close,volume\nNEW1,2020-01-02,1,2,0.5,1.5,10\nNEW1,2020-01-03,1,2,abc,1.5,10\n');
    await expect(loadOhlcvCsv(db.pool, f)).rejects.toBeInstanceOf(UserError);
    expect(await count(`SELECT count(*)::int AS n FROM tickers WHERE symbol = 'NEW1'`), 'no partial write').toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM daily_market_data WHERE ticker = 'NEW1'`)).toBe(0);
  });

  /** `n` rows of new tickers B00000.. (200 dates each), full-precision values; `tail` appended as is */
  function bigFile(name: string, n: number, tail = '', prefix = 'B'): string {
    const f = join(dir, name);
    const rows: string[] = [];
    for (let i = 0; i < n; i++) {
      const d = new Date(Date.UTC(2010, 0, 1) + (i % 200) * 86_400_000).toISOString().slice(0, 10);
      rows.push(`${prefix}${String(Math.floor(i / 200)).padStart(5, '0')},${d},${1 + i / 3},${2 + i / 3},${0.5 + i / 7},${1.5 + i / 3},${i}`);
    }
    writeFileSync(f, `ticker,date,open,high,low,close,volume\n${rows.join('\n')}\n${tail}`);
    return f;
  }
  const indexDef = async () =>
    (await db.pool.query(`SELECT pg_get_indexdef(to_regclass('vecbt_daily_market_data_date')) AS d`)).rows[0].d as string | null;

  it('loadOhlcvCsv of 120,000 new rows (direct COPY, date index rebuilt) stores every value exactly and keeps the index', async () => {
    const before = await indexDef();
    expect(before, 'the migration made it').toMatch(/\(date, ticker\)/);
    const s = await loadOhlcvCsv(db.pool, bigFile('big.csv', 120_000));
    expect(s).toEqual({ rows: 120_000, tickers: 600, newTickers: 600 });
    const { rows } = await db.pool.query(`SELECT count(*)::int AS n, sum(volume)::float8 AS v,
      bool_and(close = 1.5 + volume / 3 AND low = 0.5 + volume / 7) AS exact FROM daily_market_data WHERE ticker LIKE 'B%'`);
    expect(rows[0]).toEqual({ n: 120_000, v: (119_999 * 120_000) / 2, exact: true });
    expect(await indexDef(), 'the same index after the load').toBe(before);
  });

  it('loadOhlcvCsv of 120,000 rows with a bad last line writes nothing and keeps the date index', async () => {
    const before = await indexDef();
    const n = await count(`SELECT count(*)::int AS n FROM daily_market_data`);
    const f = bigFile('bigbad.csv', 120_000, 'C00001,2020-01-01,1,1,1,oops,1\n', 'D');
    await expect(loadOhlcvCsv(db.pool, f)).rejects.toThrow(`${f}:120002: column "close" value "oops"`);
    expect(await count(`SELECT count(*)::int AS n FROM daily_market_data`), 'no row of the file').toBe(n);
    expect(await indexDef(), 'the drop rolled back with the rows').toBe(before);
  });

  it('loadOhlcvCsv of rows already in the table (the upsert path) updates them, and reports its phases', async () => {
    const f = join(dir, 'again.csv');
    writeFileSync(f, 'ticker,date,open,high,low,close,volume\nB00000,2010-01-01,9,9,9,9,9\nNEWT,2010-01-01,1,1,1,1,1\n');
    const events: DataProgressEvent[] = [];
    const s = await loadOhlcvCsv(db.pool, f, { onProgress: (e) => events.push(e) });
    expect(s).toEqual({ rows: 2, tickers: 2, newTickers: 1 });
    expect(await count(`SELECT count(*)::int AS n FROM daily_market_data WHERE ticker = 'B00000' AND date = '2010-01-01' AND close = 9`)).toBe(1);
    expect(events.filter((e) => e.type === 'step:phase').map((e) => (e.type === 'step:phase' ? e.phase : '')), 'read again into the stage, then upserted').toEqual(['restage', 'upsert']);
    const last = events[events.length - 1];
    expect(last).toMatchObject({ type: 'step:done', step: 'load', rows: 2, tickers: 2, newTickers: 1 });
  });

  it('loadOhlcvCsv of 120,000 rows whose first row is already in the table: the direct COPY stops at once, the upsert loads all', async () => {
    // the server refuses the COPY on row 1 while megabytes are still to be sent: none of them may reach the next statement
    const f = bigFile('firstold.csv', 120_000, '', 'E');
    writeFileSync(f, readFileSync(f, 'utf8').replace('volume\n', 'volume\nB00001,2010-01-02,7,7,7,7,7\n'));
    expect(await loadOhlcvCsv(db.pool, f)).toEqual({ rows: 120_001, tickers: 601, newTickers: 600 });
    expect(await count(`SELECT count(*)::int AS n FROM daily_market_data WHERE ticker LIKE 'E%'`)).toBe(120_000);
    expect(await count(`SELECT count(*)::int AS n FROM daily_market_data WHERE ticker = 'B00001' AND date = '2010-01-02' AND close = 7`), 'updated').toBe(1);
  });

  it('loadOhlcvCsv reports progress in bytes of the file, rising to its size', async () => {
    const f = bigFile('progress.csv', 60_000, '', 'P');
    const size = (await import('node:fs')).statSync(f).size;
    const done: number[] = [];
    await loadOhlcvCsv(db.pool, f, { onProgress: (e) => e.type === 'step:progress' && done.push(e.done) });
    expect(done.length, 'one event per read chunk (~1 MB)').toBeGreaterThanOrEqual(3);
    expect(done.every((d, i) => i === 0 || d >= done[i - 1]), 'never backwards').toBe(true);
    expect(done[done.length - 1]).toBe(size);
  });
});

describe('loadOhlcvCsv into a table with numeric prices and a bigint volume', () => {
  let other: TestDatabase;
  beforeAll(async () => {
    other = await createTestDatabase({ migrated: false });
    await other.pool.query(`CREATE TABLE daily_market_data (ticker text NOT NULL, date date NOT NULL, open numeric(12,4), high numeric(12,4),
      low numeric(12,4), close numeric(12,4), volume bigint, PRIMARY KEY (ticker, date))`);
    const { migrate } = await import('../../src/data/migrate');
    await migrate(other.pool);
  });
  afterAll(() => other?.drop());

  it('loadOhlcvCsv stores the values cast to the columns own types (staged, not a binary COPY of float8)', async () => {
    const f = join(dir, 'numeric.csv');
    writeFileSync(f, 'ticker,date,open,high,low,close,volume\nN,2020-01-02,1.23456,2,0.5,1.5,1000\n');
    expect(await loadOhlcvCsv(other.pool, f)).toEqual({ rows: 1, tickers: 1, newTickers: 1 });
    const { rows } = await other.pool.query(`SELECT open::text AS open, volume::text AS volume FROM daily_market_data`);
    expect(rows).toEqual([{ open: '1.2346', volume: '1000' }]);
  });
});
