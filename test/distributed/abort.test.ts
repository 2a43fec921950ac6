/**
 * Aborting a distributed run from its follower (Ctrl-C / SIGTERM of `vecbt run --distributed`): the run is
 * marked aborted, a worker then acknowledges its queued jobs without doing them, and
 * `--distributed --resume` queues the remaining chunks again and finishes the run to the clean results.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { synthUniverse } from '../../src/data/synth';
import { BatchRunner } from '../../src/batch';
import { DistributedRun } from '../../src/distributed';
import { chunksOf, resultsOf, startWorker, stopWorker } from './helpers';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await synthUniverse(db.pool, { tickers: 40, days: 300, seed: 4 });
});
afterAll(() => db?.drop());

describe('DistributedRun.abort() and --distributed --resume', () => {
  it('abort() marks the run aborted; its queued jobs are then acknowledged without work; resuming it distributed finishes it', async () => {
    const run = new DistributedRun({ pool: db.pool, target: 'test', chunkSize: 10, pollMs: 50 });
    const following = run.follow();
    await new Promise((r) => setTimeout(r, 200));
    run.abort('SIGINT');
    const aborted = await following;
    expect(aborted.status).toBe('aborted');
    expect(aborted.resumeCommand).toBe(`npx vecbt run --resume ${aborted.runId}`);
    const { rows } = await db.pool.query('SELECT status, error FROM vecbt_runs WHERE id = $1', [aborted.runId]);
    expect(rows[0]).toEqual({ status: 'aborted', error: 'SIGINT' });

    const worker = startWorker(db.url, 'cli', ['--name', 'a1', '--poll-ms', '50']);
    try {
      for (let i = 0; i < 4; i++) await worker.waitFor(new RegExp(`chunk ${i + 1} of run ${aborted.runId} acknowledged without work: run is aborted`));
      expect((await chunksOf(db.pool, aborted.runId)).map((c) => c.status), 'nothing done for an aborted run').toEqual(['pending', 'pending', 'pending', 'pending']);

      const resumed = await new DistributedRun({ pool: db.pool, target: 'test', resumeRunId: aborted.runId, pollMs: 50 }).follow();
      expect(resumed.status, resumed.error).toBe('done');
      expect(resumed.runId).toBe(aborted.runId);
      const clean = await new BatchRunner({ pool: db.pool, target: 'test', chunkSize: 40 }).start();
      expect(await resultsOf(db.pool, aborted.runId)).toEqual(await resultsOf(db.pool, clean.runId));
    } finally {
      await stopWorker(worker);
    }
  });
});
