/**
 * Heroku sends SIGTERM and kills 30 s later: `vecbt run` must be gone well before. A child process gets
 * SIGTERM while its first chunk (200 of 400 tickers x 504 bars) is in flight; it exits 0 within the grace, with the
 * run aborted and every committed chunk whole.
 * test/runner/sigterm.test.ts covers the resume to a clean run's numbers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { synthUniverse } from '../../src/data/synth';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await synthUniverse(db.pool, { tickers: 400, days: 504, seed: 8 });
});
afterAll(() => db?.drop());

describe('SIGTERM grace', () => {
  it('vecbt run gets SIGTERM mid-chunk -> exit 0 well within 30 s, run aborted, whole chunks only', async () => {
    const child = spawn(process.execPath, ['bin/vecbt.mjs', 'run', '--no-tui', '--chunk-size', '200'], { env: { ...process.env, DATABASE_URL: db.url, TZ: 'UTC' } });
    let out = '';
    let sentAt = 0;
    child.stdout.on('data', (d) => {
      out += d.toString();
      // `run N start` is printed on run:start, with the signal handlers in place; the first chunk starts at once
      if (!sentAt && /^run \d+ start /m.test(out)) {
        sentAt = performance.now();
        child.kill('SIGTERM');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const graceMs = performance.now() - sentAt;
    expect(sentAt, out).toBeGreaterThan(0);
    expect(code, out).toBe(0);
    expect(graceMs, 'exit after SIGTERM within the 30 s grace').toBeLessThan(30_000);
    const runId = Number(/run (\d+)/.exec(out)![1]);
    const { rows } = await db.pool.query('SELECT status, tickers_done FROM vecbt_runs WHERE id = $1', [runId]);
    expect(rows[0].status, 'stopped after the chunk in flight').toBe('aborted');
    expect(rows[0].tickers_done % 200, 'whole chunks only').toBe(0);
    const n = await db.pool.query('SELECT count(*)::int AS n FROM vecbt_results WHERE run_id = $1', [runId]);
    expect(n.rows[0].n).toBe(rows[0].tickers_done);
  });
});
