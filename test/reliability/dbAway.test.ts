/**
 * The database stays away: every attempt at one chunk loses its connection (pg_terminate_backend on every
 * backend of the database while the chunk simulates). After `maxAttempts` with backoff the run ends
 * `failed` with the reason in vecbt_runs.error, and `--resume` then completes it to the numbers of a clean
 * run. (test/runner/batch.test.ts covers a single drop that the retry absorbs.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { synthUniverse } from '../../src/data/synth';
import { BatchRunner, type BatchOptions } from '../../src/batch';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await synthUniverse(db.pool, { tickers: 12, days: 200, seed: 4 });
});
afterAll(() => db?.drop());

const runner = (o: Partial<BatchOptions>) => new BatchRunner({ pool: db.pool, target: 'test', chunkSize: 4, retryBaseMs: 10, memorySampleMs: 50, prefetch: false, ...o });
const results = async (runId: number) =>
  (await db.pool.query(`SELECT ticker, status, reason, total_return_pct, sharpe_ratio, total_trades, end_value FROM vecbt_results WHERE run_id = $1 ORDER BY ticker`, [runId])).rows;

describe('the database going away for good mid-run', () => {
  it('chunk 2 fails 3 attempts -> run failed with the reason; --resume completes it to the clean numbers', async () => {
    const r = runner({ maxAttempts: 3 });
    const errors: { attempt: number; willRetry: boolean }[] = [];
    r.on('chunk:phase', (e) => {
      if (e.chunkNo === 2 && e.phase === 'simulating') {
        execFileSync('psql', ['-X', '-q', '-d', db.url, '-c',
          'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()']);
      }
    });
    r.on('chunk:error', (e) => errors.push({ attempt: e.attempt, willRetry: e.willRetry }));
    const done = await r.start();
    expect(done.status).toBe('failed');
    expect(errors).toEqual([
      { attempt: 1, willRetry: true },
      { attempt: 2, willRetry: true },
      { attempt: 3, willRetry: false },
    ]);
    expect(done.error).toMatch(/^chunk 2 \(S00005\.\.S00008\) failed after 3 attempt\(s\): /);
    const run = (await db.pool.query(`SELECT status, error, tickers_done FROM vecbt_runs WHERE id = $1`, [done.runId])).rows[0];
    expect(run.status).toBe('failed');
    expect(run.error, 'the reason is stored').toBe(done.error);
    const chunk = (await db.pool.query(`SELECT status, attempts FROM vecbt_chunks WHERE run_id = $1 AND chunk_no = 2`, [done.runId])).rows[0];
    expect(chunk.status).toBe('failed');
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM vecbt_results WHERE run_id = $1 AND chunk_no = 2`, [done.runId])).rows[0].n, 'nothing of the failed chunk').toBe(0);

    const resumed = await runner({ resumeRunId: done.runId }).start();
    expect(resumed.status).toBe('done');
    const clean = await runner({}).start();
    const got = await results(done.runId);
    expect(got.length, 'every ticker exactly once').toBe(12);
    expect(got).toEqual(await results(clean.runId));
  });
});
