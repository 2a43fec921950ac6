/**
 * commitChunk: the step the single-process runner and the distributed workers share once a chunk is read.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { synthUniverse } from '../../src/data/synth';
import { getRun } from '../../src/data/getRun';
import { listChunks } from '../../src/data/listChunks';
import { readChunkBars } from '../../src/data/readChunkBars';
import { ChunkAlreadyDoneError } from '../../src/data/writeChunkResults';
import { BatchRunner, chunkRows, commitChunk } from '../../src/batch';
import { resolveStrategy, runStrategy } from '../../src/strategy';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await synthUniverse(db.pool, { tickers: 5, days: 120, seed: 3, end: '2024-06-28' });
});
afterAll(() => db?.drop());

it('commitChunk(client, run, 1, tickers, held, params) writes what chunkRows makes of the engine, marks the chunk done, and drops held.bars', async () => {
  const runId = await new BatchRunner({ pool: db.pool, target: 'test', chunkSize: 3 }).prepare();
  const run = (await getRun(db.pool, runId))!;
  const [first] = await listChunks(db.pool, runId);
  const params = resolveStrategy({});
  const client = await db.pool.connect();
  try {
    const bars = await readChunkBars(client, first.tickers, run.dateIndex);
    const expected = chunkRows(first.tickers, run.dateIndex, bars.barsPerCol, runStrategy(bars.data, params), { from: run.dateFrom, to: run.dateTo }, bars.data);
    const held = { bars: await readChunkBars(client, first.tickers, run.dateIndex) };
    const phases: string[] = [];
    const c = await commitChunk(client, run, first.chunkNo, first.tickers, held, params, { onWriting: () => phases.push('writing') });

    expect([held.bars, phases, c.bars, c.rows.results.ticker]).toEqual([null, ['writing'], 360, ['S00001', 'S00002', 'S00003']]);
    expect(c.rows.results).toEqual(expected.results);
    const stored = await client.query(
      `SELECT (SELECT status FROM vecbt_chunks WHERE run_id = $1 AND chunk_no = 1) AS status,
              (SELECT count(*)::int FROM vecbt_results WHERE run_id = $1) AS results,
              (SELECT count(*)::int FROM vecbt_trades WHERE run_id = $1) AS trades,
              (SELECT tickers_done FROM vecbt_runs WHERE id = $1) AS done`,
      [runId],
    );
    expect(stored.rows[0]).toEqual({ status: 'done', results: 3, trades: expected.tradeCount, done: 3 });

    // A second commit of the same chunk (a redelivered job) rolls back whole.
    const again = commitChunk(client, run, first.chunkNo, first.tickers, { bars: await readChunkBars(client, first.tickers, run.dateIndex) }, params);
    await expect(again).rejects.toSatisfy((e) => e instanceof ChunkAlreadyDoneError || (e as { code?: string }).code === '23505');
    const after = await client.query('SELECT count(*)::int AS n FROM vecbt_results WHERE run_id = $1', [runId]);
    expect(after.rows[0].n).toBe(3);
  } finally {
    client.release();
  }
});
