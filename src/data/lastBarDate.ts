import type { Queryable } from './queryable';

/**
 * The latest bar date of any active ticker (YYYY-MM-DD), or null without data. One index probe per
 * ticker on the (ticker, date) primary key instead of a scan of the whole table.
 */
export async function lastBarDate(db: Queryable): Promise<string | null> {
  const { rows } = await db.query<{ d: string | null }>(
    `SELECT to_char(max(x.d), 'YYYY-MM-DD') AS d
       FROM tickers t CROSS JOIN LATERAL (SELECT max(date) AS d FROM daily_market_data WHERE ticker = t.symbol) x
      WHERE t.active`,
  );
  return rows[0].d;
}
