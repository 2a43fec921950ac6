import type { Queryable } from './queryable';
import { RESULT_COLUMNS } from './writeChunkResults';

export const RESULT_FIELDS: readonly string[] = RESULT_COLUMNS.map((c) => c[0]);

/**
 * A run's result rows of one combination (default 0, a plain run's only one). `sort` must be one of RESULT_FIELDS (checked here: it is the only identifier not
 * passed as a parameter, and it is taken from our own constant list, never from the caller's string).
 */
export async function readResults(
  db: Queryable,
  runId: number,
  opts: { combo?: number; skippedOnly?: boolean; sort?: string; descending?: boolean; limit?: number } = {},
): Promise<Record<string, unknown>[]> {
  const col = RESULT_FIELDS.find((f) => f === (opts.sort ?? 'ticker'));
  if (!col) throw new RangeError(`readResults: unknown sort column '${opts.sort}'`);
  const dir = opts.descending ? 'DESC NULLS LAST' : 'ASC NULLS LAST';
  const tie = col === 'ticker' ? '' : ', ticker COLLATE "C"';
  const { rows } = await db.query(
    `SELECT ${RESULT_FIELDS.map((f) => (f.endsWith('_date') ? `to_char(${f}, 'YYYY-MM-DD') AS ${f}` : f)).join(', ')}
       FROM vecbt_results WHERE run_id = $1 AND combo_no = $3 AND ($4::boolean IS NOT TRUE OR status = 'skipped')
      ORDER BY ${col === 'ticker' ? 'ticker COLLATE "C"' : col} ${dir}${tie} LIMIT $2`,
    [runId, opts.limit ?? null, opts.combo ?? 0, opts.skippedOnly ?? false],
  );
  return rows;
}
