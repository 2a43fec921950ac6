import type { Queryable } from '../../data/queryable';

/** Forgets workers not seen for `days` (each worker process has its own row; names carry the pid). */
export async function pruneWorkers(db: Queryable, days = 7): Promise<number> {
  const r = await db.query(`DELETE FROM vecbt_workers WHERE seen_at < now() - $1 * interval '1 day'`, [days]);
  return r.rowCount ?? 0;
}
