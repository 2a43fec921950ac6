import type { Queryable } from './queryable';

/**
 * readEwSeries(db, runId): per (window, phase, combination), the equal-weight sums of all chunks added up bar
 * by bar, and the window's first row: keyed `${window}|${phase}|${combo}`.
 */
export async function readEwSeries(db: Queryable, runId: number): Promise<Map<string, { barFrom: number; sum: Float64Array; n: Int32Array }>> {
  const { rows } = await db.query<{ window_no: number; phase: string; combo_no: number; bar_from: number; sums: number[]; ns: number[] }>(
    `WITH bars AS (
       SELECT p.window_no, p.phase, p.combo_no, min(p.bar_from) AS bar_from, u.i, sum(u.s) AS s, sum(u.n)::int AS n
         FROM vecbt_combo_parts p, unnest(p.ew_sum, p.ew_n) WITH ORDINALITY AS u(s, n, i)
        WHERE p.run_id = $1
        GROUP BY p.window_no, p.phase, p.combo_no, u.i)
     SELECT window_no, phase, combo_no, min(bar_from) AS bar_from, array_agg(s ORDER BY i) AS sums, array_agg(n ORDER BY i) AS ns
       FROM bars GROUP BY window_no, phase, combo_no`,
    [runId],
  );
  return new Map(rows.map((r) => [`${r.window_no}|${r.phase}|${r.combo_no}`, { barFrom: r.bar_from, sum: Float64Array.from(r.sums), n: Int32Array.from(r.ns) }]));
}
