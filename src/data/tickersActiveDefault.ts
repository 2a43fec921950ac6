import type { Queryable } from './queryable';

/**
 * Whether `tickers.active` may be left out of an INSERT and still say "active" (it has a default, or the
 * column is missing and there is nothing to say), and how many tickers have NULL there. The contract's
 * `active boolean NOT NULL DEFAULT true` does; a user's own table may not, and then the tickers db load and
 * db synth add (they name only the symbol) get NULL.
 */
export async function tickersActiveDefault(db: Queryable): Promise<{ hasDefault: boolean; nulls: number }> {
  const { rows } = await db.query<{ has_default: boolean | null }>(
    `SELECT a.atthasdef OR a.attnotnull AS has_default
       FROM pg_attribute a WHERE a.attrelid = to_regclass('tickers') AND a.attname = 'active' AND NOT a.attisdropped`,
  );
  if (!rows.length || rows[0].has_default) return { hasDefault: true, nulls: 0 };
  const n = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM tickers WHERE active IS NULL');
  return { hasDefault: false, nulls: n.rows[0].n };
}
