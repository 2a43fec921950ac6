import type { Queryable } from './queryable';

/** A run's combinations in order: every swept and fixed setting by spec name (JSON null: off / all). */
export async function listCombos(db: Queryable, runId: number): Promise<{ comboNo: number; params: Record<string, unknown> }[]> {
  const { rows } = await db.query<{ combo_no: number; params: Record<string, unknown> }>('SELECT combo_no, params FROM vecbt_combos WHERE run_id = $1 ORDER BY combo_no', [runId]);
  return rows.map((r) => ({ comboNo: r.combo_no, params: r.params }));
}
