import type { Queryable } from './queryable';
import { RUN_COLUMNS, toRunRow, type RunRow } from './getRun';

/** The most recent runs first (without their date index). */
export async function listRuns(db: Queryable, limit = 50): Promise<RunRow[]> {
  const { rows } = await db.query(`SELECT ${RUN_COLUMNS} FROM vecbt_runs ORDER BY id DESC LIMIT $1`, [limit]);
  return rows.map((r) => toRunRow(r));
}
