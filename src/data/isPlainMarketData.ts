/**
 * Whether the user's `daily_market_data` has exactly our column types (ticker text, date date, open/high/low/
 * close/volume double precision), so a binary COPY can write it: binary values must be the columns' own types
 * (a float8 into a numeric column is an error), while text COPY lets the server cast to anything.
 */
import type { Queryable } from './queryable';

const COLUMN_TYPES = `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type FROM pg_attribute a
  WHERE a.attrelid = to_regclass('daily_market_data') AND a.attnum > 0 AND NOT a.attisdropped`;

const PLAIN: Record<string, string> = {
  ticker: 'text',
  date: 'date',
  open: 'double precision',
  high: 'double precision',
  low: 'double precision',
  close: 'double precision',
  volume: 'double precision',
};

/**
 * isPlainMarketData(db): true when binary COPY of our seven columns fits the table.
 * @example const binary = await isPlainMarketData(client)
 */
export async function isPlainMarketData(db: Queryable): Promise<boolean> {
  const { rows } = await db.query<{ name: string; type: string }>(COLUMN_TYPES);
  const typeOf = new Map(rows.map((r) => [r.name, r.type]));
  return Object.entries(PLAIN).every(([c, t]) => typeOf.get(c) === t);
}
