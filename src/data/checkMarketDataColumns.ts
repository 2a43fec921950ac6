/**
 * The user's `daily_market_data` may have been created by other tools: prices as numeric/real, volume as
 * bigint/integer all work (reads cast to double precision on the server). A column of another type (text,
 * varchar, ...) would fail a chunk mid-run with PostgreSQL's own message, which names neither the column nor a
 * fix; this check says so before the run is created.
 */
import { UserError } from '../errors';
import type { Queryable } from './queryable';

const NUMERIC_TYPES = new Set(['double precision', 'real', 'numeric', 'bigint', 'integer', 'smallint']);
const REQUIRED = ['ticker', 'date', 'open', 'high', 'low', 'close', 'volume'] as const;

export async function checkMarketDataColumns(db: Queryable): Promise<void> {
  const { rows } = await db.query<{ column_name: string; data_type: string }>(
    `SELECT column_name, data_type FROM information_schema.columns
      WHERE table_name = 'daily_market_data' AND table_schema = ANY (current_schemas(false))`,
  );
  const types = new Map(rows.map((r) => [r.column_name, r.data_type]));
  for (const col of REQUIRED) {
    const type = types.get(col);
    if (type === undefined) {
      throw new UserError(`daily_market_data has no column ${col}; vecbt expects ticker, date, open, high, low, close, volume (see the README's data contract)`);
    }
    if (col === 'ticker' || col === 'date') continue;
    if (!NUMERIC_TYPES.has(type)) {
      throw new UserError(
        `daily_market_data.${col} is ${type}; vecbt reads double precision, real, numeric, bigint or integer: ` +
          `convert it, e.g. ALTER TABLE daily_market_data ALTER COLUMN ${col} TYPE double precision USING ${col}::double precision`,
      );
    }
  }
}
