/**
 * End to end: a real batch on a fresh fixture database, watched through `renderTui` on a fake
 * terminal. Pressing `q` aborts after the current chunk; the run is `aborted`, and resuming it
 * (again under the TUI) finishes the remaining chunks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchRunner } from '../../src/batch';
import { synthUniverse } from '../../src/data/synth';
import { renderTui } from '../../src/ui/renderTui';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { FakeStdin, FakeStdout, stripAnsi } from './fakeTerminal';

const TICKERS = 40;
const CHUNK_SIZE = 8;

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await synthUniverse(db.pool, { tickers: TICKERS, days: 300 });
});
afterAll(() => db?.drop());

function watch(runner: BatchRunner, columns = 80) {
  const stdin = new FakeStdin();
  const stdout = new FakeStdout(columns, 40);
  const tui = renderTui(runner, { onAbort: () => runner.abort('aborted by the user'), stdin: stdin.asStream(), stdout: stdout.asStream() });
  return { stdin, tui, screen: () => stripAnsi(stdout.written) };
}

async function runRow(id: number) {
  const { rows } = await db.pool.query<{ status: string }>('SELECT status FROM vecbt_runs WHERE id = $1', [id]);
  return rows[0];
}

async function chunkStatuses(id: number): Promise<string[]> {
  const { rows } = await db.pool.query<{ status: string }>('SELECT status FROM vecbt_chunks WHERE run_id = $1 ORDER BY chunk_no', [id]);
  return rows.map((r) => r.status);
}

describe('renderTui on a real batch', () => {
  it("renderTui(runner): 'q' during chunk 1 leaves the run aborted and resumable; resuming finishes it", async () => {
    const runner = new BatchRunner({ pool: db.pool, target: 'test fixture', chunkSize: CHUNK_SIZE, retryBaseMs: 10 });
    const first = watch(runner);
    // Press q as soon as chunk 1 is reading: the runner lets it commit, then stops.
    runner.on('chunk:phase', (e) => {
      if (e.chunkNo === 1 && e.phase === 'reading') first.stdin.type('q');
    });
    const aborted = await runner.start();
    await first.tui.waitUntilExit();
    first.tui.unmount();
    const runId = aborted.runId;

    expect(aborted.status).toBe('aborted');
    expect(aborted.tickersDone, 'only chunk 1 committed').toBe(CHUNK_SIZE);
    expect(first.stdin.rawMode, 'terminal restored').toBe(false);
    expect(first.screen()).toContain('aborting after the current chunk… (the run stays resumable)');
    expect(first.screen()).toContain(`run ${runId} aborted`);
    expect(first.screen()).toContain(`the run is resumable; continue it with: npx vecbt run --resume ${runId}`);
    expect((await runRow(runId)).status).toBe('aborted');
    expect(await chunkStatuses(runId)).toEqual(['done', 'pending', 'pending', 'pending', 'pending']);

    const resumed = new BatchRunner({ pool: db.pool, target: 'test fixture', resumeRunId: runId, retryBaseMs: 10 });
    const second = watch(resumed, 120);
    const done = await resumed.start();
    await second.tui.waitUntilExit();
    second.tui.unmount();

    expect(done.status).toBe('done');
    expect(done.tickersDone).toBe(TICKERS);
    expect(second.screen()).toContain(`vecbt run ${runId} (resumed)`);
    expect(second.screen()).toContain(`run ${runId} done`);
    expect(second.screen()).toContain(`all results: npx vecbt results ${runId}`);
    expect(second.screen(), 'resumed runs rank only their own session').toContain('top 10 by total return (this session)');
    expect((await runRow(runId)).status).toBe('done');
    expect(await chunkStatuses(runId)).toEqual(['done', 'done', 'done', 'done', 'done']);
    const { rows } = await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM vecbt_results WHERE run_id = $1', [runId]);
    expect(Number(rows[0].n), 'one result row per ticker').toBe(TICKERS);
  });
});
