/**
 * runChunk: the step the single-process runner and the distributed workers share: read -> strategy -> simulate
 * -> rows -> one transaction -> figures.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { synthUniverse } from '../../src/data/synth';
import { getRun } from '../../src/data/getRun';
import { listChunks } from '../../src/data/listChunks';
import { readChunkBars } from '../../src/data/readChunkBars';
import { ChunkAlreadyDoneError } from '../../src/data/writeChunkResults';
import { BatchRunner, chunkRows, planOf, runChunk, skipVerdicts, strategyView } from '../../src/batch';
import { runStrategy, defineStrategy, StrategyError } from '../../src/strategy';
import { strategies } from '../../src/strategies';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await synthUniverse(db.pool, { tickers: 5, days: 120, seed: 3, end: '2024-06-28' });
});
afterAll(() => db?.drop());

it('runChunk(client, { run, plan, 1, tickers }) writes what chunkRows makes of the strategy, marks the chunk done, records its figures', async () => {
  const runId = await new BatchRunner({ pool: db.pool, target: 'test', chunkSize: 3 }).prepare();
  const run = (await getRun(db.pool, runId))!;
  const plan = await planOf(db.pool, run);
  expect(plan.fields, 'rvol_atr reads high, low, close and volume, not open').toEqual(['high', 'low', 'close', 'volume']);
  const [first] = await listChunks(db.pool, runId);
  const client = await db.pool.connect();
  try {
    const bars = await readChunkBars(client, first.tickers, run.dateIndex);
    const r = runStrategy(bars.data, strategies.rvol_atr);
    const verdicts = skipVerdicts(first.tickers, run.dateIndex, bars.barsPerCol, 21, { from: run.dateFrom, to: run.dateTo }, bars.data);
    const expected = chunkRows(first.tickers, run.dateIndex, bars.barsPerCol, [{ comboNo: 0, stats: r.stats, sim: r.sim, extras: r.extras, verdicts }]);
    const phases: string[] = [];
    const c = await runChunk(client, { run, plan, chunkNo: first.chunkNo, symbols: first.tickers }, { onPhase: (p) => phases.push(p) });

    expect([phases, c.bars, c.rows.results.ticker]).toEqual([['reading', 'simulating', 'writing'], 360, ['S00001', 'S00002', 'S00003']]);
    expect(c.rows.results, 'the same rows as the strategy on all five fields').toEqual(expected.results);
    expect(c.rows.results.extras[0]).toMatch(/^\{"stale_exits":\d+\}$/);
    const stored = await client.query(
      `SELECT (SELECT status FROM vecbt_chunks WHERE run_id = $1 AND chunk_no = 1) AS status,
              (SELECT read_ms IS NOT NULL AND rss_mb > 0 FROM vecbt_chunks WHERE run_id = $1 AND chunk_no = 1) AS figures,
              (SELECT count(*)::int FROM vecbt_results WHERE run_id = $1) AS results,
              (SELECT count(*)::int FROM vecbt_trades WHERE run_id = $1) AS trades,
              (SELECT tickers_done FROM vecbt_runs WHERE id = $1) AS done,
              (SELECT extras FROM vecbt_results WHERE run_id = $1 AND ticker = 'S00001') AS extras`,
      [runId],
    );
    expect(stored.rows[0]).toEqual({ status: 'done', figures: true, results: 3, trades: expected.tradeCount, done: 3, extras: JSON.parse(expected.results.extras[0] as string) });

    // A second commit of the same chunk (a redelivered job) rolls back whole.
    const again = runChunk(client, { run, plan, chunkNo: first.chunkNo, symbols: first.tickers });
    await expect(again).rejects.toSatisfy((e) => e instanceof ChunkAlreadyDoneError || (e as { code?: string }).code === '23505');
    const after = await client.query('SELECT count(*)::int AS n FROM vecbt_results WHERE run_id = $1', [runId]);
    expect(after.rows[0].n).toBe(3);
  } finally {
    client.release();
  }
});

it('runChunk with a strategy that throws writes nothing and names the strategy, the chunk and its first ticker', async () => {
  const boom = defineStrategy({
    name: 'boom', description: 'throws', fields: ['close'], params: {}, warmup: () => 1,
    indicators: () => ({}),
    signals: () => {
      throw new Error('no signal today');
    },
  });
  const runner = new BatchRunner({ pool: db.pool, target: 'test', chunkSize: 3, strategy: boom as never });
  const runId = await runner.prepare();
  await expect(runner.start()).rejects.toThrow('strategy boom: signals() threw no signal today (chunk 1, first ticker S00001)');
  const { rows } = await db.pool.query(
    `SELECT r.status, r.error, c.status AS chunk, (SELECT count(*)::int FROM vecbt_results WHERE run_id = r.id) AS results
       FROM vecbt_runs r JOIN vecbt_chunks c ON c.run_id = r.id AND c.chunk_no = 1 WHERE r.id = $1`,
    [runId],
  );
  expect(rows[0]).toMatchObject({ status: 'failed', chunk: 'failed', results: 0 });
  expect(rows[0].error).toContain('no signal today');
});

it('strategyView(data, name) refuses a field the read skipped, naming the strategy and the fix', () => {
  const e = new Float64Array(0);
  const v = strategyView({ nRows: 2, nCols: 1, open: e, high: e, low: e, close: Float64Array.of(1, 2), volume: e }, 'mine');
  expect(Array.from(v.close)).toEqual([1, 2]);
  expect(() => v.open).toThrow(StrategyError);
  expect(() => v.volume).toThrow("strategy mine reads data.volume but does not list 'volume' in its fields; add it to \"fields\"");
});
