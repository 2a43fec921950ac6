import type { Queryable } from './queryable';

/**
 * The active symbols of `tickers`, in byte order (COLLATE "C": the same order whatever the database's locale).
 * Active = not false: a NULL `active` counts in. The contract declares `active boolean NOT NULL DEFAULT true`,
 * but a user's own `tickers` may lack the default, and then the tickers db load / synth add get NULL: leaving
 * them out made a run over 0 tickers end `done` without a word (withDatabase warns about the missing default).
 */
export async function listActiveSymbols(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ symbols: string[] | null }>(
    'SELECT array_agg(symbol ORDER BY symbol COLLATE "C") AS symbols FROM tickers WHERE active IS NOT FALSE',
  );
  return rows[0].symbols ?? [];
}
