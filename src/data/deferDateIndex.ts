/**
 * Bulk writes into daily_market_data without our (date, ticker) index, rebuilt once at the end, when that is the
 * cheaper way: the index (migration 0004, ours on the user's table) receives rows in ticker order, i.e. in random
 * (date, ticker) order, and maintaining it row by row was most of a bulk load. Measured on 3.02 M bars into an
 * empty table (2-core machine, PostgreSQL 15): psql's \copy 20.3 s with the index, 6.2 s without it, and building
 * it afterwards 1.9 s. A rebuild costs in proportion to the whole table, so it is chosen only when the incoming
 * rows are at least a quarter of what the table already holds (and a bulk at all: 100,000 rows or more).
 *
 * Inside the caller's transaction: DROP INDEX and CREATE INDEX are transactional, so a failure (a bad line, a
 * duplicate, a dropped connection) rolls the index back with the rows, and other sessions never see the table
 * without it. The price: the drop holds an ACCESS EXCLUSIVE lock on daily_market_data until COMMIT, so readers
 * (a batch run's chunk reads) wait for the end of the load instead of reading beside it.
 */
import type { PoolClient } from 'pg';

/** Below this many incoming rows the index is kept (its upkeep is small, the rebuild's cost is not). */
export const DEFER_MIN_ROWS = 100_000;

/** our index on the daily_market_data that search_path finds, when our role owns it */
const WHERE_OURS = `i.indrelid = to_regclass('daily_market_data') AND x.relname = 'vecbt_daily_market_data_date'
    AND pg_has_role(current_user, x.relowner, 'USAGE')`;

const OUR_INDEX = `SELECT pg_get_indexdef(i.indexrelid) AS def,
    (SELECT greatest(c.reltuples, 0)::float8 FROM pg_class c WHERE c.oid = i.indrelid) AS rows
  FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid WHERE ${WHERE_OURS}`;

/** the drop names the index by its oid's regclass (schema-qualified and quoted by the server) */
const DROP_OUR_INDEX = `DO $$ BEGIN
  EXECUTE format('DROP INDEX %s', (SELECT i.indexrelid::regclass FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid WHERE ${WHERE_OURS}));
END $$`;

/**
 * deferDateIndex(client, incomingRows): drop our date index when rebuilding it after `incomingRows` is cheaper
 * than maintaining it; returns the function that rebuilds it (run it before COMMIT), or null when the index is
 * kept (or absent, or not ours).
 * @example const rebuild = await deferDateIndex(client, 3_000_000); await copy(); await rebuild?.(); await client.query('COMMIT')
 */
export async function deferDateIndex(client: PoolClient, incomingRows: number): Promise<(() => Promise<void>) | null> {
  if (incomingRows < DEFER_MIN_ROWS) return null;
  const { rows } = await client.query<{ def: string; rows: number }>(OUR_INDEX);
  if (rows.length === 0) return null;
  const { def, rows: existing } = rows[0];
  if (incomingRows * 4 < existing) return null;
  await client.query(DROP_OUR_INDEX);
  return async () => {
    // the build sorts the whole table: a larger sort memory for this transaction only (~20% faster on 3 M rows)
    await client.query(`SELECT set_config('maintenance_work_mem', '256MB', true)
      WHERE pg_size_bytes(current_setting('maintenance_work_mem')) < pg_size_bytes('256MB')`);
    await client.query(def);
  };
}
