import type { Pool } from 'pg';

export interface NewRun {
  /** The strategy's name (a built-in, or the name a strategy file declares). */
  strategy: string;
  /** A strategy file's path as given, its source text and SHA-256 (null for a built-in). */
  strategyFile?: string | null;
  strategySource?: string | null;
  strategySha256?: string | null;
  /** The look-ahead check's verdict when the strategy file was first used, or null. */
  lookahead?: string | null;
  /** Every strategy parameter and portfolio setting, by spec name (JSON null: off / all). */
  params: Record<string, unknown>;
  kind?: 'single' | 'sweep' | 'walk-forward' | 'split';
  /** A sweep's combinations, each with every setting by spec name (combo_no = its position). */
  combos?: Record<string, unknown>[];
  grid?: Record<string, unknown> | null;
  windows?: unknown[] | null;
  selectMetric?: string | null;
  keepTrades?: number | null;
  dateFrom: string;
  dateTo: string;
  chunkSize: number;
  /** Days since 2000-01-01, ascending. */
  dateIndex: Int32Array;
  symbols: readonly string[];
}

/** Inserts the run and all its pending chunks in one transaction; returns the run id. */
export async function createRun(pool: Pool, run: NewRun): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const chunksTotal = Math.ceil(run.symbols.length / run.chunkSize);
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO vecbt_runs (params, date_from, date_to, chunk_size, tickers_total, chunks_total, date_index, status,
                               strategy, strategy_file, strategy_source, strategy_sha256, lookahead, kind, combos_total, grid, windows,
                               select_metric, keep_trades)
       VALUES ($1::jsonb, $2::date, $3::date, $4, $5, $6, $7::int[], 'running', $8, $9, $10, $11, $12, $13, $14, $15::jsonb, $16::jsonb, $17, $18)
       RETURNING id`,
      [
        JSON.stringify(run.params), run.dateFrom, run.dateTo, run.chunkSize, run.symbols.length, chunksTotal, Array.from(run.dateIndex),
        run.strategy, run.strategyFile ?? null, run.strategySource ?? null, run.strategySha256 ?? null, run.lookahead ?? null,
        run.kind ?? 'single', Math.max(1, run.combos?.length ?? 1), run.grid ? JSON.stringify(run.grid) : null,
        run.windows ? JSON.stringify(run.windows) : null, run.selectMetric ?? null, run.keepTrades ?? null,
      ],
    );
    const id = Number(rows[0].id);
    // One row per chunk; the chunk's symbols as a JSON array of arrays (one parameter, any names).
    const chunks: string[][] = [];
    for (let i = 0; i < run.symbols.length; i += run.chunkSize) chunks.push(run.symbols.slice(i, i + run.chunkSize));
    if (chunks.length) {
      await client.query(
        `INSERT INTO vecbt_chunks (run_id, chunk_no, tickers)
         SELECT $1, c.ord::int, ARRAY(SELECT jsonb_array_elements_text(c.t))
           FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS c(t, ord)`,
        [id, JSON.stringify(chunks)],
      );
    }
    if (run.combos?.length) {
      await client.query(
        `INSERT INTO vecbt_combos (run_id, combo_no, params)
         SELECT $1, (c.ord - 1)::int, c.p FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS c(p, ord)`,
        [id, JSON.stringify(run.combos)],
      );
    }
    await client.query('COMMIT');
    return id;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
