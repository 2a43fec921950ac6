import type { Queryable } from './queryable';

/** The active symbols of `tickers`, in byte order (COLLATE "C": the same order whatever the database's locale). */
export async function listActiveSymbols(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ symbols: string[] | null }>(
    'SELECT array_agg(symbol ORDER BY symbol COLLATE "C") AS symbols FROM tickers WHERE active',
  );
  return rows[0].symbols ?? [];
}
