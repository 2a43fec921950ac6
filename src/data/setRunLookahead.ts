import type { Queryable } from './queryable';

/** Records the look-ahead check's verdict of a run's strategy file ('passed', the findings, or 'skipped'). */
export async function setRunLookahead(db: Queryable, runId: number, verdict: string): Promise<void> {
  await db.query('UPDATE vecbt_runs SET lookahead = $2 WHERE id = $1', [runId, verdict]);
}
