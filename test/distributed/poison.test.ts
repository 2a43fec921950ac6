/**
 * A poison chunk (its data makes the run's strategy throw) on a distributed run: retried a bounded number of
 * times, then marked failed with the reason; the other chunks complete; the run ends `failed` listing the
 * failed chunk; once the data is fixed, the single-process `--resume` (the same recorded strategy) redoes only
 * that chunk and the run equals a clean one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { synthUniverse } from '../../src/data/synth';
import { BatchRunner } from '../../src/batch';
import { DistributedRun } from '../../src/distributed';
import { chunksOf, resultsOf, startWorker, stopWorker, strictStrategy, tradesOf } from './helpers';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await synthUniverse(db.pool, { tickers: 60, days: 300, seed: 9 });
  // S00031 gets a close of -1 on one day: the fixture strategy (stored with the run) rejects non-positive prices.
  const poisoned = await db.pool.query(`UPDATE daily_market_data SET close = -1 WHERE ticker = 'S00031'
    AND date = (SELECT date FROM daily_market_data WHERE ticker = 'S00031' ORDER BY date DESC OFFSET 10 LIMIT 1)`);
  expect(poisoned.rowCount).toBe(1);
});
afterAll(() => db?.drop());

describe('a poison chunk on a distributed run', () => {
  it('is tried 3 times, then failed with the reason; the rest completes; the run fails listing it; --resume redoes only it', async () => {
    const worker = startWorker(db.url, 'fixture', ['p1']);
    try {
      await worker.waitFor(/waiting for chunk jobs/);
      const run = new DistributedRun({ pool: db.pool, target: 'test', chunkSize: 10, pollMs: 100, policy: { retryLimit: 2, retryDelaySeconds: 0 }, ...(await strictStrategy()) });
      const errors: { chunkNo: number; willRetry: boolean; message: string }[] = [];
      run.on('chunk:error', (e) => errors.push(e));
      const done = await run.follow();
      expect(done.status).toBe('failed');
      expect(done.error).toMatch(/^failed chunks: chunk 4 \(S00031\.\.S00040\): failed after 3 attempt\(s\): strategy strict_rvol_atr: indicators\(\) threw RangeError: close -1 <= 0 in column 1, row \d+ \(chunk 4, first ticker S00031\)/);
      expect(done.resumeCommand).toBe(`npx vecbt run --resume ${done.runId}`);
      expect(errors.some((e) => e.chunkNo === 4 && !e.willRetry), 'the follower reported the final failure').toBe(true);
      const chunks = await chunksOf(db.pool, done.runId);
      expect(chunks.map((c) => c.status)).toEqual(['done', 'done', 'done', 'failed', 'done', 'done']);
      expect(chunks[3].attempts, 'bounded retries: 1 + retryLimit 2').toBe(3);
      expect(chunks[3].error).toMatch(/close -1 <= 0/);
      const { rows } = await db.pool.query('SELECT status, error, tickers_done FROM vecbt_runs WHERE id = $1', [done.runId]);
      expect(rows[0]).toMatchObject({ status: 'failed', tickers_done: 50 });
      const { rows: n } = await db.pool.query('SELECT count(*)::int AS n FROM vecbt_results WHERE run_id = $1', [done.runId]);
      expect(n[0].n, 'the failed chunk wrote nothing').toBe(50);

      const { rows: before } = await db.pool.query(`SELECT chunk_no, finished_at FROM vecbt_chunks WHERE run_id = $1 AND status = 'done' ORDER BY chunk_no`, [done.runId]);
      // The fix: the data. (A run keeps its recorded strategy: a changed file would be refused.)
      await db.pool.query(`UPDATE daily_market_data SET close = (open + high) / 2 WHERE ticker = 'S00031' AND close = -1`);
      const resumed = await new BatchRunner({ pool: db.pool, target: 'test', resumeRunId: done.runId }).start();
      expect(resumed.status, resumed.error).toBe('done');
      const { rows: after } = await db.pool.query(`SELECT chunk_no, finished_at FROM vecbt_chunks WHERE run_id = $1 AND chunk_no <> 4 ORDER BY chunk_no`, [done.runId]);
      expect(after, '--resume left the done chunks alone').toEqual(before);
      const clean = await new BatchRunner({ pool: db.pool, target: 'test', chunkSize: 60, ...(await strictStrategy()) }).start();
      expect(await resultsOf(db.pool, done.runId), 'after --resume: the results of a clean run').toEqual(await resultsOf(db.pool, clean.runId));
      expect(await tradesOf(db.pool, done.runId)).toEqual(await tradesOf(db.pool, clean.runId));
    } finally {
      await stopWorker(worker);
    }
  });
});
