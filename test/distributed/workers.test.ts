/**
 * Distributed runs with real worker processes on a real PostgreSQL: three `vecbt worker` processes share
 * one run and produce exactly the single-process results; a worker SIGKILLed mid-chunk loses nothing (its
 * job expires and is retried); a run with no worker waits, and workers that start later join in.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { synthUniverse } from '../../src/data/synth';
import { BatchRunner } from '../../src/batch';
import { DistributedRun, formatRunWorkers, listRunWorkers } from '../../src/distributed';
import { executeDistributedRun } from '../../src/commands/executeDistributedRun';
import { PassThrough } from 'node:stream';
import { chunksOf, resultsOf, startWorker, stopWorker, strictStrategy, tradesOf, type WorkerProcess } from './helpers';

const TICKERS = 240;
const CHUNK = 20;
let db: TestDatabase;
let baseline = 0;
let workers: WorkerProcess[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  await synthUniverse(db.pool, { tickers: TICKERS, days: 320, seed: 7 });
  baseline = (await new BatchRunner({ pool: db.pool, target: 'test', chunkSize: 50 }).start()).runId;
});
afterEach(async () => {
  await Promise.all(workers.map((w) => stopWorker(w, 5000)));
  workers = [];
});
afterAll(() => db?.drop());

let strict: Awaited<ReturnType<typeof strictStrategy>>;
beforeAll(async () => {
  strict = await strictStrategy();
});

/** A distributed run of the fixture strategy file (rvol_atr's numbers; slow in workers started with TEST_SLOW_MS). */
function distributed(policy?: ConstructorParameters<typeof DistributedRun>[0]['policy']) {
  return new DistributedRun({ pool: db.pool, target: 'test', chunkSize: CHUNK, pollMs: 100, policy, ...strict });
}

async function expectIdenticalToBaseline(runId: number) {
  const { rows } = await db.pool.query('SELECT count(*)::int AS n, count(DISTINCT ticker)::int AS d FROM vecbt_results WHERE run_id = $1', [runId]);
  expect(rows[0], 'every ticker exactly once').toEqual({ n: TICKERS, d: TICKERS });
  expect(await resultsOf(db.pool, runId), 'results identical to the single-process run').toEqual(await resultsOf(db.pool, baseline));
  expect(await tradesOf(db.pool, runId), 'trades identical to the single-process run').toEqual(await tradesOf(db.pool, baseline));
}

