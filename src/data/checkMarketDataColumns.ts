/**
 * The data contract's columns, checked before a run is created. The user's `daily_market_data` may have been
 * created by other tools: prices as numeric/real, volume as bigint/integer all work (reads cast to double
 * precision on the server). A column of another type would fail mid-run with PostgreSQL's own message, which
 * names neither the column nor a fix (a text or timestamp `date` gave a date index of zeros, then a cast
 * error): this check says which column and the ALTER that converts it. The relations are the ones the
 * search_path finds (a view is fine), as every query of the run sees them.
 */
import { UserError } from '../errors';
import type { Queryable } from './queryable';

const NUMERIC_TYPES = new Set(['double precision', 'real', 'numeric', 'bigint', 'integer', 'smallint']);
const TEXT_TYPES = new Set(['text', 'character varying', 'character', 'name']);
const REQUIRED = ['ticker', 'date', 'open', 'high', 'low', 'close', 'volume'] as const;

/** Column name -> type (format_type without modifiers: 'numeric', 'character varying'), of the relation `name` resolves to; null when there is none. */
async function columnTypes(db: Queryable, name: string): Promise<Map<string, string> | null> {
  const { rows } = await db.query<{ exists: boolean; columns: [string, string][] | null }>(
    `SELECT to_regclass($1) IS NOT NULL AS exists,
            (SELECT array_agg(ARRAY[a.attname::text, format_type(a.atttypid, NULL)])
               FROM pg_attribute a WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped) AS columns`,
    [name],
  );
  return rows[0].exists ? new Map(rows[0].columns ?? []) : null;
}

const convert = (table: string, col: string, type: string, using?: string) =>
  `convert it, e.g. ALTER TABLE ${table} ALTER COLUMN ${col} TYPE ${type}${using ? ` USING ${using}` : ''}`;

export async function checkMarketDataColumns(db: Queryable): Promise<void> {
  const types = await columnTypes(db, 'daily_market_data');
  if (!types) throw new UserError('daily_market_data does not exist in the search_path; create it with: npx vecbt db migrate, or set search_path to its schema');
  for (const col of REQUIRED) {
    const type = types.get(col);
    if (type === undefined) {
      throw new UserError(`daily_market_data has no column ${col}; vecbt expects ticker, date, open, high, low, close, volume (see the README's data contract)`);
    }
    if (col === 'ticker') {
      if (!TEXT_TYPES.has(type)) throw new UserError(`daily_market_data.ticker is ${type}; vecbt reads tickers as text: ${convert('daily_market_data', 'ticker', 'text')}`);
    } else if (col === 'date') {
      if (type !== 'date') {
        // A timestamptz's calendar date depends on a time zone: the UTC one, said outright.
        const using = type === 'timestamp with time zone' ? "(date AT TIME ZONE 'UTC')::date" : 'date::date';
        throw new UserError(`daily_market_data.date is ${type}; vecbt reads a date column: ${convert('daily_market_data', 'date', 'date', using)}`);
      }
    } else if (!NUMERIC_TYPES.has(type)) {
      throw new UserError(
        `daily_market_data.${col} is ${type}; vecbt reads double precision, real, numeric, bigint or integer: ` +
          convert('daily_market_data', col, 'double precision', `${col}::double precision`),
      );
    }
  }
  const tickers = await columnTypes(db, 'tickers');
  if (!tickers) throw new UserError('tickers does not exist in the search_path; create it with: npx vecbt db migrate, or set search_path to its schema');
  if (!tickers.has('symbol')) throw new UserError('tickers has no column symbol; vecbt expects tickers (symbol text, active boolean) (see the README\'s data contract)');
  const active = tickers.get('active');
  if (active === undefined) throw new UserError('tickers has no column active; add it: ALTER TABLE tickers ADD COLUMN active boolean NOT NULL DEFAULT true');
  if (active !== 'boolean') throw new UserError(`tickers.active is ${active}; vecbt reads a boolean: ${convert('tickers', 'active', 'boolean', 'active::boolean')}`);
}
