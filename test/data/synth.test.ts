import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { businessDays, synthTickerRows, synthUniverse } from '../../src/data/synth';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

describe('synthUniverse(pool, { tickers, days, seed })', () => {
  it('businessDays(5, a Sunday) ends on the Friday before', () => {
    expect(businessDays(5, '2024-12-29')).toEqual(['2024-12-23', '2024-12-24', '2024-12-25', '2024-12-26', '2024-12-27']);
  });

  it("ticker i's bars do not depend on the universe size", () => {
    const dates = businessDays(30, '2024-12-31');
    expect(synthTickerRows(3, dates, 7)).toBe(synthTickerRows(3, dates, 7));
    expect(synthTickerRows(3, dates, 7)).not.toBe(synthTickerRows(3, dates, 8));
  });

  it('writes tickers x days valid bars, and the same table when run twice', async () => {
    expect(await synthUniverse(db.pool, { tickers: 20, days: 100, seed: 5 })).toBe(2000);
    const snap = async () =>
      (await db.pool.query(`SELECT md5(string_agg(ticker || date || open || high || low || close || volume, ',' ORDER BY ticker, date)) AS h,
        count(*)::int AS n, bool_and(low <= least(open, close) AND high >= greatest(open, close) AND low > 0 AND volume > 0) AS ok
        FROM daily_market_data`)).rows[0];
    const first = await snap();
    expect(first.n).toBe(2000);
    expect(first.ok, 'low <= open/close <= high, positive prices and volumes').toBe(true);
    await synthUniverse(db.pool, { tickers: 20, days: 100, seed: 5 });
    expect(await snap()).toEqual(first);
    const { rows } = await db.pool.query('SELECT count(*)::int AS n FROM tickers WHERE active');
    expect(rows[0].n).toBe(20);
  });

  it('synthUniverse writes through binary COPY the very values of its text rows (synthTickerRows)', async () => {
    await synthUniverse(db.pool, { tickers: 3, days: 60, seed: 9, first: 501, end: '2023-06-30' });
    const dates = businessDays(60, '2023-06-30');
    for (const i of [501, 502, 503]) {
      const { rows } = await db.pool.query(
        `SELECT string_agg(ticker || E'\\t' || to_char(date, 'YYYY-MM-DD') || E'\\t' || open || E'\\t' || high || E'\\t' || low || E'\\t' || close || E'\\t' || volume || E'\\n', '' ORDER BY date) AS t
           FROM daily_market_data WHERE ticker = $1`,
        [`S00${i}`],
      );
      expect(rows[0].t, `S00${i}`).toBe(synthTickerRows(i, dates, 9));
    }
  });
});

