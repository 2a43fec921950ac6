/** What a one-query data function accepts: the pool or a checked-out client (inside a transaction). */
import type { Pool, PoolClient } from 'pg';

export type Queryable = Pool | PoolClient;

const PG_EPOCH_MS = Date.UTC(2000, 0, 1);
const DAY_MS = 86_400_000;

/** Days since 2000-01-01 (PostgreSQL's date epoch) -> YYYY-MM-DD. */
export function dayToIso(day: number): string {
  return new Date(PG_EPOCH_MS + day * DAY_MS).toISOString().slice(0, 10);
}

/** YYYY-MM-DD -> days since 2000-01-01. */
export function isoToDay(iso: string): number {
  return Math.round((Date.parse(`${iso}T00:00:00Z`) - PG_EPOCH_MS) / DAY_MS);
}
