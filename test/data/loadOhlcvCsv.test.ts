import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { loadOhlcvCsv } from '../../src/data/loadOhlcvCsv';
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
});
