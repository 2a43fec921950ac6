import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { hasDateIndex, readUnionDates } from '../../src/data/readUnionDates';
import { lastBarDate } from '../../src/data/lastBarDate';
import { dayToIso } from '../../src/data/queryable';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

const iso = (days: Int32Array) => Array.from(days, dayToIso);

async function seed(): Promise<void> {
  await db.pool.query('TRUNCATE daily_market_data, tickers');
  await db.pool.query(`INSERT INTO tickers (symbol, active) VALUES ('A', true), ('B', true), ('X', false), ('Y', false)`);
  // 2024-01-03 is a gap day (no bars at all); 2024-01-04 and 2024-01-09..10 only have bars of inactive tickers
  // (X also before and after everything); 2024-01-05 only of B; unknown ticker Z (not in tickers) on 2024-01-11.
  const bars: [string, string][] = [
    ['A', '2024-01-02'], ['B', '2024-01-02'], ['X', '2024-01-02'],
    ['X', '2024-01-04'], ['Y', '2024-01-04'],
    ['B', '2024-01-05'],
    ['A', '2024-01-08'], ['X', '2024-01-08'],
    ['X', '2024-01-09'], ['Y', '2024-01-10'], ['Z', '2024-01-11'],
    ['X', '2023-12-29'], ['X', '2024-01-12'],
  ];
  await db.pool.query(
    `INSERT INTO daily_market_data (ticker, date, open, high, low, close, volume)
     SELECT t, d::date, 1, 1, 1, 1, 1 FROM unnest($1::text[], $2::text[]) AS u(t, d)`,
    [bars.map((b) => b[0]), bars.map((b) => b[1])],
  );
  await db.pool.query('ANALYZE daily_market_data');
}

async function expectExact(): Promise<void> {
  expect(iso(await readUnionDates(db.pool, '2023-12-01', '2024-02-01'))).toEqual(['2024-01-02', '2024-01-05', '2024-01-08']);
  expect(iso(await readUnionDates(db.pool, '2024-01-03', '2024-01-07'))).toEqual(['2024-01-05']);
  expect(iso(await readUnionDates(db.pool, '2024-01-02', '2024-01-02'))).toEqual(['2024-01-02']);
  await expect(readUnionDates(db.pool, '2024-01-09', '2024-01-31'), 'no dates: a UserError naming the span').rejects.toThrow(
    'no bar of an active ticker between 2024-01-09 and 2024-01-31 (their bars span 2024-01-02 to 2024-01-08); choose dates within that span',
  );
  await expect(readUnionDates(db.pool, '2024-01-08', '2024-01-02'), 'an inverted range').rejects.toThrow(
    'no dates to run: from 2024-01-08 is after to 2024-01-02 (--to, or when not given the last bar date of an active ticker); choose a --from on or before 2024-01-02',
  );
  expect(await lastBarDate(db.pool)).toBe('2024-01-08');
  await db.pool.query(`UPDATE tickers SET active = false WHERE symbol = 'A'`);
  expect(await lastBarDate(db.pool)).toBe('2024-01-05');
  expect(iso(await readUnionDates(db.pool, '2023-12-01', '2024-02-01'))).toEqual(['2024-01-02', '2024-01-05']);
  // A NULL active (a user's tickers.active without a default) counts as active.
  await db.pool.query(`ALTER TABLE tickers ALTER COLUMN active DROP NOT NULL`);
  await db.pool.query(`UPDATE tickers SET active = NULL WHERE symbol = 'A'`);
  expect(await lastBarDate(db.pool)).toBe('2024-01-08');
  expect(iso(await readUnionDates(db.pool, '2023-12-01', '2024-02-01'))).toEqual(['2024-01-02', '2024-01-05', '2024-01-08']);
  await db.pool.query(`UPDATE tickers SET active = true WHERE symbol = 'A'`);
  await db.pool.query(`ALTER TABLE tickers ALTER COLUMN active SET NOT NULL`);
  // No bar of an active ticker at all: an empty universe, empty dates (a run over nothing is the runner's call).
  await db.pool.query(`UPDATE tickers SET active = false`);
  expect(await lastBarDate(db.pool)).toBeNull();
  expect(iso(await readUnionDates(db.pool, '2023-12-01', '2024-02-01'))).toEqual([]);
  await db.pool.query('TRUNCATE daily_market_data');
  await db.pool.query(`UPDATE tickers SET active = true`);
  expect(await lastBarDate(db.pool)).toBeNull();
  expect(iso(await readUnionDates(db.pool, '2023-12-01', '2024-02-01'))).toEqual([]);
}

describe('readUnionDates / lastBarDate: only the dates of active tickers', () => {
  it('with the (date, ticker) index (loose index scan): exact dates, skipping gap days and inactive-only days', async () => {
    expect(await hasDateIndex(db.pool)).toBe(true);
    await seed();
    await expectExact();
  });

  it('without the index (not the owner of the table): the plain scan gives the same dates', async () => {
    await db.pool.query('DROP INDEX vecbt_daily_market_data_date');
    try {
      expect(await hasDateIndex(db.pool)).toBe(false);
      await seed();
      await expectExact();
    } finally {
      await db.pool.query('CREATE INDEX IF NOT EXISTS vecbt_daily_market_data_date ON daily_market_data (date, ticker)');
    }
  });
});
