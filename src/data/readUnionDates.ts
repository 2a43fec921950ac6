import type { Queryable } from './queryable';

/** The sorted distinct bar dates of the active tickers in [from, to], as days since 2000-01-01. */
export async function readUnionDates(db: Queryable, from: string, to: string): Promise<Int32Array> {
  const { rows } = await db.query<{ days: number[] | null }>(
    `SELECT array_agg(d ORDER BY d) AS days FROM (
       SELECT DISTINCT (m.date - DATE '2000-01-01') AS d
         FROM daily_market_data m JOIN tickers t ON t.symbol = m.ticker AND t.active
        WHERE m.date BETWEEN $1::date AND $2::date) x`,
    [from, to],
  );
  return Int32Array.from(rows[0].days ?? []);
}