describe('vecbt worker processes on one distributed run', () => {
  it('3 workers: run done, every ticker exactly once, results identical to the single-process run, SIGTERM exits 0', async () => {
    workers = [1, 2, 3].map((i) => startWorker(db.url, 'cli', ['--name', `w${i}`, '--poll-ms', '50']));
    await Promise.all(workers.map((w) => w.waitFor(/waiting for chunk jobs/)));
    const run = distributed();
    const events: string[] = [];
    for (const e of ['run:start', 'chunk:start', 'chunk:done', 'run:done'] as const) run.on(e, () => events.push(e));
    const done = await run.follow();
    expect(done.status, done.error).toBe('done');
    expect(done.tickersDone).toBe(TICKERS);
    expect(events.filter((e) => e === 'chunk:done').length, 'one chunk:done per chunk').toBe(TICKERS / CHUNK);
    await expectIdenticalToBaseline(done.runId);
    const chunks = await chunksOf(db.pool, done.runId);
    expect(chunks.every((c) => c.status === 'done' && /^w[123]$/.test(c.worker ?? '')), 'every chunk done, by a named worker').toBe(true);
    expect(new Set(chunks.map((c) => c.worker)).size, 'the chunks were shared').toBeGreaterThan(1);
    const { rows } = await db.pool.query(`SELECT distributed, status, peak_rss_mb FROM vecbt_runs WHERE id = $1`, [done.runId]);
    expect(rows[0].distributed).toBe(true);
    expect(rows[0].peak_rss_mb, 'peak RSS of the workers').toBeGreaterThan(20);
    const stops = await Promise.all(workers.map((w) => stopWorker(w)));
    for (const s of stops) {
      expect(s.code, 'SIGTERM: exit 0').toBe(0);
      expect(s.ms, 'SIGTERM: out well within 30 s').toBeLessThan(10_000);
    }
    const { rows: ws } = await db.pool.query(`SELECT name, rss_mb, stopped_at FROM vecbt_workers WHERE name IN ('w1', 'w2', 'w3') ORDER BY name`);
    expect(ws.map((w) => w.name)).toEqual(['w1', 'w2', 'w3']);
    expect(ws.every((w) => w.rss_mb > 0 && w.stopped_at), 'each worker left its last memory reading and its stop').toBe(true);
  });

  it('a worker SIGKILLed mid-chunk: its chunk expires and is retried by another, the run completes, no duplicates, identical results', async () => {
    const slow = startWorker(db.url, 'fixture', ['victim'], { TEST_SLOW_MS: '20000' });
    workers = [slow];
    await slow.waitFor(/waiting for chunk jobs/);
    const run = distributed({ expireInSeconds: 3, retryLimit: 2, retryDelaySeconds: 0 });
    const errors: { chunkNo: number; attempt: number; willRetry: boolean; message: string }[] = [];
    run.on('chunk:error', (e) => errors.push(e));
    const following = run.follow();
    const took = await slow.waitFor(/took chunk (\d+)/);
    const killedChunk = Number(/took chunk (\d+)/.exec(took)![1]);
    slow.child.kill('SIGKILL');
    await slow.exited;
    const runId = run.runId!;
    expect((await chunksOf(db.pool, runId))[killedChunk - 1], 'killed after claiming, before committing').toMatchObject({ status: 'running', worker: 'victim' });
    const t = Date.now();
    workers.push(startWorker(db.url, 'cli', ['--name', 'k1', '--maintenance-seconds', '1', '--poll-ms', '50']));
    const done = await following;
    expect(done.status, done.error).toBe('done');
    expect(Date.now() - t, 'the lost chunk is retried within seconds of its expiry').toBeLessThan(20_000);
    await expectIdenticalToBaseline(runId);
    const chunk = (await chunksOf(db.pool, runId))[killedChunk - 1];
    expect(chunk.status).toBe('done');
    expect(chunk.worker, 'redone by the live worker').toBe('k1');
    expect(chunk.attempts, 'claimed by the victim, then again').toBeGreaterThanOrEqual(2);
    expect(errors, 'the follower reported the lost attempt').toContainEqual(
      expect.objectContaining({ chunkNo: killedChunk, attempt: 1, willRetry: true, message: expect.stringMatching(/^worker victim did not finish it/) }),
    );
  });

  it('a run with no worker waits; a worker started later does it, and another started after that joins in', async () => {
    const run = distributed();
    let finished = false;
    const following = run.follow().then((d) => ((finished = true), d));
    await new Promise((r) => setTimeout(r, 1000));
    const runId = run.runId!;
    expect(finished, 'no worker: the run waits').toBe(false);
    expect((await chunksOf(db.pool, runId)).every((c) => c.status === 'pending'), 'nothing taken yet').toBe(true);
    const first = startWorker(db.url, 'fixture', ['late1'], { TEST_SLOW_MS: '400' });
    workers = [first];
    await first.waitFor(/chunk \d+\/\d+ of run \d+ done/);
    workers.push(startWorker(db.url, 'fixture', ['late2'], { TEST_SLOW_MS: '400' }));
    const done = await following;
    expect(done.status, done.error).toBe('done');
    await expectIdenticalToBaseline(runId);
    const by = new Set((await chunksOf(db.pool, runId)).map((c) => c.worker));
    expect([...by].sort(), 'both workers did chunks').toEqual(['late1', 'late2']);
  });

  it('executeDistributedRun (vecbt run --distributed): --detach returns at once; following prints the plain log with workers; listRunWorkers tells who did what', async () => {
    const io = () => {
      const out = new PassThrough();
      let text = '';
      out.on('data', (d) => (text += d));
      return { io: { stdout: out, stderr: out }, text: () => text };
    };
    const dbHandle = { pool: db.pool, target: '127.0.0.1:5432/test', embedded: false, close: async () => undefined };
    const d = io();
    expect(await executeDistributedRun(dbHandle, { noTui: true, settings: {}, lookaheadCheck: false, chunkSize: 60, detach: true }, d.io)).toBe(0);
    const detachedId = Number(/run (\d+)/.exec(d.text())![1]);
    expect(d.text()).toContain(`detached; follow it with: npx vecbt runs`);
    expect((await chunksOf(db.pool, detachedId)).map((c) => c.status), 'queued, nobody working').toEqual(['pending', 'pending', 'pending', 'pending']);

    workers = [startWorker(db.url, 'cli', ['--name', 'solo', '--poll-ms', '50'])];
    const f = io();
    expect(await executeDistributedRun(dbHandle, { noTui: true, settings: {}, lookaheadCheck: false, chunkSize: 120 }, f.io, { pollMs: 100 })).toBe(0);
    const runId = Number(/run (\d+)/.exec(f.text())![1]);
    expect(f.text()).toMatch(new RegExp(`^vecbt run: run ${runId} distributed on 127.0.0.1:5432/test`));
    expect(f.text()).toMatch(/^chunk 2\/2 120 tickers read .* worker solo$/m);
    expect(f.text()).toMatch(new RegExp(`^run ${runId} done `, 'm'));
    await expectIdenticalToBaseline(runId);
    // The detached run was also done by the worker meanwhile (its jobs were queued first).
    await workers[0].waitFor(new RegExp(`run ${detachedId} done`));
    expect((await chunksOf(db.pool, detachedId)).every((c) => c.status === 'done')).toBe(true);
    const byRun = await listRunWorkers(db.pool, [runId, detachedId]);
    expect(byRun.get(runId)!.map((w) => [w.worker, w.chunks])).toEqual([['solo', 2]]);
    expect(formatRunWorkers(byRun.get(detachedId))).toMatch(/^solo 4 chunks \d+MB$/);
  });

  it('SIGTERM mid-chunk: the worker commits the chunk in progress, takes no other, exits 0; the run then finishes on another worker', async () => {
    const w = startWorker(db.url, 'fixture', ['term'], { TEST_SLOW_MS: '1500' });
    workers = [w];
    await w.waitFor(/waiting for chunk jobs/);
    const run = distributed();
    const following = run.follow();
    const took = await w.waitFor(/took chunk (\d+)/);
    const chunkNo = Number(/took chunk (\d+)/.exec(took)![1]);
    await expect(
      new BatchRunner({ pool: db.pool, target: 'test', resumeRunId: run.runId! }).start(),
      'a single-process --resume is refused while a worker is mid-chunk (the worker holds the run lock shared)',
    ).rejects.toThrow(/being worked on by another process/);
    w.child.kill('SIGTERM'); // the same signal twice, as under `npx` on Heroku: the group's and npm's forwarded copy
    const stopped = await stopWorker(w);
    expect(stopped.code, 'exit 0 on SIGTERM (the duplicate is not a second press)').toBe(0);
    expect(stopped.ms, 'well within the 30 s Heroku grants').toBeLessThan(15_000);
    const runId = run.runId!;
    const chunks = await chunksOf(db.pool, runId);
    expect(chunks[chunkNo - 1], 'the chunk in progress committed').toMatchObject({ status: 'done', worker: 'term', attempts: 1 });
    expect(chunks.filter((c) => c.status === 'done').length, 'and no other chunk was taken').toBe(1);
    workers.push(startWorker(db.url, 'cli', ['--name', 'after', '--poll-ms', '50']));
    const done = await following;
    expect(done.status, done.error).toBe('done');
    await expectIdenticalToBaseline(runId);
  });

  it('vecbt worker --concurrency 2: two worker processes share the run; SIGTERM to the process group (Heroku, Ctrl-C) stops both gracefully, exit 0', async () => {
    const sup = startWorker(db.url, 'cli', ['--concurrency', '2', '--name', 'cc', '--poll-ms', '50'], {}, { group: true });
    workers = [sup];
    await sup.waitFor(/worker cc\.1 waiting for chunk jobs/);
    await sup.waitFor(/worker cc\.2 waiting for chunk jobs/);
    const done = await distributed().follow();
    expect(done.status, done.error).toBe('done');
    await expectIdenticalToBaseline(done.runId);
    const by = new Set((await chunksOf(db.pool, done.runId)).map((c) => c.worker));
    expect([...by].every((n) => n === 'cc.1' || n === 'cc.2'), [...by].join()).toBe(true);
    const stopped = await stopWorker(sup, 30_000, true);
    expect(stopped.code, sup.lines.join('\n')).toBe(0);
    expect(sup.lines.filter((l) => /SIGTERM: taking no new chunk/.test(l)), 'each child stops once, the forwarded copy ignored').toHaveLength(2);
    const { rows } = await db.pool.query(`SELECT name, pid, stopped_at IS NOT NULL AS stopped FROM vecbt_workers WHERE name LIKE 'cc.%' ORDER BY name`);
    expect(rows.map((r) => [r.name, r.stopped])).toEqual([['cc.1', true], ['cc.2', true]]);
    expect(rows[0].pid, 'two processes').not.toBe(rows[1].pid);
  });
});
